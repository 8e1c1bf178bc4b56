import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../db/types.ts';
import { type Actor, can, roleActions } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf, nowIso } from '../../platform/time.ts';
import {
  type CategoryInfo,
  findCategoryByCode,
  validateCaseAttributes,
} from '../categories/categories.service.ts';
import { findObviousDuplicate } from '../duplicates/duplicates.service.ts';
import { forgetFigureDays } from '../figures/figures.service.ts';
import {
  communityAndStreetOf,
  findPlacedUnit,
  type PlacedUnit,
  resolveAddress,
  resolvePoint,
  resolveRoute,
} from '../org/org.service.ts';
import { findOrCreateReporter } from '../people/people.service.ts';
import { indexCase } from '../search/search.index.ts';
import { answeredChanges, appendEvent, invalidField, loadCase, sendToUnits, type Trx } from './case-core.ts';
import { mergeAtIntake, openMergeTarget } from './case-followup.service.ts';
import { tellReporters, tellResidents } from './case-handling.service.ts';
import { CASE_RECORD, type CaseResource } from './cases.policy.ts';
import {
  findIdempotencyKey,
  findRecentSameCase,
  insertCase,
  insertIdempotencyKey,
  nextSequence,
  updateCaseAtVersion,
} from './cases.repo.ts';
import type { Channel, RegisterCaseBody } from './cases.schema.ts';

/** The channels each kind of caller registers through. */
const STAFF_CHANNELS: Record<string, Channel[]> = {
  agent: ['hotline', 'letter_visit', 'walk_in'],
  dispatcher: ['hotline', 'letter_visit', 'walk_in', 'patrol'],
  community_worker: ['walk_in'],
  team_leader: ['patrol'],
  volunteer: ['patrol'],
};

function allowedChannels(actor: Actor): Channel[] {
  if (actor.type === 'resident') return ['portal'];
  if (actor.type === 'apikey') return ['open311'];
  if (actor.type !== 'staff') return [];
  return [...new Set(actor.roles.flatMap((g) => STAFF_CHANNELS[g.role] ?? []))];
}

/** The unit the caller registers at: a workroom, the help line, a patrol team. */
function intakeUnitOf(actor: Actor): number | null {
  if (actor.type === 'apikey') return actor.unitId;
  if (actor.type !== 'staff') return null;
  return actor.roles.find((g) => roleActions(g.role).includes('case.register'))?.unitId ?? null;
}

/** Where a case is: the smallest known unit holding its place, with its street and community. */
export interface Place {
  unit: PlacedUnit | null;
  streetId: number | null;
  communityId: number | null;
  /** Path scoping the case: the place's unit, or the district when the place is unknown. */
  path: string;
}

/**
 * Resolves a case's place: a point by the areas, else an address by the organisation's names, else a
 * community picked from the list, else the community of the workroom that took it in.
 */
export async function resolvePlace(
  db: Db,
  location: RegisterCaseBody['location'],
  intakeUnitId: number | null,
  districtPath: string,
): Promise<Place> {
  const fromRefs = async (unitId: number | null, communityId: number | null, streetId: number | null) => {
    const unit = unitId === null ? null : await findPlacedUnit(db, unitId);
    return { unit, communityId, streetId, path: unit?.path ?? districtPath };
  };
  if (location?.lat !== undefined && location.lng !== undefined) {
    const hit = await resolvePoint(db, location.lat, location.lng);
    if (hit?.unit) return fromRefs(hit.unit.id, hit.community?.id ?? null, hit.street?.id ?? null);
  }
  if (location?.address) {
    const found = await resolveAddress(db, location.address);
    if (found && found.confidence !== 'low' && !found.conflict) {
      const id = found.community?.id ?? found.street?.id ?? null;
      return fromRefs(id, found.community?.id ?? null, found.street?.id ?? null);
    }
  }
  const pickedOrIntake = location?.communityId ?? (location ? null : intakeUnitId);
  if (pickedOrIntake != null) {
    const unit = await findPlacedUnit(db, pickedOrIntake);
    if (!unit || !unit.active) {
      if (location?.communityId !== undefined)
        throw invalidField('location.communityId', 'not_found', 'unit_not_found');
    } else {
      const { community, street } = await communityAndStreetOf(db, unit.path);
      if (community || street) {
        const placeId = community?.id ?? street?.id ?? null;
        return fromRefs(placeId, community?.id ?? null, street?.id ?? null);
      }
    }
  }
  return { unit: null, communityId: null, streetId: null, path: districtPath };
}

/** Why a case could not go out on its own, or the unit it goes to. */
export type RouteDecision =
  | { unit: PlacedUnit }
  | { triage: 'unknown_category' | 'review' | 'no_location' | 'no_unit' | 'suspected_duplicate' };

/** Decides where a new case goes: its category's route resolved against its place, or triage. */
export async function decideRoute(
  db: Db,
  category: CategoryInfo | null,
  place: Place,
): Promise<RouteDecision> {
  if (!category || !category.route) return { triage: 'unknown_category' };
  if (category.review) return { triage: 'review' };
  const needsPlace = category.route.scope === 'street' || category.route.scope === 'community';
  if (needsPlace && place.streetId === null) return { triage: 'no_location' };
  const unit = await resolveRoute(db, category.route, {
    streetId: place.streetId,
    communityId: place.communityId,
  });
  return unit ? { unit } : { triage: 'no_unit' };
}

async function districtOf(db: Db): Promise<{ code: string; path: string }> {
  const root = await db
    .selectFrom('units')
    .select(['code', 'path'])
    .where('parent_id', 'is', null)
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) throw new AppError('server.unavailable');
  return root;
}

/** `<district code><yyyymmdd><6-digit sequence>`, the day in Beijing time. */
async function nextTrackingNo(trx: Trx, districtCode: string, now: string): Promise<string> {
  const day = localDateOf(now).replaceAll('-', '');
  const seq = await nextSequence(trx, districtCode, day);
  return `${districtCode}${day}${String(seq).padStart(6, '0')}`;
}

function idempotencyActorKey(actor: Actor): string {
  if (actor.type === 'staff' || actor.type === 'resident') return `user:${actor.userId}`;
  if (actor.type === 'apikey') return `apikey:${actor.keyId}`;
  return actor.type;
}

function titleOf(body: RegisterCaseBody): string {
  if (body.title) return body.title;
  const chars = [...body.description.replace(/\s+/g, ' ')];
  return chars.length <= 30 ? chars.join('') : `${chars.slice(0, 30).join('')}…`;
}

/**
 * Registers a case from any channel: checks the caller and channel, validates the category's extra
 * fields, resolves the place, records the reporter once in the Person register, and in the same
 * transaction either answers it on the spot, routes it to the responsible unit, or leaves it in the
 * dispatchers' triage queue. A repeated Idempotency-Key returns the first case instead of a second.
 */
export async function registerCase(
  db: Db,
  ctx: AuditContext,
  body: RegisterCaseBody,
  idempotencyKey?: string,
): Promise<{ id: number; replayed: boolean }> {
  const { actor } = ctx;
  if (!can(actor, 'case.register', null)) throw new AppError('access.denied');
  const allowed = allowedChannels(actor);
  const channel = body.channel ?? allowed[0];
  if (!channel || !allowed.includes(channel))
    throw new AppError('case.channel_not_allowed', { channel: channel ?? '' });

  const actorKey = idempotencyActorKey(actor);
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  if (idempotencyKey) {
    const earlier = await findIdempotencyKey(db, actorKey, idempotencyKey);
    if (earlier) return replay(earlier, requestHash);
  }

  let category: CategoryInfo | null = null;
  let attributes: Record<string, unknown> = {};
  if (body.categoryCode) {
    category = await findCategoryByCode(db, body.categoryCode);
    if (!category || !category.active) throw invalidField('categoryCode', 'not_found', 'category_not_found');
    attributes = validateCaseAttributes(category, body.attributes ?? {});
  } else if (body.attributes && Object.keys(body.attributes).length > 0) {
    throw invalidField('attributes', 'unexpected', 'attributes_need_category');
  }
  const district = await districtOf(db);
  const intakeUnitId = intakeUnitOf(actor);
  const place = await resolvePlace(
    db,
    body.location,
    channel === 'walk_in' ? intakeUnitId : null,
    district.path,
  );
  if (body.answer && !can(actor, 'case.answer', newCaseResource(place.path)))
    throw new AppError('access.denied');
  if (body.mergeInto !== undefined) {
    // Only staff take calls; a resident or an app cannot see the case to join.
    if (actor.type !== 'staff') throw new AppError('access.denied');
    if (body.answer) throw invalidField('mergeInto', 'conflict', 'merge_not_with_answer');
    await openMergeTarget(db, ctx, body.mergeInto, 'mergeInto');
  }
  const suspected = await suspectedDuplicate(db, channel, body, category, place);
  const route =
    body.answer || body.mergeInto !== undefined
      ? null
      : suspected
        ? { triage: 'suspected_duplicate' as const }
        : await decideRoute(db, category, place);

  try {
    // The number is drawn in its own short transaction: the day's counter row is locked only for the
    // draw, not for the whole intake, so intakes in several processes do not queue behind each other.
    // A failed intake leaves a gap in the day's numbers; numbers stay unique.
    const now = nowIso();
    const trackingNo = await db.transaction().execute((trx) => nextTrackingNo(trx, district.code, now));
    return await db.transaction().execute(async (trx) => {
      const reporterId = await reporterOf(trx, ctx, body, place, district);
      const id = await insertCase(trx, {
        tracking_no: trackingNo,
        channel,
        kind: body.kind,
        category_id: category?.id ?? null,
        title: titleOf(body),
        description: body.description,
        attributes: JSON.stringify(attributes),
        urgent: body.urgent ? 1 : 0,
        sensitive: category?.sensitive ? 1 : 0,
        status: 'received',
        address: body.location?.address ?? null,
        lat: body.location?.lat ?? null,
        lng: body.location?.lng ?? null,
        place_unit_id: place.unit?.id ?? null,
        street_id: place.streetId,
        community_id: place.communityId,
        location_path: place.path,
        reporter_id: reporterId,
        anonymous: body.reporter?.anonymous ? 1 : 0,
        contact_preference: body.contactPreference ?? null,
        resident_user_id: actor.type === 'resident' ? actor.userId : null,
        intake_unit_id: intakeUnitId,
        registered_by: actor.type === 'staff' ? actor.userId : null,
        registered_at: now,
        answered_at_intake: 0,
        sla_state: 'none',
        supervised: 0,
        escalation_level: 0,
        return_count: 0,
        reopen_count: 0,
        extended_days: 0,
        repeated: 0,
        suspected_duplicate_of_id: suspected?.id ?? null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await appendEvent(
        trx,
        actor,
        { id, status: 'received' },
        {
          changes: { status: 'received' },
          event: {
            action: 'register',
            data: { channel, category: category?.code ?? null, place: place.unit?.code ?? null },
          },
        },
        now,
      );
      if (suspected) {
        const event = {
          action: 'suspect_duplicate',
          data: { of: suspected.trackingNo, score: suspected.score },
        };
        await appendEvent(trx, { type: 'system', name: 'duplicates' }, row, { changes: {}, event }, now);
      }
      if (reporterId !== null && category)
        await markRepeat(trx, row, reporterId, category.id, place.communityId, now);
      const after =
        body.mergeInto !== undefined
          ? await mergeAtIntake(trx, ctx, row, body.mergeInto, now)
          : await settleNewCase(trx, ctx, row, body, category, route, now);
      await indexCase(trx, id);
      // A call merged at intake was told the earlier case's number instead.
      if (after.status !== 'merged') await tellReporters(trx, row, 'reporter.received');
      // Routed on its own at once: a second text would crowd the first; the portal inbox says where it went.
      if (after.status === 'dispatched' && route && 'unit' in route)
        await tellResidents(trx, row, 'reporter.dispatched', { unitName: route.unit.nameZh });
      if (idempotencyKey) {
        await insertIdempotencyKey(trx, {
          actor_key: actorKey,
          key: idempotencyKey,
          request_hash: requestHash,
          case_id: id,
          created_at: now,
        });
      }
      // Last: appending to the audit chain locks its head until commit.
      await recordAudit(trx, ctx, {
        action: 'case.register',
        recordType: CASE_RECORD,
        recordId: id,
        after: {
          trackingNo: row.tracking_no,
          channel,
          category: category?.code ?? null,
          status: after.status,
          ...(body.mergeInto !== undefined ? { mergedInto: body.mergeInto } : {}),
          ...(suspected ? { suspectedDuplicateOf: suspected.id } : {}),
        },
      });
      return { id, replayed: false };
    });
  } catch (error) {
    // The same key sent twice at once: the second insert loses on the primary key; answer with the first.
    if (idempotencyKey) {
      const earlier = await findIdempotencyKey(db, actorKey, idempotencyKey);
      if (earlier) return replay(earlier, requestHash);
    }
    throw error;
  }
}

/** A case not yet written, as the rules see it. */
function newCaseResource(locationPath: string): CaseResource {
  return {
    locationPath,
    leadUnitPath: null,
    assignmentPaths: [],
    registeredBy: null,
    residentUserIds: [],
    sensitive: false,
    status: 'received',
  };
}

function replay(earlier: { request_hash: string; case_id: number }, requestHash: string) {
  if (earlier.request_hash !== requestHash) throw new AppError('case.idempotency_mismatch');
  return { id: earlier.case_id, replayed: true };
}

async function reporterOf(
  trx: Trx,
  ctx: AuditContext,
  body: RegisterCaseBody,
  place: Place,
  district: { path: string },
): Promise<number | null> {
  const { actor } = ctx;
  if (actor.type === 'resident') {
    if (actor.personId !== null) return actor.personId;
  }
  const phone = actor.type === 'resident' ? actor.phone : body.reporter?.phone;
  if (!phone) return null;
  const name = actor.type === 'resident' ? actor.name : (body.reporter?.name ?? null);
  const unitId = place.communityId ?? place.streetId ?? Number(district.path.split('/').filter(Boolean)[0]);
  return findOrCreateReporter(trx, ctx, { name, phone }, unitId);
}

/**
 * The same reporter back about the same category and place while the earlier case is open or
 * within 30 days of its closing: the earlier case no longer counts as resolved in one go.
 */
async function markRepeat(
  trx: Trx,
  row: CaseRow,
  reporterId: number,
  categoryId: number,
  communityId: number | null,
  now: string,
): Promise<void> {
  const closedSince = new Date(Date.parse(now) - 30 * 86_400_000).toISOString();
  const earlier = await findRecentSameCase(trx, {
    reporterId,
    categoryId,
    communityId,
    closedSince,
    excludeId: row.id,
  });
  if (!earlier) return;
  await trx.updateTable('cases').set({ repeat_of_id: earlier.id }).where('id', '=', row.id).execute();
  if (earlier.repeated === 0) {
    await trx.updateTable('cases').set({ repeated: 1 }).where('id', '=', earlier.id).execute();
    await forgetFigureDays(trx, [earlier.closed_at]);
  }
}

/**
 * The open case a portal or Open311 report so obviously repeats that it is held in triage for a
 * dispatcher to confirm or dismiss; never merged on its own.
 */
async function suspectedDuplicate(
  db: Db,
  channel: Channel,
  body: RegisterCaseBody,
  category: CategoryInfo | null,
  place: Place,
) {
  if ((channel !== 'portal' && channel !== 'open311') || body.answer || !category) return null;
  return findObviousDuplicate(db, {
    text: body.title ? `${body.title} ${body.description}` : body.description,
    categoryId: category.id,
    streetId: place.streetId,
    communityId: place.communityId,
    placeUnitId: place.unit?.id ?? null,
    lat: body.location?.lat ?? null,
    lng: body.location?.lng ?? null,
    address: body.location?.address ?? null,
  });
}

/** Answers, routes or leaves in triage a case just inserted; returns its new status. */
async function settleNewCase(
  trx: Trx,
  ctx: AuditContext,
  row: CaseRow,
  body: RegisterCaseBody,
  category: CategoryInfo | null,
  route: RouteDecision | null,
  now: string,
): Promise<{ status: string }> {
  if (body.answer) {
    const changes = answeredChanges(body.answer.text, now);
    await updateCaseAtVersion(trx, row.id, row.version, changes, now);
    await appendEvent(
      trx,
      ctx.actor,
      row,
      { changes, event: { action: 'answer', note: body.answer.text } },
      now,
    );
    return { status: 'closed' };
  }
  if (route && 'unit' in route && category) {
    const loaded = await loadCase(trx, row);
    const changes = await sendToUnits(
      trx,
      { type: 'system', name: 'auto-route' },
      loaded,
      { lead: route.unit, co: [], category, urgent: body.urgent },
      now,
    );
    await updateCaseAtVersion(trx, row.id, row.version, changes, now);
    await appendEvent(
      trx,
      { type: 'system', name: 'auto-route' },
      row,
      {
        changes,
        event: {
          action: 'dispatch',
          unitId: route.unit.id,
          data: {
            auto: true,
            lead: route.unit.code,
            signDueAt: changes.sign_due_at,
            resolveDueAt: changes.resolve_due_at,
          },
        },
      },
      now,
    );
    return { status: 'dispatched' };
  }
  const reason = route && 'triage' in route ? route.triage : 'unknown_category';
  await trx.updateTable('cases').set({ triage_reason: reason }).where('id', '=', row.id).execute();
  return { status: 'received' };
}
