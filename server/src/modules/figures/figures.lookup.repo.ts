import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CaseTable, Database } from '../../db/types.ts';
import { pathWithin } from '../../platform/access.ts';

/**
 * The rows the dashboard reads besides counts: the categories a filter names, the areas of a unit's
 * sub-units, and the few cases that need a leader's attention now.
 */

export interface CategoryFilterRows {
  /** The leaf category with the code, if any. */
  leaf: { id: number; code: string; name_zh: string; name_en: string } | undefined;
  /** The group with the code, if any, and every leaf in it (retired ones too: they keep their history). */
  group: { code: string; name_zh: string; name_en: string } | undefined;
  groupLeafIds: number[];
}

export async function findCategoryFilter(db: Db, code: string): Promise<CategoryFilterRows> {
  const [leaf, group, leaves] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'code', 'name_zh', 'name_en'])
      .where('code', '=', code)
      .executeTakeFirst(),
    db
      .selectFrom('category_groups')
      .select(['code', 'name_zh', 'name_en'])
      .where('code', '=', code)
      .executeTakeFirst(),
    db.selectFrom('categories').select('id').where('group_code', '=', code).execute(),
  ]);
  return { leaf, group, groupLeafIds: leaves.map((r) => r.id) };
}

export interface AreaRow {
  id: number;
  code: string;
  kind: string;
  name_zh: string;
  name_en: string;
  area: string | null;
}

/** The unit's own area. */
export function selectUnitArea(db: Db, unitId: number): Promise<AreaRow | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'kind', 'name_zh', 'name_en', 'area'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

/** The active streets and communities right under the unit, with their areas, in code order. */
export function selectChildAreas(db: Db, parentId: number): Promise<AreaRow[]> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'kind', 'name_zh', 'name_en', 'area'])
    .where('parent_id', '=', parentId)
    .where('kind', 'in', ['street', 'community'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
}

type CaseDb = Database & { c: CaseTable };

export interface AttentionCaseRow {
  id: number;
  tracking_no: string;
  title: string;
  status: string;
  urgent: number;
  supervised: number;
  escalation_level: number;
  registered_at: string;
  resolve_due_at: string | null;
  category_code: string | null;
  category_name_zh: string | null;
  category_name_en: string | null;
  street_code: string | null;
  street_name_zh: string | null;
  street_name_en: string | null;
  community_code: string | null;
  community_name_zh: string | null;
  community_name_en: string | null;
  lead_code: string | null;
  lead_name_zh: string | null;
  lead_name_en: string | null;
}

/**
 * Open cases of the subtree (by place or lead unit) that are overdue now, most overdue first, or
 * supervised, most escalated and then most overdue first. Sensitive cases (special groups) are left
 * out: the dashboard shows them only in the counts, so a list never shows more than the case rule
 * lets its viewer read.
 */
export function selectAttentionCases(
  db: Db,
  q: {
    list: 'overdue' | 'supervised';
    scope: string | null;
    categoryIds: number[] | null;
    now: string;
    limit: number;
  },
): Promise<AttentionCaseRow[]> {
  let query = db
    .selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .leftJoin('units as s', 's.id', 'c.street_id')
    .leftJoin('units as m', 'm.id', 'c.community_id')
    .leftJoin('units as l', 'l.id', 'c.lead_unit_id')
    .select([
      'c.id',
      'c.tracking_no',
      'c.title',
      'c.status',
      'c.urgent',
      'c.supervised',
      'c.escalation_level',
      'c.registered_at',
      'c.resolve_due_at',
      'cat.code as category_code',
      'cat.name_zh as category_name_zh',
      'cat.name_en as category_name_en',
      's.code as street_code',
      's.name_zh as street_name_zh',
      's.name_en as street_name_en',
      'm.code as community_code',
      'm.name_zh as community_name_zh',
      'm.name_en as community_name_en',
      'l.code as lead_code',
      'l.name_zh as lead_name_zh',
      'l.name_en as lead_name_en',
    ])
    .where('c.sensitive', '=', 0);
  const scope = q.scope;
  if (scope !== null)
    query = query.where(
      (eb: ExpressionBuilder<CaseDb, 'c'>): Expression<SqlBool> =>
        eb.or([pathWithin(eb, 'c.location_path', [scope]), pathWithin(eb, 'c.lead_unit_path', [scope])]),
    );
  const ids = q.categoryIds;
  if (ids)
    query = ids.length === 0 ? query.where(sql<SqlBool>`1 = 0`) : query.where('c.category_id', 'in', ids);
  if (q.list === 'overdue') {
    query = query
      .where('c.status', 'in', ['dispatched', 'accepted'])
      .where('c.resolve_due_at', '<', q.now)
      .orderBy('c.resolve_due_at')
      .orderBy('c.id');
  } else {
    query = query
      .where('c.status', 'in', ['received', 'dispatched', 'accepted'])
      .where('c.supervised', '=', 1)
      .orderBy('c.escalation_level', 'desc')
      .orderBy('c.resolve_due_at')
      .orderBy('c.id');
  }
  return query.limit(q.limit).execute();
}

/** Forgets the kept days of one unit (kept in an older format, to be computed again). */
export async function deleteUnitFigureDays(db: Db, unitId: number, days: string[]): Promise<void> {
  for (let i = 0; i < days.length; i += 200) {
    await db
      .deleteFrom('figure_days')
      .where('unit_id', '=', unitId)
      .where('day', 'in', days.slice(i, i + 200))
      .execute();
  }
}
