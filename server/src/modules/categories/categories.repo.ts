import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CategoryGroupTable, CategoryRow, CategoryTable, Database } from '../../db/types.ts';

/** The database or a transaction on it: every helper here works inside the caller's transaction. */
export type Executor = Kysely<Database>;

export type GroupRow = Selectable<CategoryGroupTable>;
export type NewCategory = Insertable<CategoryTable>;
export type CategoryUpdate = Updateable<CategoryTable>;
export type NewGroup = Insertable<CategoryGroupTable>;
export type GroupUpdate = Updateable<CategoryGroupTable>;

/** Every group, in display order. */
export function selectGroups(db: Executor): Promise<GroupRow[]> {
  return db.selectFrom('category_groups').selectAll().orderBy('sort').orderBy('code').execute();
}

/** Every category, in display order within its group. */
export function selectCategories(db: Executor): Promise<CategoryRow[]> {
  return db.selectFrom('categories').selectAll().orderBy('sort').orderBy('code').execute();
}

export function findGroupByCode(db: Executor, code: string): Promise<GroupRow | undefined> {
  return db.selectFrom('category_groups').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findCategoryRowByCode(db: Executor, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findCategoryRowById(db: Executor, id: number): Promise<CategoryRow | undefined> {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The highest sort among the groups, or among the categories of one group; -1 when there are none. */
export async function maxSort(db: Executor, groupCode?: string): Promise<number> {
  const query =
    groupCode === undefined
      ? db.selectFrom('category_groups').select((eb) => eb.fn.max('sort').as('max'))
      : db
          .selectFrom('categories')
          .select((eb) => eb.fn.max('sort').as('max'))
          .where('group_code', '=', groupCode);
  const row = await query.executeTakeFirst();
  return row?.max == null ? -1 : Number(row.max);
}

export async function insertGroup(trx: Executor, values: NewGroup): Promise<void> {
  await trx.insertInto('category_groups').values(values).execute();
}

export async function updateGroupByCode(trx: Executor, code: string, changes: GroupUpdate): Promise<void> {
  await trx.updateTable('category_groups').set(changes).where('code', '=', code).execute();
}

export async function insertCategory(trx: Executor, values: NewCategory): Promise<number> {
  const row = await trx.insertInto('categories').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the changes and bumps the version if the category is still at `version`; false otherwise. */
export async function updateCategoryAtVersion(
  trx: Executor,
  id: number,
  version: number,
  changes: CategoryUpdate,
): Promise<boolean> {
  const res = await trx
    .updateTable('categories')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
