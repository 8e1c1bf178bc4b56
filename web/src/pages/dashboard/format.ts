// Numbers, rates, periods and durations as the dashboard writes them, in the UI's language.
import type { TFunction } from 'i18next';

/** A rate 0..1 as a percentage to one decimal (94.8%), or a dash when nothing was counted. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

/** Hours to one decimal, or a dash. */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined ? '—' : hours.toFixed(1);
}

function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * Both days included: 2026年11月1日至30日 / November 1 – 30, 2026. Chinese is written out here: ICU
 * ranges of Chinese dates fall back to 2026/11/1 – 2026/11/30.
 */
export function formatPeriod(from: string, to: string, language: string): string {
  if (language.startsWith('zh')) {
    const [fy, fm, fd] = from.split('-').map(Number);
    const [ty, tm, td] = to.split('-').map(Number);
    const start = `${fy}年${fm}月${fd}日`;
    if (from === to) return start;
    if (fy !== ty) return `${start}至${ty}年${tm}月${td}日`;
    return fm === tm ? `${start}至${td}日` : `${start}至${tm}月${td}日`;
  }
  const format = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return from === to ? format.format(day(from)) : format.formatRange(day(from), day(to));
}

/** A short day for axis labels: 11/29 or 11月29日 style, per language. */
export function formatShortDay(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(
    day(date),
  );
}

/** A month label of a series bucket (`2026-11`). */
export function formatMonth(month: string, language: string): string {
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    day(`${month}-01`),
  );
}

/** How long past a deadline: days and hours, hours, or minutes. */
export function formatOverdue(minutes: number, t: TFunction<'dashboard'>): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0)
    return hours > 0
      ? `${t('attention.days', { count: days })} ${t('attention.hours', { count: hours })}`
      : t('attention.days', { count: days });
  if (hours > 0) return t('attention.hours', { count: hours });
  return t('attention.minutes', { count: Math.max(1, minutes) });
}

/** Of the cases being handled now, the share overdue; null when none is being handled. */
export function overdueShare(overdueNow: number, handlingNow: number): number | null {
  return handlingNow === 0 ? null : Math.min(1, overdueNow / handlingNow);
}
