// Dates and numbers in the UI's language, through Intl (no locale data shipped with the bundle).
// Times are Beijing time whatever the device's zone: deadlines, case files and the people a worker
// talks to all count in it, and two staff must never read different times off the same case.

/** The zone every time on the platform is read in. */
export const PLATFORM_TIME_ZONE = 'Asia/Shanghai';

/** A date written out in full, e.g. 2026年11月29日星期日 / Sunday, November 29, 2026. */
export function formatLongDate(value: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: PLATFORM_TIME_ZONE }).format(value);
}

/** Date and time to the minute, e.g. 2026/11/29 14:03 / Nov 29, 2026, 2:03 PM. */
export function formatDateTime(value: Date | string, language: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: PLATFORM_TIME_ZONE,
  }).format(date);
}

/** A clock time with seconds, e.g. 14:03:21 / 2:03:21 PM. */
export function formatTime(value: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium', timeZone: PLATFORM_TIME_ZONE }).format(
    value,
  );
}
