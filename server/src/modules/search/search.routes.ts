import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSignedIn } from '../../platform/http.ts';
import { SearchQuery, SearchResult } from './search.schema.ts';
import { searchCases } from './search.service.ts';

/** Staff full-text search over the cases they may read. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  app.get(
    '',
    {
      schema: {
        tags: ['search'],
        summary:
          'Cases by their words (Chinese segmented), best match first, with the worklist filters and highlighted snippets',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => searchCases(db, requireSignedIn(request), request.query),
  );
};
