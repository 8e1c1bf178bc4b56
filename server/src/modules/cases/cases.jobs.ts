import { registerPeriodicTask } from '../../platform/jobs.ts';
import { sweepCases } from './case-sla.service.ts';

/** How often each worker process sweeps deadlines; the sweep is idempotent, so overlaps are harmless. */
export const SLA_SWEEP_EVERY_MS = 60_000;

registerPeriodicTask('case.sla_sweep', SLA_SWEEP_EVERY_MS, async (ctx) => {
  const result = await sweepCases(ctx.db, ctx.now());
  if (result.dueSoon + result.overdue + result.escalated + result.autoClosed > 0)
    ctx.log.info(result, 'case deadline sweep');
});
