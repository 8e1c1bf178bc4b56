import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, UserRow } from '../../db/types.ts';
import { pathWithin } from '../../platform/access.ts';

export interface RoleRow {
  id: number;
  user_id: number;
  role: string;
  unit_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  path: string;
}

export async function findRoles(db: Kysely<Database>, userIds: number[]): Promise<RoleRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_bindings as rb')
    .innerJoin('units as u', 'u.id', 'rb.unit_id')
    .select(['rb.id', 'rb.user_id', 'rb.role', 'rb.unit_id', 'u.code', 'u.name_zh', 'u.name_en', 'u.path'])
    .where('rb.user_id', 'in', userIds)
    .orderBy('rb.id')
    .execute();
}

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  unitId?: number | undefined;
  /** With unitId: a role anywhere in that unit's subtree counts, not only at the unit itself. */
  includeSubunits?: boolean | undefined;
  active?: boolean | undefined;
  /** Locked out by failed sign-ins at `now`, or not. */
  locked?: boolean | undefined;
  /** The instant `locked` is judged at. */
  now: string;
  after?: number | undefined;
  limit: number;
}

/**
 * Staff accounts inside a scope: those holding a role at a unit in one of the scope's subtrees,
 * plus (for a whole-district scope) accounts holding no role at all. Lists and single reads both
 * go through here, so they can never disagree.
 */
export function visibleStaff(db: Db, scope: string[], includeRoleless: boolean) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .where('users.kind', '=', 'staff')
    .where((eb) => {
      const bound = eb.exists(
        eb
          .selectFrom('role_bindings as rb')
          .innerJoin('units as u', 'u.id', 'rb.unit_id')
          .select('rb.id')
          .whereRef('rb.user_id', '=', 'users.id')
          .where((inner) => pathWithin(inner, 'u.path', scope)),
      );
      if (!includeRoleless) return bound;
      const roleless = eb.not(
        eb.exists(
          eb.selectFrom('role_bindings as r2').select('r2.id').whereRef('r2.user_id', '=', 'users.id'),
        ),
      );
      return eb.or([bound, roleless]);
    });
}

export async function listStaff(
  db: Db,
  scope: string[],
  includeRoleless: boolean,
  filter: UserFilter,
): Promise<UserRow[]> {
  let query = visibleStaff(db, scope, includeRoleless);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('users.username', 'like', like), eb('users.display_name', 'like', like)]),
    );
  }
  if (filter.role || filter.unitId) {
    const { unitId, includeSubunits } = filter;
    query = query.where((eb) => {
      let sub = eb.selectFrom('role_bindings as f').select('f.id').whereRef('f.user_id', '=', 'users.id');
      if (filter.role) sub = sub.where('f.role', '=', filter.role);
      if (unitId && includeSubunits) {
        // A unit's path is the prefix of every path in its subtree.
        sub = sub
          .innerJoin('units as fu', 'fu.id', 'f.unit_id')
          .where((w) =>
            w.exists(
              w
                .selectFrom('units as anchor')
                .select('anchor.id')
                .where('anchor.id', '=', unitId)
                .where(sql<SqlBool>`fu.path like anchor.path || '%'`),
            ),
          );
      } else if (unitId) sub = sub.where('f.unit_id', '=', unitId);
      return eb.exists(sub);
    });
  }
  if (filter.active !== undefined) query = query.where('users.active', '=', filter.active ? 1 : 0);
  if (filter.locked !== undefined) {
    const { now } = filter;
    query = filter.locked
      ? query.where('users.locked_until', '>', now)
      : query.where((eb) =>
          eb.or([eb('users.locked_until', 'is', null), eb('users.locked_until', '<=', now)]),
        );
  }
  if (filter.after) query = query.where('users.id', '>', filter.after);
  return query.orderBy('users.id').limit(filter.limit).execute();
}
