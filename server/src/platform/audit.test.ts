import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../test/helpers.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { type AuditContext, recordAudit, verifyAuditChain } from './audit.ts';

const ctx: AuditContext = { actor: { type: 'system', name: 'test' }, ip: '127.0.0.1', requestId: 'r1' };

async function append(handle: DatabaseHandle, n: number, offset = 0): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      handle.db.transaction().execute((trx) =>
        recordAudit(trx, ctx, {
          action: 'test.write',
          recordType: 'thing',
          recordId: offset + i,
          after: { i: offset + i },
        }),
      ),
    ),
  );
}

async function allowTampering(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(handle.db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(handle.db);
    await sql`drop trigger audit_log_no_delete`.execute(handle.db);
  }
}

describe(`audit hash chain (${testEngine})`, () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await openTestDatabase());
  });
  afterAll(async () => drop());

  it('stays one unbroken chain under concurrent writers', async () => {
    await append(handle, 40);
    const result = await verifyAuditChain(handle.db, 7);
    expect(result).toEqual({ ok: true, checked: 40, problems: [] });
    const seqs = (await handle.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('refuses updates and deletes at the database level', async () => {
    await expect(
      handle.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects an edited entry, a deleted entry and a truncated tail', async () => {
    await allowTampering(handle);
    await handle.db.updateTable('audit_log').set({ after: '{"i":999}' }).where('seq', '=', 5).execute();
    await handle.db.deleteFrom('audit_log').where('seq', '=', 10).execute();
    await handle.db.deleteFrom('audit_log').where('seq', '=', 40).execute();
    const result = await verifyAuditChain(handle.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { seq: 5, problem: 'edited' },
        { seq: 10, problem: 'missing' },
        { seq: 11, problem: 'broken_link' },
        expect.objectContaining({ problem: 'head_mismatch' }),
      ]),
    );
  });
});
