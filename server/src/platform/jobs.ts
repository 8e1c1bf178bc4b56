import type { FastifyBaseLogger } from 'fastify';
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/types.ts';
import type { SmsSender } from './auth/sms.ts';

/**
 * The job queue: side effects (SMS, SLA sweeps, re-indexing) leave the request path as rows of the
 * `jobs` table, written in the same transaction as the change that caused them, and run later by a
 * worker in any app process. Delivery is at least once: a process that dies after a handler's effect
 * but before marking the job done leaves it to be run again when its lease ends, so handlers should
 * tolerate a repeat (or make their effect idempotent).
 */

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** What a job handler or periodic task may use; `now` is the clock the queue itself runs on. */
export interface JobContext {
  db: Db;
  sms: SmsSender;
  log: JobLog;
  now: () => Date;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

export interface JobHandlerOptions {
  /** Runs (including the first) before the job is marked failed. */
  maxAttempts?: number;
}

/** A claimed job belongs to its process this long; past it, another process may take it over. */
export const JOB_LEASE_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Wait before the next run after the n-th failed run: 30 s, 2 min, 8 min, 32 min, then hourly. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(attempts - 1, 0), 3_600_000);
}

interface RegisteredHandler {
  handler: JobHandler<unknown>;
  maxAttempts: number;
}

const handlers = new Map<string, RegisteredHandler>();

/**
 * Declares how jobs of `kind` run; each module registers its kinds beside the code that enqueues
 * them. The payload is whatever that code passed to enqueueJob, read back from JSON.
 */
export function registerJobHandler<P>(
  kind: string,
  handler: JobHandler<P>,
  options: JobHandlerOptions = {},
): void {
  if (handlers.has(kind)) throw new Error(`job handler for ${kind} registered twice`);
  handlers.set(kind, {
    handler: handler as JobHandler<unknown>,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

/**
 * Queues a job inside the caller's transaction, so the job exists if and only if the change that
 * caused it committed. It runs at `runAt` (default: as soon as a worker polls).
 */
export async function enqueueJob<P>(
  trx: Transaction<Database>,
  kind: string,
  payload: P,
  runAt?: Date,
): Promise<number> {
  const now = new Date().toISOString();
  const row = await trx
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      state: 'pending',
      run_at: runAt ? runAt.toISOString() : now,
      attempts: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
}

/**
 * Claims, runs and settles up to `limit` due jobs, one at a time; returns how many handlers ran
 * (successfully or not). Safe to call from several processes at once: a job is claimed by a
 * conditional UPDATE that only one caller can win (PostgreSQL re-checks the condition on the row it
 * waited for; SQLite has one writer), and settled only by the claim that ran it. Only kinds with a
 * handler in this process are picked, so during a rolling deploy an old process leaves new kinds alone.
 */
export async function runDueJobs(db: Db, ctx: JobContext, options: { limit: number }): Promise<number> {
  const kinds = [...handlers.keys()];
  if (kinds.length === 0 || options.limit <= 0) return 0;
  const candidates = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where(isDue(ctx.now().toISOString()))
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit)
    .execute();

  let ran = 0;
  for (const { id } of candidates) {
    const job = await claimJob(db, id, ctx.now());
    if (!job) continue; // another process took it first
    const registered = handlers.get(job.kind);
    if (!registered) continue; // unreachable: candidates are filtered by kind
    if (job.attempts > registered.maxAttempts) {
      // Its last permitted run never reported back (the process died or overran its lease).
      await settleJob(db, job, ctx.now(), { failed: 'lease expired on the last attempt' });
      continue;
    }
    ran++;
    try {
      await registered.handler(JSON.parse(job.payload), ctx);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = job.attempts >= registered.maxAttempts;
      ctx.log.warn(
        { job: { id: job.id, kind: job.kind, attempts: job.attempts }, err },
        giveUp ? 'job failed for good' : 'job failed; will retry',
      );
      await settleJob(db, job, ctx.now(), giveUp ? { failed: message } : { retry: message });
      continue;
    }
    await settleJob(db, job, ctx.now(), { done: true });
  }
  return ran;
}

/** Pending and due, or running with an expired lease (its process died or hung). */
function isDue(now: string) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([
      eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', now)]),
      eb.and([eb('state', '=', 'running'), eb('locked_until', '<=', now)]),
    ]);
}

async function claimJob(db: Db, id: number, now: Date): Promise<ClaimedJob | undefined> {
  const nowIso = now.toISOString();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      locked_until: new Date(now.getTime() + JOB_LEASE_MS).toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where(isDue(nowIso))
    .returning(['id', 'kind', 'payload', 'attempts'])
    .executeTakeFirst();
}

type Outcome = { done: true } | { retry: string } | { failed: string };

/**
 * Records how a run ended. The attempts count is the claim's fencing token: a run that overran its
 * lease and was taken over must not overwrite the newer run's state.
 */
async function settleJob(db: Db, job: ClaimedJob, now: Date, outcome: Outcome): Promise<void> {
  const at = now.toISOString();
  const update =
    'done' in outcome
      ? { state: 'done' as const, done_at: at, locked_until: null }
      : 'retry' in outcome
        ? {
            state: 'pending' as const,
            run_at: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
            locked_until: null,
            last_error: outcome.retry.slice(0, 2000),
          }
        : // done_at marks when a job stopped for good, so the purge can age failures out too.
          {
            state: 'failed' as const,
            done_at: at,
            locked_until: null,
            last_error: outcome.failed.slice(0, 2000),
          };
  await db
    .updateTable('jobs')
    .set(update)
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

interface PeriodicTask {
  name: string;
  everyMs: number;
  fn: (ctx: JobContext) => Promise<void>;
}

const periodicTasks = new Map<string, PeriodicTask>();

/**
 * Runs `fn` about every `everyMs` in every process that runs a job worker (first on the worker's
 * first poll). Several processes may run it at the same time, and a restart runs it again early,
 * so it must be idempotent: find what is due and act on it inside a transaction that re-checks
 * (e.g. "cases past their deadline with no overdue event yet"), or enqueue jobs that do.
 */
export function registerPeriodicTask(
  name: string,
  everyMs: number,
  fn: (ctx: JobContext) => Promise<void>,
): void {
  if (periodicTasks.has(name)) throw new Error(`periodic task ${name} registered twice`);
  periodicTasks.set(name, { name, everyMs, fn });
}

/** Finished jobs are kept this long for inspection; payloads may hold phone numbers, so not longer. */
const KEEP_DONE_MS = 7 * 24 * 3_600_000;
const KEEP_FAILED_MS = 30 * 24 * 3_600_000;
const PURGE_EVERY_MS = 3_600_000;

/** Deletes done jobs older than a week and failed ones older than a month; idempotent. */
export async function purgeFinishedJobs(db: Db, now: Date): Promise<void> {
  const doneBefore = new Date(now.getTime() - KEEP_DONE_MS).toISOString();
  const failedBefore = new Date(now.getTime() - KEEP_FAILED_MS).toISOString();
  await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'done'), eb('done_at', '<', doneBefore)]),
        eb.and([eb('state', '=', 'failed'), eb('done_at', '<', failedBefore)]),
      ]),
    )
    .execute();
}

// Built into every worker rather than registered, so the queue cleans up after itself wherever it runs.
const purgeTask: PeriodicTask = {
  name: 'jobs.purge',
  everyMs: PURGE_EVERY_MS,
  fn: (ctx) => purgeFinishedJobs(ctx.db, ctx.now()),
};

export interface JobWorker {
  /** Stops polling and waits for the batch in hand to finish. */
  stop(): Promise<void>;
}

/**
 * Polls the queue every `intervalMs` (first poll at once, so jobs left by a restart run promptly),
 * draining due jobs a batch at a time, then runs the periodic tasks that are due. Polls never
 * overlap within a process; other processes are kept apart by the claims.
 */
export function startJobWorker(
  deps: Omit<JobContext, 'now'>,
  options: { intervalMs: number; batchSize?: number },
): JobWorker {
  const ctx: JobContext = { ...deps, now: () => new Date() };
  const limit = options.batchSize ?? 20;
  const lastRun = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();

  const runTask = async (task: PeriodicTask) => {
    const last = lastRun.get(task.name);
    if (last !== undefined && Date.now() - last < task.everyMs) return;
    lastRun.set(task.name, Date.now());
    try {
      await task.fn(ctx);
    } catch (err) {
      deps.log.error({ err, task: task.name }, 'periodic task failed');
    }
  };

  const poll = async () => {
    try {
      while (!stopped && (await runDueJobs(deps.db, ctx, { limit })) === limit) {
        // a full batch: there may be more waiting
      }
    } catch (err) {
      deps.log.error({ err }, 'job queue poll failed');
    }
    for (const task of [purgeTask, ...periodicTasks.values()]) {
      if (stopped) break;
      await runTask(task);
    }
  };

  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      polling = poll().finally(() => {
        if (!stopped) schedule(options.intervalMs);
      });
    }, delay);
    // The worker alone should not keep a process alive (e.g. a CLI that built the app).
    timer.unref();
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
