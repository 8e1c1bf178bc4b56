import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DayKind } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/time.ts';

/** The database or a transaction on it: every helper here works inside the caller's transaction. */
type Executor = Kysely<Database>;

export const WORKING_HOURS_SETTING = 'calendar.working_hours';

export interface AdminDayRow {
  date: string;
  kind: DayKind;
  name: string;
}

/** Every holiday and make-up working day entered by an administrator, in date order. */
export function selectAdminDays(db: Executor): Promise<AdminDayRow[]> {
  return db.selectFrom('calendar_days').select(['date', 'kind', 'name']).orderBy('date').execute();
}

/** The administrator's days of one year, in date order (dates are `YYYY-MM-DD`, so text order is date order). */
export function selectAdminDaysOfYear(db: Executor, year: number): Promise<AdminDayRow[]> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

export function selectPublishedYears(db: Executor) {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

export function findPublishedYear(db: Executor, year: number) {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Replaces the year's days and its publication record with the ones given. */
export async function replaceYear(
  db: Executor,
  year: number,
  days: AdminDayRow[],
  note: string | null,
  by: number | null,
): Promise<void> {
  const now = nowIso();
  await deleteYear(db, year);
  if (days.length > 0) {
    await db
      .insertInto('calendar_days')
      .values(days.map((d) => ({ ...d, entered_by: by, created_at: now })))
      .execute();
  }
  await db.insertInto('calendar_years').values({ year, published_by: by, published_at: now, note }).execute();
}

/** Deletes the year's days and its publication record; false when it had neither. */
export async function deleteYear(db: Executor, year: number): Promise<boolean> {
  const days = await db
    .deleteFrom('calendar_days')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .executeTakeFirst();
  const years = await db.deleteFrom('calendar_years').where('year', '=', year).executeTakeFirst();
  return Number(days.numDeletedRows) + Number(years.numDeletedRows) > 0;
}

export function findSetting(db: Executor, key: string) {
  return db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function upsertSetting(
  db: Executor,
  key: string,
  value: unknown,
  by: number | null,
): Promise<void> {
  const row = { value: JSON.stringify(value), updated_by: by, updated_at: nowIso() };
  await db
    .insertInto('settings')
    .values({ key, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet(row))
    .execute();
}
