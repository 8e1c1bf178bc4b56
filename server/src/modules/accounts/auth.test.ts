import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createTestApp,
  DEMO_PASSWORD,
  signIn,
  type TestApp,
  testEngine,
} from '../../../test/helpers.ts';

describe(`sign-in and sessions (${testEngine})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' } });
  });
  afterAll(async () => t.close());

  it('signs a demo dispatcher in and tells them their roles and units', async () => {
    const client = new Client(t.app);
    const res = await client.post('/api/auth/login', { username: 'gl.dispatcher', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'shequ_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().user.roles).toEqual([
      expect.objectContaining({
        role: 'dispatcher',
        unit: expect.objectContaining({ code: 'GL', nameZh: '鼓楼街道' }),
      }),
    ]);
    client.csrfToken = res.json().csrfToken;
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().actions).toContain('person.read');
    expect(me.json().actions).not.toContain('org.manage');
  });

  it('answers a wrong password and an unknown user alike, in the caller language', async () => {
    const client = new Client(t.app, 'en');
    const wrong = await client.post('/api/auth/login', { username: 'gl.head', password: 'nope-nope-1' });
    const unknown = await client.post('/api/auth/login', { username: 'nobody', password: 'nope-nope-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({
      code: 'auth.invalid_credentials',
      message: 'Wrong username or password',
    });
    const zh = await new Client(t.app, 'zh-CN').post('/api/auth/login', {
      username: 'nobody',
      password: 'x',
    });
    expect(zh.json().error.message).toBe('用户名或密码错误');
  });

  it('locks an account after five wrong passwords, even for the right one, and audits it', async () => {
    const client = new Client(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await client.post('/api/auth/login', { username: 'jx.handler', password: `wrong-${i}-pass` }))
          .statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await client.post('/api/auth/login', { username: 'jx.handler', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
    expect(right.json().error.message).toMatch(/15 分钟/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.locked')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets an administrator lift the lockout', async () => {
    const admin = await signIn(t.app, 'admin');
    const list = await admin.get('/api/users?q=jx.handler');
    const user = list.json().items[0];
    expect(user.locked).toBe(true);
    expect((await admin.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect(
      (await new Client(t.app).post('/api/auth/login', { username: 'jx.handler', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a change made with the session cookie but without the CSRF token', async () => {
    const admin = await signIn(t.app, 'admin');
    const token = admin.csrfToken;
    admin.csrfToken = undefined;
    const res = await admin.post('/api/users/1/unlock');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    admin.csrfToken = 'forged';
    expect((await admin.post('/api/users/1/unlock')).statusCode).toBe(403);
    admin.csrfToken = token;
    expect((await admin.post('/api/users/1/unlock')).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const client = await signIn(t.app, 'leader');
    const cookie = client.cookies.shequ_session;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/auth/me', cookies: { shequ_session: cookie ?? '' } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.required');
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const client = await signIn(t.app, 'supervisor');
    const idle = new Date(Date.now() - (t.config.sessionIdleMinutes + 1) * 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ last_seen_at: idle }).execute();
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('signs a resident in with a one-time code sent by SMS, once only', async () => {
    const client = new Client(t.app);
    const phone = '13912345678';
    expect((await client.post('/api/auth/otp/request', { phone })).statusCode).toBe(200);
    const again = await client.post('/api/auth/otp/request', { phone });
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('auth.otp_too_soon');
    const code = /(\d{6})/.exec(t.sms.lastTo(phone) ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await client.post('/api/auth/otp/verify', { phone, code: wrong })).statusCode).toBe(401);
    const ok = await client.post('/api/auth/otp/verify', { phone, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ kind: 'resident', phone, roles: [] });
    client.csrfToken = ok.json().csrfToken;
    expect((await client.get('/api/auth/me')).json().actions).toEqual([]);
    expect((await new Client(t.app).post('/api/auth/otp/verify', { phone, code })).statusCode).toBe(401);
  });

  it('rejects a malformed phone number naming the field', async () => {
    const res = await new Client(t.app).post('/api/auth/otp/request', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.phone', message: '手机号码格式不正确' }),
    ]);
  });

  it('gives up a one-time code after five wrong tries', async () => {
    const phone = '13700001111';
    const client = new Client(t.app);
    await client.post('/api/auth/otp/request', { phone });
    const code = /(\d{6})/.exec(t.sms.lastTo(phone) ?? '')?.[1] ?? '';
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await client.post('/api/auth/otp/verify', { phone, code: wrong });
    expect((await client.post('/api/auth/otp/verify', { phone, code })).statusCode).toBe(401);
  });
});
