import type { Db } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { notifyUnit, notifyUsers } from '../notifications/notifications.service.ts';
import { actOnCase } from './case-core.ts';
import { escalationTargets } from './case-followup.service.ts';
import { tellReporters } from './case-handling.service.ts';

const SYSTEM: AuditContext = { actor: { type: 'system', name: 'sla-sweep' }, ip: null, requestId: null };
const AUTO_CLOSE_DAYS = 7;
const BATCH = 500;

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  escalated: number;
  autoClosed: number;
}

/** Runs one action per case, skipping cases someone else changed meanwhile (the next sweep sees them). */
async function eachCase(
  rows: { id: number; version: number }[],
  act: (id: number, version: number) => Promise<void>,
) {
  let done = 0;
  for (const { id, version } of rows) {
    try {
      await act(id, version);
      done++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'case.conflict')) throw error;
    }
  }
  return done;
}

/**
 * The deadline sweep: marks cases due soon (80% of their time gone) and overdue, tells the lead unit,
 * escalates a case overdue for a further working day to the parent unit, and closes resolved cases
 * whose reporter never answered a callback within 7 days. Safe to run from several processes: every
 * change is a versioned update, so a case is changed once.
 */
export async function sweepCases(db: Db, now: Date = new Date()): Promise<SweepResult> {
  const at = now.toISOString();
  const open = ['dispatched', 'accepted'] as const;
  const base = () => db.selectFrom('cases').select(['id', 'version']).orderBy('id').limit(BATCH);

  const dueSoonRows = await base()
    .where('status', 'in', open)
    .where('sla_state', '=', 'none')
    .where('due_soon_at', '<=', at)
    .where('resolve_due_at', '>', at)
    .execute();
  const dueSoon = await eachCase(dueSoonRows, (id, version) =>
    actOnCase(db, SYSTEM, id, version, async (_trx, { row }) => ({
      changes: { sla_state: 'due_soon' },
      event: { action: 'due_soon', unitId: row.lead_unit_id, data: { resolveDueAt: row.resolve_due_at } },
      afterwards: async (t) => {
        if (row.lead_unit_id !== null)
          await notifyUnit(t, row.lead_unit_id, 'case.due_soon', row.id, {
            trackingNo: row.tracking_no,
            title: row.title,
            dueAt: row.resolve_due_at ?? '',
          });
      },
    })),
  );

  const overdueRows = await base()
    .where('status', 'in', open)
    .where('sla_state', '!=', 'overdue')
    .where('resolve_due_at', '<=', at)
    .execute();
  const overdue = await eachCase(overdueRows, (id, version) =>
    actOnCase(db, SYSTEM, id, version, async (_trx, { row }) => ({
      changes: { sla_state: 'overdue', escalation_level: Math.max(row.escalation_level, 1) },
      event: { action: 'overdue', unitId: row.lead_unit_id, data: { resolveDueAt: row.resolve_due_at } },
      afterwards: async (t) => {
        if (row.lead_unit_id === null) return;
        const params = { trackingNo: row.tracking_no, title: row.title, dueAt: row.resolve_due_at ?? '' };
        await notifyUnit(t, row.lead_unit_id, 'case.overdue', row.id, params);
        await notifyUsers(t, await escalationTargets(t, row.lead_unit_id, 1), 'case.overdue', row.id, params);
      },
    })),
  );

  const calendar = await getWorkCalendar(db);
  const lateRows = await db
    .selectFrom('cases')
    .select(['id', 'version', 'resolve_due_at'])
    .where('status', 'in', open)
    .where('sla_state', '=', 'overdue')
    .where('escalation_level', '<', 2)
    .where('resolve_due_at', '<=', new Date(now.getTime() - 86_400_000).toISOString())
    .orderBy('id')
    .limit(BATCH)
    .execute();
  const escalated = await eachCase(
    lateRows.filter((r) => r.resolve_due_at !== null && calendar.addWorkingDays(r.resolve_due_at, 1) <= at),
    (id, version) =>
      actOnCase(db, SYSTEM, id, version, async (_trx, { row }) => ({
        changes: { escalation_level: 2 },
        event: { action: 'escalate', unitId: row.lead_unit_id, data: { level: 2 } },
        afterwards: async (t) => {
          if (row.lead_unit_id === null) return;
          const params = { trackingNo: row.tracking_no, title: row.title, dueAt: row.resolve_due_at ?? '' };
          await notifyUsers(
            t,
            await escalationTargets(t, row.lead_unit_id, 2),
            'case.escalated',
            row.id,
            params,
          );
        },
      })),
  );

  const closeBefore = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86_400_000).toISOString();
  const staleRows = await base()
    .where('status', '=', 'resolved')
    .where('resolved_at', '<=', closeBefore)
    .execute();
  const autoClosed = await eachCase(staleRows, (id, version) =>
    actOnCase(db, SYSTEM, id, version, async (_trx, { row }) => {
      if (row.status !== 'resolved') throw new AppError('case.conflict', { status: row.status });
      const closedAt = new Date().toISOString();
      return {
        changes: { status: 'closed', closed_at: closedAt, ended_at: closedAt },
        event: { action: 'auto_close', data: { days: AUTO_CLOSE_DAYS } },
        afterwards: (t, r) => tellReporters(t, r, 'reporter.closed'),
      };
    }),
  );

  return { dueSoon, overdue, escalated, autoClosed };
}
