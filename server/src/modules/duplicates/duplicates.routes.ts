import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import { getCaseDetail } from '../cases/case-queries.service.ts';
import { CaseDetail, CaseParams } from '../cases/cases.schema.ts';
import {
  CaseDuplicates,
  DismissDuplicateBody,
  DuplicateCandidateList,
  DuplicateDraftBody,
} from './duplicates.schema.ts';
import { dismissSuspectedDuplicate, getCaseDuplicates } from './duplicates.service.ts';
import { findDraftDuplicates } from './duplicates-draft.service.ts';

/** Duplicates, under /api/cases: likely earlier reports of a draft or a case, and dismissing a suspected one. */
export const duplicateRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['cases'];

  app.post(
    '/duplicate-candidates',
    {
      schema: {
        tags,
        summary: 'Open cases likely about the same problem as a request being typed at intake (top 5)',
        body: DuplicateDraftBody,
        response: { 200: DuplicateCandidateList },
      },
    },
    async (request) => findDraftDuplicates(db, requireSignedIn(request), request.body),
  );

  app.get(
    '/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Open cases likely about the same problem as this one, and its suspected-duplicate links',
        params: CaseParams,
        response: { 200: CaseDuplicates },
      },
    },
    async (request) => getCaseDuplicates(db, requireSignedIn(request), request.params.id),
  );

  app.post(
    '/:id/dismiss-duplicate',
    {
      schema: {
        tags,
        summary: 'Not a duplicate after all: clear the suspected-duplicate link (dispatcher)',
        params: CaseParams,
        body: DismissDuplicateBody,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      await dismissSuspectedDuplicate(db, ctx, request.params.id, request.body);
      return getCaseDetail(db, ctx, request.params.id);
    },
  );
};
