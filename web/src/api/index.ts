import { ApiError, createRequester } from './client.ts';
import type { Health, MeView, SessionStarted } from './types.ts';

export { ApiError, NETWORK_ERROR } from './client.ts';
export type * from './types.ts';

/** The calls the web app makes, typed; `language` is sent as Accept-Language on each. */
export function createApi(language: () => string, fetchImpl?: typeof fetch) {
  const request = createRequester(language, fetchImpl);
  return {
    health: () => request<Health>('/healthz'),
    login: (username: string, password: string) =>
      request<SessionStarted>('/api/auth/login', { method: 'POST', body: { username, password } }),
    /** The signed-in user, or null when nobody is signed in (401). */
    me: async (): Promise<MeView | null> => {
      try {
        return await request<MeView>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    logout: (csrfToken: string | null) =>
      request<{ signedOut: boolean }>('/api/auth/logout', { method: 'POST', body: {}, csrfToken }),
  };
}

export type Api = ReturnType<typeof createApi>;
