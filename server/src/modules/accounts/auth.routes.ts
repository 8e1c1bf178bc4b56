import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleActions } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { auditContext, CSRF_COOKIE, requireSignedIn, SESSION_COOKIE } from '../../platform/http.ts';
import {
  LoginBody,
  MeView,
  OtpRequestBody,
  OtpSent,
  OtpVerifyBody,
  SessionStarted,
} from './accounts.schema.ts';
import {
  type ClientMeta,
  loginWithOtp,
  loginWithPassword,
  requestOtp,
  type StartedSession,
} from './auth.service.ts';
import { describeSelf } from './users.service.ts';

const tags = ['auth'];
/** Per client address, on top of the per-account lockout kept in the database. */
const loginRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config, sms } = app.deps;
  const db = database.db;

  function meta(request: FastifyRequest): ClientMeta {
    return {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: String(request.id),
    };
  }

  function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: StartedSession) {
    const secure =
      config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true';
    const common = { path: '/', sameSite: 'lax' as const, secure, maxAge: config.sessionMaxHours * 3600 };
    reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
  }

  app.post(
    '/auth/login',
    {
      config: loginRateLimit,
      schema: {
        tags,
        summary: 'Staff sign-in with username and password',
        body: LoginBody,
        response: { 200: SessionStarted },
      },
    },
    async (request, reply) => {
      const session = await loginWithPassword(
        db,
        config,
        meta(request),
        request.body.username,
        request.body.password,
      );
      setSessionCookies(request, reply, session);
      return { csrfToken: session.csrfToken, user: await describeSelf(db, session.userId) };
    },
  );

  app.post(
    '/auth/otp/request',
    {
      config: loginRateLimit,
      schema: {
        tags,
        summary: 'Send a one-time sign-in code to a resident',
        body: OtpRequestBody,
        response: { 200: OtpSent },
      },
    },
    async (request) => {
      const { code, ...sent } = await requestOtp(db, sms, request.body.phone);
      // A demo has no SMS gateway (codes go to the log): the portal may show the code on screen.
      return { sent: true as const, ...sent, ...(config.demo ? { demoCode: code } : {}) };
    },
  );

  app.post(
    '/auth/otp/verify',
    {
      config: loginRateLimit,
      schema: {
        tags,
        summary: 'Resident sign-in with the one-time code',
        body: OtpVerifyBody,
        response: { 200: SessionStarted },
      },
    },
    async (request, reply) => {
      const session = await loginWithOtp(db, config, meta(request), request.body.phone, request.body.code);
      setSessionCookies(request, reply, session);
      return { csrfToken: session.csrfToken, user: await describeSelf(db, session.userId) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        summary: 'Sign out of this session',
        response: { 200: z.object({ signedOut: z.boolean() }) },
      },
    },
    async (request, reply) => {
      if (request.session) {
        const sessionId = request.session.sessionId;
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
          await recordAudit(trx, auditContext(request), { action: 'auth.logout', recordType: 'session' });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return { signedOut: true };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, their roles and what they may do',
        response: { 200: MeView },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      if (actor.type !== 'staff' && actor.type !== 'resident') throw new AppError('auth.required');
      const actions =
        actor.type === 'staff' ? [...new Set(actor.roles.flatMap((r) => roleActions(r.role)))].sort() : [];
      return {
        user: await describeSelf(db, actor.userId),
        actions,
        csrfToken: request.session?.csrfToken ?? null,
      };
    },
  );
};
