/** The current instant as stored: ISO 8601 UTC text, which sorts as time does. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** China Standard Time is UTC+8 all year (no daylight saving): local dates and days are Beijing's. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The local (Beijing) date of an instant, `YYYY-MM-DD`. */
export function localDateOf(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date starts, as stored (00:00 in Beijing is 16:00 UTC the day before). */
export function startOfLocalDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();
}

/** A local date some days later (or earlier). */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
