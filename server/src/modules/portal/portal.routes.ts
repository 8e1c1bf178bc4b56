import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  MyCase,
  MyCaseList,
  MyCaseListQuery,
  PublicCase,
  TrackingParams,
} from '../cases/case-portal.schema.ts';
import { getMyCase, listMyCases, rateMyCase, trackCase } from '../cases/case-portal.service.ts';
import { RatingBody } from '../cases/cases.schema.ts';
import { CategorySuggestions, PointPlace, PointQuery, SuggestBody } from './portal.schema.ts';
import { placeOfPoint, suggestCategories } from './portal.service.ts';

/**
 * Per client address. Tracking numbers run in sequence, so the public view is limited to what a
 * person looking up their own request needs: a stranger trying numbers gets little and slowly.
 */
const publicRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The resident portal: public tracking and help for the report form, and a resident's own requests. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.get(
    '/public/cases/:trackingNo',
    {
      config: publicRateLimit,
      schema: {
        tags: ['portal'],
        summary: 'Track a case by its tracking number (no sign-in): status, public steps, the handling unit',
        params: TrackingParams,
        response: { 200: PublicCase },
      },
    },
    async (request) => trackCase(db, request.params.trackingNo),
  );

  app.post(
    '/public/category-suggestions',
    {
      config: publicRateLimit,
      schema: {
        tags: ['portal'],
        summary: 'Categories matching what a resident wrote, best first (no sign-in)',
        body: SuggestBody,
        response: { 200: CategorySuggestions },
      },
    },
    async (request) => suggestCategories(db, request.body.text),
  );

  app.get(
    '/public/places/point',
    {
      config: publicRateLimit,
      schema: {
        tags: ['portal'],
        summary: "The street and community holding a point (the device's location; no sign-in)",
        querystring: PointQuery,
        response: { 200: PointPlace },
      },
    },
    async (request) => placeOfPoint(db, request.query.lat, request.query.lng),
  );

  app.get(
    '/portal/cases',
    {
      schema: {
        tags: ['portal'],
        summary: "The signed-in resident's own requests, newest first",
        querystring: MyCaseListQuery,
        response: { 200: MyCaseList },
      },
    },
    async (request) => listMyCases(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/portal/cases/:trackingNo',
    {
      schema: {
        tags: ['portal'],
        summary: "One of the signed-in resident's requests, with its result and their rating",
        params: TrackingParams,
        response: { 200: MyCase },
      },
    },
    async (request) => getMyCase(db, requireSignedIn(request), request.params.trackingNo),
  );

  app.post(
    '/portal/cases/:trackingNo/rating',
    {
      schema: {
        tags: ['portal'],
        summary:
          'Rate a resolved request (its reporter): closes it, or reopens it when dissatisfied and not solved',
        params: TrackingParams,
        body: RatingBody,
        response: { 200: MyCase },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return rateMyCase(db, auditContext(request), request.params.trackingNo, request.body);
    },
  );
};
