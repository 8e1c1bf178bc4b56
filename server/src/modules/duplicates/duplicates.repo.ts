import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Actor } from '../../platform/access.ts';
import { whereCaseVisibleTo } from '../cases/cases.policy.ts';

type Executor = Kysely<Database>;

/** Statuses of a case still being worked on: a new report about its problem belongs with it. */
export const WORKING_STATUSES = ['received', 'dispatched', 'accepted'] as const;

/** Where to look for earlier reports of a problem: its community, compound, point and category. */
export interface CandidateArea {
  since: string;
  resolvedSince: string;
  excludeId?: number | undefined;
  communityId?: number | null | undefined;
  placeUnitId?: number | null | undefined;
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null;
  categoryId?: number | null | undefined;
}

/** Rows per look-up: the newest first; enough for any real neighbourhood, bounded for any district. */
const PER_BRANCH = 150;

function baseQuery(db: Executor, viewer: Actor, area: CandidateArea) {
  let q = db
    .selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .leftJoin('units as st', 'st.id', 'c.street_id')
    .leftJoin('units as cm', 'cm.id', 'c.community_id')
    .leftJoin('units as pu', 'pu.id', 'c.place_unit_id')
    .select([
      'c.id',
      'c.tracking_no',
      'c.title',
      'c.description',
      'c.status',
      'c.registered_at',
      'c.address',
      'c.lat',
      'c.lng',
      'c.category_id',
      'c.community_id',
      'c.street_id',
      'c.place_unit_id',
      'c.suspected_duplicate_of_id',
      'cat.code as category_code',
      'cat.group_code as category_group',
      'cat.name_zh as category_name_zh',
      'cat.name_en as category_name_en',
      'st.code as street_code',
      'st.name_zh as street_name_zh',
      'st.name_en as street_name_en',
      'cm.code as community_code',
      'cm.name_zh as community_name_zh',
      'cm.name_en as community_name_en',
      'pu.code as place_code',
      'pu.kind as place_kind',
      'pu.name_zh as place_name_zh',
      'pu.name_en as place_name_en',
    ])
    .where('c.registered_at', '>=', area.since)
    .where((eb) =>
      eb.or([
        eb('c.status', 'in', [...WORKING_STATUSES]),
        eb.and([eb('c.status', '=', 'resolved'), eb('c.resolved_at', '>=', area.resolvedSince)]),
      ]),
    );
  // The system (portal and Open311 intake) looks at every case; people only at those they may open.
  if (viewer.type !== 'system') q = q.where(whereCaseVisibleTo(viewer));
  if (area.excludeId !== undefined) q = q.where('c.id', '!=', area.excludeId);
  return q.orderBy('c.registered_at', 'desc').limit(PER_BRANCH);
}
export type CandidateRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/**
 * Recent open cases the viewer may see in the same community, the same compound, around the point
 * and of the same category: each look-up runs on its own index and is bounded; the union, once each.
 */
export async function listCandidateCases(
  db: Executor,
  viewer: Actor,
  area: CandidateArea,
): Promise<CandidateRow[]> {
  const lookups: Array<() => Promise<CandidateRow[]>> = [];
  const { communityId, placeUnitId, box, categoryId } = area;
  if (communityId != null)
    lookups.push(() => baseQuery(db, viewer, area).where('c.community_id', '=', communityId).execute());
  if (placeUnitId != null && placeUnitId !== communityId)
    lookups.push(() => baseQuery(db, viewer, area).where('c.place_unit_id', '=', placeUnitId).execute());
  if (box) {
    const { minLat, maxLat, minLng, maxLng } = box;
    lookups.push(() =>
      baseQuery(db, viewer, area)
        .where('c.lat', '>=', minLat)
        .where('c.lat', '<=', maxLat)
        .where('c.lng', '>=', minLng)
        .where('c.lng', '<=', maxLng)
        .execute(),
    );
  }
  if (categoryId != null)
    lookups.push(() => baseQuery(db, viewer, area).where('c.category_id', '=', categoryId).execute());
  const seen = new Map<number, CandidateRow>();
  // One after another: on SQLite a single connection serves them anyway, and a transaction needs it.
  for (const lookup of lookups) for (const row of await lookup()) seen.set(row.id, row);
  return [...seen.values()];
}

/** The names of a place, to leave out of the words compared. */
export async function placeNames(db: Executor, unitIds: Array<number | null | undefined>): Promise<string[]> {
  const ids = unitIds.filter((id): id is number => typeof id === 'number');
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('units').select(['name_zh', 'aliases']).where('id', 'in', ids).execute();
  return rows.flatMap((r) => [r.name_zh, ...parseAliases(r.aliases)]);
}

function parseAliases(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** A category's code and group, by id or code. */
export function findCategoryKey(db: Executor, by: { id: number } | { code: string }) {
  const q = db.selectFrom('categories').select(['id', 'code', 'group_code', 'active']);
  return ('id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code)).executeTakeFirst();
}
