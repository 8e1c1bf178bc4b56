import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSignedIn } from '../../platform/http.ts';
import { readAreas } from './figures.areas.ts';
import { readAttentionCases } from './figures.attention.ts';
import {
  AreasQuery,
  AttentionQuery,
  BreakdownQuery,
  FiguresAreas,
  FiguresBreakdown,
  FiguresCases,
  FiguresQuery,
  FiguresSeries,
  FiguresSummary,
  SeriesQuery,
} from './figures.schema.ts';
import { readBreakdown, readSeries, readSummary } from './figures.service.ts';

/** The district's figures (DOMAIN.md "Figures") for a unit's subtree and a period of local dates. */
export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['figures'];

  app.get(
    '/summary',
    {
      schema: {
        tags,
        summary:
          'All figures of a unit subtree for a period (default: your widest unit, this month), optionally of one category and with the period before',
        querystring: FiguresQuery,
        response: { 200: FiguresSummary },
      },
    },
    async (request) => readSummary(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/breakdown',
    {
      schema: {
        tags,
        summary: 'The figures per street, community, category, channel or handling unit',
        querystring: BreakdownQuery,
        response: { 200: FiguresBreakdown },
      },
    },
    async (request) => readBreakdown(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/series',
    {
      schema: {
        tags,
        summary: 'The figures per local day, week (from Monday) or month of the period',
        querystring: SeriesQuery,
        response: { 200: FiguresSeries },
      },
    },
    async (request) => readSeries(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/areas',
    {
      schema: {
        tags,
        summary: 'The hotspot map: the areas of the streets or communities under a unit, with their figures',
        querystring: AreasQuery,
        response: { 200: FiguresAreas },
      },
    },
    async (request) => readAreas(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Cases needing attention now: overdue (most overdue first) or supervised',
        querystring: AttentionQuery,
        response: { 200: FiguresCases },
      },
    },
    async (request) => readAttentionCases(db, requireSignedIn(request), request.query),
  );
};
