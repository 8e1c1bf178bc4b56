import type { Db } from '../../db/database.ts';
import { type Actor, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import {
  type CalendarDay,
  checkWorkingHours,
  type DayKind,
  DEFAULT_WORKING_HOURS,
  libraryCalendarDays,
  libraryYears,
  WorkCalendar,
  type WorkingPeriod,
} from '../../platform/calendar.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { nowIso } from '../../platform/time.ts';
import { checkSchedule, checkWorkingHoursBody, coverageWarning } from './calendar.check.ts';
import { CALENDAR_YEAR_RECORD, SETTING_RECORD } from './calendar.policy.ts';
import {
  type AdminDayRow,
  deleteYear,
  findPublishedYear,
  findSetting,
  replaceYear,
  selectAdminDays,
  selectAdminDaysOfYear,
  selectPublishedYears,
  upsertSetting,
  WORKING_HOURS_SETTING,
} from './calendar.repo.ts';
import type {
  CalendarDayView,
  CalendarStatus,
  ScheduleBody,
  WorkingHoursView,
  YearDays,
} from './calendar.schema.ts';

/** How far ahead staff are warned about a year without a schedule. */
export const LOOK_AHEAD_DAYS = 60;
/** Another process (the CLI, a second server) may publish a year: its change shows here within this. */
const CACHE_TTL_MS = 30_000;

interface Cached {
  calendar: WorkCalendar;
  loadedAt: number;
  generation: number;
}
// Keyed by the database's adapter, which the Kysely instance shares with every transaction on it:
// a call from inside a transaction finds the same cache as one from outside.
const loaded = new WeakMap<object, Cached>();
const loading = new WeakMap<object, { generation: number; promise: Promise<WorkCalendar> }>();
/** Bumped by every change made through this process; a calendar loaded before it is not served again. */
let generation = 0;

/**
 * The working calendar: library holidays, overridden by administrators' schedules, with the
 * configured working hours. Cached in this process for 30 s; changes made through this process
 * show at once. May be called with a transaction.
 */
export async function getWorkCalendar(db: Db): Promise<WorkCalendar> {
  const key = db.getExecutor().adapter;
  const started = generation;
  const hit = loaded.get(key);
  if (hit && hit.generation === started && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  // A transaction loads through itself: on SQLite's single connection, a load queued outside the
  // transaction waits for the transaction to end, so waiting for that load would never end.
  if (db.isTransaction) return remember(key, started, await loadWorkCalendar(db));
  const pending = loading.get(key);
  if (pending && pending.generation === started) return pending.promise;
  const promise = loadWorkCalendar(db)
    .then((calendar) => remember(key, started, calendar))
    .finally(() => {
      if (loading.get(key)?.promise === promise) loading.delete(key);
    });
  loading.set(key, { generation: started, promise });
  return promise;
}

function remember(key: object, started: number, calendar: WorkCalendar): WorkCalendar {
  if (started === generation) loaded.set(key, { calendar, loadedAt: Date.now(), generation: started });
  return calendar;
}

/** Forgets every cached calendar, so the next `getWorkCalendar` reads the database again. */
export function invalidateWorkCalendar(): void {
  generation++;
}

async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const [adminDays, published, hours] = await Promise.all([
    selectAdminDays(db),
    selectPublishedYears(db),
    readWorkingHours(db),
  ]);
  const adminYears = new Set(published.map((y) => y.year));
  return new WorkCalendar({
    days: mergeDays(adminDays, adminYears).map((d) => [d.date, d.kind] as const),
    coveredYears: [...libraryYears(), ...adminYears],
    workingHours: hours.periods,
  });
}

/**
 * The library's days, except in years an administrator has published (their schedule replaces the
 * library's, so a correction can also remove a day), with every administrator's day winning over
 * the library's for its date.
 */
function mergeDays(adminDays: AdminDayRow[], adminYears: ReadonlySet<number>): CalendarDay[] {
  const byDate = new Map<string, CalendarDay>();
  for (const d of libraryCalendarDays()) {
    if (!adminYears.has(Number(d.date.slice(0, 4)))) byDate.set(d.date, d);
  }
  for (const d of adminDays) byDate.set(d.date, d);
  return [...byDate.values()];
}

function staffId(actor: Actor): number | null {
  return actor.type === 'staff' ? actor.userId : null;
}

function requireReader(actor: Actor): void {
  if (!can(actor, 'calendar.read', null)) throw new AppError('access.denied');
}

function requireManager(actor: Actor): void {
  if (!can(actor, 'calendar.manage', null)) throw new AppError('access.denied');
}

interface WorkingHours {
  periods: readonly WorkingPeriod[];
  source: 'default' | 'admin';
  updatedAt: string | null;
}

/** The configured working hours; a stored value that is no longer valid falls back to the default. */
async function readWorkingHours(db: Db): Promise<WorkingHours> {
  const row = await findSetting(db, WORKING_HOURS_SETTING);
  if (row) {
    // Deadlines must keep working even if someone wrote a bad value into the table by hand.
    const periods = parsePeriods(row.value);
    if (periods) return { periods, source: 'admin', updatedAt: row.updated_at };
  }
  return { periods: DEFAULT_WORKING_HOURS, source: 'default', updatedAt: null };
}

function parsePeriods(json: string): WorkingPeriod[] | null {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return null;
    const periods = value.map((p) => ({ start: String(p?.start), end: String(p?.end) }));
    return checkWorkingHours(periods).length === 0 ? periods : null;
  } catch {
    return null;
  }
}

function presentWorkingHours(hours: WorkingHours): WorkingHoursView {
  const calendar = new WorkCalendar({ days: [], coveredYears: [], workingHours: hours.periods });
  return {
    periods: hours.periods.map((p) => ({ ...p })),
    hoursPerDay: calendar.hoursPerDay,
    source: hours.source,
    updatedAt: hours.updatedAt,
  };
}

/** Whether the next 60 days are covered (with the warning staff see when not), the working hours and the known years. */
export async function getCalendarStatus(
  db: Db,
  viewer: Actor,
  lang: Lang,
  at: string = nowIso(),
): Promise<CalendarStatus> {
  requireReader(viewer);
  // Read afresh, not from the cache: an administrator checking a year just imported by the CLI sees it.
  const [calendar, published, hours] = await Promise.all([
    loadWorkCalendar(db),
    selectPublishedYears(db),
    readWorkingHours(db),
  ]);
  const coverage = calendar.coverage(at, LOOK_AHEAD_DAYS);
  const adminYears = new Map(published.map((y) => [y.year, y]));
  const years = [...calendar.coveredYears]
    .sort((a, b) => a - b)
    .map((year) => {
      const admin = adminYears.get(year);
      return admin
        ? { year, source: 'admin' as const, publishedAt: admin.published_at, note: admin.note }
        : { year, source: 'library' as const, publishedAt: null, note: null };
    });
  return {
    at: new Date(at).toISOString(),
    coverage: { ...coverage, days: LOOK_AHEAD_DAYS },
    warning: coverageWarning(coverage.uncoveredYears, lang),
    workingHours: presentWorkingHours(hours),
    years,
  };
}

/** A year's holidays and make-up working days, and where they come from. */
export async function getYearDays(db: Db, viewer: Actor, year: number, lang: Lang): Promise<YearDays> {
  requireReader(viewer);
  return presentYear(db, year, lang);
}

async function presentYear(db: Db, year: number, lang: Lang): Promise<YearDays> {
  const [published, adminDays] = await Promise.all([
    findPublishedYear(db, year),
    selectAdminDaysOfYear(db, year),
  ]);
  const adminDates = new Set(adminDays.map((d) => d.date));
  const days: CalendarDayView[] = adminDays.map((d) => ({ ...d, source: 'admin' }));
  if (!published) {
    for (const d of libraryCalendarDays()) {
      if (!d.date.startsWith(`${year}-`) || adminDates.has(d.date)) continue;
      days.push({
        date: d.date,
        kind: d.kind,
        name: lang === 'en' && d.nameEn ? d.nameEn : d.name,
        source: 'library',
      });
    }
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const inLibrary = libraryYears().includes(year);
  return {
    year,
    covered: Boolean(published) || inLibrary,
    source: published ? 'admin' : inLibrary ? 'library' : null,
    publishedAt: published?.published_at ?? null,
    note: published?.note ?? null,
    days,
  };
}

/** The year's schedule as stored for the audit log: compact, in date order. */
function snapshot(days: AdminDayRow[], note: string | null) {
  const of = (kind: DayKind) =>
    days.filter((d) => d.kind === kind).map((d) => ({ date: d.date, name: d.name }));
  return { holidays: of('holiday'), workdays: of('workday'), note };
}

function invalid(
  code: 'calendar.invalid_schedule' | 'calendar.invalid_working_hours',
  details: ErrorDetail[],
) {
  const fields = [...new Set(details.map((d) => d.path))].join(', ');
  return new AppError(code, { fields }, details);
}

/**
 * Publishes a year's schedule: replaces that year's administrator days, marks the year covered and
 * audits before/after, in one transaction. Refuses (400, naming each field) what is surely a mistake.
 */
export async function publishYear(
  db: Db,
  ctx: AuditContext,
  year: number,
  body: ScheduleBody,
  lang: Lang,
): Promise<YearDays> {
  requireManager(ctx.actor);
  const problems = checkSchedule(year, body, lang);
  if (problems.length > 0) throw invalid('calendar.invalid_schedule', problems);
  const days: AdminDayRow[] = [
    ...body.holidays.map((d) => ({ date: d.date, kind: 'holiday' as const, name: d.name })),
    ...body.workdays.map((d) => ({ date: d.date, kind: 'workday' as const, name: d.name })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  const note = body.note ?? null;
  await db.transaction().execute(async (trx) => {
    const before = await findPublishedYear(trx, year);
    const beforeDays = await selectAdminDaysOfYear(trx, year);
    await replaceYear(trx, year, days, note, staffId(ctx.actor));
    await recordAudit(trx, ctx, {
      action: 'calendar.publish',
      recordType: CALENDAR_YEAR_RECORD,
      recordId: year,
      before: before ? snapshot(beforeDays, before.note) : undefined,
      after: snapshot(days, note),
    });
  });
  invalidateWorkCalendar();
  return presentYear(db, year, lang);
}

/** Withdraws an administrator's schedule for a year (the library's, if any, applies again); audited. */
export async function withdrawYear(db: Db, ctx: AuditContext, year: number, lang: Lang): Promise<YearDays> {
  requireManager(ctx.actor);
  await db.transaction().execute(async (trx) => {
    const before = await findPublishedYear(trx, year);
    const beforeDays = await selectAdminDaysOfYear(trx, year);
    if (!before && beforeDays.length === 0) throw new AppError('record.not_found');
    await deleteYear(trx, year);
    await recordAudit(trx, ctx, {
      action: 'calendar.withdraw',
      recordType: CALENDAR_YEAR_RECORD,
      recordId: year,
      before: snapshot(beforeDays, before?.note ?? null),
    });
  });
  invalidateWorkCalendar();
  return presentYear(db, year, lang);
}

/** The working hours deadlines are counted in. */
export async function getWorkingHours(db: Db, viewer: Actor): Promise<WorkingHoursView> {
  requireReader(viewer);
  return presentWorkingHours(await readWorkingHours(db));
}

/** Sets the working hours (sorted, non-overlapping `HH:MM` periods); audited before/after. */
export async function setWorkingHours(
  db: Db,
  ctx: AuditContext,
  periods: WorkingPeriod[],
  lang: Lang,
): Promise<WorkingHoursView> {
  requireManager(ctx.actor);
  const problems = checkWorkingHoursBody(periods, lang);
  if (problems.length > 0) throw invalid('calendar.invalid_working_hours', problems);
  const after = periods.map((p) => ({ start: p.start, end: p.end }));
  await db.transaction().execute(async (trx) => {
    const before = await readWorkingHours(trx);
    await upsertSetting(trx, WORKING_HOURS_SETTING, after, staffId(ctx.actor));
    await recordAudit(trx, ctx, {
      action: 'calendar.working_hours',
      recordType: SETTING_RECORD,
      recordId: WORKING_HOURS_SETTING,
      before: { periods: before.periods, source: before.source },
      after,
    });
  });
  invalidateWorkCalendar();
  return presentWorkingHours(await readWorkingHours(db));
}
