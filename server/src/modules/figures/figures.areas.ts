import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { resolveCaseFilter } from './figures.filters.ts';
import { type AreaRow, selectChildAreas, selectUnitArea } from './figures.lookup.repo.ts';
import { boundsOf, resolvePeriod } from './figures.period.ts';
import { presentFiguresNow, presentHandling, zeroCounts } from './figures.present.ts';
import type { AreasQuery, FiguresAreas } from './figures.schema.ts';
import { countGroups, presentUnit, subtreeOf, unitInReach } from './figures.service.ts';

type Polygon = [number, number][][];

function polygonOf(row: AreaRow): Polygon | null {
  return row.area === null ? null : (JSON.parse(row.area) as Polygon);
}

function areaUnit(row: AreaRow) {
  return { id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en, kind: row.kind };
}

/**
 * The hotspot map of a unit: its area and the areas of the streets or communities right under it,
 * each with its figures for the period (narrowed to a category when asked). A unit with no such
 * sub-units (a community, a department) answers with its own area and no sub-areas.
 */
export async function readAreas(db: Db, viewer: Actor, query: AreasQuery): Promise<FiguresAreas> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const filter = await resolveCaseFilter(db, query.category);
  const period = resolvePeriod(query.from, query.to, new Date());
  const [own, children] = await Promise.all([selectUnitArea(db, unit.id), selectChildAreas(db, unit.id)]);
  // One level at a time: a district's streets, or a street's communities.
  const level: FiguresAreas['level'] = children.some((c) => c.kind === 'street')
    ? 'street'
    : children.some((c) => c.kind === 'community')
      ? 'community'
      : null;
  const base = {
    unit: { ...presentUnit(unit), kind: own?.kind ?? '' },
    area: own ? polygonOf(own) : null,
    period,
    category: filter.category,
    level,
  };
  if (level === null) return { ...base, areas: [] };
  const { fromAt, toAt } = boundsOf(period);
  const groups = await countGroups(
    db,
    { scope: subtreeOf(unit), categoryIds: filter.categoryIds, fromAt, toAt, grouping: level },
    new Date(),
  );
  const areas = children
    .filter((c) => c.kind === level)
    .map((c) => {
      const counts = { ...zeroCounts(), ...groups.get(String(c.id)) };
      return {
        unit: areaUnit(c),
        area: polygonOf(c),
        figures: presentFiguresNow(counts),
        handling: presentHandling(counts),
      };
    });
  return { ...base, areas };
}
