import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../db/types.ts';
import { can } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { findCategoryById } from '../categories/categories.service.ts';
import { notifyReporter, notifyUnit, notifyUsers } from '../notifications/notifications.service.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import {
  type ActionOutcome,
  actOnCase,
  appendEvent,
  dispatchUnitsOver,
  ENDED_STATUSES,
  handledAssignment,
  invalidField,
  invalidState,
  type LoadedCase,
  loadVisibleCase,
  notYourUnit,
  sendToUnits,
  type Trx,
} from './case-core.ts';
import { tellReporters } from './case-handling.service.ts';
import { type Executor, reporterPhones, updateCaseAtVersion } from './cases.repo.ts';
import type {
  CallbackBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  MergeBody,
  NoteBody,
  RatingBody,
  SuperviseBody,
} from './cases.schema.ts';

type Body<T extends z.ZodType> = z.infer<T>;

/** The lead unit asks for more working days; one request at a time. */
export async function requestExtension(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ExtensionRequestBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (row.status !== 'accepted') throw invalidState(row.status, 'request_extension');
    const lead = handledAssignment(ctx.actor, loaded, 'lead', ['accepted']);
    if (!lead) throw notYourUnit('request_extension');
    if (loaded.pendingExtension) throw new AppError('case.extension_pending');
    await trx
      .insertInto('case_extensions')
      .values({
        case_id: row.id,
        unit_id: lead.unit_id,
        days: body.days,
        reason: body.reason,
        state: 'pending',
        requested_by: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
        requested_at: now,
        due_before: row.resolve_due_at,
      })
      .execute();
    return {
      changes: {},
      event: {
        action: 'request_extension',
        unitId: lead.unit_id,
        note: body.reason,
        data: { days: body.days },
      },
      afterwards: async (t) => {
        const district = await dispatchUnitsOver(t, row.location_path);
        for (const unitId of district) {
          await notifyUnit(
            t,
            unitId,
            'case.extension_requested',
            row.id,
            { trackingNo: row.tracking_no, title: row.title, days: body.days, reason: body.reason },
            { roles: ['dispatcher'] },
          );
        }
      },
    };
  });
}

/** A dispatcher approves (possibly fewer days) or rejects; approval moves the resolve deadline. */
export async function decideExtension(
  db: Db,
  ctx: AuditContext,
  id: number,
  extensionId: number,
  body: Body<typeof ExtensionDecisionBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.decide_extension', loaded.resource)) throw new AppError('access.denied');
    const ext = await trx
      .selectFrom('case_extensions')
      .selectAll()
      .where('id', '=', extensionId)
      .where('case_id', '=', id)
      .executeTakeFirst();
    if (!ext) throw new AppError('record.not_found');
    if (ext.state !== 'pending' || row.status !== 'accepted')
      throw invalidState(row.status, 'decide_extension');
    const days = body.approve ? (body.days ?? ext.days) : 0;
    if (days > ext.days) throw invalidField('days', 'too_big', 'more_days_than_asked');
    let dueAfter = row.resolve_due_at;
    let dueSoon = row.due_soon_at;
    if (body.approve && row.resolve_due_at && row.dispatched_at) {
      const calendar = await getWorkCalendar(trx);
      dueAfter = calendar.addWorkingDays(row.resolve_due_at, days);
      dueSoon = calendar.dueSoonAt(row.dispatched_at, dueAfter, 0.8);
    }
    await trx
      .updateTable('case_extensions')
      .set({
        state: body.approve ? 'approved' : 'rejected',
        approved_days: body.approve ? days : null,
        decided_by: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
        decided_at: now,
        decision_note: body.note ?? null,
        due_after: dueAfter,
      })
      .where('id', '=', ext.id)
      .execute();
    const stillLate = dueAfter !== null && dueAfter <= now;
    return {
      changes: body.approve
        ? {
            resolve_due_at: dueAfter,
            due_soon_at: dueSoon,
            extended_days: row.extended_days + days,
            sla_state: stillLate ? 'overdue' : dueSoon !== null && dueSoon <= now ? 'due_soon' : 'none',
          }
        : {},
      event: {
        action: body.approve ? 'approve_extension' : 'reject_extension',
        unitId: ext.unit_id,
        note: body.note ?? null,
        data: { days, dueBefore: row.resolve_due_at, dueAfter },
      },
      afterwards: (t) =>
        notifyUnit(
          t,
          ext.unit_id,
          body.approve ? 'case.extension_approved' : 'case.extension_rejected',
          row.id,
          {
            trackingNo: row.tracking_no,
            title: row.title,
            days,
            dueAt: dueAfter ?? '',
          },
        ),
    };
  });
}

/** A note or a record of contact with the reporter; the case itself does not change. */
export async function addNote(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof NoteBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (_trx, loaded) => {
    if (ENDED_STATUSES.has(loaded.row.status)) throw invalidState(loaded.row.status, 'note');
    if (!can(ctx.actor, 'case.note', loaded.resource)) throw new AppError('access.denied');
    const unitId =
      handledAssignment(ctx.actor, loaded, undefined, ['dispatched', 'accepted', 'reported'])?.unit_id ??
      null;
    return {
      changes: {},
      event: { action: body.kind, unitId, note: body.text, data: body.via ? { via: body.via } : {} },
    };
  });
}

/**
 * Who hears of supervision and escalation. Level 1: the heads of the unit, or of its nearest ancestor
 * that has heads (a street team's head is the street's). Level 2 adds the level above those heads:
 * supervisors and dispatchers bound at a higher unit or at the district's command centres.
 */
export async function escalationTargets(trx: Trx, unitId: number, level: number): Promise<number[]> {
  const unit = await findPlacedUnit(trx, unitId);
  if (!unit) return [];
  const chain = unit.path.split('/').filter(Boolean).map(Number);
  const heads = await trx
    .selectFrom('role_bindings as rb')
    .innerJoin('units as u', 'u.id', 'rb.unit_id')
    .select(['rb.user_id', 'u.depth'])
    .where('rb.role', '=', 'unit_head')
    .where('rb.unit_id', 'in', chain)
    .orderBy('u.depth', 'desc')
    .execute();
  const headDepth = heads[0]?.depth ?? chain.length - 1;
  const users = heads.filter((h) => h.depth === headDepth).map((h) => h.user_id);
  if (level >= 2) {
    const above = chain.slice(0, headDepth);
    const root = chain[0] ?? -1;
    const superiors = await trx
      .selectFrom('role_bindings as rb')
      .innerJoin('units as u', 'u.id', 'rb.unit_id')
      .select('rb.user_id')
      .where('rb.role', 'in', ['supervisor', 'dispatcher', 'unit_head'])
      .where((eb) =>
        eb.or([
          ...(above.length > 0 ? [eb('rb.unit_id', 'in', above)] : []),
          eb.and([
            eb('u.parent_id', '=', root),
            eb('u.kind', '=', 'center'),
            eb('rb.role', '=', 'dispatcher'),
          ]),
        ]),
      )
      .execute();
    users.push(...superiors.map((r) => r.user_id));
  }
  return [...new Set(users)];
}

/**
 * A supervisor flags a case: the lead unit and its head hear of it; escalating (or supervising a case
 * already escalated) also tells the parent unit's heads and dispatchers.
 */
export async function superviseCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof SuperviseBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (_trx, loaded) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.supervise', loaded.resource)) throw new AppError('access.denied');
    if (ENDED_STATUSES.has(row.status)) throw invalidState(row.status, 'supervise');
    const level = Math.max(row.escalation_level, body.escalate ? 2 : 1);
    return {
      changes: { supervised: 1, escalation_level: level },
      event: { action: 'supervise', unitId: row.lead_unit_id, note: body.comment, data: { level } },
      afterwards: async (t) => {
        const params = { trackingNo: row.tracking_no, title: row.title, reason: body.comment };
        if (row.lead_unit_id === null) return;
        await notifyUnit(t, row.lead_unit_id, 'case.supervised', row.id, params);
        await notifyUsers(
          t,
          await escalationTargets(t, row.lead_unit_id, level),
          level >= 2 ? 'case.escalated' : 'case.supervised',
          row.id,
          params,
        );
      },
    };
  });
}

/**
 * The reporter is called back after resolution. No answer: recorded, the case waits (and closes by
 * itself after 7 days). Answered: closed, unless dissatisfied and not solved, which reopens it to the
 * same units with fresh deadlines; it then no longer counts as resolved in one go.
 */
export async function callbackCase(db: Db, ctx: AuditContext, id: number, body: CallbackBody): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    if (!can(ctx.actor, 'case.callback', loaded.resource)) throw new AppError('access.denied');
    return settleCallback(trx, ctx, loaded, body, now, { action: 'callback' });
  });
}

/**
 * The reporter rates the handling of their own resolved case on the portal. It counts as an answered
 * callback, under the same rule: dissatisfied and not solved reopens the case.
 */
export async function rateCase(db: Db, ctx: AuditContext, id: number, body: RatingBody): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    if (!can(ctx.actor, 'case.rate', loaded.resource)) throw new AppError('access.denied');
    const callback = {
      version: body.version,
      answered: true,
      solved: body.solved,
      rating: body.rating,
      comment: body.comment,
    };
    return settleCallback(trx, ctx, loaded, callback, now, { action: 'rate', via: 'portal' });
  });
}

/** Records one callback or rating of a resolved case and decides what it does to the case. */
async function settleCallback(
  trx: Trx,
  ctx: AuditContext,
  loaded: LoadedCase,
  body: CallbackBody,
  now: string,
  source: { action: 'callback' | 'rate'; via?: 'portal' },
): Promise<ActionOutcome> {
  const { row } = loaded;
  if (row.status !== 'resolved') throw invalidState(row.status, source.action);
  const reopen = body.answered && body.solved === false && body.rating === 'dissatisfied';
  await trx
    .insertInto('case_callbacks')
    .values({
      case_id: row.id,
      at: now,
      by_user: ctx.actor.type === 'staff' || ctx.actor.type === 'resident' ? ctx.actor.userId : null,
      answered: body.answered ? 1 : 0,
      solved: body.answered ? (body.solved ? 1 : 0) : null,
      rating: body.answered ? (body.rating ?? null) : null,
      comment: body.comment ?? null,
      reopened: reopen ? 1 : 0,
    })
    .execute();
  // A rating on the portal is a callback the reporter answered themselves: the same history entry.
  const event = {
    action: 'callback',
    note: body.comment ?? null,
    data: {
      answered: body.answered,
      solved: body.solved ?? null,
      rating: body.rating ?? null,
      reopened: reopen,
      ...(source.via ? { via: source.via } : {}),
    },
  };
  if (!body.answered) return { changes: {}, event };
  const answered = { callback_at: now, solved: body.solved ? 1 : 0, rating: body.rating ?? null };
  if (!reopen) {
    return {
      changes: { ...answered, status: 'closed', closed_at: now, ended_at: now },
      event,
      afterwards: (t, r) => tellReporters(t, r, 'reporter.closed'),
    };
  }
  const category = row.category_id === null ? null : await findCategoryById(trx, row.category_id);
  const leadRow = loaded.current.find((a) => a.role === 'lead');
  const lead = leadRow ? await findPlacedUnit(trx, leadRow.unit_id) : null;
  if (!category || !lead) throw invalidState(row.status, source.action);
  const co = [];
  for (const a of loaded.current.filter((x) => x.role === 'co' && x.state !== 'cancelled')) {
    const unit = await findPlacedUnit(trx, a.unit_id);
    if (unit?.active) co.push(unit);
  }
  const sent = await sendToUnits(
    trx,
    ctx.actor,
    loaded,
    { lead, co, category, urgent: row.urgent === 1 },
    now,
  );
  return {
    changes: { ...answered, ...sent, resolved_at: null, outcome: null, reopen_count: row.reopen_count + 1 },
    event: { ...event, action: 'reopen', unitId: lead.id },
    afterwards: async (t, r) => {
      await notifyUnit(t, lead.id, 'case.reopened', row.id, {
        trackingNo: row.tracking_no,
        title: row.title,
      });
      await tellReporters(t, r, 'reporter.reopened');
    },
  };
}

/**
 * A duplicate in triage joins an open case: it ends as merged, its reporters are kept on the target,
 * and the reporters of both are told once; from then on every status message reaches them all.
 */
export async function mergeCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof MergeBody>,
): Promise<void> {
  if (body.intoCaseId === id) throw invalidField('intoCaseId', 'same_case', 'same_case');
  const target = await openMergeTarget(db, ctx, body.intoCaseId, 'intoCaseId');
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.merge', loaded.resource)) throw new AppError('access.denied');
    if (row.status !== 'received') throw invalidState(row.status, 'merge');
    return joinDuplicate(trx, ctx, row, target.row, body.note ?? null, now);
  });
}

/** The open case a duplicate may join, if the caller may see it; else a 400 naming the field. */
export async function openMergeTarget(
  db: Executor,
  ctx: AuditContext,
  targetId: number,
  field: string,
): Promise<LoadedCase> {
  const target = await loadVisibleCase(db, ctx.actor, targetId).catch(() => {
    throw invalidField(field, 'not_found', 'case_not_found');
  });
  if (ENDED_STATUSES.has(target.row.status)) throw invalidField(field, 'not_open', 'case_not_open');
  return target;
}

/**
 * A call registered at intake as a duplicate of an open case, in the intake's transaction: the new
 * case ends as merged at once (never routed, never counted as open) and its caller becomes a
 * reporter of the earlier case, told its tracking number.
 */
export async function mergeAtIntake(
  trx: Trx,
  ctx: AuditContext,
  row: CaseRow,
  targetId: number,
  now: string,
): Promise<{ status: 'merged' }> {
  const target = await openMergeTarget(trx, ctx, targetId, 'mergeInto');
  const outcome = await joinDuplicate(trx, ctx, row, target.row, null, now);
  outcome.event.data = { ...outcome.event.data, atIntake: true };
  await updateCaseAtVersion(trx, row.id, row.version, outcome.changes, now);
  await appendEvent(trx, ctx.actor, row, outcome, now);
  await outcome.afterwards?.(trx, { ...row, ...outcome.changes } as CaseRow);
  return { status: 'merged' };
}

/** The duplicate's reporters join the target and the target's history records it; the outcome ends the duplicate. */
async function joinDuplicate(
  trx: Trx,
  ctx: AuditContext,
  row: CaseRow,
  target: CaseRow,
  note: string | null,
  now: string,
): Promise<ActionOutcome> {
  // The target's own reporters, read before this case's join it: they are told once, and so are these.
  const targetPhones = await reporterPhones(trx, target);
  const reporters = [
    { person_id: row.reporter_id, resident_user_id: row.resident_user_id },
    ...(await trx
      .selectFrom('case_reporters')
      .select(['person_id', 'resident_user_id'])
      .where('case_id', '=', row.id)
      .execute()),
  ].filter((r) => r.person_id !== null || r.resident_user_id !== null);
  for (const r of reporters) {
    await trx
      .insertInto('case_reporters')
      .values({
        case_id: target.id,
        person_id: r.person_id,
        resident_user_id: r.resident_user_id,
        source_case_id: row.id,
        added_at: now,
      })
      .execute();
  }
  await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', target.id).execute();
  // The target's history records the duplicate that joined it; its status does not change.
  await appendEvent(
    trx,
    ctx.actor,
    target,
    {
      changes: {},
      event: { action: 'merge_in', note, data: { from: row.tracking_no } },
    },
    now,
  );
  return {
    changes: {
      status: 'merged',
      merged_into_id: target.id,
      ended_at: now,
      triage_reason: null,
      suspected_duplicate_of_id: null,
    },
    event: { action: 'merge', note, data: { into: target.tracking_no } },
    afterwards: async (t, r) => {
      await tellReporters(t, r, 'reporter.merged', { intoTrackingNo: target.tracking_no });
      const sourcePhones = new Set(await reporterPhones(t, row));
      for (const phone of targetPhones.filter((p) => !sourcePhones.has(p))) {
        await notifyReporter(t, {
          phone,
          kind: 'reporter.merged',
          params: {
            trackingNo: target.tracking_no,
            title: target.title,
            intoTrackingNo: target.tracking_no,
          },
        });
      }
      if (target.lead_unit_id !== null)
        await notifyUnit(t, target.lead_unit_id, 'case.merged', target.id, {
          trackingNo: target.tracking_no,
          title: target.title,
        });
    },
  };
}
