import type { Db } from '../../db/database.ts';
import { addLocalDays, localDateOf, nowIso } from '../../platform/time.ts';
import { notifyUnit, notifyUsers } from '../notifications/notifications.service.ts';
import {
  claimConfirmationReminder,
  claimFollowupReminder,
  confirmationsDueBy,
  followupsToRemind,
} from './mediation.repo.ts';
import { CONFIRMATION_REMINDER_DAYS } from './mediation-agreement.service.ts';
import type { Trx } from './mediation-core.ts';

type Kind = 'mediation.followup_due' | 'mediation.confirmation_due';

/** The lead mediator hears of it; with none named, the organisation's mediators. */
async function tellLeadMediator(
  trx: Trx,
  target: { user_id: number | null; lead_unit_id: number },
  kind: Kind,
  params: Record<string, string | number>,
): Promise<void> {
  if (target.user_id !== null) await notifyUsers(trx, [target.user_id], kind, null, params);
  else await notifyUnit(trx, target.lead_unit_id, kind, null, params, { roles: ['mediator'] });
}

/**
 * Reminds lead mediators of follow-ups falling due (the day before and on the day) and of judicial
 * confirmation windows closing in 7 and in 2 days. Each reminder is sent once: the flag is set in the
 * same transaction as the notification and only by the sweep that flips it, so overlapping sweeps send
 * nothing twice.
 */
export async function sweepMediationReminders(
  db: Db,
  now: Date = new Date(),
): Promise<{ followups: number; confirmations: number }> {
  const today = localDateOf(now);
  let followups = 0;
  let confirmations = 0;
  await db.transaction().execute(async (trx) => {
    for (const f of await followupsToRemind(trx, addLocalDays(today, 1))) {
      if (!(await claimFollowupReminder(trx, f.id, nowIso()))) continue;
      await tellLeadMediator(trx, f, 'mediation.followup_due', {
        trackingNo: f.number,
        title: f.due_on,
        reason: f.what,
      });
      followups++;
    }
    const latest = Math.max(...CONFIRMATION_REMINDER_DAYS);
    for (const a of await confirmationsDueBy(trx, addLocalDays(today, latest))) {
      const dueOn = a.confirmation_due_on as string;
      const daysLeft = Math.round((Date.parse(dueOn) - Date.parse(today)) / 86_400_000);
      if (daysLeft < 0) continue;
      // The 2-day reminder also stands in for a 7-day one the sweep missed.
      const which =
        daysLeft <= 2 && a.confirmation_reminded_2 === 0
          ? 2
          : daysLeft <= 7 && a.confirmation_reminded_7 === 0
            ? 7
            : null;
      if (which === null || !(await claimConfirmationReminder(trx, a.id, which))) continue;
      await tellLeadMediator(trx, a, 'mediation.confirmation_due', {
        trackingNo: a.number,
        title: dueOn,
        days: daysLeft,
      });
      confirmations++;
    }
  });
  return { followups, confirmations };
}
