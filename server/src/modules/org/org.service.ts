import type { Db } from '../../db/database.ts';
import type { UnitRow, UnitUpdate } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { pinyinKeys } from '../../platform/pinyin.ts';
import { nowIso } from '../../platform/time.ts';
import { areaColumns } from './org-geo.ts';
import './org.policy.ts';
import { auditSnapshot, presentUnit, presentUnitDetail, unitRef } from './org.present.ts';
import {
  codeTaken,
  countChildren,
  type Executor,
  findUnit,
  findUnitByCode,
  insertUnit,
  rewriteSubtreePaths,
  selectFunctionUnit,
  selectSubtree,
  selectUnits,
  type UnitFilter,
  updateUnitAtVersion,
} from './org.repo.ts';
import type {
  CreateUnitBody,
  TreeNode,
  UnitDetail,
  UnitRef,
  UnitView,
  UpdateUnitBody,
} from './org.schema.ts';

/** Throws access.denied unless the viewer may read the organisation. */
export function requireOrgReader(viewer: Actor): void {
  if (!can(viewer, 'org.read', null)) throw new AppError('access.denied');
}

function requireManager(actor: Actor, unit: { path: string }): void {
  if (!can(actor, 'org.manage', { unitPath: unit.path })) throw new AppError('access.denied');
}

async function requireUnit(db: Executor, id: number): Promise<UnitRow> {
  const unit = await findUnit(db, id);
  if (!unit) throw new AppError('record.not_found');
  return unit;
}

async function requireParent(db: Executor, id: number, field: string): Promise<UnitRow> {
  const parent = await findUnit(db, id);
  if (!parent) {
    throw new AppError('org.parent_not_found', {}, [{ path: field, code: 'not_found', message: 'unit' }]);
  }
  return parent;
}

/** One unit with its polygon, parent and child counts; not-found when there is no such unit. */
export async function getUnit(db: Db, viewer: Actor, id: number): Promise<UnitDetail> {
  requireOrgReader(viewer);
  const unit = await requireUnit(db, id);
  const parent = unit.parent_id == null ? null : await findUnit(db, unit.parent_id);
  return presentUnitDetail(unit, viewer, parent ? unitRef(parent) : null, await countChildren(db, unit));
}

/** A page of units matching the filter (keyset on id). */
export async function listUnits(
  db: Db,
  viewer: Actor,
  filter: UnitFilter & { limit: number },
): Promise<{ items: UnitView[]; nextAfter: number | null }> {
  requireOrgReader(viewer);
  const rows = await selectUnits(db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => presentUnit(r, viewer)),
    nextAfter: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The organisation as nested nodes, children by code; from one unit down when rootId is given. */
export async function getTree(
  db: Db,
  viewer: Actor,
  options: { rootId?: number | undefined; includeInactive: boolean },
): Promise<TreeNode[]> {
  requireOrgReader(viewer);
  const root = options.rootId === undefined ? null : await requireUnit(db, options.rootId);
  const rows = await selectSubtree(db, root?.path ?? null, options.includeInactive);
  const nodes = new Map<number, TreeNode>();
  const roots: TreeNode[] = [];
  for (const row of rows) {
    const node: TreeNode = {
      id: row.id,
      code: row.code,
      kind: row.kind,
      function: row.function,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      active: row.active === 1,
      children: [],
    };
    nodes.set(row.id, node);
    const parent = row.parent_id == null ? undefined : nodes.get(row.parent_id);
    if (parent && row.id !== root?.id) parent.children.push(node);
    else if (!root || row.id === root.id) roots.push(node);
  }
  return roots;
}

/** Creates a unit under an active parent; the actor must manage the parent's subtree. */
export async function createUnit(db: Db, ctx: AuditContext, input: CreateUnitBody): Promise<UnitDetail> {
  const id = await db.transaction().execute(async (trx) => {
    const parent = await requireParent(trx, input.parentId, 'body.parentId');
    requireManager(ctx.actor, parent);
    if (parent.active !== 1) throw new AppError('org.parent_inactive');
    if (await codeTaken(trx, input.code)) throw new AppError('record.duplicate', { field: 'code' });
    const now = nowIso();
    const id = await insertUnit(
      trx,
      {
        code: input.code,
        kind: input.kind,
        function: input.function,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        aliases: JSON.stringify(input.aliases),
        ...areaColumns(input.area),
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      },
      parent,
    );
    const created = await requireUnit(trx, id);
    await recordAudit(trx, ctx, {
      action: 'unit.create',
      recordType: 'unit',
      recordId: id,
      after: auditSnapshot(created),
    });
    return id;
  });
  return getUnit(db, ctx.actor, id);
}

/** Renames or re-describes a unit (names, function, aliases, area) if it is still at `version`. */
export async function updateUnit(
  db: Db,
  ctx: AuditContext,
  id: number,
  input: UpdateUnitBody,
): Promise<UnitDetail> {
  await db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, id);
    requireManager(ctx.actor, before);
    const changes: UnitUpdate = { updated_at: nowIso() };
    if (input.nameZh !== undefined) changes.name_zh = input.nameZh;
    if (input.nameEn !== undefined) changes.name_en = input.nameEn;
    if (input.function !== undefined) changes.function = input.function;
    if (input.aliases !== undefined) changes.aliases = JSON.stringify(input.aliases);
    if (input.area !== undefined) Object.assign(changes, areaColumns(input.area));
    if (!(await updateUnitAtVersion(trx, id, input.version, changes))) throw new AppError('record.conflict');
    await recordAudit(trx, ctx, {
      action: 'unit.update',
      recordType: 'unit',
      recordId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(await requireUnit(trx, id)),
    });
  });
  return getUnit(db, ctx.actor, id);
}

/**
 * Moves a unit, with its whole subtree, under a new parent. The actor must manage both the unit and
 * the new parent; a unit cannot move under itself or its own descendants.
 */
export async function moveUnit(
  db: Db,
  ctx: AuditContext,
  id: number,
  input: { version: number; parentId: number },
): Promise<UnitDetail> {
  await db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, id);
    const parent = await requireParent(trx, input.parentId, 'body.parentId');
    requireManager(ctx.actor, unit);
    requireManager(ctx.actor, parent);
    if (parent.path.startsWith(unit.path)) throw new AppError('org.cycle');
    if (unit.active === 1 && parent.active !== 1) throw new AppError('org.parent_inactive');
    if (unit.version !== input.version) throw new AppError('record.conflict');
    if (unit.parent_id === parent.id) return;
    const now = nowIso();
    if (!(await updateUnitAtVersion(trx, id, input.version, { parent_id: parent.id, updated_at: now }))) {
      throw new AppError('record.conflict');
    }
    await rewriteSubtreePaths(trx, unit.path, `${parent.path}${id}/`, parent.depth + 1 - unit.depth, now);
    await recordAudit(trx, ctx, {
      action: 'unit.move',
      recordType: 'unit',
      recordId: id,
      before: { parentId: unit.parent_id, path: unit.path, depth: unit.depth },
      after: { parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1 },
    });
  });
  return getUnit(db, ctx.actor, id);
}

/**
 * Deactivates a unit that has no active children, or reactivates one whose parent is active.
 * Asking for the state a unit is already in changes nothing.
 */
export async function setUnitActive(
  db: Db,
  ctx: AuditContext,
  id: number,
  input: { version: number; active: boolean },
): Promise<UnitDetail> {
  await db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, id);
    requireManager(ctx.actor, unit);
    if (unit.version !== input.version) throw new AppError('record.conflict');
    if ((unit.active === 1) === input.active) return;
    if (input.active && unit.parent_id != null) {
      const parent = await requireUnit(trx, unit.parent_id);
      if (parent.active !== 1) throw new AppError('org.parent_inactive');
    }
    if (!input.active && (await countChildren(trx, unit)).activeChildCount > 0) {
      throw new AppError('org.has_active_children');
    }
    const ok = await updateUnitAtVersion(trx, id, input.version, {
      active: input.active ? 1 : 0,
      updated_at: nowIso(),
    });
    if (!ok) throw new AppError('record.conflict');
    await recordAudit(trx, ctx, {
      action: input.active ? 'unit.reactivate' : 'unit.deactivate',
      recordType: 'unit',
      recordId: id,
      before: { active: unit.active === 1 },
      after: { active: input.active },
    });
  });
  return getUnit(db, ctx.actor, id);
}

/**
 * Active streets and their active communities, by code, with their names' pinyin: public, for the
 * resident portal and the pickers of the workbench.
 */
export async function listPublicCommunities(db: Db) {
  const rows = await selectUnits(db, { kinds: ['street', 'community'], active: true });
  const place = (row: (typeof rows)[number]) => ({
    ...unitRef(row),
    pinyin: pinyinKeys(row.name_zh, row.name_en),
  });
  const streets = rows
    .filter((r) => r.kind === 'street')
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => ({
      ...place(s),
      communities: rows
        .filter((c) => c.kind === 'community' && c.path.startsWith(s.path))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(place),
    }));
  return { streets };
}

/**
 * The active unit with a given function inside a scope unit's subtree (the scope itself included),
 * nearest to the scope first: how a route like `street:ENFORCEMENT` finds its handler. Null when none.
 */
export async function findFunctionUnit(db: Db, scopeUnitId: number, fn: string): Promise<UnitRef | null> {
  const scope = await findUnit(db, scopeUnitId);
  if (!scope) return null;
  const row = await selectFunctionUnit(db, scope.path, fn);
  return row ? unitRef(row) : null;
}

/** A unit by its code, as a reference; null when there is none. */
export async function findUnitRefByCode(db: Db, code: string): Promise<UnitRef | null> {
  const row = await findUnitByCode(db, code);
  return row ? unitRef(row) : null;
}

/** A unit a case can be sent to: its reference plus the path the case engine scopes by. */
export interface PlacedUnit extends UnitRef {
  path: string;
  kind: string;
  active: boolean;
}

/** One unit by id with its path, or null when there is none. */
export async function findPlacedUnit(db: Db, id: number): Promise<PlacedUnit | null> {
  const row = await findUnit(db, id);
  return row ? { ...unitRef(row), path: row.path, kind: row.kind, active: row.active === 1 } : null;
}

/** Where a route looks for its unit: `district:HOUSING`, `street:ENFORCEMENT`, `community:POLICE`, … */
export interface RouteTarget {
  scope: 'district' | 'street' | 'community' | 'center' | 'utility';
  function: string;
}

/**
 * Resolves a route against a place to the one active unit responsible, or null when the place lacks
 * the level the route needs or no unit there has the function. District, centre and utility routes
 * look only at the district's own units (never a street's unit of the same function); street and
 * community routes look inside the place's street or community, nearest level first.
 */
export async function resolveRoute(
  db: Db,
  route: RouteTarget,
  place: { streetId: number | null; communityId: number | null },
): Promise<PlacedUnit | null> {
  let scopeId: number | null;
  if (route.scope === 'street') scopeId = place.streetId;
  else if (route.scope === 'community') scopeId = place.communityId;
  else scopeId = await districtIdOf(db, place.streetId ?? place.communityId);
  if (scopeId === null) return null;
  const scope = await findUnit(db, scopeId);
  if (!scope) return null;
  const row = await selectFunctionUnit(db, scope.path, route.function);
  if (!row) return null;
  const unit = await findPlacedUnit(db, row.id);
  if (!unit) return null;
  const districtLevel = route.scope !== 'street' && route.scope !== 'community';
  // A district route must not fall through to a street's unit of the same function.
  if (
    districtLevel &&
    unit.path.split('/').filter(Boolean).length > scope.path.split('/').filter(Boolean).length + 1
  )
    return null;
  return unit;
}

/** The district holding a unit (the root above it), or the only root when no unit is given. */
async function districtIdOf(db: Db, unitId: number | null): Promise<number | null> {
  if (unitId !== null) {
    const unit = await findUnit(db, unitId);
    const rootId = unit ? Number(unit.path.split('/').filter(Boolean)[0]) : Number.NaN;
    if (Number.isFinite(rootId)) return rootId;
  }
  const roots = await selectUnits(db, { kind: 'district', active: true, limit: 2 });
  return roots.length === 1 ? (roots[0]?.id ?? null) : null;
}

export { resolveAddress } from './org-address.ts';
export { communityAndStreetOf, resolvePoint } from './org-resolve.ts';
