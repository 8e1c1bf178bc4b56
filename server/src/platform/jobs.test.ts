import os from 'node:os';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../test/helpers.ts';
import { databaseFromUrl } from '../config.ts';
import { type DatabaseHandle, type Db, openDatabase } from '../db/database.ts';
import { MemorySmsSender } from './auth/sms.ts';
import {
  enqueueJob,
  type JobContext,
  purgeFinishedJobs,
  registerJobHandler,
  registerPeriodicTask,
  retryDelayMs,
  runDueJobs,
  startJobWorker,
} from './jobs.ts';

const HOUR = 3_600_000;
const log = pino({ level: 'silent' });

// Handlers are registered once per test file (the registry is per process), and record what ran.
const ran: number[] = [];
registerJobHandler<{ n: number }>('test.record', async ({ n }) => {
  // Yield, so two concurrent pollers interleave between claim and settle.
  await new Promise((resolve) => setTimeout(resolve, 2));
  ran.push(n);
});
let failures = 0;
registerJobHandler<{ n: number }>(
  'test.fail',
  async () => {
    failures++;
    throw new Error(`gateway down (${failures})`);
  },
  { maxAttempts: 3 },
);
const ticks: string[] = [];
registerPeriodicTask('test.tick', HOUR, async (ctx) => {
  ticks.push(ctx.now().toISOString());
});

describe(`job queue on ${testEngine}`, () => {
  let database: DatabaseHandle;
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;

  const ctxAt = (at: Date = new Date()): JobContext => ({
    db,
    sms: new MemorySmsSender(),
    log,
    now: () => at,
  });
  const enqueue = (kind: string, payload: unknown, runAt?: Date) =>
    db.transaction().execute((trx) => enqueueJob(trx, kind, payload, runAt));
  const job = (id: number) =>
    db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    ({ handle: database, url, drop } = await openTestDatabase());
    db = database.db;
  });
  afterAll(async () => drop());
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
    ran.length = 0;
    failures = 0;
  });

  it('queues nothing when the transaction that queued the job rolls back', async () => {
    const attempt = db.transaction().execute(async (trx) => {
      await enqueueJob(trx, 'test.record', { n: 1 });
      throw new Error('the change failed');
    });
    await expect(attempt).rejects.toThrow('the change failed');
    expect(await db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('runs a due job once and leaves a future one until its time', async () => {
    const now = await enqueue('test.record', { n: 1 });
    const later = await enqueue('test.record', { n: 2 }, new Date(Date.now() + HOUR));

    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(1);
    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(0);
    expect(ran).toEqual([1]);
    expect(await job(now)).toMatchObject({
      state: 'done',
      attempts: 1,
      locked_until: null,
      last_error: null,
    });
    expect((await job(now)).done_at).not.toBeNull();
    expect(await job(later)).toMatchObject({ state: 'pending', attempts: 0 });

    expect(await runDueJobs(db, ctxAt(new Date(Date.now() + 2 * HOUR)), { limit: 10 })).toBe(1);
    expect(ran).toEqual([1, 2]);
    expect((await job(later)).state).toBe('done');
  });

  it('runs at most `limit` jobs a call, oldest first', async () => {
    for (const n of [1, 2, 3]) await enqueue('test.record', { n });
    expect(await runDueJobs(db, ctxAt(), { limit: 2 })).toBe(2);
    expect(ran).toEqual([1, 2]);
    expect(await runDueJobs(db, ctxAt(), { limit: 2 })).toBe(1);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('retries a failing job later with backoff, then marks it failed with the last error', async () => {
    const id = await enqueue('test.fail', { n: 1 });
    let at = new Date();
    expect(await runDueJobs(db, ctxAt(at), { limit: 10 })).toBe(1);
    let row = await job(id);
    expect(row).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_error: 'gateway down (1)',
      locked_until: null,
    });
    expect(row.run_at).toBe(new Date(at.getTime() + retryDelayMs(1)).toISOString());
    // Not due again before its backoff ends.
    expect(await runDueJobs(db, ctxAt(at), { limit: 10 })).toBe(0);

    at = new Date(Date.parse(row.run_at));
    expect(await runDueJobs(db, ctxAt(at), { limit: 10 })).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ state: 'pending', attempts: 2, last_error: 'gateway down (2)' });
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    at = new Date(Date.parse(row.run_at));
    expect(await runDueJobs(db, ctxAt(at), { limit: 10 })).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ state: 'failed', attempts: 3, last_error: 'gateway down (3)' });
    expect(row.done_at).not.toBeNull();
    // A failed job never runs again.
    expect(await runDueJobs(db, ctxAt(new Date(Date.now() + 48 * HOUR)), { limit: 10 })).toBe(0);
    expect(failures).toBe(3);
  });

  it('takes over a job left running past its lease by a process that died', async () => {
    const id = await enqueue('test.record', { n: 7 });
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    await db.updateTable('jobs').set({ state: 'running', attempts: 1, locked_until: future }).execute();
    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(0); // still leased

    await db.updateTable('jobs').set({ locked_until: past }).execute();
    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(1);
    expect(ran).toEqual([7]);
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('gives up on a job whose last permitted attempt never reported back', async () => {
    const id = await enqueue('test.fail', { n: 1 });
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.updateTable('jobs').set({ state: 'running', attempts: 3, locked_until: past }).execute();
    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(0);
    expect(failures).toBe(0);
    expect(await job(id)).toMatchObject({ state: 'failed', last_error: 'lease expired on the last attempt' });
  });

  it('leaves jobs of kinds this process has no handler for', async () => {
    const id = await enqueue('test.unknown', {});
    expect(await runDueJobs(db, ctxAt(), { limit: 10 })).toBe(0);
    expect((await job(id)).state).toBe('pending');
  });

  it('never runs one job twice when two processes poll at once', async () => {
    const other = openDatabase(databaseFromUrl(url, os.tmpdir()));
    try {
      const count = 30;
      await db.transaction().execute(async (trx) => {
        for (let n = 1; n <= count; n++) await enqueueJob(trx, 'test.record', { n });
      });
      const [a, b] = await Promise.all([
        runDueJobs(db, ctxAt(), { limit: count }),
        runDueJobs(other.db, { ...ctxAt(), db: other.db }, { limit: count }),
      ]);
      expect(a + b).toBe(count);
      expect([...ran].sort((x, y) => x - y)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      const states = await db.selectFrom('jobs').select(['state', 'attempts']).execute();
      expect(states.every((s) => s.state === 'done' && s.attempts === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('deletes finished jobs once they are old', async () => {
    const done = await enqueue('test.record', { n: 1 });
    const failed = await enqueue('test.fail', { n: 1 });
    const pending = await enqueue('test.record', { n: 2 }, new Date(Date.now() + HOUR));
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * HOUR).toISOString();
    await db.updateTable('jobs').set({ state: 'done', done_at: tenDaysAgo }).where('id', '=', done).execute();
    await db
      .updateTable('jobs')
      .set({ state: 'failed', done_at: tenDaysAgo })
      .where('id', '=', failed)
      .execute();
    await purgeFinishedJobs(db, new Date());
    const left = await db.selectFrom('jobs').select('id').orderBy('id').execute();
    // Failures are kept longer, for someone to look into.
    expect(left.map((r) => r.id)).toEqual([failed, pending]);
  });

  it('runs a worker that polls the queue and periodic tasks until stopped', async () => {
    await enqueue('test.record', { n: 42 });
    ticks.length = 0;
    const worker = startJobWorker({ db, sms: new MemorySmsSender(), log }, { intervalMs: 20 });
    try {
      await expect.poll(() => ran, { timeout: 5000 }).toEqual([42]);
      expect(ticks).toHaveLength(1);
      await enqueue('test.record', { n: 43 });
      await expect.poll(() => ran, { timeout: 5000 }).toEqual([42, 43]);
      // Hourly: not run again on the following polls.
      expect(ticks).toHaveLength(1);
    } finally {
      await worker.stop();
    }
    await enqueue('test.record', { n: 44 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual([42, 43]);
  });
});
