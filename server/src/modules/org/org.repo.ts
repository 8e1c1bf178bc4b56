import { type Kysely, sql } from 'kysely';
import type { Database, NewUnit, UnitRow, UnitUpdate } from '../../db/types.ts';

/** The database or a transaction on it: every helper here works inside the caller's transaction. */
export type Executor = Kysely<Database>;

/** A unit without its polygon, which can be large: what lists carry. */
export type UnitSummaryRow = Omit<UnitRow, 'area'>;

const SUMMARY_COLUMNS = [
  'id',
  'code',
  'parent_id',
  'kind',
  'function',
  'name_zh',
  'name_en',
  'path',
  'depth',
  'aliases',
  'area_m2',
  'min_lng',
  'min_lat',
  'max_lng',
  'max_lat',
  'active',
  'version',
  'created_at',
  'updated_at',
] as const;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function findUnit(db: Executor, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findUnitsByIds(db: Executor, ids: number[]): Promise<UnitSummaryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('units').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
}

export interface UnitFilter {
  kind?: string | undefined;
  parentId?: number | undefined;
  function?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  kinds?: string[] | undefined;
  after?: number | undefined;
  limit?: number | undefined;
}

/** Units matching the filter, in id order (the keyset of the list's pages). */
export function selectUnits(db: Executor, filter: UnitFilter): Promise<UnitSummaryRow[]> {
  let query = db.selectFrom('units').select(SUMMARY_COLUMNS);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.kinds) query = query.where('kind', 'in', filter.kinds);
  if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
  if (filter.function) query = query.where('function', '=', filter.function);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or(
        (['code', 'name_zh', 'name_en', 'aliases'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`,
        ),
      ),
    );
  }
  if (filter.after) query = query.where('id', '>', filter.after);
  if (filter.limit) query = query.limit(filter.limit);
  return query.orderBy('id').execute();
}

/** Every unit in a subtree (the whole organisation when rootPath is null), parents before children. */
export function selectSubtree(
  db: Executor,
  rootPath: string | null,
  includeInactive: boolean,
): Promise<UnitSummaryRow[]> {
  let query = db.selectFrom('units').select(SUMMARY_COLUMNS);
  if (rootPath) query = query.where('path', 'like', `${rootPath}%`);
  if (!includeInactive) query = query.where('active', '=', 1);
  return query.orderBy('depth').orderBy('code').execute();
}

export async function countChildren(
  db: Executor,
  unit: { id: number; path: string },
): Promise<{ childCount: number; activeChildCount: number; descendantCount: number }> {
  const children = await db
    .selectFrom('units')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number | null>(eb.case().when('active', '=', 1).then(1).else(0).end()).as('active'),
    ])
    .where('parent_id', '=', unit.id)
    .executeTakeFirstOrThrow();
  const descendants = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', `${unit.path}%`)
    .where('id', '!=', unit.id)
    .executeTakeFirstOrThrow();
  return {
    childCount: Number(children.n),
    activeChildCount: Number(children.active ?? 0),
    descendantCount: Number(descendants.n),
  };
}

export async function codeTaken(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a unit under its parent (null = a root) and fills in its materialised path and depth. */
export async function insertUnit(
  trx: Executor,
  values: Omit<NewUnit, 'path' | 'depth' | 'parent_id'>,
  parent: { id: number; path: string; depth: number } | null,
): Promise<number> {
  const row = await trx
    .insertInto('units')
    .values({ ...values, parent_id: parent?.id ?? null, path: '/', depth: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('units')
    .set({ path: `${parent?.path ?? '/'}${row.id}/`, depth: parent ? parent.depth + 1 : 0 })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

/** Inserts a unit with a placeholder path: the caller rebuilds paths once all units are in. */
export async function insertUnitPending(
  trx: Executor,
  values: Omit<NewUnit, 'path' | 'depth'>,
): Promise<number> {
  const row = await trx
    .insertInto('units')
    .values({ ...values, path: '/', depth: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a unit whatever its version (an import is authoritative), and bumps the version. */
export async function updateUnitById(trx: Executor, id: number, changes: UnitUpdate): Promise<void> {
  await trx
    .updateTable('units')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Updates a unit only if it is still at `version`, and bumps the version; false when it moved on. */
export async function updateUnitAtVersion(
  trx: Executor,
  id: number,
  version: number,
  changes: UnitUpdate,
): Promise<boolean> {
  const res = await trx
    .updateTable('units')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Rewrites the path prefix and depth of a whole subtree (the unit itself included) in one statement. */
export async function rewriteSubtreePaths(
  trx: Executor,
  oldPath: string,
  newPath: string,
  depthDelta: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('units')
    .set({
      path: sql<string>`cast(${newPath} as text) || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
      updated_at: now,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

/** The active unit with a function inside a subtree, shallowest first. */
export function selectFunctionUnit(db: Executor, rootPath: string, fn: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('function', '=', fn)
    .where('active', '=', 1)
    .where('path', 'like', `${rootPath}%`)
    .orderBy('depth')
    .orderBy('code')
    .executeTakeFirst();
}

/** Active units with an area whose bounding box holds the point, smallest area first. */
export function selectAreaCandidates(db: Executor, lng: number, lat: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'kind', 'name_zh', 'name_en', 'path', 'area'])
    .where('active', '=', 1)
    .where('area', 'is not', null)
    .where('min_lng', '<=', lng)
    .where('max_lng', '>=', lng)
    .where('min_lat', '<=', lat)
    .where('max_lat', '>=', lat)
    .orderBy('area_m2')
    .orderBy('id')
    .execute();
}

/** A fingerprint of the units table that changes with any insert or edit: count, latest edit, sum of versions. */
export async function selectOrgStamp(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('units')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('updated_at').as('latest'),
      eb.fn.sum<number | null>('version').as('versions'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.n}|${row.latest ?? ''}|${row.versions ?? 0}`;
}

/** Every unit, whole rows: for export and for planning an import. */
export function selectAllUnits(db: Executor): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('depth').orderBy('code').execute();
}

/** Re-derives path and depth of every unit from parent_id; writes only rows that changed. */
export async function rebuildPaths(trx: Executor, now: string): Promise<void> {
  const rows = await trx.selectFrom('units').select(['id', 'parent_id', 'path', 'depth']).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const computed = new Map<number, { path: string; depth: number }>();
  const resolve = (id: number): { path: string; depth: number } => {
    const done = computed.get(id);
    if (done) return done;
    const row = byId.get(id);
    if (!row) throw new Error(`unit ${id} is missing`);
    const parent = row.parent_id == null ? null : resolve(row.parent_id);
    const result = { path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    computed.set(id, result);
    return result;
  };
  for (const row of rows) {
    const { path, depth } = resolve(row.id);
    if (path !== row.path || depth !== row.depth) {
      await trx.updateTable('units').set({ path, depth, updated_at: now }).where('id', '=', row.id).execute();
    }
  }
}
