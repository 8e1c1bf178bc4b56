import type { Db } from '../../db/database.ts';
import { unitRef } from './org.present.ts';
import { type Executor, findUnitsByIds, selectAreaCandidates } from './org.repo.ts';
import type { PointResolution, UnitRef } from './org.schema.ts';
import { parseArea, polygonContains } from './org-geo.ts';

/** The ids of a materialised path, root first: `/1/4/23/` → [1, 4, 23]. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(Number);
}

/** The nearest community and street on a unit's path (the unit itself counts). */
export async function communityAndStreetOf(
  db: Executor,
  path: string,
): Promise<{ community: UnitRef | null; street: UnitRef | null }> {
  const ids = pathIds(path);
  const byId = new Map((await findUnitsByIds(db, ids)).map((r) => [r.id, r]));
  let community: UnitRef | null = null;
  let street: UnitRef | null = null;
  for (const id of ids) {
    const row = byId.get(id);
    if (row?.kind === 'community') community = unitRef(row);
    if (row?.kind === 'street') street = unitRef(row);
  }
  return { community, street };
}

/**
 * The smallest active unit whose area contains the point, with the community and street it lies
 * in; null when no area holds the point. The bounding boxes narrow the candidates in SQL, the
 * polygons decide.
 */
export async function resolvePoint(db: Db, lat: number, lng: number): Promise<PointResolution | null> {
  const candidates = await selectAreaCandidates(db, lng, lat);
  const hit = candidates.find((c) => {
    const area = parseArea(c.area);
    return area !== null && polygonContains(area, lng, lat);
  });
  if (!hit) return null;
  return { unit: { ...unitRef(hit), kind: hit.kind }, ...(await communityAndStreetOf(db, hit.path)) };
}
