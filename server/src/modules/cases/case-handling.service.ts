import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../db/types.ts';
import { can } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCategoryByCode, findCategoryById } from '../categories/categories.service.ts';
import {
  notifyReporter,
  notifyResidents,
  notifyUnit,
  type ReporterSmsKind,
  type ResidentNewsKind,
} from '../notifications/notifications.service.ts';
import { findPlacedUnit, type PlacedUnit } from '../org/org.service.ts';
import {
  type ActionOutcome,
  actOnCase,
  actOnCaseIn,
  answeredChanges,
  type CasePerform,
  cancelLiveAssignments,
  dispatchUnitsOver,
  handledAssignment,
  invalidField,
  invalidState,
  type LoadedCase,
  notYourUnit,
  sendToUnits,
  type Trx,
} from './case-core.ts';
import { personPhone, reportersToTell, updateAssignment } from './cases.repo.ts';
import type {
  AnswerBody,
  DispatchBody,
  ReasonBody,
  ReportPartBody,
  ResolveBody,
  VersionBody,
} from './cases.schema.ts';

type Body<T extends z.ZodType> = z.infer<T>;

/**
 * Tells every reporter of the case (merged duplicates too): by SMS, except the reporter who asked not
 * to be contacted, and in the portal inbox of every resident who reported it.
 */
export async function tellReporters(
  trx: Trx,
  row: CaseRow,
  kind: ReporterSmsKind,
  params: Record<string, string | number> = {},
) {
  const quiet =
    row.contact_preference === 'none' && row.reporter_id !== null
      ? await personPhone(trx, row.reporter_id)
      : null;
  for (const reporter of await reportersToTell(trx, row)) {
    const message = { ...params, trackingNo: reporter.trackingNo, title: reporter.title };
    if (reporter.phone && reporter.phone !== quiet)
      await notifyReporter(trx, { phone: reporter.phone, kind, params: message });
    if (reporter.residentUserId !== null)
      await notifyResidents(trx, [reporter.residentUserId], kind, row.id, message);
  }
}

/** News for the residents who reported the case, in their portal inbox only (a step not worth a text). */
export async function tellResidents(
  trx: Trx,
  row: CaseRow,
  kind: ResidentNewsKind,
  params: Record<string, string | number> = {},
) {
  for (const reporter of await reportersToTell(trx, row)) {
    if (reporter.residentUserId === null) continue;
    const message = { ...params, trackingNo: reporter.trackingNo, title: reporter.title };
    await notifyResidents(trx, [reporter.residentUserId], kind, row.id, message);
  }
}

async function activeUnit(db: Db, id: number, field: string): Promise<PlacedUnit> {
  const unit = await findPlacedUnit(db, id);
  if (!unit || !unit.active) throw invalidField(field, 'not_found', 'unit_not_found');
  return unit;
}

/**
 * Sends a case in triage, or re-routes one being handled, to a lead unit and co-units, reclassifying it
 * if asked; an uncategorised case must be given a category first.
 */
export async function dispatchCase(db: Db, ctx: AuditContext, id: number, body: DispatchBody): Promise<void> {
  const lead = await activeUnit(db, body.leadUnitId, 'leadUnitId');
  const co: PlacedUnit[] = [];
  for (const [i, unitId] of body.coUnitIds.entries()) {
    if (unitId === lead.id || co.some((u) => u.id === unitId))
      throw invalidField(`coUnitIds.${i}`, 'duplicate', 'duplicate');
    co.push(await activeUnit(db, unitId, `coUnitIds.${i}`));
  }
  const named = body.categoryCode ? await findCategoryByCode(db, body.categoryCode) : null;
  if (body.categoryCode && (!named || !named.active))
    throw invalidField('categoryCode', 'not_found', 'category_not_found');
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.dispatch', loaded.resource)) throw new AppError('access.denied');
    // A dispatcher may always re-route an open case that is not yet resolved, even once signed for.
    if (!['received', 'dispatched', 'accepted'].includes(row.status))
      throw invalidState(row.status, 'dispatch');
    const category =
      named ?? (row.category_id === null ? null : await findCategoryById(trx, row.category_id));
    if (!category) throw invalidField('categoryCode', 'required', 'category_required');
    const urgent = body.urgent ?? row.urgent === 1;
    const changes = await sendToUnits(trx, ctx.actor, loaded, { lead, co, category, urgent }, now);
    return {
      changes,
      event: {
        action: 'dispatch',
        unitId: lead.id,
        note: body.note ?? null,
        data: {
          lead: lead.code,
          co: co.map((u) => u.code),
          category: category.code,
          signDueAt: changes.sign_due_at,
          resolveDueAt: changes.resolve_due_at,
          redispatch: row.status !== 'received',
        },
      },
      afterwards: (t, r) =>
        row.status === 'received'
          ? tellReporters(t, r, 'reporter.dispatched', { unitName: lead.nameZh })
          : Promise.resolve(),
    };
  });
}

/** The lead unit (status dispatched → accepted) or a co-unit signs for its assignment. */
export async function signCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof VersionBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, signAction(ctx, body));
}

/** Signing inside the caller's transaction (mediation opens a case sent to its room). */
export async function signCaseIn(trx: Trx, ctx: AuditContext, id: number, note?: string): Promise<void> {
  await actOnCaseIn(trx, ctx, id, undefined, signAction(ctx, { note }));
}

function signAction(ctx: AuditContext, body: Body<typeof VersionBody>): CasePerform {
  return async (trx, loaded, now) => {
    const { row } = loaded;
    if (row.status !== 'dispatched' && row.status !== 'accepted') throw invalidState(row.status, 'sign');
    const assignment = handledAssignment(ctx.actor, loaded, undefined, ['dispatched']);
    if (!assignment) throw handlerMismatch(ctx, loaded, 'sign');
    const by = ctx.actor.type === 'staff' ? ctx.actor.userId : null;
    await updateAssignment(trx, assignment.id, { state: 'accepted', signed_at: now, signed_by: by });
    const late = now > assignment.sign_due_at;
    const lead = assignment.role === 'lead';
    return {
      changes: lead ? { status: 'accepted', signed_at: now } : {},
      event: {
        action: lead ? 'sign' : 'co_sign',
        unitId: assignment.unit_id,
        note: body.note ?? null,
        data: { late },
      },
      afterwards: lead
        ? async (t, r) => {
            const unit = await findPlacedUnit(t, assignment.unit_id);
            await tellResidents(t, r, 'reporter.accepted', { unitName: unit?.nameZh ?? '' });
          }
        : undefined,
    };
  };
}

/** Why a handler cannot do this: the step is no longer possible, or the case is another unit's. */
function handlerMismatch(ctx: AuditContext, loaded: LoadedCase, action: string): AppError {
  // Their unit holds the case but the step is already done (signed by a colleague a moment ago).
  const ours = handledAssignment(ctx.actor, loaded, undefined, [
    'dispatched',
    'accepted',
    'reported',
    'resolved',
  ]);
  if (loaded.current.length === 0 || ours) return invalidState(loaded.row.status, action);
  return notYourUnit(action);
}

/**
 * The lead unit sends the case back as not theirs: it returns to triage with the reason, every live
 * assignment of the round ends, and the return counts against routing accuracy.
 */
export async function returnCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ReasonBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (row.status !== 'dispatched' && row.status !== 'accepted') throw invalidState(row.status, 'return');
    const lead = handledAssignment(ctx.actor, loaded, 'lead');
    if (!lead) throw handlerMismatch(ctx, loaded, 'return');
    await updateAssignment(trx, lead.id, { state: 'returned', return_reason: body.reason, ended_at: now });
    await cancelLiveAssignments(trx, loaded, now, lead.id);
    return {
      changes: {
        status: 'received',
        triage_reason: 'returned',
        return_count: row.return_count + 1,
        lead_unit_id: null,
        lead_unit_path: null,
        sign_due_at: null,
        signed_at: null,
        resolve_due_at: null,
        due_soon_at: null,
        sla_state: 'none',
      },
      event: { action: 'return', unitId: lead.unit_id, note: body.reason },
      afterwards: async (t) => {
        const params = { trackingNo: row.tracking_no, title: row.title, reason: body.reason };
        for (const unitId of await dispatchUnitsOver(t, row.location_path))
          await notifyUnit(t, unitId, 'case.returned', row.id, params, { roles: ['dispatcher'] });
      },
    };
  });
}

/** A co-unit reports its part; the lead unit cannot resolve until every co-unit has. */
export async function reportPart(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ReportPartBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (row.status !== 'dispatched' && row.status !== 'accepted')
      throw invalidState(row.status, 'report_part');
    const co = handledAssignment(ctx.actor, loaded, 'co');
    if (!co) throw handlerMismatch(ctx, loaded, 'report_part');
    const by = ctx.actor.type === 'staff' ? ctx.actor.userId : null;
    await updateAssignment(trx, co.id, {
      state: 'reported',
      report: body.text,
      reported_at: now,
      ...(co.signed_at === null ? { signed_at: now, signed_by: by } : {}),
    });
    return { changes: {}, event: { action: 'report_part', unitId: co.unit_id, note: body.text } };
  });
}

/** The lead unit reports the case resolved, once every co-unit has reported its part. */
export async function resolveCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ResolveBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, resolveAction(ctx, body));
}

/** Resolving inside the caller's transaction (mediation ends and reports its outcome on the case). */
export async function resolveCaseIn(
  trx: Trx,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ResolveBody>,
): Promise<void> {
  await actOnCaseIn(trx, ctx, id, undefined, resolveAction(ctx, body));
}

function resolveAction(ctx: AuditContext, body: Body<typeof ResolveBody>): CasePerform {
  return async (trx, loaded, now) => {
    const { row } = loaded;
    if (row.status !== 'accepted') throw invalidState(row.status, 'resolve');
    const lead = handledAssignment(ctx.actor, loaded, 'lead', ['accepted']);
    if (!lead) throw handlerMismatch(ctx, loaded, 'resolve');
    const pending = loaded.current.filter(
      (a) => a.role === 'co' && (a.state === 'dispatched' || a.state === 'accepted'),
    );
    if (pending.length > 0) {
      const names = await trx
        .selectFrom('units')
        .select('name_zh')
        .where(
          'id',
          'in',
          pending.map((a) => a.unit_id),
        )
        .execute();
      throw new AppError('case.co_units_pending', { units: names.map((n) => n.name_zh).join('、') });
    }
    await updateAssignment(trx, lead.id, { state: 'resolved', ended_at: now });
    const outcome: ActionOutcome = {
      changes: {
        status: 'resolved',
        resolved_at: now,
        outcome: body.outcome,
        resolution: body.text,
        sla_state: row.sla_state,
      },
      event: {
        action: 'resolve',
        unitId: lead.unit_id,
        note: body.text,
        data: {
          outcome: body.outcome,
          reason: body.reason ?? null,
          onTime: row.resolve_due_at === null || now <= row.resolve_due_at,
        },
      },
      afterwards: (t, r) => tellReporters(t, r, 'reporter.resolved'),
    };
    return outcome;
  };
}

/** An enquiry answered by the agent: received → closed, counted as first-contact resolution. */
export async function answerCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof AnswerBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (_trx, loaded, now) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.answer', loaded.resource)) throw new AppError('access.denied');
    if (row.status !== 'received') throw invalidState(row.status, 'answer');
    return {
      changes: answeredChanges(body.text, now),
      event: { action: 'answer', note: body.text },
      afterwards: (t, r) => tellReporters(t, r, 'reporter.closed'),
    };
  });
}

/** The reporter (or an agent for them) withdraws an open case; its live assignments end. */
export async function withdrawCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: Body<typeof ReasonBody>,
): Promise<void> {
  await actOnCase(db, ctx, id, body.version, async (trx, loaded, now) => {
    const { row } = loaded;
    if (!can(ctx.actor, 'case.withdraw', loaded.resource)) throw new AppError('access.denied');
    if (!['received', 'dispatched', 'accepted'].includes(row.status))
      throw invalidState(row.status, 'withdraw');
    for (const unitId of await cancelLiveAssignments(trx, loaded, now)) {
      await notifyUnit(trx, unitId, 'case.withdrawn', row.id, {
        trackingNo: row.tracking_no,
        title: row.title,
        reason: body.reason,
      });
    }
    return {
      changes: { status: 'withdrawn', ended_at: now, sla_state: 'none' },
      event: { action: 'withdraw', note: body.reason },
      afterwards: (t, r) => tellReporters(t, r, 'reporter.withdrawn'),
    };
  });
}
