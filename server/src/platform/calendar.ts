import { createRequire } from 'node:module';
import { CHINA_OFFSET_MS } from './time.ts';

/**
 * Working-time arithmetic on the Chinese statutory calendar: Monday to Friday are working days,
 * except public holidays; some Saturdays and Sundays are make-up working days (调休). Pure and
 * synchronous, so the case engine can compute millions of deadlines: day kinds are precomputed
 * into a Map by day number, and every computation steps a day at a time, never a minute at a time.
 *
 * China keeps UTC+8 all year (no daylight saving), so local dates and times use a fixed offset and
 * never the server's own time zone.
 */

export type DayKind = 'holiday' | 'workday';

/** One stretch of working time in a working day, local `HH:MM`, e.g. 08:30–12:00. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** 08:30–12:00 and 13:30–17:30: 7.5 working hours a day. */
export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = Object.freeze([
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
]);

/** A holiday or make-up working day by local date; `nameEn` only where the source has one. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  nameEn?: string;
}

export interface WorkCalendarInput {
  /** Local date `YYYY-MM-DD` → kind, for the dates that are not an ordinary Monday–Friday week. */
  days: Iterable<readonly [string, DayKind]>;
  /** Years whose holidays are known; deadlines in other years treat every weekday as working. */
  coveredYears: Iterable<number>;
  workingHours?: readonly WorkingPeriod[];
}

export interface Coverage {
  /** First and last local date checked. */
  from: string;
  to: string;
  covered: boolean;
  uncoveredYears: number[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHINA_OFFSET = CHINA_OFFSET_MS;
/** More non-working days in a row than any real calendar has: the input must be broken. */
const MAX_IDLE_DAYS = 400;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset: without one, Date.parse would read it in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Days since 1970-01-01 of a local date; NaN when it is not a real `YYYY-MM-DD` date. */
export function dayNumber(localDate: string): number {
  const m = LOCAL_DATE.exec(localDate);
  if (!m) return Number.NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return Number.NaN;
  }
  return ms / DAY;
}

export function localDateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(localDate: string): boolean {
  const w = weekdayOf(dayNumber(localDate));
  return w === 0 || w === 6;
}

/** The local (UTC+8) date of an instant. */
export function localDateAt(iso: string): string {
  return localDateOf(Math.floor((parseInstant(iso) + CHINA_OFFSET) / DAY));
}

function parseInstant(iso: string): number {
  const t = INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant with an offset: ${iso}`);
  return t;
}

function clockMinutes(hhmm: string): number {
  const m = CLOCK.exec(hhmm);
  if (!m) return Number.NaN;
  return m[1] === undefined ? 24 * 60 : Number(m[1]) * 60 + Number(m[2]);
}

export interface WorkingHoursProblem {
  /** Where, relative to the list: `''`, `'1.start'`, `'0.end'`. */
  path: string;
  code: 'empty' | 'time_format' | 'end_not_after_start' | 'overlap';
}

/** Every reason the periods cannot be working hours: empty, not `HH:MM`, reversed, unsorted or overlapping. */
export function checkWorkingHours(periods: readonly WorkingPeriod[]): WorkingHoursProblem[] {
  if (periods.length === 0) return [{ path: '', code: 'empty' }];
  const problems: WorkingHoursProblem[] = [];
  let previousEnd = -1;
  periods.forEach((p, i) => {
    const start = clockMinutes(p.start);
    const end = clockMinutes(p.end);
    if (Number.isNaN(start)) problems.push({ path: `${i}.start`, code: 'time_format' });
    if (Number.isNaN(end)) problems.push({ path: `${i}.end`, code: 'time_format' });
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    if (end <= start) problems.push({ path: `${i}.end`, code: 'end_not_after_start' });
    else if (start < previousEnd) problems.push({ path: `${i}.start`, code: 'overlap' });
    previousEnd = Math.max(previousEnd, end);
  });
  return problems;
}

/** A calendar of working days and working hours; build one with `getWorkCalendar(db)` in the service. */
export class WorkCalendar {
  readonly workingHours: readonly WorkingPeriod[];
  /** Working hours in one working day (7.5 by default). */
  readonly hoursPerDay: number;
  readonly coveredYears: ReadonlySet<number>;
  /** Working periods as [start, end) offsets in ms from local midnight. */
  readonly #periods: readonly (readonly [number, number])[];
  readonly #msPerDay: number;
  /** Day number → working?, only for the dates that differ from or confirm the Mon–Fri week. */
  readonly #kinds = new Map<number, boolean>();

  constructor(input: WorkCalendarInput) {
    const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
    const problems = checkWorkingHours(hours);
    if (problems.length > 0) {
      throw new RangeError(`invalid working hours: ${problems.map((p) => `${p.path} ${p.code}`).join(', ')}`);
    }
    this.workingHours = Object.freeze(hours.map((p) => ({ ...p })));
    this.#periods = hours.map((p) => [clockMinutes(p.start) * MINUTE, clockMinutes(p.end) * MINUTE] as const);
    this.#msPerDay = this.#periods.reduce((sum, [s, e]) => sum + (e - s), 0);
    this.hoursPerDay = this.#msPerDay / HOUR;
    this.coveredYears = new Set(input.coveredYears);
    for (const [date, kind] of input.days) {
      const day = dayNumber(date);
      if (Number.isNaN(day)) throw new RangeError(`not a date: ${date}`);
      this.#kinds.set(day, kind === 'workday');
    }
  }

  /** True on a Monday–Friday that is not a holiday, and on a make-up working day. */
  isWorkingDay(localDate: string): boolean {
    const day = dayNumber(localDate);
    if (Number.isNaN(day)) throw new RangeError(`not a date: ${localDate}`);
    return this.#isWorking(day);
  }

  /**
   * The instant when `hours` of working time have passed since `startIso`; a start outside working
   * time counts from the next working moment. A deadline that uses up a period exactly ends at that
   * period's end (12:00), not at the start of the next one.
   */
  addWorkingHours(startIso: string, hours: number): string {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be ≥ 0: ${hours}`);
    return new Date(this.#addMs(parseInstant(startIso), Math.round(hours * HOUR))).toISOString();
  }

  /**
   * `days` working days as working time: `days × hoursPerDay` working hours, so 3 working days
   * from Wednesday 16:00 end on Monday 16:00 (if no holiday intervenes), not at the close of a day.
   * A case dispatched late in the day thus gets as much working time as one dispatched early.
   */
  addWorkingDays(startIso: string, days: number): string {
    return this.addWorkingHours(startIso, days * this.hoursPerDay);
  }

  /** Working hours between two instants; negative when `bIso` is before `aIso`. */
  workingHoursBetween(aIso: string, bIso: string): number {
    const a = parseInstant(aIso);
    const b = parseInstant(bIso);
    return b >= a ? this.#msBetween(a, b) / HOUR : -this.#msBetween(b, a) / HOUR;
  }

  /** For a working-time limit: the instant when `fraction` of the working time from start to due has passed. */
  dueSoonAt(startIso: string, dueIso: string, fraction = 0.8): string {
    const start = parseInstant(startIso);
    const total = this.#msBetween(start, Math.max(start, parseInstant(dueIso)));
    return new Date(this.#addMs(start, Math.round(total * fraction))).toISOString();
  }

  /** For a calendar-time limit (urgent cases): the instant when `fraction` of the time has passed. */
  dueSoonAtCalendar(startIso: string, dueIso: string, fraction = 0.8): string {
    return calendarDueSoonAt(startIso, dueIso, fraction);
  }

  /** Whether every local date from `fromIso` through `days` later lies in a year whose holidays are known. */
  coverage(fromIso: string, days = 60): Coverage {
    const first = Math.floor((parseInstant(fromIso) + CHINA_OFFSET) / DAY);
    const from = localDateOf(first);
    const to = localDateOf(first + days);
    const uncoveredYears: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      if (!this.coveredYears.has(year)) uncoveredYears.push(year);
    }
    return { from, to, covered: uncoveredYears.length === 0, uncoveredYears };
  }

  #isWorking(day: number): boolean {
    const kind = this.#kinds.get(day);
    if (kind !== undefined) return kind;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  #addMs(start: number, amount: number): number {
    if (amount <= 0) return start;
    let remaining = amount;
    const local = start + CHINA_OFFSET;
    let day = Math.floor(local / DAY);
    let position = local - day * DAY;
    const firstStart = this.#periods[0]?.[0] ?? 0;
    for (let idle = 0; idle <= MAX_IDLE_DAYS; day++, position = 0) {
      if (!this.#isWorking(day)) {
        idle++;
        continue;
      }
      idle = 0;
      if (position <= firstStart && remaining > this.#msPerDay) {
        remaining -= this.#msPerDay;
        continue;
      }
      for (const [s, e] of this.#periods) {
        if (position >= e) continue;
        const from = Math.max(position, s);
        if (remaining <= e - from) return day * DAY + from + remaining - CHINA_OFFSET;
        remaining -= e - from;
      }
    }
    throw new RangeError(`no working day within ${MAX_IDLE_DAYS} days`);
  }

  /** Working ms in [a, b], a ≤ b. */
  #msBetween(a: number, b: number): number {
    const firstDay = Math.floor((a + CHINA_OFFSET) / DAY);
    const lastDay = Math.floor((b + CHINA_OFFSET) / DAY);
    let total = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      if (!this.#isWorking(day)) continue;
      if (day > firstDay && day < lastDay) {
        total += this.#msPerDay;
        continue;
      }
      const midnight = day * DAY - CHINA_OFFSET;
      for (const [s, e] of this.#periods) {
        total += Math.max(0, Math.min(midnight + e, b) - Math.max(midnight + s, a));
      }
    }
    return total;
  }
}

/** The instant when `fraction` of the calendar time from start to due has passed. */
export function calendarDueSoonAt(startIso: string, dueIso: string, fraction = 0.8): string {
  const start = parseInstant(startIso);
  const due = parseInstant(dueIso);
  return new Date(start + Math.round(Math.max(0, due - start) * fraction)).toISOString();
}

/** The instant `hours` of calendar time after `startIso` (urgent limits run day and night). */
export function addCalendarHours(startIso: string, hours: number): string {
  return new Date(parseInstant(startIso) + Math.round(hours * HOUR)).toISOString();
}

interface LibraryData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let library: { days: readonly CalendarDay[]; years: readonly number[] } | undefined;

/**
 * The holidays and make-up working days the `chinese-days` library ships (from the State Council's
 * notices), read once from its documented JSON file. Entries read `"National Day,国庆节,3"`.
 */
function loadLibrary(): { days: readonly CalendarDay[]; years: readonly number[] } {
  if (library) return library;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as LibraryData;
  const days: CalendarDay[] = [];
  const years = new Set<number>();
  const add = (kind: DayKind, entries: Record<string, string>) => {
    for (const [date, label] of Object.entries(entries)) {
      const [nameEn = '', name = nameEn] = label.split(',');
      days.push({ date, kind, name, nameEn });
      years.add(Number(date.slice(0, 4)));
    }
  };
  add('holiday', data.holidays);
  add('workday', data.workdays);
  days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  library = { days: Object.freeze(days), years: Object.freeze([...years].sort((x, y) => x - y)) };
  return library;
}

/** Every holiday and make-up working day the library knows, in date order. */
export function libraryCalendarDays(): readonly CalendarDay[] {
  return loadLibrary().days;
}

/** The years the library has a schedule for (2004–2026 in chinese-days 1.5.7). */
export function libraryYears(): readonly number[] {
  return loadLibrary().years;
}

/** A calendar from the library alone, for tools and benchmarks that have no database. */
export function libraryWorkCalendar(workingHours?: readonly WorkingPeriod[]): WorkCalendar {
  return new WorkCalendar({
    days: libraryCalendarDays().map((d) => [d.date, d.kind] as const),
    coveredYears: libraryYears(),
    ...(workingHours ? { workingHours } : {}),
  });
}
