import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  CalendarStatus,
  ScheduleBody,
  StatusQuery,
  WorkingHoursBody,
  WorkingHoursView,
  YearDays,
  YearParams,
  YearQuery,
} from './calendar.schema.ts';
import {
  getCalendarStatus,
  getWorkingHours,
  getYearDays,
  publishYear,
  setWorkingHours,
  withdrawYear,
} from './calendar.service.ts';

/** The working calendar: holidays and make-up working days, and the working hours deadlines count. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['calendar'];
  // Signed in first, so an anonymous caller hears 401 before any validation error.
  app.addHook('onRequest', async (request) => {
    requireSignedIn(request);
  });

  app.get(
    '/status',
    {
      schema: {
        tags,
        summary: 'Whether the next 60 days have a known schedule, the working hours and the known years',
        querystring: StatusQuery,
        response: { 200: CalendarStatus },
      },
    },
    async (request) => getCalendarStatus(db, request.actor, request.lang, request.query.at),
  );

  app.get(
    '/days',
    {
      schema: {
        tags,
        summary: "A year's holidays and make-up working days, with their source",
        querystring: YearQuery,
        response: { 200: YearDays },
      },
    },
    async (request) => getYearDays(db, request.actor, request.query.year, request.lang),
  );

  app.put(
    '/years/:year',
    {
      schema: {
        tags,
        summary: "Publish a year's schedule (replaces the administrator's schedule for that year)",
        params: YearParams,
        body: ScheduleBody,
        response: { 200: YearDays },
      },
    },
    async (request) =>
      publishYear(db, auditContext(request), request.params.year, request.body, request.lang),
  );

  app.delete(
    '/years/:year',
    {
      schema: {
        tags,
        summary: "Withdraw an administrator's schedule for a year",
        params: YearParams,
        response: { 200: YearDays },
      },
    },
    async (request) => withdrawYear(db, auditContext(request), request.params.year, request.lang),
  );

  app.get(
    '/working-hours',
    { schema: { tags, summary: 'The working hours deadlines count', response: { 200: WorkingHoursView } } },
    async (request) => getWorkingHours(db, request.actor),
  );

  app.put(
    '/working-hours',
    {
      schema: {
        tags,
        summary: 'Set the working hours: sorted, non-overlapping HH:MM periods',
        body: WorkingHoursBody,
        response: { 200: WorkingHoursView },
      },
    },
    async (request) => setWorkingHours(db, auditContext(request), request.body.periods, request.lang),
  );
};
