import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CategoryRow, Database } from '../../db/types.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';
import { describeIssues } from '../../platform/validation.ts';
import { documentCategory, documentGroup } from './categories.present.ts';
import {
  type GroupRow,
  insertCategory,
  insertGroup,
  selectCategories,
  selectGroups,
  updateCategoryAtVersion,
  updateGroupByCode,
} from './categories.repo.ts';
import {
  type ImportCategory,
  type ImportGroup,
  type ImportResult,
  TaxonomyDocument,
} from './categories.schema.ts';
import { categoryColumns, requireCategoryManager } from './categories.service.ts';

/** The whole taxonomy as an import document: groups in display order, each group's categories after. */
export async function exportTaxonomy(db: Db, viewer: Actor): Promise<TaxonomyDocument> {
  requireCategoryManager(viewer);
  const [groups, categories] = await Promise.all([selectGroups(db), selectCategories(db)]);
  const rank = new Map(groups.map((g, i) => [g.code, i]));
  const ordered = [...categories].sort(
    (a, b) => (rank.get(a.group_code) ?? 0) - (rank.get(b.group_code) ?? 0),
  );
  return {
    format: 'shequ.taxonomy',
    version: 1,
    groups: groups.map(documentGroup),
    categories: ordered.map(documentCategory),
  };
}

function groupColumns(g: ImportGroup) {
  return { name_zh: g.nameZh, name_en: g.nameEn, sort: g.sort, active: g.active ? 1 : 0 };
}

function differs<T extends object>(row: T, columns: Partial<T>): boolean {
  return (Object.keys(columns) as (keyof T)[]).some((k) => row[k] !== columns[k]);
}

interface Plan<Entry, Row> {
  create: Entry[];
  update: { entry: Entry; row: Row }[];
  unchanged: number;
}

function planOf<Entry extends { code: string }, Row extends { code: string }>(
  entries: Entry[],
  rows: Row[],
  changed: (entry: Entry, row: Row) => boolean,
): Plan<Entry, Row> {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const plan: Plan<Entry, Row> = { create: [], update: [], unchanged: 0 };
  for (const entry of entries) {
    const row = byCode.get(entry.code);
    if (!row) plan.create.push(entry);
    else if (changed(entry, row)) plan.update.push({ entry, row });
    else plan.unchanged++;
  }
  return plan;
}

/** Every category names a group that exists already or comes with the document. */
function checkGroups(doc: TaxonomyDocument, groups: GroupRow[]): void {
  const known = new Set([...groups.map((g) => g.code), ...doc.groups.map((g) => g.code)]);
  const problems: ErrorDetail[] = [];
  doc.categories.forEach((c, i) => {
    if (!known.has(c.groupCode)) {
      problems.push({ path: `body.categories.${i}.groupCode`, code: 'not_found', message: c.groupCode });
    }
  });
  const first = problems[0];
  if (first) throw new AppError('category.group_not_found', { group: first.message }, problems);
}

/**
 * Loads a taxonomy document: checks all of it, then in one transaction creates the groups and
 * categories whose codes are new and updates the changed ones; entries it does not mention stay as
 * they are. With `dryRun` it only counts. Managers only (the CLI and the seed act as the system).
 */
export async function importTaxonomy(
  db: Db,
  ctx: AuditContext,
  document: unknown,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  requireCategoryManager(ctx.actor);
  const parsed = TaxonomyDocument.safeParse(document);
  if (!parsed.success) {
    // Over HTTP the route has validated the body already; this guards the CLI and the seed.
    const details = describeIssues(parsed.error.issues, 'body', 'en');
    throw new AppError('request.invalid', { fields: details.map((d) => d.path).join(', ') }, details);
  }
  const doc = parsed.data;
  return db.transaction().execute(async (trx) => {
    const [groupRows, categoryRows] = await Promise.all([selectGroups(trx), selectCategories(trx)]);
    checkGroups(doc, groupRows);
    const groups = planOf(doc.groups, groupRows, (g, row) => differs(row, groupColumns(g)));
    const categories = planOf(doc.categories, categoryRows, (c, row) => differs(row, categoryColumns(c)));
    const result: ImportResult = {
      created: categories.create.length,
      updated: categories.update.length,
      unchanged: categories.unchanged,
      groups: { created: groups.create.length, updated: groups.update.length, unchanged: groups.unchanged },
      dryRun: options.dryRun === true,
    };
    if (
      result.dryRun ||
      result.created + result.updated + result.groups.created + result.groups.updated === 0
    ) {
      return result;
    }
    await applyGroups(trx, groups);
    await applyCategories(trx, categories);
    await recordAudit(trx, ctx, {
      action: 'category.import',
      recordType: 'category',
      before: {
        groups: groups.update.map((u) => documentGroup(u.row)),
        categories: categories.update.map((u) => documentCategory(u.row)),
      },
      after: {
        result,
        createdGroups: groups.create.map((g) => g.code),
        createdCategories: categories.create.map((c) => c.code),
        groups: groups.update.map((u) => u.entry),
        categories: categories.update.map((u) => u.entry),
      },
    });
    return result;
  });
}

async function applyGroups(trx: Transaction<Database>, plan: Plan<ImportGroup, GroupRow>): Promise<void> {
  const now = nowIso();
  for (const g of plan.create) {
    await insertGroup(trx, { code: g.code, ...groupColumns(g), created_at: now, updated_at: now });
  }
  for (const { entry } of plan.update) {
    await updateGroupByCode(trx, entry.code, { ...groupColumns(entry), updated_at: now });
  }
}

async function applyCategories(
  trx: Transaction<Database>,
  plan: Plan<ImportCategory, CategoryRow>,
): Promise<void> {
  const now = nowIso();
  for (const c of plan.create) {
    await insertCategory(trx, {
      code: c.code,
      ...categoryColumns(c),
      version: 1,
      created_at: now,
      updated_at: now,
    });
  }
  for (const { entry, row } of plan.update) {
    // Bumps the version, so an editor holding the old one gets record.conflict instead of overwriting.
    if (
      !(await updateCategoryAtVersion(trx, row.id, row.version, {
        ...categoryColumns(entry),
        updated_at: now,
      }))
    ) {
      throw new AppError('record.conflict');
    }
  }
}
