import { type Kysely, sql } from 'kysely';
import type {
  CaseAssignmentRow,
  CaseEventTable,
  CaseRow,
  CaseTable,
  Database,
  NewCase,
} from '../../db/types.ts';
import type { Actor } from '../../platform/access.ts';
import { whereCaseVisibleTo } from './cases.policy.ts';

/** The database or a transaction on it. */
export type Executor = Kysely<Database>;

export function findCase(db: Executor, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case if the viewer may see it by the SQL form of the read rule. */
export function findVisibleCase(db: Executor, viewer: Actor, id: number): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(whereCaseVisibleTo(viewer))
    .executeTakeFirst();
}

export async function insertCase(trx: Executor, values: NewCase): Promise<number> {
  const row = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Writes a change only if nobody changed the case since `version` was read, bumping the version.
 * False when the case moved on: the caller reports a conflict and its transaction rolls back.
 */
export async function updateCaseAtVersion(
  trx: Executor,
  id: number,
  version: number,
  changes: Partial<CaseTable>,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set({ ...changes, version: version + 1, updated_at: now } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(trx: Executor, event: Omit<CaseEventTable, 'id'>): Promise<void> {
  await trx.insertInto('case_events').values(event).execute();
}

export function listEvents(db: Executor, caseId: number) {
  return db
    .selectFrom('case_events as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_label',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.note',
      'e.data',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name_zh as unit_name_zh',
      'u.name_en as unit_name_en',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
}

/** Assignments of a case with their units, newest round first. */
export function listAssignments(db: Executor, caseId: number) {
  return db
    .selectFrom('case_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .selectAll('a')
    .select(['u.code as unit_code', 'u.name_zh as unit_name_zh', 'u.name_en as unit_name_en'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.round', 'desc')
    .orderBy('a.id')
    .execute();
}
export type AssignmentWithUnit = Awaited<ReturnType<typeof listAssignments>>[number];

export async function insertAssignment(
  trx: Executor,
  values: Omit<CaseAssignmentRow, 'id'>,
): Promise<number> {
  const row = await trx
    .insertInto('case_assignments')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAssignment(
  trx: Executor,
  id: number,
  changes: Partial<Omit<CaseAssignmentRow, 'id'>>,
): Promise<void> {
  await trx.updateTable('case_assignments').set(changes).where('id', '=', id).execute();
}

export function listExtensions(db: Executor, caseId: number) {
  return db
    .selectFrom('case_extensions as x')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .selectAll('x')
    .select(['u.code as unit_code', 'u.name_zh as unit_name_zh', 'u.name_en as unit_name_en'])
    .where('x.case_id', '=', caseId)
    .orderBy('x.id')
    .execute();
}

export function listCallbacks(db: Executor, caseId: number) {
  return db.selectFrom('case_callbacks').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function listAttachments(db: Executor, caseId: number) {
  return db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** Residents who reported the case, the first reporter's account and those of merged duplicates. */
export async function residentUserIdsOf(
  db: Executor,
  c: Pick<CaseRow, 'id' | 'resident_user_id'>,
): Promise<number[]> {
  const extra = await db
    .selectFrom('case_reporters')
    .select('resident_user_id')
    .where('case_id', '=', c.id)
    .where('resident_user_id', 'is not', null)
    .execute();
  const ids = extra.map((r) => r.resident_user_id as number);
  return c.resident_user_id === null ? ids : [c.resident_user_id, ...ids];
}

/** Persons to tell about the case: the reporter and the reporters of merged duplicates. */
export async function reporterPhones(
  db: Executor,
  c: Pick<CaseRow, 'id' | 'reporter_id'>,
): Promise<string[]> {
  const ids = (
    await db.selectFrom('case_reporters').select('person_id').where('case_id', '=', c.id).execute()
  ).flatMap((r) => (r.person_id === null ? [] : [r.person_id]));
  if (c.reporter_id !== null) ids.unshift(c.reporter_id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('persons').select('phone').where('id', 'in', ids).execute();
  return [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
}

/** One person to tell about a case, and the case they themselves reported (number and title). */
export interface ReporterToTell {
  phone: string | null;
  residentUserId: number | null;
  trackingNo: string;
  title: string;
}

/**
 * Everyone to tell about a case, once each: its reporter, then the reporters of duplicates merged
 * into it, each with the number and title of the case they filed, so no one is sent another
 * reporter's words.
 */
export async function reportersToTell(
  db: Executor,
  c: Pick<CaseRow, 'id' | 'reporter_id' | 'resident_user_id' | 'tracking_no' | 'title'>,
): Promise<ReporterToTell[]> {
  const own = c.reporter_id === null ? null : await personPhone(db, c.reporter_id);
  const merged = await db
    .selectFrom('case_reporters as r')
    .innerJoin('cases as s', 's.id', 'r.source_case_id')
    .leftJoin('persons as p', 'p.id', 'r.person_id')
    .select(['p.phone', 'r.resident_user_id', 's.tracking_no', 's.title'])
    .where('r.case_id', '=', c.id)
    .orderBy('r.id')
    .execute();
  const all: ReporterToTell[] = [
    { phone: own, residentUserId: c.resident_user_id, trackingNo: c.tracking_no, title: c.title },
    ...merged.map((r) => ({
      phone: r.phone,
      residentUserId: r.resident_user_id,
      trackingNo: r.tracking_no,
      title: r.title,
    })),
  ];
  const phones = new Set<string>();
  const residents = new Set<number>();
  return all.flatMap((r) => {
    const phone = r.phone !== null && !phones.has(r.phone) ? r.phone : null;
    const residentUserId =
      r.residentUserId !== null && !residents.has(r.residentUserId) ? r.residentUserId : null;
    if (phone) phones.add(phone);
    if (residentUserId !== null) residents.add(residentUserId);
    return phone || residentUserId !== null ? [{ ...r, phone, residentUserId }] : [];
  });
}

/** The phone number of one person, or null. */
export async function personPhone(db: Executor, personId: number): Promise<string | null> {
  const row = await db.selectFrom('persons').select('phone').where('id', '=', personId).executeTakeFirst();
  return row?.phone ?? null;
}

/**
 * Takes the next number of a per-scope daily sequence. The insert makes the day's row exist; the
 * update takes its row lock (PostgreSQL) or the write lock (SQLite) so two processes never draw the
 * same number.
 */
export async function nextSequence(trx: Executor, scope: string, day: string): Promise<number> {
  await trx
    .insertInto('tracking_counters')
    .values({ scope, day, last: 0 })
    .onConflict((oc) => oc.columns(['scope', 'day']).doNothing())
    .execute();
  const row = await trx
    .updateTable('tracking_counters')
    .set({ last: sql`last + 1` })
    .where('scope', '=', scope)
    .where('day', '=', day)
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export function findIdempotencyKey(db: Executor, actorKey: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('actor_key', '=', actorKey)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyKey(
  trx: Executor,
  values: { actor_key: string; key: string; request_hash: string; case_id: number; created_at: string },
): Promise<void> {
  await trx.insertInto('idempotency_keys').values(values).execute();
}

/** The latest open or recently closed case of a reporter on a category in a community (repeat detection). */
export function findRecentSameCase(
  db: Executor,
  criteria: {
    reporterId: number;
    categoryId: number;
    communityId: number | null;
    closedSince: string;
    /** The new case itself, already inserted: never its own earlier case. */
    excludeId: number;
  },
) {
  let q = db
    .selectFrom('cases')
    .select(['id', 'status', 'repeated', 'closed_at'])
    .where('id', '!=', criteria.excludeId)
    .where('reporter_id', '=', criteria.reporterId)
    .where('category_id', '=', criteria.categoryId)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['received', 'dispatched', 'accepted', 'resolved']),
        eb.and([eb('status', '=', 'closed'), eb('closed_at', '>=', criteria.closedSince)]),
      ]),
    );
  q =
    criteria.communityId === null
      ? q.where('community_id', 'is', null)
      : q.where('community_id', '=', criteria.communityId);
  return q.orderBy('id', 'desc').executeTakeFirst();
}

/** Cases joined to the names a summary shows: category, street, community, lead unit. */
export function selectCaseSummaries(db: Executor) {
  return db
    .selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .leftJoin('units as st', 'st.id', 'c.street_id')
    .leftJoin('units as cm', 'cm.id', 'c.community_id')
    .leftJoin('units as ld', 'ld.id', 'c.lead_unit_id')
    .select([
      'c.id',
      'c.tracking_no',
      'c.status',
      'c.channel',
      'c.kind',
      'c.title',
      'c.urgent',
      'c.sensitive',
      'c.triage_reason',
      'c.registered_at',
      'c.sign_due_at',
      'c.resolve_due_at',
      'c.sla_state',
      'c.supervised',
      'c.version',
      'c.street_id',
      'c.community_id',
      'c.lead_unit_id',
      'cat.code as category_code',
      'cat.name_zh as category_name_zh',
      'cat.name_en as category_name_en',
      'st.code as street_code',
      'st.name_zh as street_name_zh',
      'st.name_en as street_name_en',
      'cm.code as community_code',
      'cm.name_zh as community_name_zh',
      'cm.name_en as community_name_en',
      'ld.code as lead_code',
      'ld.name_zh as lead_name_zh',
      'ld.name_en as lead_name_en',
    ]);
}
export type CaseSummaryRow = Awaited<
  ReturnType<ReturnType<typeof selectCaseSummaries>['executeTakeFirstOrThrow']>
>;

/**
 * Cases linked to one case that the viewer may see: the one it was merged into, the one it repeats,
 * the duplicates merged into it and the later cases repeating it (read rule in SQL, as for lists).
 */
export function listLinkedCases(
  db: Executor,
  viewer: Actor,
  c: Pick<CaseRow, 'id' | 'merged_into_id' | 'repeat_of_id'>,
) {
  const ids = [c.merged_into_id, c.repeat_of_id].filter((id): id is number => id !== null);
  return db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.tracking_no',
      'c.title',
      'c.status',
      'c.registered_at',
      'c.merged_into_id',
      'c.repeat_of_id',
    ])
    .where((eb) =>
      eb.or([
        eb('c.merged_into_id', '=', c.id),
        eb('c.repeat_of_id', '=', c.id),
        ...(ids.length > 0 ? [eb('c.id', 'in', ids)] : []),
      ]),
    )
    .where(whereCaseVisibleTo(viewer))
    .orderBy('c.registered_at')
    .orderBy('c.id')
    .limit(200)
    .execute();
}
export type LinkedCaseRow = Awaited<ReturnType<typeof listLinkedCases>>[number];

/** The latest return of each case, by its lead unit, with that unit's names: case id → return. */
export async function lastReturnsOf(db: Executor, caseIds: number[]) {
  if (caseIds.length === 0) return new Map<number, never>();
  const rows = await db
    .selectFrom('case_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.case_id',
      'a.return_reason',
      'a.ended_at',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name_zh as unit_name_zh',
      'u.name_en as unit_name_en',
    ])
    .where('a.case_id', 'in', caseIds)
    .where('a.state', '=', 'returned')
    .orderBy('a.id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, r]));
}

/** The extension request waiting for a decision on each case: case id → request. */
export async function pendingExtensionsOf(db: Executor, caseIds: number[]) {
  if (caseIds.length === 0) return new Map<number, never>();
  const rows = await db
    .selectFrom('case_extensions as x')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .select([
      'x.id',
      'x.case_id',
      'x.days',
      'x.reason',
      'x.requested_at',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name_zh as unit_name_zh',
      'u.name_en as unit_name_en',
    ])
    .where('x.case_id', 'in', caseIds)
    .where('x.state', '=', 'pending')
    .orderBy('x.id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, r]));
}
