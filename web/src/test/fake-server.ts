import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (
  call: Call,
) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/**
 * Replaces fetch, the app's only way out, with a small table of routes ("POST /api/auth/login").
 * Unknown routes answer 404 in the server's error shape; every call is recorded.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = String(input);
    const call: Call = {
      method,
      path,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    const { status, body } = handler
      ? await handler(call)
      : { status: 404, body: { error: { code: 'route.not_found', message: 'not found' } } };
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** The server's error answer, in the language the request asked for. */
export function errorAnswer(status: number, code: string, messages: { 'zh-CN': string; en: string }) {
  return (call: Call) => ({
    status,
    body: {
      error: {
        code,
        message: call.headers.get('Accept-Language') === 'en' ? messages.en : messages['zh-CN'],
      },
    },
  });
}
