import type { ReadStream } from 'node:fs';
import type { Db } from '../../db/database.ts';
import type { MediationCaseRow } from '../../db/types.ts';
import { actorLabel } from '../../platform/access.ts';
import { openAttachment, type StoredFile } from '../../platform/attachments.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseForMediation, resolveCaseIn } from '../cases/case-mediation.service.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { findPlacedUnit, type PlacedUnit } from '../org/org.service.ts';
import { DISPUTE_TYPE_LABELS } from './mediation.labels.ts';
import { insertRecord, listMediators, replaceJointUnits, replaceMediators } from './mediation.repo.ts';
import type { AssignBody, OutcomeBody, RecordBody, RefuseBody, VersionBody } from './mediation.schema.ts';
import {
  actOnMediation,
  invalidField,
  invalidState,
  loadVisibleMediation,
  OPEN,
  requireHandler,
  type Trx,
} from './mediation-core.ts';
import { mediationUnit } from './mediation-intake.service.ts';
import { listMediatorStaff } from './mediation-mediators.repo.ts';

const DAY_MS = 86_400_000;
/** 人民调解: a case is settled within 30 days of acceptance; a labour dispute within 15, then arbitration is open. */
export const TIME_LIMIT_DAYS = { default: 30, labour: 15 } as const;

export function dueAtFor(disputeType: string, acceptedAt: string): string {
  const days = disputeType === 'labour' ? TIME_LIMIT_DAYS.labour : TIME_LIMIT_DAYS.default;
  return new Date(Date.parse(acceptedAt) + days * DAY_MS).toISOString();
}

function staffId(ctx: AuditContext): number | null {
  return ctx.actor.type === 'staff' ? ctx.actor.userId : null;
}

/** The organisation accepts the application: the time limit starts; the accepting mediator leads unless one was named. */
export async function acceptMediation(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: VersionBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    if (row.status !== 'applied') throw invalidState(row.status, 'accept');
    const me = staffId(ctx);
    if (me !== null && (await listMediators(trx, id)).length === 0)
      await replaceMediators(trx, id, [{ userId: me, lead: true }], now);
    const dueAt = dueAtFor(row.dispute_type, now);
    return {
      changes: { status: 'accepted', accepted_at: now, due_at: dueAt },
      event: { action: 'accept', note: body.note ?? null, data: { dueAt } },
    };
  });
}

/**
 * The organisation refuses the application, with its reason and the other routes the parties were
 * told of; a case it came from is resolved as explained.
 */
export async function refuseMediation(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: RefuseBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    if (row.status !== 'applied') throw invalidState(row.status, 'refuse');
    const source = await resolveSource(trx, ctx, row, {
      outcome: 'explained',
      text: `调解组织不予受理（${row.number}）：${body.reason}`,
      reason: body.reason,
    });
    return {
      changes: {
        status: 'refused',
        refusal_reason: body.reason,
        routes_told: JSON.stringify(body.otherRoutes),
        outcome_at: now,
      },
      event: {
        action: 'refuse',
        note: body.reason,
        data: { otherRoutes: body.otherRoutes, ...source },
      },
    };
  });
}

/** Names the case's mediators (one leading) and the organisations mediating jointly with the lead one. */
export async function assignMediation(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: AssignBody,
): Promise<void> {
  const joint: PlacedUnit[] = [];
  for (const [i, unitId] of body.jointUnitIds.entries()) {
    if (joint.some((u) => u.id === unitId)) throw invalidField(`jointUnitIds.${i}`, 'duplicate', 'duplicate');
    joint.push(await mediationUnit(db, ctx, unitId, `jointUnitIds.${i}`));
  }
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    if (!OPEN.has(row.status)) throw invalidState(row.status, 'assign');
    if (joint.some((u) => u.id === row.lead_unit_id))
      throw invalidField(
        `jointUnitIds.${joint.findIndex((u) => u.id === row.lead_unit_id)}`,
        'invalid',
        'duplicate',
      );
    const paths = [row.lead_unit_path, ...joint.map((u) => u.path)];
    const staff = await listMediatorStaff(trx, paths);
    const seen = new Set<number>();
    for (const [i, m] of body.mediators.entries()) {
      if (seen.has(m.userId)) throw invalidField(`mediators.${i}.userId`, 'duplicate', 'duplicate');
      seen.add(m.userId);
      if (!staff.some((s) => s.user_id === m.userId && s.user_active === 1))
        throw invalidField(`mediators.${i}.userId`, 'invalid', 'not_a_mediator');
    }
    const before = new Set((await listMediators(trx, id)).map((m) => m.user_id));
    await replaceMediators(trx, id, body.mediators, now);
    await replaceJointUnits(trx, id, joint, now);
    const added = body.mediators.map((m) => m.userId).filter((u) => !before.has(u) && u !== staffId(ctx));
    const lead = await findPlacedUnit(trx, row.lead_unit_id);
    await notifyUsers(trx, added, 'mediation.assigned', null, {
      trackingNo: row.number,
      title: DISPUTE_TYPE_LABELS[row.dispute_type]?.['zh-CN'] ?? '',
      unitName: lead?.nameZh ?? '',
    });
    return {
      changes: {},
      event: {
        action: 'assign',
        data: {
          mediators: body.mediators.map((m) => ({ userId: m.userId, lead: m.lead })),
          jointUnits: joint.map((u) => u.code),
        },
      },
    };
  });
}

/** Records a session or an investigation; the first one puts an accepted case in progress. */
export async function addRecord(db: Db, ctx: AuditContext, id: number, body: RecordBody): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    if (row.status !== 'accepted' && row.status !== 'in_progress') throw invalidState(row.status, 'record');
    const recordId = await insertRecord(trx, {
      mediation_case_id: id,
      kind: body.kind,
      held_at: body.heldAt,
      ends_at: body.endsAt ?? null,
      subject: body.subject ?? null,
      place: body.place,
      attendees: JSON.stringify(body.attendees),
      record: body.record,
      recorded_by: staffId(ctx),
      created_at: now,
    });
    return {
      changes: { status: 'in_progress' },
      event: { action: body.kind, data: { recordId, heldAt: body.heldAt, place: body.place } },
    };
  });
}

/**
 * Ends the mediation: agreed (a signed agreement is required), failed (the parties told of their
 * other routes) or withdrawn. A case it came from is resolved through the case engine's own action,
 * so the district's figures count it.
 */
export async function recordOutcome(db: Db, ctx: AuditContext, id: number, body: OutcomeBody): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    const from = body.outcome === 'withdrawn' ? OPEN : new Set(['accepted', 'in_progress']);
    if (!from.has(row.status)) throw invalidState(row.status, 'outcome');
    if (body.outcome === 'agreed') {
      const signed = await trx
        .selectFrom('mediation_agreements')
        .select('id')
        .where('mediation_case_id', '=', id)
        .where('status', '=', 'signed')
        .executeTakeFirst();
      if (!signed) throw new AppError('mediation.agreement_needed');
    }
    const routes = body.otherRoutes ?? [];
    const resolution =
      body.outcome === 'agreed'
        ? { outcome: 'solved' as const, text: `经调解达成协议（${row.number}）：${body.note}` }
        : body.outcome === 'failed'
          ? {
              outcome: 'not_solvable' as const,
              text: `调解不成（${row.number}）：${body.note}`,
              reason: `已告知当事人可通过${routes.map(routeName).join('、')}途径解决`,
            }
          : {
              outcome: 'explained' as const,
              text: `当事人撤回调解申请（${row.number}）：${body.note}`,
              reason: body.note,
            };
    const source = await resolveSource(trx, ctx, row, resolution);
    return {
      changes: {
        status: body.outcome,
        outcome_note: body.note,
        outcome_at: now,
        ...(body.outcome === 'failed' ? { routes_told: JSON.stringify(routes) } : {}),
      },
      event: { action: body.outcome, note: body.note, data: { otherRoutes: routes, ...source } },
    };
  });
}

const ROUTE_NAMES: Record<string, string> = {
  arbitration: '仲裁',
  litigation: '诉讼',
  administrative: '行政',
  letters_visits: '信访',
};
function routeName(route: string): string {
  return ROUTE_NAMES[route] ?? route;
}

/**
 * Resolves the case the mediation came from, when it is still being handled by the organisation. A
 * case that moved on meanwhile (withdrawn, re-routed) is left as it is and the history says so; the
 * case engine's checks all run before it writes, so a refusal leaves nothing half done.
 */
async function resolveSource(
  trx: Trx,
  ctx: AuditContext,
  row: MediationCaseRow,
  resolution: { outcome: 'solved' | 'explained' | 'not_solvable'; text: string; reason?: string },
): Promise<Record<string, unknown>> {
  if (row.source_case_id === null) return {};
  const source = await findCaseForMediation(trx, ctx.actor, row.source_case_id).catch(() => null);
  if (!source || source.status !== 'accepted')
    return { sourceCaseResolved: false, sourceCaseStatus: source?.status ?? null };
  try {
    await resolveCaseIn(trx, ctx, source.id, resolution);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { sourceCaseResolved: false, sourceCaseError: error.code };
  }
  return { sourceCaseResolved: true, sourceCase: source.trackingNo };
}

/** Records already-stored evidence files on an open or settled case, with one history entry naming them. */
export async function attachFiles(
  db: Db,
  ctx: AuditContext,
  id: number,
  files: Array<StoredFile & { fileName: string }>,
  description: string | null,
): Promise<void> {
  await actOnMediation(db, ctx, id, undefined, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    if (loaded.row.status === 'refused') throw invalidState(loaded.row.status, 'attach');
    for (const f of files) {
      await trx
        .insertInto('mediation_attachments')
        .values({
          mediation_case_id: id,
          sha256: f.sha256,
          file_name: f.fileName,
          mime_type: f.mimeType,
          size: f.size,
          description,
          uploaded_by: staffId(ctx),
          uploaded_label: actorLabel(ctx.actor),
          uploaded_at: now,
        })
        .execute();
    }
    return {
      changes: {},
      event: {
        action: 'attach',
        data: { files: files.map((f) => ({ name: f.fileName, sha256: f.sha256 })) },
      },
    };
  });
}

/** One evidence file's content, when the viewer may read its case. */
export async function readAttachment(
  db: Db,
  ctx: AuditContext,
  dataDir: string,
  id: number,
  attachmentId: number,
): Promise<{ stream: ReadStream; fileName: string; mimeType: string; size: number }> {
  await loadVisibleMediation(db, ctx.actor, id);
  const row = await db
    .selectFrom('mediation_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('mediation_case_id', '=', id)
    .executeTakeFirst();
  const stream = row ? openAttachment(dataDir, row.sha256) : null;
  if (!row || !stream) throw new AppError('record.not_found');
  return { stream, fileName: row.file_name, mimeType: row.mime_type, size: row.size };
}
