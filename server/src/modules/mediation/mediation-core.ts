import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, MediationCaseRow, MediationCaseTable } from '../../db/types.ts';
import { type Actor, actorId, actorLabel, can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';
import { ACTION_LABELS, STATUS_LABELS } from './mediation.labels.ts';
import { MEDIATION_RECORD, type MediationResource } from './mediation.policy.ts';
import {
  applyMediationChanges,
  type Executor,
  findMediation,
  findVisibleMediation,
  insertEvent,
  listJointUnits,
  updateMediationAtVersion,
} from './mediation.repo.ts';

export type Trx = Transaction<Database>;

export const OPEN = new Set(['applied', 'accepted', 'in_progress']);

/** A mediation case loaded for an action: its row and how the rules see it. */
export interface LoadedMediation {
  row: MediationCaseRow;
  resource: MediationResource;
}

export async function loadMediation(db: Executor, row: MediationCaseRow): Promise<LoadedMediation> {
  const joint = await listJointUnits(db, row.id);
  return {
    row,
    resource: {
      leadUnitPath: row.lead_unit_path,
      jointUnitPaths: joint.map((j) => j.unit_path),
      placePath: row.place_path,
      registeredBy: row.registered_by,
    },
  };
}

/** The case if the actor may see it (the system sees all); a hidden case answers like a missing one. */
export async function loadVisibleMediation(db: Executor, actor: Actor, id: number): Promise<LoadedMediation> {
  const row =
    actor.type === 'system' ? await findMediation(db, id) : await findVisibleMediation(db, actor, id);
  if (!row) throw new AppError('record.not_found');
  const loaded = await loadMediation(db, row);
  if (actor.type !== 'system' && !can(actor, 'mediation.read', loaded.resource))
    throw new AppError('record.not_found');
  return loaded;
}

export function invalidState(status: string, action: string): AppError {
  return new AppError('mediation.invalid_state', {
    status: STATUS_LABELS[status] ?? { 'zh-CN': status, en: status },
    action: ACTION_LABELS[action] ?? { 'zh-CN': action, en: action },
  });
}

function conflict(status: string): AppError {
  return new AppError('mediation.conflict', {
    status: STATUS_LABELS[status] ?? { 'zh-CN': status, en: status },
  });
}

/** 400 naming one field of the body, with a message (by key of platform/validation.ts) in the caller's language. */
export function invalidField(field: string, code: string, i18n: string): AppError {
  return new AppError('request.invalid', { fields: `body.${field}` }, [
    { path: `body.${field}`, code, message: i18n, i18n },
  ]);
}

/** Refuses unless the actor mediates for an organisation of the case. */
export function requireHandler(actor: Actor, loaded: LoadedMediation): void {
  if (!can(actor, 'mediation.handle', loaded.resource)) throw new AppError('access.denied');
}

/** What an action decided: the case's new columns and its history entry. */
export interface MediationOutcome {
  changes: Partial<MediationCaseTable>;
  event: { action: string; note?: string | null; data?: Record<string, unknown> };
}

/**
 * Runs one action on one mediation case as one transaction: load (hidden = not found), check the
 * version the caller read, decide (the decision may write the case's child records), write the case
 * only if nobody changed it meanwhile (else 409), append the history entry and the audit entry.
 * Every change to a case or its parts, sessions, agreements and follow-ups alike, moves its version.
 */
export async function actOnMediation(
  db: Db,
  ctx: AuditContext,
  id: number,
  version: number | undefined,
  perform: (trx: Trx, loaded: LoadedMediation, now: string) => Promise<MediationOutcome>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const loaded = await loadVisibleMediation(trx, ctx.actor, id);
    const { row } = loaded;
    if (version !== undefined && version !== row.version) throw conflict(row.status);
    const now = nowIso();
    // Claim the case first: the version-guarded update locks its row (PostgreSQL) or the database
    // (SQLite) until commit, so a simultaneous action waits here and then finds the version moved,
    // instead of racing this one through the child records (mediators, agreements) it writes.
    if (!(await updateMediationAtVersion(trx, id, row.version, {}, now))) {
      const fresh = await findMediation(trx, id);
      throw conflict(fresh?.status ?? row.status);
    }
    const outcome = await perform(trx, loaded, now);
    await applyMediationChanges(trx, id, outcome.changes);
    await appendEvent(trx, ctx.actor, row, outcome, now);
    await recordAudit(trx, ctx, {
      action: `mediation.${outcome.event.action}`,
      recordType: MEDIATION_RECORD,
      recordId: id,
      before: { status: row.status, version: row.version },
      after: {
        status: outcome.changes.status ?? row.status,
        version: row.version + 1,
        ...(outcome.event.data ?? {}),
      },
    });
  });
}

/** Appends a history entry: who, when, what, status before and after. History is never rewritten. */
export async function appendEvent(
  trx: Executor,
  actor: Actor,
  row: Pick<MediationCaseRow, 'id' | 'status'>,
  outcome: MediationOutcome,
  at: string,
): Promise<void> {
  await insertEvent(trx, {
    mediation_case_id: row.id,
    at,
    actor_type: actor.type,
    actor_id: actorId(actor),
    actor_label: actorLabel(actor),
    action: outcome.event.action,
    from_status: row.status,
    to_status: outcome.changes.status ?? row.status,
    note: outcome.event.note ?? null,
    data: JSON.stringify(outcome.event.data ?? {}),
  });
}
