import { type Kysely, sql } from 'kysely';
import type {
  Database,
  MediationAgreementTable,
  MediationCaseRow,
  MediationCaseTable,
  MediationEventTable,
  MediationFollowupTable,
  MediationPartyTable,
  MediationRecordTable,
} from '../../db/types.ts';
import { type Actor, pathWithin } from '../../platform/access.ts';
import { whereMediationVisibleTo } from './mediation.policy.ts';
import type { MediationListQuery } from './mediation.schema.ts';

export type Executor = Kysely<Database>;

export function findMediation(db: Executor, id: number): Promise<MediationCaseRow | undefined> {
  return db.selectFrom('mediation_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case if the viewer may see it by the SQL form of the read rule. */
export function findVisibleMediation(db: Executor, viewer: Actor, id: number) {
  return db
    .selectFrom('mediation_cases as m')
    .selectAll('m')
    .where('m.id', '=', id)
    .where(whereMediationVisibleTo(viewer))
    .executeTakeFirst();
}

export async function insertMediation(
  trx: Executor,
  values: Omit<MediationCaseTable, 'id'>,
): Promise<number> {
  const row = await trx
    .insertInto('mediation_cases')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes a change only if nobody changed the case since `version` was read; false when someone did. */
export async function updateMediationAtVersion(
  trx: Executor,
  id: number,
  version: number,
  changes: Partial<MediationCaseTable>,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('mediation_cases')
    .set({ ...changes, version: version + 1, updated_at: now } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes an action's columns to a case already claimed by `updateMediationAtVersion` in this transaction. */
export async function applyMediationChanges(
  trx: Executor,
  id: number,
  changes: Partial<MediationCaseTable>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('mediation_cases')
    .set(changes as never)
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(trx: Executor, event: Omit<MediationEventTable, 'id'>): Promise<void> {
  await trx.insertInto('mediation_events').values(event).execute();
}

export function listEvents(db: Executor, id: number) {
  return db
    .selectFrom('mediation_events')
    .selectAll()
    .where('mediation_case_id', '=', id)
    .orderBy('id')
    .execute();
}

/** Takes the next number of a yearly sequence; the update locks the counter row until commit. */
export async function nextNumber(trx: Executor, scope: string, year: string): Promise<number> {
  await trx
    .insertInto('mediation_counters')
    .values({ scope, year, last: 0 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doNothing())
    .execute();
  const row = await trx
    .updateTable('mediation_counters')
    .set({ last: sql`last + 1` })
    .where('scope', '=', scope)
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function insertParty(trx: Executor, values: Omit<MediationPartyTable, 'id'>): Promise<number> {
  const row = await trx
    .insertInto('mediation_parties')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Parties with their particulars from the Person register, in the order they were entered. */
export function listParties(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mediation_parties as p')
    .innerJoin('persons as s', 's.id', 'p.person_id')
    .selectAll('p')
    .select(['s.name', 's.phone', 's.id_number', 's.address'])
    .where('p.mediation_case_id', 'in', ids)
    .orderBy('p.mediation_case_id')
    .orderBy('p.sort')
    .execute();
}
export type PartyWithPerson = Awaited<ReturnType<typeof listParties>>[number];

export function listMediators(db: Executor, id: number) {
  return db
    .selectFrom('mediation_mediators as mm')
    .innerJoin('users as u', 'u.id', 'mm.user_id')
    .select(['mm.user_id', 'mm.lead', 'mm.assigned_at', 'u.display_name'])
    .where('mm.mediation_case_id', '=', id)
    .orderBy('mm.lead', 'desc')
    .orderBy('mm.id')
    .execute();
}

export async function replaceMediators(
  trx: Executor,
  id: number,
  mediators: { userId: number; lead: boolean }[],
  now: string,
): Promise<void> {
  await trx.deleteFrom('mediation_mediators').where('mediation_case_id', '=', id).execute();
  for (const m of mediators)
    await trx
      .insertInto('mediation_mediators')
      .values({ mediation_case_id: id, user_id: m.userId, lead: m.lead ? 1 : 0, assigned_at: now })
      .execute();
}

export function listJointUnits(db: Executor, id: number) {
  return db
    .selectFrom('mediation_joint_units as j')
    .innerJoin('units as u', 'u.id', 'j.unit_id')
    .select(['j.unit_id', 'j.unit_path', 'u.code', 'u.name_zh', 'u.name_en'])
    .where('j.mediation_case_id', '=', id)
    .orderBy('j.id')
    .execute();
}

export async function replaceJointUnits(
  trx: Executor,
  id: number,
  units: { id: number; path: string }[],
  now: string,
): Promise<void> {
  await trx.deleteFrom('mediation_joint_units').where('mediation_case_id', '=', id).execute();
  for (const u of units)
    await trx
      .insertInto('mediation_joint_units')
      .values({ mediation_case_id: id, unit_id: u.id, unit_path: u.path, added_at: now })
      .execute();
}

export async function insertRecord(trx: Executor, values: Omit<MediationRecordTable, 'id'>): Promise<number> {
  const row = await trx
    .insertInto('mediation_records')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listRecords(db: Executor, id: number) {
  return db
    .selectFrom('mediation_records as r')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .selectAll('r')
    .select('u.display_name as recorded_by_name')
    .where('r.mediation_case_id', '=', id)
    .orderBy('r.held_at')
    .orderBy('r.id')
    .execute();
}

export function listAttachments(db: Executor, id: number) {
  return db
    .selectFrom('mediation_attachments')
    .selectAll()
    .where('mediation_case_id', '=', id)
    .orderBy('id')
    .execute();
}

export function listAgreements(db: Executor, id: number) {
  return db
    .selectFrom('mediation_agreements')
    .selectAll()
    .where('mediation_case_id', '=', id)
    .orderBy('seq')
    .execute();
}

export async function insertAgreement(
  trx: Executor,
  values: Omit<MediationAgreementTable, 'id'>,
): Promise<number> {
  const row = await trx
    .insertInto('mediation_agreements')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgreement(
  trx: Executor,
  id: number,
  changes: Partial<MediationAgreementTable>,
): Promise<void> {
  await trx
    .updateTable('mediation_agreements')
    .set(changes as never)
    .where('id', '=', id)
    .execute();
}

export async function insertFollowup(
  trx: Executor,
  values: Omit<MediationFollowupTable, 'id'>,
): Promise<void> {
  await trx.insertInto('mediation_followups').values(values).execute();
}

export function listFollowups(db: Executor, id: number) {
  return db
    .selectFrom('mediation_followups as f')
    .leftJoin('users as u', 'u.id', 'f.done_by')
    .selectAll('f')
    .select('u.display_name as done_by_name')
    .where('f.mediation_case_id', '=', id)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .execute();
}

export async function updateFollowup(
  trx: Executor,
  id: number,
  changes: Partial<MediationFollowupTable>,
): Promise<void> {
  await trx
    .updateTable('mediation_followups')
    .set(changes as never)
    .where('id', '=', id)
    .execute();
}

/** A page of the cases the viewer may see, newest first. */
export function listVisibleMediations(
  db: Executor,
  viewer: Actor,
  query: MediationListQuery,
  unitPath: string | null,
) {
  let q = db
    .selectFrom('mediation_cases as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .selectAll('m')
    .select(['u.code as lead_code', 'u.name_zh as lead_name_zh', 'u.name_en as lead_name_en'])
    .where(whereMediationVisibleTo(viewer));
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.disputeType) q = q.where('m.dispute_type', '=', query.disputeType);
  if (unitPath) q = q.where((eb) => pathWithin(eb, 'm.lead_unit_path', [unitPath]));
  if (query.before) q = q.where('m.id', '<', query.before);
  return q
    .orderBy('m.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** Follow-ups not done, due on or before `day`, not yet reminded: with the case's lead mediator. */
export function followupsToRemind(db: Executor, day: string) {
  return db
    .selectFrom('mediation_followups as f')
    .innerJoin('mediation_cases as m', 'm.id', 'f.mediation_case_id')
    .leftJoin('mediation_mediators as mm', (j) =>
      j.onRef('mm.mediation_case_id', '=', 'm.id').on('mm.lead', '=', 1),
    )
    .select(['f.id', 'f.due_on', 'f.what', 'm.id as case_id', 'm.number', 'm.lead_unit_id', 'mm.user_id'])
    .where('f.done_at', 'is', null)
    .where('f.reminded_at', 'is', null)
    .where('f.due_on', '<=', day)
    .execute();
}

/** Signed agreements whose confirmation window is open and not yet applied for, due by `day`. */
export function confirmationsDueBy(db: Executor, day: string) {
  return db
    .selectFrom('mediation_agreements as a')
    .innerJoin('mediation_cases as m', 'm.id', 'a.mediation_case_id')
    .leftJoin('mediation_mediators as mm', (j) =>
      j.onRef('mm.mediation_case_id', '=', 'm.id').on('mm.lead', '=', 1),
    )
    .select([
      'a.id',
      'a.confirmation_due_on',
      'a.confirmation_reminded_7',
      'a.confirmation_reminded_2',
      'm.id as case_id',
      'm.number',
      'm.lead_unit_id',
      'mm.user_id',
    ])
    .where('a.status', '=', 'signed')
    .where('a.confirmation_applied_at', 'is', null)
    .where('a.confirmation_due_on', '<=', day)
    .execute();
}

/** Claims a follow-up's reminder: true only for the one sweep that set the flag. */
export async function claimFollowupReminder(trx: Executor, id: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('mediation_followups')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims a confirmation-window reminder (7 or 2 days before): true only for the sweep that set it. */
export async function claimConfirmationReminder(trx: Executor, id: number, days: 7 | 2): Promise<boolean> {
  const column = days === 7 ? 'confirmation_reminded_7' : 'confirmation_reminded_2';
  const result = await trx
    .updateTable('mediation_agreements')
    .set(
      days === 2
        ? { confirmation_reminded_2: 1, confirmation_reminded_7: 1 }
        : { confirmation_reminded_7: 1 },
    )
    .where('id', '=', id)
    .where(column, '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
