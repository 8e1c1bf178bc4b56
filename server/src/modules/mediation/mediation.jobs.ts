import { registerPeriodicTask } from '../../platform/jobs.ts';
import { sweepMediationReminders } from './mediation-reminders.service.ts';

/** Reminders are about days, not minutes: one sweep an hour is plenty, and it is idempotent. */
export const MEDIATION_SWEEP_EVERY_MS = 3_600_000;

registerPeriodicTask('mediation.reminders', MEDIATION_SWEEP_EVERY_MS, async (ctx) => {
  const result = await sweepMediationReminders(ctx.db, ctx.now());
  if (result.followups + result.confirmations > 0) ctx.log.info(result, 'mediation reminders');
});
