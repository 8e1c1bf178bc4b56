import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readUpload } from '../../platform/attachments.ts';
import { AppError } from '../../platform/errors.ts';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import { duplicateRoutes } from '../duplicates/duplicates.routes.ts';
import { attachFiles, readAttachment } from './case-attachments.service.ts';
import './cases.jobs.ts';
import {
  addNote,
  callbackCase,
  decideExtension,
  mergeCase,
  requestExtension,
  superviseCase,
} from './case-followup.service.ts';
import {
  answerCase,
  dispatchCase,
  reportPart,
  resolveCase,
  returnCase,
  signCase,
  withdrawCase,
} from './case-handling.service.ts';
import { registerCase } from './case-intake.service.ts';
import { countCases, listCases } from './case-lists.service.ts';
import { getCaseDetail, getCaseEvents } from './case-queries.service.ts';
import { suggestRoute } from './case-route.service.ts';
import {
  AnswerBody,
  AttachmentParams,
  CallbackBody,
  CaseCounts,
  CaseCountsQuery,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseParams,
  DispatchBody,
  EventList,
  ExtensionDecisionBody,
  ExtensionParams,
  ExtensionRequestBody,
  IntakeResult,
  MergeBody,
  NoteBody,
  ReasonBody,
  RegisterCaseBody,
  ReportPartBody,
  ResolveBody,
  RouteSuggestion,
  RouteSuggestionQuery,
  SuperviseBody,
  VersionBody,
} from './cases.schema.ts';

const IntakeHeaders = z.object({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });
const MAX_FILES = 6;

/** Cases: intake from every channel, worklists, the lifecycle actions and attachments. */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const { dataDir, attachmentMaxBytes } = app.deps.config;
  const tags = ['cases'];
  await app.register(multipart, { limits: { fileSize: attachmentMaxBytes, files: MAX_FILES } });
  await app.register(duplicateRoutes);

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Register a case (send Idempotency-Key to make retries safe)',
        headers: IntakeHeaders,
        body: RegisterCaseBody,
        response: { 200: IntakeResult, 201: IntakeResult },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      const { id, replayed } = await registerCase(db, ctx, request.body, request.headers['idempotency-key']);
      const detail = await getCaseDetail(db, ctx, id);
      return reply.code(replayed ? 200 : 201).send({ ...detail, replayed });
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Worklists: all, a unit inbox, triage, callback, watch, mine; filters and keyset pages',
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (request) => listCases(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/counts',
    {
      schema: {
        tags,
        summary: 'How many cases each tab of the inbox, triage desk or watch list holds now',
        querystring: CaseCountsQuery,
        response: { 200: CaseCounts },
      },
    },
    async (request) => countCases(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One case with what the viewer may do to it',
        params: CaseParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return getCaseDetail(db, auditContext(request), request.params.id);
    },
  );

  app.get(
    '/:id/events',
    {
      schema: { tags, summary: "The case's full history", params: CaseParams, response: { 200: EventList } },
    },
    async (request) => getCaseEvents(db, requireSignedIn(request), request.params.id),
  );

  app.get(
    '/:id/route',
    {
      schema: {
        tags,
        summary:
          "Where the category's route sends the case from its place (dispatchers: the default lead unit)",
        params: CaseParams,
        querystring: RouteSuggestionQuery,
        response: { 200: RouteSuggestion },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return suggestRoute(db, auditContext(request), request.params.id, request.query.category);
    },
  );

  /** One lifecycle action: validate, act in one transaction, answer with the case as it now is. */
  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof auditContext>, id: number, body: z.infer<B>) => Promise<void>,
  ) =>
    app.post(
      `/:id/${path}`,
      { schema: { tags, summary, params: CaseParams, body, response: { 200: CaseDetail } } },
      async (request) => {
        requireSignedIn(request);
        const ctx = auditContext(request);
        await run(ctx, request.params.id, request.body as z.infer<B>);
        return getCaseDetail(db, ctx, request.params.id);
      },
    );

  action('dispatch', 'Send to a lead unit and co-units (dispatcher)', DispatchBody, (c, id, b) =>
    dispatchCase(db, c, id, b),
  );
  action('sign', 'Sign for the case (lead or co-unit handler)', VersionBody, (c, id, b) =>
    signCase(db, c, id, b),
  );
  action('return', 'Return to triage as not ours, with a reason', ReasonBody, (c, id, b) =>
    returnCase(db, c, id, b),
  );
  action('report', 'A co-unit reports its part', ReportPartBody, (c, id, b) => reportPart(db, c, id, b));
  action('resolve', 'Report the case resolved (lead unit)', ResolveBody, (c, id, b) =>
    resolveCase(db, c, id, b),
  );
  action('answer', 'Answer at intake: closed on the spot', AnswerBody, (c, id, b) =>
    answerCase(db, c, id, b),
  );
  action('withdraw', 'Withdraw an open case, with a reason', ReasonBody, (c, id, b) =>
    withdrawCase(db, c, id, b),
  );
  action('extensions', 'Ask for more working days (lead unit)', ExtensionRequestBody, (c, id, b) =>
    requestExtension(db, c, id, b),
  );
  action('notes', 'Add a note or a record of contact with the reporter', NoteBody, (c, id, b) =>
    addNote(db, c, id, b),
  );
  action('supervise', 'Supervise (督办), optionally escalating', SuperviseBody, (c, id, b) =>
    superviseCase(db, c, id, b),
  );
  action('callback', 'Record a callback to the reporter', CallbackBody, (c, id, b) =>
    callbackCase(db, c, id, b),
  );
  action('merge', 'Merge this duplicate into an open case', MergeBody, (c, id, b) => mergeCase(db, c, id, b));

  app.post(
    '/:id/extensions/:extensionId/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject an extension (dispatcher)',
        params: ExtensionParams,
        body: ExtensionDecisionBody,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      await decideExtension(db, ctx, request.params.id, request.params.extensionId, request.body);
      return getCaseDetail(db, ctx, request.params.id);
    },
  );

  app.post(
    '/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach photos or documents (multipart/form-data; JPEG, PNG, WebP, HEIC, PDF)',
        consumes: ['multipart/form-data'],
        params: CaseParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      if (!request.isMultipart()) throw new AppError('request.unsupported_type');
      const { files } = await readUpload(request.parts(), dataDir, attachmentMaxBytes);
      await attachFiles(db, ctx, request.params.id, files);
      return getCaseDetail(db, ctx, request.params.id);
    },
  );

  app.get(
    '/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an attachment', params: AttachmentParams } },
    async (request, reply) => {
      requireSignedIn(request);
      const file = await readAttachment(
        db,
        auditContext(request),
        dataDir,
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.stream);
    },
  );
};
