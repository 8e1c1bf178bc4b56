import { describe, expect, it } from 'vitest';
import { errorAnswer, fakeServer } from '../test/fake-server.ts';
import { ApiError, createApi } from './index.ts';

describe('api client', () => {
  it('sends the UI language, same-origin cookies and JSON', async () => {
    const { fetchMock, calls } = fakeServer({
      'POST /api/auth/login': () => ({ status: 200, body: { csrfToken: 't', user: {} } }),
    });
    let language = 'zh-CN';
    const api = createApi(() => language);
    await api.login('admin', 'pw');
    language = 'en';
    await api.login('admin', 'pw');

    expect(calls.map((c) => c.headers.get('Accept-Language'))).toEqual(['zh-CN', 'en']);
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
  });

  it("throws the server's error as an ApiError with its code and message", async () => {
    fakeServer({
      'POST /api/auth/login': errorAnswer(423, 'auth.locked', { 'zh-CN': '账号已锁定', en: 'Locked' }),
    });
    const error = await createApi(() => 'zh-CN')
      .login('a', 'b')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: 'auth.locked', message: '账号已锁定' });
  });

  it('turns a non-JSON failure into an http.<status> error', async () => {
    const { fetchMock } = fakeServer({});
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(createApi(() => 'en').health()).rejects.toMatchObject({ status: 502, code: 'http.502' });
  });

  it('treats 401 from /auth/me as "nobody signed in" and echoes the CSRF token on logout', async () => {
    const { calls } = fakeServer({
      'GET /api/auth/me': errorAnswer(401, 'auth.required', { 'zh-CN': '请先登录', en: 'Please sign in' }),
      'POST /api/auth/logout': () => ({ status: 200, body: { signedOut: true } }),
    });
    const api = createApi(() => 'zh-CN');
    expect(await api.me()).toBeNull();
    expect(await api.logout('tok')).toEqual({ signedOut: true });
    expect(calls[1]?.headers.get('X-CSRF-Token')).toBe('tok');
  });
});
