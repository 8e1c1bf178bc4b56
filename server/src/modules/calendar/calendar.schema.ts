import { z } from 'zod';

/** A local date `YYYY-MM-DD` that exists (no 30 February). */
const LocalDate = z.iso.date();
const Year = z.coerce.number().int().min(2000).max(2100);

export const ScheduleDay = z.object({ date: LocalDate, name: z.string().trim().min(1).max(50) });

/** A year's schedule as the State Council publishes it: the days off, and the weekend days worked instead. */
export const ScheduleBody = z.object({
  holidays: z.array(ScheduleDay).min(1).max(366),
  workdays: z.array(ScheduleDay).max(366).default([]),
  note: z.string().trim().max(500).nullable().optional(),
});
export type ScheduleBody = z.infer<typeof ScheduleBody>;

export const YearParams = z.object({ year: Year });
export const YearQuery = z.object({ year: Year });

export const StatusQuery = z.object({
  /** The instant to look ahead from; now when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type StatusQuery = z.infer<typeof StatusQuery>;

/** Where a year's schedule comes from: the maintained library, or an administrator. */
export const CalendarSource = z.enum(['library', 'admin']);
export type CalendarSource = z.infer<typeof CalendarSource>;

export const CalendarDayView = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  source: CalendarSource,
});
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const YearDays = z.object({
  year: z.number(),
  /** False when no schedule is known: deadlines that year count every Monday–Friday as working. */
  covered: z.boolean(),
  source: CalendarSource.nullable(),
  publishedAt: z.string().nullable(),
  note: z.string().nullable(),
  days: z.array(CalendarDayView),
});
export type YearDays = z.infer<typeof YearDays>;

/** Periods are checked by the service, so the messages can name the period that is wrong. */
export const WorkingPeriod = z.object({ start: z.string().max(5), end: z.string().max(5) });

export const WorkingHoursBody = z.object({ periods: z.array(WorkingPeriod).max(8) });
export type WorkingHoursBody = z.infer<typeof WorkingHoursBody>;

export const WorkingHoursView = z.object({
  periods: z.array(WorkingPeriod),
  hoursPerDay: z.number(),
  source: z.enum(['default', 'admin']),
  updatedAt: z.string().nullable(),
});
export type WorkingHoursView = z.infer<typeof WorkingHoursView>;

export const CalendarYearView = z.object({
  year: z.number(),
  source: CalendarSource,
  publishedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const CalendarStatus = z.object({
  /** The instant the look-ahead starts from. */
  at: z.string(),
  coverage: z.object({
    from: z.string(),
    to: z.string(),
    days: z.number(),
    covered: z.boolean(),
    uncoveredYears: z.array(z.number()),
  }),
  /** Shown to staff when a year in the look-ahead has no schedule yet; null when all is known. */
  warning: z.string().nullable(),
  workingHours: WorkingHoursView,
  years: z.array(CalendarYearView),
});
export type CalendarStatus = z.infer<typeof CalendarStatus>;
