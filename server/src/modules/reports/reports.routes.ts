import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import { MonthlyReportQuery } from './reports.schema.ts';
import { monthlyReportPdf } from './reports.service.ts';

/** Reports made from the figures, to print or send on: the monthly report as a PDF. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { reportFont } = app.deps.config;

  app.get(
    '/monthly.pdf',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The monthly report of a unit subtree as a PDF in Chinese (default: your widest unit, last month)',
        querystring: MonthlyReportQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const { pdf, unitCode, month } = await monthlyReportPdf(
        db,
        auditContext(request),
        reportFont,
        request.query,
      );
      const ascii = `monthly-report-${unitCode}-${month}.pdf`;
      const chinese = encodeURIComponent(`月报-${unitCode}-${month}.pdf`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${chinese}`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
