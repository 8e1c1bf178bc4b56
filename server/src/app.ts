import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { type DatabaseHandle, pingDatabase } from './db/database.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { categoryRoutes } from './modules/categories/categories.routes.ts';
import { figuresRoutes } from './modules/figures/figures.routes.ts';
import { mediationRoutes } from './modules/mediation/mediation.routes.ts';
import { mediationFiguresRoutes } from './modules/mediation/mediation-figures.routes.ts';
import { mediationPortalRoutes } from './modules/mediation/mediation-portal.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { open311Routes } from './modules/open311/open311.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { routingRoutes } from './modules/routing/routing.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import type { SmsSender } from './platform/auth/sms.ts';
import { AppError } from './platform/errors.ts';
import { registerAuthentication, registerErrorHandling, sendError } from './platform/http.ts';
import { pickLanguage } from './platform/i18n.ts';
import { zodValidatorCompiler } from './platform/validation.ts';

/** What the app needs from outside: the database, the settings and the gateways it talks through. */
export interface AppDeps {
  database: DatabaseHandle;
  config: Config;
  sms: SmsSender;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** Builds the whole HTTP application; nothing listens until the caller says so. */
export async function buildApp(deps: AppDeps, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot even decode (`%00%FF`) answers in the one error shape too.
    frameworkErrors: (_error, request, reply) =>
      sendError(reply, new AppError('request.malformed'), pickLanguage(request.headers['accept-language'])),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, config.bodyLimitBytes);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAuthentication(app, deps.database.db, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Shequ API', version: '0.1.0', description: '社区一站式服务与治理平台 API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shequ_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      if (!(await pingDatabase(deps.database.db))) throw new AppError('server.unavailable');
      return { status: 'ok' as const, database: deps.database.dialect };
    },
  );

  await app.register(accountRoutes, { prefix: '/api' });
  await app.register(orgRoutes, { prefix: '/api/org' });
  await app.register(peopleRoutes, { prefix: '/api/persons' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(caseRoutes, { prefix: '/api/cases' });
  await app.register(mediationRoutes, { prefix: '/api/mediation' });
  await app.register(mediationFiguresRoutes, { prefix: '/api/mediation-figures' });
  await app.register(categoryRoutes, { prefix: '/api/categories' });
  await app.register(figuresRoutes, { prefix: '/api/figures' });
  await app.register(reportRoutes, { prefix: '/api/reports' });
  await app.register(searchRoutes, { prefix: '/api/search' });
  await app.register(calendarRoutes, { prefix: '/api/calendar' });
  await app.register(notificationRoutes, { prefix: '/api/notifications' });
  await app.register(portalRoutes, { prefix: '/api' });
  await app.register(mediationPortalRoutes, { prefix: '/api/portal/mediations' });
  await app.register(routingRoutes, { prefix: '/api/routing' });
  await app.register(open311Routes, { prefix: '/open311/v2' });

  const webDist = config.webDistDir;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The single-page app answers every other GET that is not the API.
    const url = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api/') && !url.includes('.')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, new AppError('route.not_found'), request.lang);
  });

  return app;
}
