import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSignedIn } from '../../platform/http.ts';
import { MediationFigures, MediationFiguresQuery, MediationMonthQuery } from './mediation-figures.schema.ts';
import { monthlyMediationXlsx, readMediationFigures } from './mediation-figures.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The figures of people's mediation for a unit's subtree, and its monthly report as a workbook. */
export const mediationFiguresRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['mediation'];

  app.get(
    '',
    {
      schema: {
        tags,
        summary:
          "Mediation figures of a unit's subtree for a period (default: your widest unit, this month): by dispute type, organisation and outcome, success rate, average duration, disputes kept from escalating",
        querystring: MediationFiguresQuery,
        response: { 200: MediationFigures },
      },
    },
    async (request) => readMediationFigures(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/monthly.xlsx',
    {
      schema: {
        tags,
        summary: 'The monthly mediation report (调解工作月报) as an Excel workbook (default: last month)',
        querystring: MediationMonthQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const { xlsx, unitCode, month } = await monthlyMediationXlsx(
        db,
        requireSignedIn(request),
        request.query,
      );
      const ascii = `mediation-report-${unitCode}-${month}.xlsx`;
      const chinese = encodeURIComponent(`调解工作月报-${unitCode}-${month}.xlsx`);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${chinese}`)
        .header('cache-control', 'no-store')
        .send(xlsx);
    },
  );
};
