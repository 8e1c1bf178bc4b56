import type { UnitRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import type { UnitSummaryRow } from './org.repo.ts';
import type { BBox, UnitDetail, UnitRef, UnitView } from './org.schema.ts';
import { parseArea } from './org-geo.ts';

export function parseAliases(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function unitRef(row: { id: number; code: string; name_zh: string; name_en: string }): UnitRef {
  return { id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en };
}

function bboxOf(row: UnitSummaryRow): BBox | null {
  if (row.min_lng == null || row.min_lat == null || row.max_lng == null || row.max_lat == null) return null;
  return [row.min_lng, row.min_lat, row.max_lng, row.max_lat];
}

/** A unit as the viewer sees it in lists: no polygon, with what the viewer may do to it. */
export function presentUnit(row: UnitSummaryRow, viewer: Actor): UnitView {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    kind: row.kind,
    function: row.function,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    path: row.path,
    depth: row.depth,
    aliases: parseAliases(row.aliases),
    areaM2: row.area_m2,
    bbox: bboxOf(row),
    active: row.active === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { manage: can(viewer, 'org.manage', { unitPath: row.path }) },
  };
}

export function presentUnitDetail(
  row: UnitRow,
  viewer: Actor,
  parent: UnitRef | null,
  counts: { childCount: number; activeChildCount: number; descendantCount: number },
): UnitDetail {
  return { ...presentUnit(row, viewer), area: parseArea(row.area), parent, ...counts };
}

/** What the audit log keeps of a unit: everything but the polygon itself, which its box and size stand for. */
export function auditSnapshot(row: UnitSummaryRow): Record<string, unknown> {
  return {
    code: row.code,
    parentId: row.parent_id,
    path: row.path,
    kind: row.kind,
    function: row.function,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    aliases: parseAliases(row.aliases),
    areaM2: row.area_m2,
    bbox: bboxOf(row),
    active: row.active === 1,
  };
}
