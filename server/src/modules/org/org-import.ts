import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, UnitRow, UnitUpdate } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';
import { areaColumns, parseArea } from './org-geo.ts';
import './org.policy.ts';
import { parseAliases } from './org.present.ts';
import { insertUnitPending, rebuildPaths, selectAllUnits, updateUnitById } from './org.repo.ts';
import { type ImportResult, type ImportUnit, OrgDocument, type UnitKind } from './org.schema.ts';
import { requireOrgReader } from './org.service.ts';

/** The whole organisation as an import document, parents before children. */
export async function exportOrganisation(db: Db, viewer: Actor): Promise<OrgDocument> {
  requireOrgReader(viewer);
  const rows = await selectAllUnits(db);
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  return {
    format: 'shequ.org',
    version: 1,
    units: rows.map((r) => ({
      code: r.code,
      parentCode: r.parent_id == null ? null : (codeOf.get(r.parent_id) ?? null),
      kind: r.kind as UnitKind,
      function: r.function,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      aliases: parseAliases(r.aliases),
      area: parseArea(r.area),
      active: r.active === 1,
    })),
  };
}

function invalid(problems: ErrorDetail[]): AppError {
  const reason = problems
    .slice(0, 10)
    .map((p) => `${p.path} (${p.code})`)
    .join(', ');
  return new AppError('org.invalid_import', { reason }, problems);
}

/** A checked plan: the document's units by code, each with where it ends up. */
interface Plan {
  units: ImportUnit[];
  existing: Map<string, UnitRow>;
  /** Parent code of every unit after the import, for the units of the document and those it leaves alone. */
  parentOf: Map<string, string | null>;
  /** Parent code of every existing unit before the import. */
  originalParentOf: Map<string, string | null>;
}

/** Checks the whole document against itself and the database; every problem is reported at once. */
function checkDocument(doc: OrgDocument, rows: UnitRow[]): Plan {
  const problems: ErrorDetail[] = [];
  const at = (i: number, field: string) => `body.units.${i}.${field}`;
  const existing = new Map(rows.map((r) => [r.code, r]));
  const codeOfId = new Map(rows.map((r) => [r.id, r.code]));
  const parentOf = new Map<string, string | null>();
  const activeOf = new Map<string, boolean>();
  for (const r of rows) {
    parentOf.set(r.code, r.parent_id == null ? null : (codeOfId.get(r.parent_id) ?? null));
    activeOf.set(r.code, r.active === 1);
  }
  const originalParentOf = new Map(parentOf);
  const indexOf = new Map<string, number>();
  doc.units.forEach((u, i) => {
    if (indexOf.has(u.code)) problems.push({ path: at(i, 'code'), code: 'duplicate_code', message: u.code });
    else indexOf.set(u.code, i);
    parentOf.set(u.code, u.parentCode);
    activeOf.set(u.code, u.active);
  });
  doc.units.forEach((u, i) => {
    if (u.parentCode !== null && !parentOf.has(u.parentCode)) {
      problems.push({ path: at(i, 'parentCode'), code: 'unknown_parent', message: u.parentCode });
      return;
    }
    // Walk up: coming back to the unit means the document makes it its own ancestor.
    const seen = new Set([u.code]);
    for (let p = u.parentCode; p !== null; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) {
        problems.push({ path: at(i, 'parentCode'), code: 'cycle', message: u.parentCode ?? '' });
        break;
      }
      seen.add(p);
    }
  });
  for (const [code, parent] of parentOf) {
    if (!activeOf.get(code) || parent === null || activeOf.get(parent) !== false) continue;
    const own = indexOf.get(code);
    const parentIndex = indexOf.get(parent);
    if (own !== undefined)
      problems.push({ path: at(own, 'active'), code: 'parent_inactive', message: parent });
    else if (parentIndex !== undefined)
      problems.push({ path: at(parentIndex, 'active'), code: 'has_active_children', message: code });
  }
  if (problems.length > 0) throw invalid(problems);
  return { units: doc.units, existing, parentOf, originalParentOf };
}

function changesOf(unit: ImportUnit, row: UnitRow, parentId: number | null): UnitUpdate | null {
  const area = unit.area === null ? null : JSON.stringify(unit.area);
  const aliases = JSON.stringify(unit.aliases);
  const same =
    row.parent_id === parentId &&
    row.kind === unit.kind &&
    row.function === unit.function &&
    row.name_zh === unit.nameZh &&
    row.name_en === unit.nameEn &&
    row.aliases === aliases &&
    row.area === area &&
    (row.active === 1) === unit.active;
  if (same) return null;
  return {
    parent_id: parentId,
    kind: unit.kind,
    function: unit.function,
    name_zh: unit.nameZh,
    name_en: unit.nameEn,
    aliases,
    ...(row.area === area ? {} : areaColumns(unit.area)),
    active: unit.active ? 1 : 0,
  };
}

/**
 * Where the import reaches: the current places of the units it changes, and for units it creates
 * or moves, the existing unit they will hang from (or a new root when there is none).
 */
function reachOf(plan: Plan): { unitPaths: string[]; createsRoot: boolean } {
  const unitPaths = new Set<string>();
  let createsRoot = false;
  for (const unit of plan.units) {
    const row = plan.existing.get(unit.code);
    const placed = !row || plan.originalParentOf.get(unit.code) !== unit.parentCode;
    if (row) {
      if (!placed && changesOf(unit, row, row.parent_id) === null) continue;
      unitPaths.add(row.path);
    }
    if (!placed) continue;
    let anchor = unit.parentCode;
    while (anchor !== null && !plan.existing.has(anchor)) anchor = plan.parentOf.get(anchor) ?? null;
    const anchorRow = anchor === null ? undefined : plan.existing.get(anchor);
    if (anchorRow) unitPaths.add(anchorRow.path);
    else createsRoot = true;
  }
  return { unitPaths: [...unitPaths], createsRoot };
}

/** Parents before children, so every new unit's parent has an id when it is inserted. */
function inTreeOrder(plan: Plan): ImportUnit[] {
  const depth = (code: string): number => {
    let d = 0;
    for (let p = plan.parentOf.get(code) ?? null; p !== null; p = plan.parentOf.get(p) ?? null) d++;
    return d;
  };
  return plan.units
    .map((u) => ({ u, d: depth(u.code) }))
    .sort((a, b) => a.d - b.d)
    .map((x) => x.u);
}

/**
 * Loads an organisation document: checks all of it first, then in one transaction creates the
 * units whose codes are new and updates (or moves) the known ones; units it does not mention stay
 * as they are. The actor must manage every place it touches (the CLI and seed act as the system).
 */
export async function importOrganisation(
  db: Db,
  ctx: AuditContext,
  document: unknown,
): Promise<ImportResult> {
  const parsed = OrgDocument.safeParse(document);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        code: i.code,
        message: i.message,
      })),
    );
  }
  return db.transaction().execute(async (trx) => {
    const plan = checkDocument(parsed.data, await selectAllUnits(trx));
    if (!can(ctx.actor, 'org.import', reachOf(plan))) throw new AppError('access.denied');
    return applyPlan(trx, ctx, plan);
  });
}

async function applyPlan(trx: Transaction<Database>, ctx: AuditContext, plan: Plan): Promise<ImportResult> {
  const now = nowIso();
  const idOf = new Map([...plan.existing].map(([code, row]) => [code, row.id]));
  const created: string[] = [];
  const updated: { code: string; before: Record<string, unknown> }[] = [];
  let moved = false;
  for (const unit of inTreeOrder(plan)) {
    const parentId = unit.parentCode === null ? null : (idOf.get(unit.parentCode) ?? null);
    const row = plan.existing.get(unit.code);
    if (!row) {
      const id = await insertUnitPending(trx, {
        code: unit.code,
        parent_id: parentId,
        kind: unit.kind,
        function: unit.function,
        name_zh: unit.nameZh,
        name_en: unit.nameEn,
        aliases: JSON.stringify(unit.aliases),
        ...areaColumns(unit.area),
        active: unit.active ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      idOf.set(unit.code, id);
      created.push(unit.code);
      continue;
    }
    const changes = changesOf(unit, row, parentId);
    if (!changes) continue;
    if (row.parent_id !== parentId) moved = true;
    await updateUnitById(trx, row.id, { ...changes, updated_at: now });
    updated.push({
      code: unit.code,
      before: { parentId: row.parent_id, nameZh: row.name_zh, nameEn: row.name_en, active: row.active === 1 },
    });
  }
  if (created.length > 0 || moved) await rebuildPaths(trx, now);
  const result = {
    created: created.length,
    updated: updated.length,
    unchanged: plan.units.length - created.length - updated.length,
  };
  if (created.length > 0 || updated.length > 0) {
    await recordAudit(trx, ctx, {
      action: 'org.import',
      recordType: 'unit',
      after: { ...result, createdCodes: created, updatedUnits: updated },
    });
  }
  return result;
}
