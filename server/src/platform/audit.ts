import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types.ts';
import { type Actor, actorId, actorLabel } from './access.ts';
import { nowIso } from './time.ts';

/** Who did it and from where: carried from the request into every service call. */
export interface AuditContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

interface HashedFields {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  request_id: string | null;
}

export function hashEntry(prevHash: string, e: HashedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.actor_label,
    e.action,
    e.record_type,
    e.record_id,
    e.before,
    e.after,
    e.ip,
    e.request_id,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends one entry to the audit log inside the caller's transaction, chained to the previous
 * entry's hash. Bumping the single head row first takes the write lock (a row lock on PostgreSQL,
 * the database lock on SQLite), so concurrent processes append one at a time and never fork the chain.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  ctx: AuditContext,
  entry: AuditEntry,
): Promise<void> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const fields: HashedFields = {
    seq: head.last_seq,
    at: nowIso(),
    actor_type: ctx.actor.type,
    actor_id: actorId(ctx.actor),
    actor_label: actorLabel(ctx.actor),
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId == null ? null : String(entry.recordId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: ctx.ip,
    request_id: ctx.requestId,
  };
  const hash = hashEntry(head.last_hash, fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: head.last_hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
}

export interface AuditProblem {
  seq: number;
  problem: 'edited' | 'missing' | 'broken_link' | 'head_mismatch';
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}

/**
 * Re-computes the whole chain: an edited entry no longer matches its hash, a deleted one leaves a
 * gap in the sequence or a broken link, and a truncated tail no longer matches the head row.
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      checked++;
      for (; expectedSeq < row.seq; expectedSeq++) problems.push({ seq: expectedSeq, problem: 'missing' });
      if (row.prev_hash !== prevHash) problems.push({ seq: row.seq, problem: 'broken_link' });
      if (hashEntry(row.prev_hash, row) !== row.hash) problems.push({ seq: row.seq, problem: 'edited' });
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head || head.last_seq !== expectedSeq - 1 || head.last_hash !== prevHash) {
    problems.push({ seq: head?.last_seq ?? expectedSeq, problem: 'head_mismatch' });
  }
  return { ok: problems.length === 0, checked, problems };
}
