import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';

interface Entry {
  seq: number;
  at: string;
  actorId: number | null;
  actorType: string;
  action: string;
  recordType: string;
  recordId: string | null;
}

describe(`the audit log API (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  let adminId: number;
  let workerId: number;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
    adminId = (await admin.get('/api/auth/me')).json().user.id;
    const worker = (await admin.get('/api/users?q=gl01.worker')).json().items[0];
    workerId = worker.id;
    // A few changes of different kinds, so the filters have something to tell apart.
    await admin.post(`/api/users/${workerId}/roles`, { role: 'volunteer', unitId: await unitId(t, 'GL01') });
    await admin.patch(`/api/users/${workerId}`, { version: worker.version, displayName: '中山社区工作者甲' });
    await admin.post('/api/api-keys', { name: '测试应用', unitId: await unitId(t, 'HS') });
    await signIn(t.app, 'gl.dispatcher');
  });
  afterAll(async () => t.close());

  const list = async (query: string): Promise<{ items: Entry[]; nextBefore: number | null }> => {
    const res = await admin.get(`/api/audit?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('filters by action, exactly or by a prefix ending in a dot', async () => {
    const exact = await list('action=user.update');
    expect(exact.items.map((e) => e.action)).toEqual(['user.update']);
    const prefix = await list('action=user.');
    expect(new Set(prefix.items.map((e) => e.action))).toEqual(new Set(['user.update', 'user.role_add']));
  });

  it('filters by record, actor and actor type', async () => {
    const record = await list(`recordType=user&recordId=${workerId}`);
    expect(record.items.map((e) => e.action)).toEqual(['user.update', 'user.role_add']);
    const byAdmin = await list(`actorId=${adminId}`);
    expect(byAdmin.items.length).toBeGreaterThanOrEqual(4);
    expect(byAdmin.items.every((e) => e.actorId === adminId)).toBe(true);
    const system = await list('actorType=system');
    expect(system.items.length).toBeGreaterThan(0);
    expect(system.items.every((e) => e.actorType === 'system' && e.actorId === null)).toBe(true);
  });

  it('filters by a time window: from inclusive, to exclusive', async () => {
    const all = (await list('limit=500')).items;
    const middle = all[Math.floor(all.length / 2)] as Entry;
    const from = await list(`from=${encodeURIComponent(middle.at)}&limit=500`);
    expect(from.items.every((e) => e.at >= middle.at)).toBe(true);
    expect(from.items.map((e) => e.seq)).toContain(middle.seq);
    const to = await list(`to=${encodeURIComponent(middle.at)}&limit=500`);
    expect(to.items.every((e) => e.at < middle.at)).toBe(true);
    const future = await list('from=2999-01-01T00:00:00%2B08:00');
    expect(future.items).toEqual([]);
  });

  it('pages newest first with a keyset cursor, every entry once', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: { items: Entry[]; nextBefore: number | null } = await list(
        `limit=2${before ? `&before=${before}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(1);
  });

  it('names each bad filter in the caller language instead of failing', async () => {
    const res = await admin.get('/api/audit?from=yesterday&limit=0', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.from', 'querystring.limit']));
  });

  it('is read only by a district-wide auditor', async () => {
    const supervisor = await signIn(t.app, 'supervisor');
    expect((await supervisor.get('/api/audit?action=user.')).statusCode).toBe(200);
    for (const username of ['gl.head', 'leader', 'gl.dispatcher']) {
      const other = await signIn(t.app, username);
      expect((await other.get('/api/audit')).statusCode).toBe(403);
      expect((await other.get('/api/audit/verify')).statusCode).toBe(403);
    }
  });

  it('verifies the whole chain', async () => {
    const res = await admin.get('/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
    expect(res.json().checked).toBeGreaterThan(5);
  });
});
