import { type Kysely, sql } from 'kysely';
import type { Database, PersonTable } from '../../db/types.ts';
import { type Actor, pathWithin } from '../../platform/access.ts';
import { nowIso } from '../../platform/time.ts';
import { grantedTo, PERSON_RECORD, whereVisibleTo } from './people.policy.ts';

type Conn = Kysely<Database>;

/**
 * The one scoped query for persons: those the viewer may read, each with its unit and whether the
 * viewer holds an explicit grant. Lists add filters, a single read adds `where p.id = ?`.
 */
export function visiblePersons(db: Conn, viewer: Actor) {
  const userId = viewer.type === 'staff' ? viewer.userId : null;
  return db
    .selectFrom('persons as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select([
      'u.code as unit_code',
      'u.name_zh as unit_name_zh',
      'u.name_en as unit_name_en',
      'u.path as unit_path',
    ])
    .select((eb) =>
      userId === null
        ? sql<number>`0`.as('granted')
        : eb.case().when(grantedTo(eb, userId)).then(1).else(0).end().as('granted'),
    )
    .where(whereVisibleTo(viewer));
}

export type PersonWithUnit = Awaited<
  ReturnType<ReturnType<typeof visiblePersons>['executeTakeFirstOrThrow']>
>;

export interface PersonFilter {
  q?: string | undefined;
  phone?: string | undefined;
  unitPath?: string | undefined;
  after?: number | undefined;
  limit: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Visible persons matching the filter, in id order after the keyset cursor. */
export function listVisiblePersons(db: Conn, viewer: Actor, filter: PersonFilter): Promise<PersonWithUnit[]> {
  let query = visiblePersons(db, viewer);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where(sql<boolean>`${sql.ref('p.name')} like ${like} escape '\\'`);
  }
  if (filter.phone) query = query.where('p.phone', '=', filter.phone);
  if (filter.unitPath !== undefined) {
    const unitPath = filter.unitPath;
    query = query.where((eb) => pathWithin(eb, 'u.path', [unitPath]));
  }
  if (filter.after) query = query.where('p.id', '>', filter.after);
  return query.orderBy('p.id').limit(filter.limit).execute();
}

export function findVisiblePerson(db: Conn, viewer: Actor, id: number): Promise<PersonWithUnit | undefined> {
  return visiblePersons(db, viewer).where('p.id', '=', id).executeTakeFirst();
}

export function findUnit(db: Conn, id: number) {
  return db.selectFrom('units').select(['id', 'path', 'active']).where('id', '=', id).executeTakeFirst();
}

export type PersonFields = Pick<
  PersonTable,
  'name' | 'phone' | 'id_number' | 'address' | 'unit_id' | 'confidential'
>;

export async function insertPerson(
  db: Conn,
  fields: PersonFields,
  createdBy: number | null,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('persons')
    .values({ ...fields, created_by: createdBy, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the changes only if the row still has `version`; false when someone changed it first. */
export async function updatePersonIfVersion(
  db: Conn,
  id: number,
  version: number,
  changes: Partial<PersonFields>,
): Promise<boolean> {
  const res = await db
    .updateTable('persons')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function hasGrant(db: Conn, personId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('record_grants')
    .select('id')
    .where('record_type', '=', PERSON_RECORD)
    .where('record_id', '=', personId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertGrant(
  db: Conn,
  personId: number,
  userId: number,
  grantedBy: number | null,
): Promise<void> {
  await db
    .insertInto('record_grants')
    .values({
      record_type: PERSON_RECORD,
      record_id: personId,
      user_id: userId,
      granted_by: grantedBy,
      created_at: nowIso(),
    })
    .execute();
}

/** Deletes the grant; false when there was none. */
export async function deleteGrant(db: Conn, personId: number, userId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('record_grants')
    .where('record_type', '=', PERSON_RECORD)
    .where('record_id', '=', personId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export function listGrants(db: Conn, personId: number) {
  return db
    .selectFrom('record_grants as g')
    .innerJoin('users as us', 'us.id', 'g.user_id')
    .select(['g.user_id', 'us.username', 'us.display_name', 'g.granted_by', 'g.created_at'])
    .where('g.record_type', '=', PERSON_RECORD)
    .where('g.record_id', '=', personId)
    .orderBy('g.id')
    .execute();
}

/** A staff account that may be assigned to a record: active, staff. */
export function findActiveStaff(db: Conn, userId: number) {
  return db
    .selectFrom('users')
    .select(['id'])
    .where('id', '=', userId)
    .where('kind', '=', 'staff')
    .where('active', '=', 1)
    .executeTakeFirst();
}
