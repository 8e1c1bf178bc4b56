import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';
import { actOnCase, ENDED_STATUSES, loadVisibleCase } from '../cases/case-core.ts';
import { whereCaseVisibleTo } from '../cases/cases.policy.ts';
import {
  type CandidateRow,
  findCategoryKey,
  listCandidateCases,
  placeNames,
  WORKING_STATUSES,
} from './duplicates.repo.ts';
import type {
  CaseDuplicates,
  DismissDuplicateBody,
  DuplicateCandidate,
  DuplicateReason,
} from './duplicates.schema.ts';
import {
  type CategoryMatch,
  categoryMatch,
  contentWords,
  duplicateScore,
  type Fingerprint,
  fingerprint,
  isLikelyDuplicate,
  isObviousDuplicate,
  metresBetween,
  NEARBY_METRES,
  type PlaceMatch,
  placeWordsOf,
  similarity,
  spotMatch,
  spotsOf,
  WINDOW_DAYS,
} from './duplicates.score.ts';

/** A new report, or a case, to look for earlier reports of the same problem. */
export interface DuplicateProbe {
  text: string;
  categoryId?: number | null | undefined;
  streetId?: number | null | undefined;
  communityId?: number | null | undefined;
  /** The smallest unit holding the place (a compound when the organisation knows it). */
  placeUnitId?: number | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  address?: string | null | undefined;
  excludeId?: number | undefined;
}

/** A candidate with what was measured about it. */
interface Ranked {
  row: CandidateRow;
  score: number;
  similarity: number;
  shared: string[];
  category: CategoryMatch;
  place: PlaceMatch;
}

/** Resolved cases stay worth offering this long: the same problem back soon after may not be fixed. */
const RESOLVED_DAYS = 7;
/** Texts are compared on their first characters: enough to say what the problem is. */
const TEXT_CHARS = 500;
const DAY_MS = 86_400_000;

function textOf(title: string | null | undefined, description: string): string {
  const body = description.slice(0, TEXT_CHARS);
  return title && !body.startsWith(title.replace(/…$/, '')) ? `${title} ${body}` : body;
}

/** A place is a compound (or a grid) when it is below the community it lies in. */
function belowCommunity(p: {
  placeUnitId?: number | null;
  communityId?: number | null;
  streetId?: number | null;
}) {
  return p.placeUnitId != null && p.placeUnitId !== p.communityId && p.placeUnitId !== p.streetId;
}

async function rankDuplicates(db: Db, viewer: Actor, probe: DuplicateProbe, now: string): Promise<Ranked[]> {
  const probeCategory =
    probe.categoryId == null ? undefined : await findCategoryKey(db, { id: probe.categoryId });
  const hasPoint = probe.lat != null && probe.lng != null;
  const dLat = NEARBY_METRES / 111_320;
  const dLng = hasPoint ? NEARBY_METRES / (111_320 * Math.cos(((probe.lat as number) * Math.PI) / 180)) : 0;
  const rows = await listCandidateCases(db, viewer, {
    since: new Date(Date.parse(now) - WINDOW_DAYS * DAY_MS).toISOString(),
    resolvedSince: new Date(Date.parse(now) - RESOLVED_DAYS * DAY_MS).toISOString(),
    excludeId: probe.excludeId,
    communityId: probe.communityId,
    placeUnitId: belowCommunity(probe) ? probe.placeUnitId : null,
    box: hasPoint
      ? {
          minLat: (probe.lat as number) - dLat,
          maxLat: (probe.lat as number) + dLat,
          minLng: (probe.lng as number) - dLng,
          maxLng: (probe.lng as number) + dLng,
        }
      : null,
    categoryId: probe.categoryId,
  });
  if (rows.length === 0) return [];
  const probeArea = await placeNames(db, [probe.streetId, probe.communityId]);
  const probePlaces = placeWordsOf([
    ...probeArea,
    ...(await placeNames(db, [probe.placeUnitId])),
    probe.address,
  ]);
  const probePrint = fingerprint(contentWords(probe.text, probePlaces));
  const probeSpots = spotsOf([probe.text, probe.address]);
  const probeKnown = probe.communityId != null || hasPoint;
  const probeKey = probeCategory ? { code: probeCategory.code, group: probeCategory.group_code } : null;
  const ranked: Ranked[] = [];
  for (const row of rows) {
    const rowPrint: Fingerprint = fingerprint(
      contentWords(
        textOf(row.title, row.description),
        placeWordsOf([row.street_name_zh, row.community_name_zh, row.place_name_zh, row.address]),
      ),
    );
    const sim = similarity(probePrint, rowPrint);
    const rowKey =
      row.category_code && row.category_group ? { code: row.category_code, group: row.category_group } : null;
    const spots = spotMatch(
      probeSpots,
      spotsOf([row.title, row.description.slice(0, TEXT_CHARS), row.address]),
    );
    const place: PlaceMatch = {
      sharedSpots: spots.shared,
      conflict: spots.conflict,
      bothKnown: probeKnown && (row.community_id !== null || row.lat !== null),
      sameCompound:
        belowCommunity(probe) &&
        row.place_unit_id === probe.placeUnitId &&
        belowCommunity({
          placeUnitId: row.place_unit_id,
          communityId: row.community_id,
          streetId: row.street_id,
        }),
      sameCommunity: probe.communityId != null && row.community_id === probe.communityId,
      metres:
        hasPoint && row.lat !== null && row.lng !== null
          ? metresBetween(probe.lat as number, probe.lng as number, row.lat, row.lng)
          : null,
    };
    const category = categoryMatch(probeKey, rowKey);
    const score = duplicateScore({
      similarity: sim.value,
      category,
      place,
      ageDays: (Date.parse(now) - Date.parse(row.registered_at)) / DAY_MS,
    });
    const measured = { row, score, similarity: sim.value, shared: sim.shared, category, place };
    if (isLikelyDuplicate(measured)) ranked.push(measured);
  }
  return ranked.sort((a, b) => b.score - a.score || b.row.registered_at.localeCompare(a.row.registered_at));
}

function ref(id: number | null, code: string | null, nameZh: string | null, nameEn: string | null) {
  return id === null || code === null ? null : { id, code, nameZh: nameZh ?? '', nameEn: nameEn ?? '' };
}

function reasonsOf(r: Ranked): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (r.similarity >= 0.3) reasons.push({ kind: 'similar_words', words: r.shared.slice(0, 5) });
  if (r.category === 'same') reasons.push({ kind: 'same_category' });
  if (r.category === 'neighbour') reasons.push({ kind: 'neighbour_category' });
  if (r.place.sharedSpots.length > 0)
    reasons.push({ kind: 'same_address', words: r.place.sharedSpots.slice(0, 3) });
  if (r.place.sameCompound) reasons.push({ kind: 'same_compound' });
  else if (r.place.sameCommunity) reasons.push({ kind: 'same_community' });
  if (r.place.metres !== null && r.place.metres <= NEARBY_METRES)
    reasons.push({ kind: 'nearby', metres: Math.round(r.place.metres / 10) * 10 });
  return reasons;
}

function present(r: Ranked): DuplicateCandidate {
  const { row } = r;
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    title: row.title,
    status: row.status,
    category:
      row.category_code === null
        ? null
        : { code: row.category_code, nameZh: row.category_name_zh ?? '', nameEn: row.category_name_en ?? '' },
    street: ref(row.street_id, row.street_code, row.street_name_zh, row.street_name_en),
    community: ref(row.community_id, row.community_code, row.community_name_zh, row.community_name_en),
    place: belowCommunity({
      placeUnitId: row.place_unit_id,
      communityId: row.community_id,
      streetId: row.street_id,
    })
      ? ref(row.place_unit_id, row.place_code, row.place_name_zh, row.place_name_en)
      : null,
    registeredAt: row.registered_at,
    score: r.score,
    reasons: reasonsOf(r),
  };
}

/**
 * Open cases the viewer may open that are likely about the same problem as the probe (same or
 * neighbouring category, same compound or community or within 300 m, similar words, recent), best
 * first, at most `limit`. Never lists a case the viewer could not open.
 */
export async function findDuplicates(
  db: Db,
  viewer: Actor,
  probe: DuplicateProbe,
  limit = 5,
): Promise<DuplicateCandidate[]> {
  const ranked = await rankDuplicates(db, viewer, probe, nowIso());
  return ranked.slice(0, limit).map(present);
}

/**
 * The case a new portal or Open311 report so obviously repeats that a dispatcher should confirm it:
 * being worked on, same category, same compound or community or within 100 m, words clearly alike.
 * Looks at every case (the reporter sees none of them); null when nothing is that close.
 */
export async function findObviousDuplicate(
  db: Db,
  probe: DuplicateProbe,
): Promise<{ id: number; trackingNo: string; score: number } | null> {
  if (probe.categoryId == null) return null;
  const ranked = await rankDuplicates(db, { type: 'system', name: 'duplicates' }, probe, nowIso());
  const hit = ranked.find(
    (r) =>
      isObviousDuplicate(r) &&
      (WORKING_STATUSES as readonly string[]).includes(r.row.status) &&
      r.row.suspected_duplicate_of_id === null,
  );
  return hit ? { id: hit.row.id, trackingNo: hit.row.tracking_no, score: hit.score } : null;
}

function probeOf(row: CaseRow): DuplicateProbe {
  return {
    text: textOf(row.title, row.description),
    categoryId: row.category_id,
    streetId: row.street_id,
    communityId: row.community_id,
    placeUnitId: row.place_unit_id,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    excludeId: row.id,
  };
}

/**
 * A case's likely duplicates for the case page, the earlier case it is held as a suspected duplicate
 * of, and the later reports held as suspected duplicates of it; all limited to what the viewer may open.
 */
export async function getCaseDuplicates(db: Db, viewer: Actor, id: number): Promise<CaseDuplicates> {
  const { row } = await loadVisibleCase(db, viewer, id);
  const open = !ENDED_STATUSES.has(row.status);
  const ranked = open ? await rankDuplicates(db, viewer, probeOf(row), nowIso()) : [];
  let suspectedOf: DuplicateCandidate | null = null;
  if (row.suspected_duplicate_of_id !== null) {
    const earlier = ranked.find((r) => r.row.id === row.suspected_duplicate_of_id);
    suspectedOf = earlier ? present(earlier) : await presentSuspected(db, viewer, row);
  }
  const suspectedBy =
    viewer.type === 'staff'
      ? await db
          .selectFrom('cases as c')
          .select(['c.id', 'c.tracking_no', 'c.title', 'c.status', 'c.registered_at'])
          .where('c.suspected_duplicate_of_id', '=', row.id)
          .where(whereCaseVisibleTo(viewer))
          .orderBy('c.id')
          .limit(50)
          .execute()
      : [];
  return {
    suspectedOf,
    suspectedBy: suspectedBy.map((c) => ({
      id: c.id,
      trackingNo: c.tracking_no,
      title: c.title,
      status: c.status,
      registeredAt: c.registered_at,
    })),
    items: ranked
      .filter((r) => r.row.id !== row.suspected_duplicate_of_id)
      .slice(0, 5)
      .map(present),
  };
}

/** The suspected original when it no longer ranks (ended, or changed since): shown with no score. */
async function presentSuspected(db: Db, viewer: Actor, row: CaseRow): Promise<DuplicateCandidate | null> {
  const earlier = await loadVisibleCase(db, viewer, row.suspected_duplicate_of_id as number).catch(
    () => null,
  );
  if (!earlier) return null;
  const e = earlier.row;
  const names = await db
    .selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .leftJoin('units as st', 'st.id', 'c.street_id')
    .leftJoin('units as cm', 'cm.id', 'c.community_id')
    .select([
      'cat.code as category_code',
      'cat.name_zh as category_name_zh',
      'cat.name_en as category_name_en',
      'st.code as street_code',
      'st.name_zh as street_name_zh',
      'st.name_en as street_name_en',
      'cm.code as community_code',
      'cm.name_zh as community_name_zh',
      'cm.name_en as community_name_en',
    ])
    .where('c.id', '=', e.id)
    .executeTakeFirstOrThrow();
  return {
    id: e.id,
    trackingNo: e.tracking_no,
    title: e.title,
    status: e.status,
    category:
      names.category_code === null
        ? null
        : {
            code: names.category_code,
            nameZh: names.category_name_zh ?? '',
            nameEn: names.category_name_en ?? '',
          },
    street: ref(e.street_id, names.street_code, names.street_name_zh, names.street_name_en),
    community: ref(e.community_id, names.community_code, names.community_name_zh, names.community_name_en),
    place: null,
    registeredAt: e.registered_at,
    score: 0,
    reasons: [],
  };
}

/**
 * A dispatcher finds a suspected duplicate is not one: the link is cleared, and a case held in
 * triage for it waits there for an ordinary dispatch; the decision is in the history and the audit.
 */
export async function dismissSuspectedDuplicate(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: DismissDuplicateBody,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.merge', loaded.resource)) throw new AppError('access.denied');
    if (row.suspected_duplicate_of_id === null || ENDED_STATUSES.has(row.status))
      throw new AppError('case.not_suspected_duplicate');
    const earlier = await trx
      .selectFrom('cases')
      .select('tracking_no')
      .where('id', '=', row.suspected_duplicate_of_id)
      .executeTakeFirst();
    const held = row.status === 'received' && row.triage_reason === 'suspected_duplicate';
    return {
      changes: {
        suspected_duplicate_of_id: null,
        ...(held ? { triage_reason: row.category_id === null ? 'unknown_category' : 'review' } : {}),
      },
      event: {
        action: 'dismiss_duplicate',
        note: body.note ?? null,
        data: { of: earlier?.tracking_no ?? null },
      },
    };
  });
}
