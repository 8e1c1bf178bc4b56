import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CaseAssignmentRow, CaseRow, CaseTable, Database } from '../../db/types.ts';
import { type Actor, actorId, actorLabel, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { addMinutes, localDateOf, nowIso } from '../../platform/time.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import type { CategoryInfo } from '../categories/categories.service.ts';
import { forgetFigureDays } from '../figures/figures.service.ts';
import { notifyUnit } from '../notifications/notifications.service.ts';
import type { PlacedUnit } from '../org/org.service.ts';
import { changesSearchText, indexCase } from '../search/search.index.ts';
import { ACTION_LABELS, STATUS_LABELS } from './cases.labels.ts';
import { CASE_RECORD, type CaseResource } from './cases.policy.ts';
import {
  type AssignmentWithUnit,
  type Executor,
  findCase,
  findVisibleCase,
  insertAssignment,
  insertEvent,
  listAssignments,
  residentUserIdsOf,
  updateAssignment,
  updateCaseAtVersion,
} from './cases.repo.ts';
import type { CaseAbilities } from './cases.schema.ts';

export type Trx = Transaction<Database>;

/** A case loaded for an action: its row, how the rules see it, and its assignments (all, and the current round's). */
export interface LoadedCase {
  row: CaseRow;
  resource: CaseResource;
  /** Every assignment with its unit's names, newest round first: what the case page lists. */
  all: AssignmentWithUnit[];
  current: AssignmentWithUnit[];
  pendingExtension: boolean;
}

export const ENDED_STATUSES = new Set(['closed', 'merged', 'withdrawn']);

export async function loadCase(db: Executor, row: CaseRow): Promise<LoadedCase> {
  const all = await listAssignments(db, row.id);
  const round = Math.max(0, ...all.map((a) => a.round));
  const current = all.filter((a) => a.round === round);
  const pending = await db
    .selectFrom('case_extensions')
    .select('id')
    .where('case_id', '=', row.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return {
    row,
    all,
    current,
    pendingExtension: pending !== undefined,
    resource: {
      locationPath: row.location_path ?? '/',
      leadUnitPath: row.lead_unit_path,
      // Units keep sight of a case they were ever sent to: they may need its history later.
      assignmentPaths: [...new Set(all.map((a) => a.unit_path))],
      registeredBy: row.registered_by,
      residentUserIds: await residentUserIdsOf(db, row),
      sensitive: row.sensitive === 1,
      status: row.status,
    },
  };
}

/** The case if the actor may see it (the system sees all); a hidden case answers like a missing one. */
export async function loadVisibleCase(db: Executor, actor: Actor, id: number): Promise<LoadedCase> {
  const row = actor.type === 'system' ? await findCase(db, id) : await findVisibleCase(db, actor, id);
  if (!row) throw new AppError('record.not_found');
  const loaded = await loadCase(db, row);
  if (actor.type !== 'system' && !can(actor, 'case.read', loaded.resource))
    throw new AppError('record.not_found');
  return loaded;
}

export function invalidState(status: string, action: string): AppError {
  return new AppError('case.invalid_state', {
    status: STATUS_LABELS[status] ?? { 'zh-CN': status, en: status },
    action: ACTION_LABELS[action] ?? { 'zh-CN': action, en: action },
  });
}

export function notYourUnit(action: string): AppError {
  return new AppError('case.not_your_unit', {
    action: ACTION_LABELS[action] ?? { 'zh-CN': action, en: action },
  });
}

/** 400 naming one field of the body, with a message (by key of platform/validation.ts) in the caller's language. */
export function invalidField(field: string, code: string, i18n: string): AppError {
  return new AppError('request.invalid', { fields: `body.${field}` }, [
    { path: `body.${field}`, code, message: i18n, i18n },
  ]);
}

/** The live assignment of the current round the actor handles for, lead first; null when none. */
export function handledAssignment(
  actor: Actor,
  loaded: LoadedCase,
  role?: 'lead' | 'co',
  states: string[] = ['dispatched', 'accepted'],
): CaseAssignmentRow | null {
  return (
    loaded.current
      .filter((a) => (role === undefined || a.role === role) && states.includes(a.state))
      .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1))
      .find((a) => can(actor, 'case.handle', { unitPath: a.unit_path })) ?? null
  );
}

/** What the viewer may do to the case now, so the UI shows only the buttons that work. */
export function abilitiesOf(actor: Actor, loaded: LoadedCase): CaseAbilities {
  const { row, resource } = loaded;
  const s = row.status;
  const open = !ENDED_STATUSES.has(s);
  const lead = (states: string[]) => handledAssignment(actor, loaded, 'lead', states) !== null;
  return {
    dispatch: ['received', 'dispatched', 'accepted'].includes(s) && can(actor, 'case.dispatch', resource),
    sign:
      (s === 'dispatched' || s === 'accepted') &&
      handledAssignment(actor, loaded, undefined, ['dispatched']) !== null,
    return: (s === 'dispatched' || s === 'accepted') && lead(['dispatched', 'accepted']),
    requestExtension: s === 'accepted' && !loaded.pendingExtension && lead(['accepted']),
    decideExtension: loaded.pendingExtension && can(actor, 'case.decide_extension', resource),
    reportPart: (s === 'dispatched' || s === 'accepted') && handledAssignment(actor, loaded, 'co') !== null,
    resolve: s === 'accepted' && lead(['accepted']),
    callback: s === 'resolved' && can(actor, 'case.callback', resource),
    supervise: open && can(actor, 'case.supervise', resource),
    merge: s === 'received' && can(actor, 'case.merge', resource),
    withdraw: ['received', 'dispatched', 'accepted'].includes(s) && can(actor, 'case.withdraw', resource),
    note: open && can(actor, 'case.note', resource),
    answer: s === 'received' && can(actor, 'case.answer', resource),
  };
}

/** What an action decided: the case's new columns, its history entry and what else happens with it. */
export interface ActionOutcome {
  changes: Partial<CaseTable>;
  event: { action: string; unitId?: number | null; note?: string | null; data?: Record<string, unknown> };
  /** Runs in the same transaction after the case is written: notifications, messages, jobs. */
  afterwards?: (trx: Trx, row: CaseRow) => Promise<void>;
}

/**
 * Runs one action on one case as one transaction: load (hidden = not found), check the version the
 * caller read, decide, write the case only if nobody changed it meanwhile (else a conflict), append
 * the history entry and the audit entry. Two people acting at once: one wins, the other gets 409.
 */
export async function actOnCase(
  db: Db,
  ctx: AuditContext,
  id: number,
  version: number | undefined,
  perform: CasePerform,
): Promise<void> {
  await db.transaction().execute((trx) => actOnCaseIn(trx, ctx, id, version, perform));
}

export type CasePerform = (trx: Trx, loaded: LoadedCase, now: string) => Promise<ActionOutcome>;

/**
 * The same inside the caller's transaction: for another module (mediation) whose own change and the
 * case's action must commit or fail together.
 */
export async function actOnCaseIn(
  trx: Trx,
  ctx: AuditContext,
  id: number,
  version: number | undefined,
  perform: CasePerform,
): Promise<void> {
  const loaded = await loadVisibleCase(trx, ctx.actor, id);
  const { row } = loaded;
  if (version !== undefined && version !== row.version) throw conflict(row.status);
  const now = nowIso();
  const outcome = await perform(trx, loaded, now).catch(async (error: unknown) => {
    // What we read may have changed while we decided (another process committed between our reads):
    // then the honest answer is a conflict with the case as it now is, not a refusal based on stale data.
    if (
      error instanceof AppError &&
      (error.code === 'case.invalid_state' || error.code === 'case.not_your_unit')
    ) {
      const fresh = await findCase(trx, id);
      if (fresh && fresh.version !== row.version) throw conflict(fresh.status);
    }
    throw error;
  });
  if (!(await updateCaseAtVersion(trx, id, row.version, outcome.changes, now))) {
    const fresh = await findCase(trx, id);
    throw conflict(fresh?.status ?? row.status);
  }
  await appendEvent(trx, ctx.actor, row, outcome, now);
  if (changesSearchText(outcome.changes, outcome.event)) await indexCase(trx, id);
  // An action on an older case may move figures of days already kept (a late sign, an answer, a reopen).
  if (localDateOf(row.registered_at) < localDateOf(now)) {
    await forgetFigureDays(trx, [
      row.registered_at,
      row.resolved_at,
      row.closed_at,
      ...loaded.current.map((a) => a.dispatched_at),
    ]);
  }
  if (outcome.afterwards) await outcome.afterwards(trx, { ...row, ...outcome.changes } as CaseRow);
  // Last: appending to the audit chain locks its head until commit, for every writer in the system.
  await recordAudit(trx, ctx, {
    action: `case.${outcome.event.action}`,
    recordType: CASE_RECORD,
    recordId: id,
    before: { status: row.status, version: row.version },
    after: { status: outcome.changes.status ?? row.status, version: row.version + 1 },
  });
}

function conflict(status: string): AppError {
  return new AppError('case.conflict', { status: STATUS_LABELS[status] ?? { 'zh-CN': status, en: status } });
}

/** Appends a history entry: who, when, what, status before and after. History is never rewritten. */
export async function appendEvent(
  trx: Executor,
  actor: Actor,
  row: Pick<CaseRow, 'id' | 'status'>,
  outcome: Pick<ActionOutcome, 'changes' | 'event'>,
  at: string,
): Promise<void> {
  await insertEvent(trx, {
    case_id: row.id,
    at,
    actor_type: actor.type,
    actor_id: actorId(actor),
    actor_label: actorLabel(actor),
    action: outcome.event.action,
    from_status: row.status,
    to_status: outcome.changes.status ?? row.status,
    unit_id: outcome.event.unitId ?? null,
    note: outcome.event.note ?? null,
    data: JSON.stringify(outcome.event.data ?? {}),
  });
}

/** Sign and resolve deadlines of a dispatch at `at`, and when the case counts as due soon. */
export async function deadlinesFor(
  db: Executor,
  at: string,
  category: Pick<CategoryInfo, 'resolveWorkdays' | 'urgentHours'>,
  urgent: boolean,
): Promise<{ signDueAt: string; resolveDueAt: string; dueSoonAt: string }> {
  const calendar = await getWorkCalendar(db);
  if (urgent) {
    const resolveDueAt = addMinutes(at, category.urgentHours * 60);
    return {
      signDueAt: addMinutes(at, 30),
      resolveDueAt,
      dueSoonAt: addMinutes(at, Math.round(category.urgentHours * 60 * 0.8)),
    };
  }
  const resolveDueAt = calendar.addWorkingDays(at, category.resolveWorkdays);
  return {
    signDueAt: calendar.addWorkingHours(at, 2),
    resolveDueAt,
    dueSoonAt: calendar.dueSoonAt(at, resolveDueAt, 0.8),
  };
}

/**
 * Sends the case to a lead unit and co-units as a new round: earlier live assignments are cancelled,
 * deadlines set from now on the working calendar, the units notified. Returns the case's new columns.
 */
export async function sendToUnits(
  trx: Trx,
  actor: Actor,
  loaded: LoadedCase,
  target: { lead: PlacedUnit; co: PlacedUnit[]; category: CategoryInfo; urgent: boolean },
  now: string,
): Promise<Partial<CaseTable>> {
  await cancelLiveAssignments(trx, loaded, now);
  const round = (loaded.current[0]?.round ?? 0) + 1;
  const due = await deadlinesFor(trx, now, target.category, target.urgent);
  const by = actor.type === 'staff' ? actor.userId : null;
  const units = [
    { unit: target.lead, role: 'lead' as const },
    ...target.co.map((unit) => ({ unit, role: 'co' as const })),
  ];
  for (const { unit, role } of units) {
    await insertAssignment(trx, {
      case_id: loaded.row.id,
      unit_id: unit.id,
      unit_path: unit.path,
      role,
      round,
      state: 'dispatched',
      dispatched_at: now,
      dispatched_by: by,
      sign_due_at: due.signDueAt,
      signed_at: null,
      signed_by: null,
      report: null,
      reported_at: null,
      return_reason: null,
      ended_at: null,
    });
    await notifyUnit(
      trx,
      unit.id,
      role === 'lead' ? 'case.dispatched' : 'case.co_dispatched',
      loaded.row.id,
      {
        trackingNo: loaded.row.tracking_no,
        title: loaded.row.title,
        dueAt: due.resolveDueAt,
      },
    );
  }
  return {
    status: 'dispatched',
    category_id: target.category.id,
    urgent: target.urgent ? 1 : 0,
    sensitive: target.category.sensitive || loaded.row.sensitive === 1 ? 1 : 0,
    lead_unit_id: target.lead.id,
    lead_unit_path: target.lead.path,
    triage_reason: null,
    dispatched_at: now,
    sign_due_at: due.signDueAt,
    signed_at: null,
    resolve_due_at: due.resolveDueAt,
    due_soon_at: due.dueSoonAt,
    sla_state: 'none',
  };
}

/** Units whose dispatchers oversee a place: every unit on its path (dispatchers sit at streets and centres). */
export async function dispatchUnitsOver(trx: Trx, locationPath: string | null): Promise<number[]> {
  const ids = (locationPath ?? '').split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('role_bindings as rb')
    .innerJoin('units as u', 'u.id', 'rb.unit_id')
    .select('rb.unit_id')
    .distinct()
    .where('rb.role', '=', 'dispatcher')
    .where((eb) => eb.or([eb('u.id', 'in', ids), eb('u.parent_id', 'in', ids.slice(0, 1))]))
    .execute();
  return rows.map((r) => r.unit_id);
}

/** Ends every live assignment of the current round (but `keepId`); returns the units that held them. */
export async function cancelLiveAssignments(
  trx: Trx,
  loaded: LoadedCase,
  now: string,
  keepId?: number,
): Promise<number[]> {
  const ended: number[] = [];
  for (const a of loaded.current) {
    if (a.id !== keepId && (a.state === 'dispatched' || a.state === 'accepted' || a.state === 'reported')) {
      await updateAssignment(trx, a.id, { state: 'cancelled', ended_at: now });
      ended.push(a.unit_id);
    }
  }
  return ended;
}

/** The columns of a case answered on the spot: closed at once, counted as first-contact resolution. */
export function answeredChanges(text: string, now: string): Partial<CaseTable> {
  return {
    status: 'closed',
    answered_at_intake: 1,
    outcome: 'solved',
    resolution: text,
    resolved_at: now,
    closed_at: now,
    ended_at: now,
    triage_reason: null,
  };
}
