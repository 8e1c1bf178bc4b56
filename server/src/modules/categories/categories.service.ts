import type { Db } from '../../db/database.ts';
import type { CategoryRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { pinyinKeys } from '../../platform/pinyin.ts';
import { nowIso } from '../../platform/time.ts';
import './categories.policy.ts';
import {
  attributesColumn,
  categoryInfo,
  documentCategory,
  documentGroup,
  presentCategory,
  presentGroup,
} from './categories.present.ts';
import {
  type CategoryUpdate,
  type Executor,
  findCategoryRowByCode,
  findCategoryRowById,
  findGroupByCode,
  type GroupRow,
  type GroupUpdate,
  insertCategory,
  insertGroup,
  maxSort,
  selectCategories,
  selectGroups,
  updateCategoryAtVersion,
  updateGroupByCode,
} from './categories.repo.ts';
import type {
  Catalogue,
  CategoryInfo,
  CategoryView,
  CreateCategoryBody,
  CreateGroupBody,
  GroupView,
  ImportCategory,
  UpdateCategoryBody,
  UpdateGroupBody,
} from './categories.schema.ts';

export type { Attribute, CategoryInfo, Route, RouteScope } from './categories.schema.ts';
export { parseRoute } from './categories.schema.ts';
export type { CaseAttributeValues } from './categories-attributes.ts';
export { validateCaseAttributes } from './categories-attributes.ts';

/** True when the actor may change the taxonomy (and see inactive entries and routes). */
export function canManageCategories(actor: Actor): boolean {
  return can(actor, 'category.manage', null);
}

/** Throws access.denied unless the actor may change the taxonomy. */
export function requireCategoryManager(actor: Actor): void {
  if (!canManageCategories(actor)) throw new AppError('access.denied');
}

/** The category with this code, or null; `active` says whether new cases may use it. */
export async function findCategoryByCode(db: Db, code: string): Promise<CategoryInfo | null> {
  return infoOf(db, await findCategoryRowByCode(db, code));
}

/** The category with this id, active or not (a case keeps its category), or null when unknown. */
export async function findCategoryById(db: Db, id: number): Promise<CategoryInfo | null> {
  return infoOf(db, await findCategoryRowById(db, id));
}

async function infoOf(db: Db, row: CategoryRow | undefined): Promise<CategoryInfo | null> {
  if (!row) return null;
  const group = await findGroupByCode(db, row.group_code);
  return categoryInfo(row, group?.active === 1);
}

/**
 * Active groups with their active categories, in display order: public, for whoever picks a
 * category. `includeInactive` (managers only) adds the switched-off ones.
 */
export async function listCatalogue(
  db: Db,
  viewer: Actor,
  options: { includeInactive: boolean },
): Promise<Catalogue> {
  const manage = canManageCategories(viewer);
  if (options.includeInactive && !manage) {
    throw new AppError(viewer.type === 'anonymous' ? 'auth.required' : 'access.denied');
  }
  const [groups, categories] = await Promise.all([selectGroups(db), selectCategories(db)]);
  const shown = (x: { active: number }) => options.includeInactive || x.active === 1;
  return {
    groups: groups.filter(shown).map((g) => ({
      ...presentGroup(g),
      pinyin: pinyinKeys(g.name_zh),
      categories: categories
        .filter((c) => c.group_code === g.code && shown(c))
        .map((c) => presentCategory(c, manage)),
    })),
  };
}

/** One category; an inactive one (or one of an inactive group) only for managers, else not found. */
export async function getCategory(db: Db, viewer: Actor, code: string): Promise<CategoryView> {
  const manage = canManageCategories(viewer);
  const row = await findCategoryRowByCode(db, code);
  const visible =
    row && (manage || (row.active === 1 && (await findGroupByCode(db, row.group_code))?.active === 1));
  if (!row || !visible) throw new AppError('record.not_found');
  return presentCategory(row, manage);
}

async function requireCategory(db: Executor, code: string): Promise<CategoryRow> {
  const row = await findCategoryRowByCode(db, code);
  if (!row) throw new AppError('record.not_found');
  return row;
}

async function requireGroup(db: Executor, code: string): Promise<GroupRow> {
  const row = await findGroupByCode(db, code);
  if (!row) throw new AppError('record.not_found');
  return row;
}

/** The group a category is put in must exist; the error names the field. */
async function requireTargetGroup(db: Executor, code: string, field: string): Promise<void> {
  if (await findGroupByCode(db, code)) return;
  throw new AppError('category.group_not_found', { group: code }, [
    { path: field, code: 'not_found', message: code },
  ]);
}

/** The columns a category document entry sets (everything but code, timestamps and version). */
export function categoryColumns(c: Omit<ImportCategory, 'code'>) {
  return {
    group_code: c.groupCode,
    name_zh: c.nameZh,
    name_en: c.nameEn,
    description_zh: c.descriptionZh,
    description_en: c.descriptionEn,
    route: c.route,
    review: c.review ? 1 : 0,
    resolve_workdays: c.resolveWorkdays,
    urgent_hours: c.urgentHours,
    sensitive: c.sensitive ? 1 : 0,
    attributes: attributesColumn(c.attributes),
    sort: c.sort,
    active: c.active ? 1 : 0,
  } satisfies CategoryUpdate;
}

/** Creates an active category in an existing group; the code must be new. */
export async function createCategory(
  db: Db,
  ctx: AuditContext,
  input: CreateCategoryBody,
): Promise<CategoryView> {
  requireCategoryManager(ctx.actor);
  return db.transaction().execute(async (trx) => {
    await requireTargetGroup(trx, input.groupCode, 'body.groupCode');
    if (await findCategoryRowByCode(trx, input.code)) {
      throw new AppError('record.duplicate', { field: 'code' }, [
        { path: 'body.code', code: 'duplicate', message: input.code },
      ]);
    }
    const sort = input.sort ?? (await maxSort(trx, input.groupCode)) + 1;
    const now = nowIso();
    const id = await insertCategory(trx, {
      code: input.code,
      ...categoryColumns({ ...input, sort, active: true }),
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const row = await requireCategory(trx, input.code);
    await recordAudit(trx, ctx, {
      action: 'category.create',
      recordType: 'category',
      recordId: id,
      after: documentCategory(row),
    });
    return presentCategory(row, true);
  });
}

/** Changes a category if it is still at `version` (else record.conflict); its code never changes. */
export async function updateCategory(
  db: Db,
  ctx: AuditContext,
  code: string,
  input: UpdateCategoryBody,
): Promise<CategoryView> {
  requireCategoryManager(ctx.actor);
  return db.transaction().execute(async (trx) => {
    const before = await requireCategory(trx, code);
    if (input.groupCode !== undefined) await requireTargetGroup(trx, input.groupCode, 'body.groupCode');
    const current = documentCategory(before);
    // Fields left out of the body (undefined after parsing) keep their current value.
    const { version, ...changes } = input;
    const merged = {
      ...current,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    };
    const ok = await updateCategoryAtVersion(trx, before.id, version, {
      ...categoryColumns(merged),
      updated_at: nowIso(),
    });
    if (!ok) throw new AppError('record.conflict');
    const after = await requireCategory(trx, code);
    await recordAudit(trx, ctx, {
      action: 'category.update',
      recordType: 'category',
      recordId: before.id,
      before: current,
      after: documentCategory(after),
    });
    return presentCategory(after, true);
  });
}

/** Deactivates (hides from new cases) or reactivates a category; asking for its current state changes nothing. */
export async function setCategoryActive(
  db: Db,
  ctx: AuditContext,
  code: string,
  input: { version: number; active: boolean },
): Promise<CategoryView> {
  requireCategoryManager(ctx.actor);
  return db.transaction().execute(async (trx) => {
    const before = await requireCategory(trx, code);
    if (before.version !== input.version) throw new AppError('record.conflict');
    if ((before.active === 1) === input.active) return presentCategory(before, true);
    const ok = await updateCategoryAtVersion(trx, before.id, input.version, {
      active: input.active ? 1 : 0,
      updated_at: nowIso(),
    });
    if (!ok) throw new AppError('record.conflict');
    await recordAudit(trx, ctx, {
      action: input.active ? 'category.activate' : 'category.deactivate',
      recordType: 'category',
      recordId: before.id,
      before: { active: before.active === 1 },
      after: { active: input.active },
    });
    return presentCategory(await requireCategory(trx, code), true);
  });
}

/** Creates an active group; the code must be new. */
export async function createGroup(db: Db, ctx: AuditContext, input: CreateGroupBody): Promise<GroupView> {
  requireCategoryManager(ctx.actor);
  return db.transaction().execute(async (trx) => {
    if (await findGroupByCode(trx, input.code)) {
      throw new AppError('record.duplicate', { field: 'code' }, [
        { path: 'body.code', code: 'duplicate', message: input.code },
      ]);
    }
    const now = nowIso();
    await insertGroup(trx, {
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      sort: input.sort ?? (await maxSort(trx)) + 1,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    const row = await requireGroup(trx, input.code);
    await recordAudit(trx, ctx, {
      action: 'category_group.create',
      recordType: 'category_group',
      recordId: row.id,
      after: documentGroup(row),
    });
    return presentGroup(row);
  });
}

/** Renames, re-sorts, deactivates or reactivates a group (with it, all its categories leave the public list). */
export async function updateGroup(
  db: Db,
  ctx: AuditContext,
  code: string,
  input: UpdateGroupBody,
): Promise<GroupView> {
  requireCategoryManager(ctx.actor);
  return db.transaction().execute(async (trx) => {
    const before = await requireGroup(trx, code);
    const changes: GroupUpdate = { updated_at: nowIso() };
    if (input.nameZh !== undefined) changes.name_zh = input.nameZh;
    if (input.nameEn !== undefined) changes.name_en = input.nameEn;
    if (input.sort !== undefined) changes.sort = input.sort;
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    await updateGroupByCode(trx, code, changes);
    const after = await requireGroup(trx, code);
    await recordAudit(trx, ctx, {
      action: 'category_group.update',
      recordType: 'category_group',
      recordId: before.id,
      before: documentGroup(before),
      after: documentGroup(after),
    });
    return presentGroup(after);
  });
}
