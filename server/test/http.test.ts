import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine } from './helpers.ts';

describe(`HTTP edge (${testEngine})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => t.close());

  it('answers an unknown endpoint with the one error shape', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route.not_found', message: 'No such endpoint' } });
  });

  it('answers a URL the router cannot decode with the one error shape', async () => {
    const res = await t.app.inject({ url: '/api/public/cases/%00%FF', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.malformed');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await new Client(t.app).post('/api/auth/login', {
      username: 'x'.repeat(10_000),
      password: 'y',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });

  it('answers malformed JSON and wrong types with 400, never 500', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.malformed');
    const wrongType = await new Client(t.app, 'en').post('/api/auth/login', {
      username: 42,
      password: ['x'],
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('request.invalid');
    expect(wrongType.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.username',
      'body.password',
    ]);
    expect(wrongType.json().error.message).toContain('body.username');
    const zh = await new Client(t.app, 'zh-CN').post('/api/auth/login', { username: 42, password: 'x' });
    expect(zh.json().error.details[0].message).toMatch(/无效输入/);
  });

  it('answers bad query parameters with a 400 naming them', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await admin.get('/api/users?limit=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('querystring.limit');
  });

  it('serves the OpenAPI document generated from the route schemas, and its browsable UI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      ['username', 'password'],
    );
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/users', '/api/audit/']));
    expect((await t.app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });

  it('lets district auditors query the audit log and keeps it from others', async () => {
    const supervisor = await signIn(t.app, 'supervisor');
    const res = await supervisor.get('/api/audit?action=auth.');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ action: 'auth.login', actorLabel: '区督查员' });
    expect((await supervisor.get('/api/audit/verify')).json().ok).toBe(true);
    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    expect((await dispatcher.get('/api/audit')).statusCode).toBe(403);
  });
});
