import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import { ModelHistory, RoutingSuggestBody, RoutingSuggestion } from './routing.schema.ts';
import { modelHistory, retrainNow, suggestRouting } from './routing.service.ts';
import './routing.jobs.ts';

/** Routing suggestions for staff taking a request in or triaging it. */
export const routingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.post(
    '/suggestions',
    {
      schema: {
        tags: ['routing'],
        summary: 'Likely categories, the place named and the unit it would go to, for a request text',
        body: RoutingSuggestBody,
        response: { 200: RoutingSuggestion },
      },
    },
    async (request) => suggestRouting(db, requireSignedIn(request), request.body),
  );

  app.get(
    '/model',
    {
      schema: {
        tags: ['routing'],
        summary:
          'The stored routing models, newest (in use) first, with their measured accuracy (taxonomy admins)',
        response: { 200: ModelHistory },
      },
    },
    async (request) => modelHistory(db, requireSignedIn(request)),
  );

  app.post(
    '/model/retrain',
    {
      schema: {
        tags: ['routing'],
        summary: 'Retrain now from the seed corpus and the closed cases (taxonomy admins); audited',
        response: { 200: ModelHistory },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return retrainNow(db, auditContext(request));
    },
  );
};
