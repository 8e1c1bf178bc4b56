import { addLocalDays as addDays, localDateOf, startOfLocalDay } from '../../platform/time.ts';

/**
 * Periods and buckets of the figures. Periods are given as local (Beijing, fixed UTC+8) dates and
 * compared against stored ISO 8601 UTC text, so each local date is turned into the UTC instant at
 * which it starts; string comparison then matches time order.
 */

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
export type Interval = 'day' | 'week' | 'month';

/** A half-open period of local dates: `from` is the first day, `to` the first day after it. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** The period as stored instants: `[fromAt, toAt)` in ISO UTC. */
export interface PeriodBounds {
  fromAt: string;
  toAt: string;
}

const DAY_MS = 86_400_000;

// The local-date arithmetic lives in platform/time.ts; the figures name it as they always have.
export { addLocalDays as addDays, localDateOf, startOfLocalDay } from '../../platform/time.ts';

export function boundsOf(period: Period): PeriodBounds {
  return { fromAt: startOfLocalDay(period.from), toAt: startOfLocalDay(period.to) };
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function firstOfMonth(date: LocalDate, monthsLater = 0): LocalDate {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

/** The period asked for, each missing end defaulting to the current local month's. */
export function resolvePeriod(from: LocalDate | undefined, to: LocalDate | undefined, now: Date): Period {
  const today = localDateOf(now);
  return { from: from ?? firstOfMonth(today), to: to ?? firstOfMonth(today, 1) };
}

/** The longest period a series may cover, in days: a daily series of three years is ~1,100 points. */
export const MAX_SERIES_DAYS: Record<Interval, number> = { day: 3 * 366, week: 10 * 366, month: 30 * 366 };

/** The bucket a local day falls in: the day itself, the Monday of its ISO week, or its month. */
export function bucketOf(interval: Interval, day: LocalDate): string {
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** A bucket of a series, clipped to the period: `[from, to)` in local dates. */
export interface Bucket {
  label: string;
  from: LocalDate;
  to: LocalDate;
  days: LocalDate[];
}

/** Every bucket of the period in order, empty ones included, each with the local days it holds. */
export function bucketsOf(interval: Interval, period: Period): Bucket[] {
  const buckets: Bucket[] = [];
  for (let day = period.from; day < period.to; day = addDays(day, 1)) {
    const label = bucketOf(interval, day);
    const last = buckets.at(-1);
    if (last?.label === label) {
      last.days.push(day);
      last.to = addDays(day, 1);
    } else {
      buckets.push({ label, from: day, to: addDays(day, 1), days: [day] });
    }
  }
  return buckets;
}
