import { describe, expect, it } from 'vitest';
import {
  addCalendarHours,
  calendarDueSoonAt,
  checkWorkingHours,
  libraryCalendarDays,
  libraryWorkCalendar,
  libraryYears,
  WorkCalendar,
} from './calendar.ts';

/** A local (UTC+8) wall-clock time as an ISO instant: `at('2026-09-30 16:00')`. */
const at = (local: string) => `${local.replace(' ', 'T')}:00+08:00`;

describe('the working calendar on the library data (known dates)', () => {
  const calendar = libraryWorkCalendar();

  it('knows National Day 2026 and its make-up working days from chinese-days', () => {
    const october = libraryCalendarDays().filter((d) => d.date >= '2026-09-20' && d.date <= '2026-10-11');
    expect(october.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2026-09-20 workday 国庆节',
      '2026-09-25 holiday 中秋',
      '2026-09-26 holiday 中秋',
      '2026-09-27 holiday 中秋',
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d} holiday 国庆节`),
      '2026-10-10 workday 国庆节',
    ]);
    expect(libraryYears().at(-1)).toBe(2026);
    for (let d = 1; d <= 7; d++) expect(calendar.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // a Sunday worked
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // a Saturday worked
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2026-09-25')).toBe(false); // Mid-autumn, a Friday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('lands 3 working days from 30 September 16:00 after the holiday, on the make-up Saturday', () => {
    // 1.5 h on the 30th, Oct 1–7 off, 7.5 h on the 8th and the 9th, the last 6 h on Saturday the 10th.
    expect(calendar.addWorkingDays(at('2026-09-30 16:00'), 3)).toBe('2026-10-10T08:00:00.000Z');
    expect(calendar.workingHoursBetween(at('2026-09-30 16:00'), at('2026-10-10 16:00'))).toBe(22.5);
    expect(calendar.workingHoursBetween(at('2026-10-10 16:00'), at('2026-09-30 16:00'))).toBe(-22.5);
  });

  it('carries 2 working hours from Friday 16:30 to Monday, or to a make-up Saturday, or past a holiday Monday', () => {
    expect(calendar.addWorkingHours(at('2026-11-06 16:30'), 2)).toBe('2026-11-09T01:30:00.000Z');
    expect(calendar.addWorkingHours(at('2026-10-09 16:30'), 2)).toBe('2026-10-10T01:30:00.000Z');
    // Qingming 2026: Saturday 4 April to Monday 6 April.
    expect(calendar.addWorkingHours(at('2026-04-03 16:30'), 2)).toBe('2026-04-07T01:30:00.000Z');
  });

  it('counts from the next working moment when the start is outside working time', () => {
    expect(calendar.addWorkingHours(at('2026-11-05 12:30'), 2)).toBe('2026-11-05T07:30:00.000Z'); // 13:30 + 2 h
    expect(calendar.addWorkingHours(at('2026-11-05 07:00'), 1)).toBe('2026-11-05T01:30:00.000Z'); // 08:30 + 1 h
    expect(calendar.addWorkingHours(at('2026-11-05 18:00'), 1)).toBe('2026-11-06T01:30:00.000Z');
    expect(calendar.addWorkingHours(at('2026-10-05 10:00'), 1)).toBe('2026-10-08T01:30:00.000Z'); // a holiday
    expect(calendar.addWorkingHours(at('2026-11-05 11:45'), 0.5)).toBe('2026-11-05T05:45:00.000Z'); // over lunch
  });

  it('ends a deadline that uses up a period at its end, not at the start of the next', () => {
    expect(calendar.addWorkingHours(at('2026-11-05 08:30'), 3.5)).toBe('2026-11-05T04:00:00.000Z');
    expect(calendar.addWorkingHours(at('2026-11-05 08:30'), 7.5)).toBe('2026-11-05T09:30:00.000Z');
    expect(calendar.addWorkingDays(at('2026-11-05 08:30'), 1)).toBe('2026-11-05T09:30:00.000Z');
  });

  it('marks a case due soon when 80% of its working time has gone', () => {
    // 80% of 22.5 h is 18 h: 1.5 + 7.5 + 7.5 by Friday's close, 1.5 more on Saturday the 10th.
    expect(calendar.dueSoonAt(at('2026-09-30 16:00'), '2026-10-10T08:00:00.000Z')).toBe(
      '2026-10-10T02:00:00.000Z',
    );
    expect(calendar.dueSoonAt(at('2026-11-05 08:30'), at('2026-11-05 17:30'), 0.5)).toBe(
      '2026-11-05T05:45:00.000Z',
    );
  });

  it('counts urgent limits in calendar time, day and night', () => {
    expect(addCalendarHours(at('2026-10-01 22:00'), 4)).toBe('2026-10-01T18:00:00.000Z');
    expect(calendarDueSoonAt(at('2026-10-01 22:00'), at('2026-10-02 02:00'))).toBe(
      '2026-10-01T17:12:00.000Z',
    );
    expect(calendar.dueSoonAtCalendar(at('2026-10-01 22:00'), at('2026-10-02 08:00'), 0.5)).toBe(
      '2026-10-01T19:00:00.000Z',
    );
  });

  it('tells whether the next 60 days lie in known years', () => {
    expect(calendar.coverage(at('2026-10-15 09:00'))).toEqual({
      from: '2026-10-15',
      to: '2026-12-14',
      covered: true,
      uncoveredYears: [],
    });
    // 1 November 2026 + 60 days is 31 December; a day later the look-ahead reaches 2027.
    expect(calendar.coverage(at('2026-11-01 23:00')).covered).toBe(true);
    expect(calendar.coverage(at('2026-11-02 00:30'))).toMatchObject({
      covered: false,
      uncoveredYears: [2027],
    });
    // 16:30 UTC on 1 November is already 2 November in China.
    expect(calendar.coverage('2026-11-01T16:30:00.000Z').uncoveredYears).toEqual([2027]);
  });

  it('refuses instants without an offset, which would be read in the server’s own zone', () => {
    expect(() => calendar.addWorkingHours('2026-11-05T08:30:00', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours('2026-11-05', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(at('2026-11-05 08:30'), -1)).toThrow(RangeError);
  });

  it('computes many deadlines fast, without stepping through minutes', () => {
    const started = performance.now();
    let last = '';
    for (let i = 0; i < 100_000; i++)
      last = calendar.addWorkingDays('2026-03-02T01:00:00.000Z', (i % 15) + 1);
    expect(last).toBe('2026-03-16T01:00:00.000Z'); // 10 working days from Monday 09:00
    // About 0.1 s here; a minute-by-minute loop would take minutes.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('working hours', () => {
  it('uses the configured periods', () => {
    const calendar = new WorkCalendar({
      days: [['2027-02-08', 'holiday']],
      coveredYears: [2027],
      workingHours: [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    });
    expect(calendar.hoursPerDay).toBe(7);
    // Friday 5 Feb 2027 17:00 + 2 h: 1 h on Friday, Monday the 8th is a holiday, 1 h on Tuesday.
    expect(calendar.addWorkingHours(at('2027-02-05 17:00'), 2)).toBe('2027-02-09T02:00:00.000Z');
    expect(calendar.addWorkingDays(at('2027-02-04 09:00'), 1)).toBe('2027-02-04T10:00:00.000Z');
  });

  it('names what is wrong with a set of periods', () => {
    expect(checkWorkingHours([])).toEqual([{ path: '', code: 'empty' }]);
    expect(
      checkWorkingHours([
        { start: '8:30', end: '12:00' },
        { start: '13:30', end: '13:00' },
        { start: '24:30', end: '25:00' },
      ]),
    ).toEqual([
      { path: '0.start', code: 'time_format' },
      { path: '1.end', code: 'end_not_after_start' },
      { path: '2.start', code: 'time_format' },
      { path: '2.end', code: 'time_format' },
    ]);
    expect(
      checkWorkingHours([
        { start: '13:30', end: '17:30' },
        { start: '08:30', end: '12:00' },
      ]),
    ).toEqual([{ path: '1.start', code: 'overlap' }]);
    expect(
      checkWorkingHours([
        { start: '00:00', end: '12:00' },
        { start: '12:00', end: '24:00' },
      ]),
    ).toEqual([]);
    expect(() => new WorkCalendar({ days: [], coveredYears: [], workingHours: [] })).toThrow(RangeError);
  });

  it('works round the clock when the hours say so', () => {
    const calendar = new WorkCalendar({
      days: [],
      coveredYears: [],
      workingHours: [{ start: '00:00', end: '24:00' }],
    });
    expect(calendar.addWorkingHours(at('2027-03-05 20:00'), 6)).toBe('2027-03-07T18:00:00.000Z'); // Fri → Mon 02:00
  });
});
