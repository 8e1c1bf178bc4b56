import type { AuditContext } from '../../platform/audit.ts';
import { type JobContext, registerPeriodicTask } from '../../platform/jobs.ts';
import { forgetCachedKnowledge } from './routing.service.ts';
import { retrain } from './training.ts';

const SYSTEM: AuditContext = {
  actor: { type: 'system', name: 'routing-retrain' },
  ip: null,
  requestId: null,
};

/** How often a worker looks whether the routing model is due for retraining. */
const CHECK_EVERY_MS = 3_600_000;
/** A model older than this is retrained when cases were closed since it was trained. */
const RETRAIN_AFTER_MS = 24 * 3_600_000;

/** Retrains when the model is a day old (or none is stored) and cases were closed since; true when it did. */
export async function retrainIfDue(ctx: JobContext): Promise<boolean> {
  const now = ctx.now();
  const newest = await ctx.db
    .selectFrom('routing_models')
    .select('trained_at')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (newest && now.getTime() - Date.parse(newest.trained_at) < RETRAIN_AFTER_MS) return false;
  // Nothing new to learn (no case closed since, or none at all): the model in use stays; before the
  // first training that is the seed corpus's, the same as a training would give.
  let closed = ctx.db.selectFrom('cases').select('id').where('status', '=', 'closed');
  if (newest) closed = closed.where('closed_at', '>', newest.trained_at);
  if (!(await closed.limit(1).executeTakeFirst())) return false;
  const result = await retrain(ctx.db, SYSTEM, 'job');
  forgetCachedKnowledge(ctx.db);
  ctx.log.info(result, 'routing model retrained');
  return true;
}

registerPeriodicTask('routing.retrain', CHECK_EVERY_MS, async (ctx) => {
  await retrainIfDue(ctx);
});
