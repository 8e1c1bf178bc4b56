// A year's holiday schedule as people write it ("春节 2月15日至23日放假，2月14日、28日上班") and as
// the server stores it (one row per day). The editor works in periods; these helpers convert both
// ways and find, row by row, the mistakes the server would refuse (calendar.check.ts), so the
// form can point at the row before anything is sent.

import type { CalendarDay, ScheduleBody } from '../api.ts';

/** A run of consecutive days off under one name. */
export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** One weekend day worked instead, with the holiday it makes up for. */
export interface MakeUpDay {
  name: string;
  date: string;
}

export interface ScheduleDraft {
  holidays: HolidayPeriod[];
  workdays: MakeUpDay[];
  note: string;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (no time zone involved). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** The dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(dateOf(d));
  return out;
}

/** The server's days grouped back into periods: consecutive holidays of one name make one period. */
export function toDraft(days: readonly CalendarDay[], note: string | null = null): ScheduleDraft {
  const holidays: HolidayPeriod[] = [];
  const workdays: MakeUpDay[] = [];
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const day of sorted) {
    if (day.kind === 'workday') {
      workdays.push({ name: day.name, date: day.date });
      continue;
    }
    const last = holidays.at(-1);
    if (last && last.name === day.name && dayNumber(day.date) === dayNumber(last.to) + 1) last.to = day.date;
    else holidays.push({ name: day.name, from: day.date, to: day.date });
  }
  return { holidays, workdays, note: note ?? '' };
}

/**
 * The draft as the server's body, and for each day sent the row it came from (the server names
 * a wrong day by its position, `body.holidays.7.date`; the form shows it on the period's row).
 */
export function toBody(draft: ScheduleDraft): {
  body: ScheduleBody;
  holidayRows: number[];
  workdayRows: number[];
} {
  const holidays: ScheduleBody['holidays'] = [];
  const holidayRows: number[] = [];
  draft.holidays.forEach((period, row) => {
    for (const date of datesBetween(period.from, period.to)) {
      holidays.push({ date, name: period.name.trim() });
      holidayRows.push(row);
    }
  });
  const workdays = draft.workdays.map((d) => ({ date: d.date, name: d.name.trim() }));
  const note = draft.note.trim();
  return {
    body: { holidays, workdays, note: note || null },
    holidayRows,
    workdayRows: draft.workdays.map((_, i) => i),
  };
}

/** One mistake, on one row's field; `code` names the message (admin:calendar.problem.*). */
export interface DraftProblem {
  list: 'holidays' | 'workdays';
  row: number;
  field: 'name' | 'dates' | 'date';
  code:
    | 'name_required'
    | 'dates_required'
    | 'not_in_year'
    | 'reversed'
    | 'too_long'
    | 'overlap'
    | 'only_weekend'
    | 'workday_not_weekend'
    | 'workday_in_holiday'
    | 'duplicate';
  params?: Record<string, string | number>;
}

/** Longest holiday period accepted: the longest official break (Spring Festival) is 9 days. */
export const MAX_PERIOD_DAYS = 31;

/**
 * Every mistake the server would refuse, and a few it cannot see (a name left empty, a period
 * whose end is before its start, two periods overlapping), each on the row to fix.
 */
export function checkDraft(year: number, draft: ScheduleDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const inYear = (date: string) => date.startsWith(`${year}-`);
  const offDays = new Map<string, number>();

  draft.holidays.forEach((p, row) => {
    if (!p.name.trim()) problems.push({ list: 'holidays', row, field: 'name', code: 'name_required' });
    if (!p.from || !p.to) {
      problems.push({ list: 'holidays', row, field: 'dates', code: 'dates_required' });
      return;
    }
    if (!inYear(p.from) || !inYear(p.to)) {
      problems.push({ list: 'holidays', row, field: 'dates', code: 'not_in_year', params: { year } });
      return;
    }
    if (p.to < p.from) {
      problems.push({ list: 'holidays', row, field: 'dates', code: 'reversed' });
      return;
    }
    const dates = datesBetween(p.from, p.to);
    if (dates.length > MAX_PERIOD_DAYS) {
      problems.push({
        list: 'holidays',
        row,
        field: 'dates',
        code: 'too_long',
        params: { max: MAX_PERIOD_DAYS },
      });
      return;
    }
    const clash = dates.map((d) => offDays.get(d)).find((other) => other !== undefined);
    if (clash !== undefined) {
      problems.push({ list: 'holidays', row, field: 'dates', code: 'overlap', params: { other: clash + 1 } });
      return;
    }
    for (const d of dates) offDays.set(d, row);
    if (dates.every(isWeekend))
      problems.push({ list: 'holidays', row, field: 'dates', code: 'only_weekend' });
  });

  const seen = new Map<string, number>();
  draft.workdays.forEach((w, row) => {
    if (!w.name.trim()) problems.push({ list: 'workdays', row, field: 'name', code: 'name_required' });
    if (!w.date) {
      problems.push({ list: 'workdays', row, field: 'date', code: 'dates_required' });
      return;
    }
    if (!inYear(w.date)) {
      problems.push({ list: 'workdays', row, field: 'date', code: 'not_in_year', params: { year } });
      return;
    }
    const earlier = seen.get(w.date);
    if (earlier !== undefined) {
      problems.push({
        list: 'workdays',
        row,
        field: 'date',
        code: 'duplicate',
        params: { other: earlier + 1 },
      });
      return;
    }
    seen.set(w.date, row);
    const holiday = offDays.get(w.date);
    if (holiday !== undefined)
      problems.push({
        list: 'workdays',
        row,
        field: 'date',
        code: 'workday_in_holiday',
        params: { other: holiday + 1 },
      });
    else if (!isWeekend(w.date))
      problems.push({ list: 'workdays', row, field: 'date', code: 'workday_not_weekend' });
  });
  return problems;
}

/** The weekdays a draft takes off and the weekend days it adds: what the schedule changes. */
export function summarise(draft: ScheduleDraft): {
  daysOff: number;
  weekdaysOff: number;
  makeUpDays: number;
} {
  const dates = new Set<string>();
  for (const p of draft.holidays)
    if (p.from && p.to && p.from <= p.to) for (const d of datesBetween(p.from, p.to)) dates.add(d);
  return {
    daysOff: dates.size,
    weekdaysOff: [...dates].filter((d) => !isWeekend(d)).length,
    makeUpDays: draft.workdays.filter((w) => w.date).length,
  };
}

/** The seven statutory holidays, in calendar order: the rows a new year starts with. */
export const STATUTORY_HOLIDAYS_ZH = [
  '元旦',
  '春节',
  '清明节',
  '劳动节',
  '端午节',
  '中秋节',
  '国庆节',
] as const;
