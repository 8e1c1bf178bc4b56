import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Actor } from './access.ts';
import type { AuditContext } from './audit.ts';
import { resolveApiKey } from './auth/api-keys.ts';
import { type ResolvedSession, resolveSession, type SessionPolicy } from './auth/sessions.ts';
import { AppError, errorBody } from './errors.ts';
import { type Lang, pickLanguage } from './i18n.ts';
import { describeIssues, RequestValidationError } from './validation.ts';

export const SESSION_COOKIE = 'shequ_session';
export const CSRF_COOKIE = 'shequ_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor;
    session: ResolvedSession | null;
  }
}

/** The audit context of a request: who, from where, which request. */
export function auditContext(request: FastifyRequest): AuditContext {
  return { actor: request.actor, ip: request.ip ?? null, requestId: String(request.id) };
}

/** The signed-in staff member or resident, or an AppError('auth.required'). */
export function requireSignedIn(request: FastifyRequest): Actor {
  if (request.actor.type === 'anonymous') throw new AppError('auth.required');
  return request.actor;
}

/**
 * Maps every failure to `{ error: { code, message, details } }` in the caller's language. Anything
 * unexpected is logged and answered as a 500 without internals.
 */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.addHook('onRequest', async (request) => {
    request.lang = pickLanguage(request.headers['accept-language']);
  });

  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    const lang = request.lang ?? pickLanguage(request.headers['accept-language']);
    const appError = toAppError(error, bodyLimit, lang);
    if (appError) return sendError(reply, appError, lang);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, new AppError('server.error'), lang);
  });
}

/** Answers with the one error shape, in the request's language. */
export function sendError(reply: FastifyReply, error: AppError, lang: Lang) {
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error, lang));
}

/** Lock contention the caller should simply retry: SQLite busy, PostgreSQL serialization failure or deadlock. */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01']);

function toAppError(error: unknown, bodyLimit: number, lang: Lang): AppError | null {
  if (error instanceof AppError) return error;
  if (BUSY_CODES.has(String((error as { code?: unknown }).code))) return new AppError('server.busy');
  if (error instanceof RequestValidationError) {
    const details = describeIssues(error.issues, error.part, lang);
    const fields = [...new Set(details.map((d) => d.path))].join(', ');
    return new AppError('request.invalid', { fields }, details);
  }
  const e = error as Partial<FastifyError> & { validation?: unknown };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_type');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return new AppError('request.malformed');
  }
  if (e.statusCode === 429) return new AppError('request.rate_limited');
  if (e.statusCode === 413) return new AppError('request.too_large', { limit: bodyLimit });
  if (e instanceof SyntaxError || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) {
    return new AppError('request.malformed');
  }
  return null;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling (session cookie, then API key) and enforces CSRF: a change made with a
 * session cookie must echo the session's CSRF token in the X-CSRF-Token header.
 */
export function registerAuthentication(app: FastifyInstance, db: Db, policy: SessionPolicy): void {
  app.decorateRequest('actor', null as unknown as { getter(): Actor });
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    request.actor = { type: 'anonymous' };
    request.session = null;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(db, token, policy);
      if (session) {
        request.session = session;
        request.actor = session.actor;
        if (UNSAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
          throw new AppError('auth.csrf');
        }
        return;
      }
    }
    const key = apiKeyOf(request);
    if (key) {
      const actor = await resolveApiKey(db, key);
      if (!actor) throw new AppError('auth.api_key_invalid');
      request.actor = actor;
    }
  });
}

function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return undefined;
}
