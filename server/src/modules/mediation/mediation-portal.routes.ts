import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import { MediationParams } from './mediation.schema.ts';
import { MediationApplicationBody, MyMediation, MyMediationList } from './mediation-portal.schema.ts';
import { applyForMediation, getMyMediation, listMyMediations } from './mediation-portal.service.ts';

/** "申请调解" on the resident portal: a signed-in resident's applications for mediation. */
export const mediationPortalRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['portal'];

  app.post(
    '',
    {
      schema: {
        tags,
        summary:
          "Apply for mediation (signed-in resident): the community's reconciliation room, or the district centre for commercial and labour disputes, receives it",
        body: MediationApplicationBody,
        response: { 201: MyMediation },
      },
    },
    async (request, reply) => {
      const actor = requireSignedIn(request);
      const id = await applyForMediation(db, auditContext(request), request.body);
      return reply.code(201).send(await getMyMediation(db, actor, id));
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        summary: "The signed-in resident's applications for mediation, newest first, with their status",
        response: { 200: MyMediationList },
      },
    },
    async (request) => listMyMediations(db, requireSignedIn(request)),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: "One of the signed-in resident's applications for mediation",
        params: MediationParams,
        response: { 200: MyMediation },
      },
    },
    async (request) => getMyMediation(db, requireSignedIn(request), request.params.id),
  );
};
