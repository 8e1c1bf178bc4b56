import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';

describe(`staff accounts and API keys (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  it('shows a street head only the accounts of their street', async () => {
    const head = await signIn(t.app, 'gl.head');
    const names = (await head.get('/api/users?limit=200'))
      .json()
      .items.map((u: { username: string }) => u.username);
    expect(names).toEqual(
      expect.arrayContaining(['gl.dispatcher', 'gl.handler', 'gl01.worker', 'gl01.mediator']),
    );
    expect(names).not.toContain('jx.dispatcher');
    expect(names).not.toContain('admin');
    const other = (await admin.get('/api/users?q=jx.dispatcher')).json().items[0];
    const res = await head.get(`/api/users/${other.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('record.not_found');
  });

  it('pages through accounts with a keyset cursor', async () => {
    const first = (await admin.get('/api/users?limit=5')).json();
    expect(first.items).toHaveLength(5);
    const second = (await admin.get(`/api/users?limit=5&after=${first.nextAfter}`)).json();
    expect(second.items[0].id).toBeGreaterThan(first.items[4].id);
  });

  it('filters by a unit and everything below it', async () => {
    const gl = await unitId(t, 'GL');
    const names = async (query: string) =>
      (await admin.get(`/api/users?limit=200&${query}`))
        .json()
        .items.map((u: { username: string }) => u.username);
    const atStreet = await names(`unitId=${gl}`);
    expect(atStreet).toContain('gl.dispatcher');
    expect(atStreet).not.toContain('gl01.worker');
    const below = await names(`unitId=${gl}&includeSubunits=true`);
    expect(below).toEqual(expect.arrayContaining(['gl.dispatcher', 'gl.handler', 'gl01.worker']));
    expect(below).not.toContain('jx.dispatcher');
    expect(below).not.toContain('admin');
    const workers = await names(`unitId=${gl}&includeSubunits=true&role=community_worker`);
    expect(workers).toContain('gl01.worker');
    expect(workers).not.toContain('gl.dispatcher');
  });

  it('filters locked accounts, and an unlocked one leaves the list', async () => {
    const user = (await admin.get('/api/users?q=yh.dispatcher')).json().items[0];
    await t.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 3_600_000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    const locked = (await admin.get('/api/users?locked=true')).json().items;
    expect(locked.map((u: { username: string }) => u.username)).toEqual(['yh.dispatcher']);
    expect(locked[0].locked).toBe(true);
    const others = (await admin.get('/api/users?locked=false&limit=200')).json().items;
    expect(others.map((u: { username: string }) => u.username)).not.toContain('yh.dispatcher');
    await admin.post(`/api/users/${user.id}/unlock`);
    expect((await admin.get('/api/users?locked=true')).json().items).toEqual([]);
  });

  it('names a bad filter value instead of failing', async () => {
    const res = await admin.get('/api/users?locked=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('querystring.locked');
  });

  it('creates an account whose user can then sign in, and audits it', async () => {
    const weak = await admin.post('/api/users', {
      username: 'new.worker',
      displayName: '新社工',
      password: 'password',
      roles: [{ role: 'community_worker', unitId: await unitId(t, 'GL02') }],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('body.password');
    const res = await admin.post('/api/users', {
      username: 'new.worker',
      displayName: '新社工',
      password: 'Good-pass-42',
      roles: [{ role: 'community_worker', unitId: await unitId(t, 'GL02') }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roles[0]).toMatchObject({ role: 'community_worker', unit: { code: 'GL02' } });
    await signIn(t.app, 'new.worker', 'Good-pass-42');
    const dup = await admin.post('/api/users', {
      username: 'new.worker',
      displayName: 'x',
      password: 'Good-pass-42',
      roles: [{ role: 'volunteer', unitId: await unitId(t, 'GL02') }],
    });
    expect(dup.statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('record_id', '=', String(res.json().id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('系统管理员');
    expect(audit.after).not.toContain('Good-pass-42');
  });

  it('refuses account management to a role without it', async () => {
    const head = await signIn(t.app, 'gl.head');
    const res = await head.post('/api/users', {
      username: 'sneaky',
      displayName: 'x',
      password: 'Good-pass-42',
      roles: [{ role: 'admin', unitId: await unitId(t, 'GL') }],
    });
    expect(res.statusCode).toBe(403);
    expect(
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'sneaky')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('detects a concurrent edit by version and signs out a deactivated account', async () => {
    const worker = await signIn(t.app, 'jx01.worker');
    const user = (await admin.get('/api/users?q=jx01.worker')).json().items[0];
    const first = await admin.patch(`/api/users/${user.id}`, { version: user.version, active: false });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('record.conflict');
    expect((await worker.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('binds and removes roles', async () => {
    const user = (await admin.get('/api/users?q=gl01.worker')).json().items[0];
    const added = await admin.post(`/api/users/${user.id}/roles`, {
      role: 'volunteer',
      unitId: await unitId(t, 'GL01'),
    });
    expect(added.json().roles.map((r: { role: string }) => r.role)).toEqual([
      'community_worker',
      'volunteer',
    ]);
    const binding = added.json().roles[1].id;
    const removed = await admin.delete(`/api/users/${user.id}/roles/${binding}`);
    expect(removed.json().roles.map((r: { role: string }) => r.role)).toEqual(['community_worker']);
  });

  it('issues an API key shown once, stored hashed, and refuses it once revoked', async () => {
    const created = await admin.post('/api/api-keys', {
      name: '市民通 App',
      unitId: await unitId(t, 'HS'),
      rateLimitPerMinute: 120,
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^shq_/);
    const stored = await t.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);
    const listed = (await admin.get('/api/api-keys')).json().items;
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await t.app.inject({ url: '/healthz', headers: { 'x-api-key': key } })).statusCode).toBe(200);
    expect((await admin.post(`/api/api-keys/${apiKey.id}/revoke`)).json().revokedAt).not.toBeNull();
    const refused = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${key}` } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('auth.api_key_invalid');
  });

  it('keeps API keys away from staff without the right', async () => {
    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    expect((await dispatcher.get('/api/api-keys')).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/api-keys')).statusCode).toBe(401);
  });
});
