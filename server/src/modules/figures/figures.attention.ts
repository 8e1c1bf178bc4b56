import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { resolveCaseFilter } from './figures.filters.ts';
import { type AttentionCaseRow, selectAttentionCases } from './figures.lookup.repo.ts';
import type { AttentionCase, AttentionQuery, FiguresCases } from './figures.schema.ts';
import { presentUnit, subtreeOf, unitInReach } from './figures.service.ts';

function label(code: string | null, zh: string | null, en: string | null) {
  return code === null ? null : { code, nameZh: zh ?? code, nameEn: en ?? code };
}

function presentAttentionCase(row: AttentionCaseRow, now: Date): AttentionCase {
  const due = row.resolve_due_at === null ? null : Date.parse(row.resolve_due_at);
  const late = due !== null && due < now.getTime() && ['dispatched', 'accepted'].includes(row.status);
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    title: row.title,
    status: row.status,
    urgent: row.urgent === 1,
    supervised: row.supervised === 1,
    escalationLevel: row.escalation_level,
    registeredAt: row.registered_at,
    resolveDueAt: row.resolve_due_at,
    overdueMinutes: late && due !== null ? Math.floor((now.getTime() - due) / 60_000) : null,
    category: label(row.category_code, row.category_name_zh, row.category_name_en),
    street: label(row.street_code, row.street_name_zh, row.street_name_en),
    community: label(row.community_code, row.community_name_zh, row.community_name_en),
    leadUnit: label(row.lead_code, row.lead_name_zh, row.lead_name_en),
  };
}

/**
 * The cases of a unit's subtree that need a leader's eye now: overdue ones, most overdue first, or
 * supervised ones, most escalated first. The counts of the same cases are in the summary.
 */
export async function readAttentionCases(
  db: Db,
  viewer: Actor,
  query: AttentionQuery,
): Promise<FiguresCases> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const filter = await resolveCaseFilter(db, query.category);
  const now = new Date();
  const rows = await selectAttentionCases(db, {
    list: query.list,
    scope: subtreeOf(unit),
    categoryIds: filter.categoryIds,
    now: now.toISOString(),
    limit: query.limit,
  });
  return {
    unit: presentUnit(unit),
    category: filter.category,
    list: query.list,
    items: rows.map((r) => presentAttentionCase(r, now)),
  };
}
