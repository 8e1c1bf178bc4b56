import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { readUpload } from '../../platform/attachments.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  createAgreement,
  recordConfirmation,
  recordFollowup,
  signAgreement,
  updateAgreementDraft,
} from './mediation-agreement.service.ts';
import { agreementPdf, caseFilePdf } from './mediation-documents.service.ts';
import {
  acceptMediation,
  addRecord,
  assignMediation,
  attachFiles,
  readAttachment,
  recordOutcome,
  refuseMediation,
} from './mediation-handling.service.ts';
import { openFromCase, registerMediation } from './mediation-intake.service.ts';
import { listMediatorProfiles, updateMediatorProfile } from './mediation-mediators.service.ts';
import { getMediationDetail, getMediationEvents, listMediations } from './mediation-queries.service.ts';
import './mediation.jobs.ts';
import {
  AgreementBody,
  AgreementParams,
  AgreementUpdateBody,
  AssignBody,
  AttachmentParams,
  ConfirmationBody,
  FollowupBody,
  FollowupParams,
  MediationListQuery,
  MediationParams,
  MediatorListQuery,
  MediatorParams,
  MediatorProfileBody,
  OpenFromCaseBody,
  OutcomeBody,
  RecordBody,
  RefuseBody,
  RegisterMediationBody,
  SignBody,
  VersionBody,
} from './mediation.schema.ts';
import {
  MediationDetail,
  MediationEventList,
  MediationList,
  MediatorList,
  MediatorView,
} from './mediation.views.ts';

const MAX_FILES = 6;

/** People's mediation: cases opened from dispute cases or at a room, their handling, agreements and after. */
export const mediationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const { dataDir, attachmentMaxBytes, reportFont } = app.deps.config;
  const tags = ['mediation'];
  await app.register(multipart, { limits: { fileSize: attachmentMaxBytes, files: MAX_FILES } });

  const detail = (ctx: AuditContext, id: number) => getMediationDetail(db, ctx.actor, id);

  app.post(
    '/from-case',
    {
      schema: {
        tags,
        summary: 'Open a mediation from a dispute case sent to a mediation organisation',
        body: OpenFromCaseBody,
        response: { 201: MediationDetail },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      const id = await openFromCase(db, ctx, request.body);
      return reply.code(201).send(await detail(ctx, id));
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Register an application at a mediation organisation (walk-in, oral, portal)',
        body: RegisterMediationBody,
        response: { 201: MediationDetail },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      const id = await registerMediation(db, ctx, request.body);
      return reply.code(201).send(await detail(ctx, id));
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The mediation cases the viewer may see, newest first',
        querystring: MediationListQuery,
        response: { 200: MediationList },
      },
    },
    async (request) => listMediations(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/mediators',
    {
      schema: {
        tags,
        summary: 'Mediators of the organisations in reach, with their profiles',
        querystring: MediatorListQuery,
        response: { 200: MediatorList },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return listMediatorProfiles(db, auditContext(request), request.query.unitId);
    },
  );

  app.put(
    '/mediators/:userId',
    {
      schema: {
        tags,
        summary: "Set a mediator's employment, specialties and activity (unit heads)",
        params: MediatorParams,
        body: MediatorProfileBody,
        response: { 200: MediatorView },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return updateMediatorProfile(db, auditContext(request), request.params.userId, request.body);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One mediation case with what the viewer may do to it',
        params: MediationParams,
        response: { 200: MediationDetail },
      },
    },
    async (request) => getMediationDetail(db, requireSignedIn(request), request.params.id),
  );

  app.get(
    '/:id/events',
    {
      schema: {
        tags,
        summary: "The mediation case's full history",
        params: MediationParams,
        response: { 200: MediationEventList },
      },
    },
    async (request) => getMediationEvents(db, requireSignedIn(request), request.params.id),
  );

  /** One action: validate, act in one transaction, answer with the case as it now is. */
  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: AuditContext, id: number, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/:id/${path}`,
      { schema: { tags, summary, params: MediationParams, body, response: { 200: MediationDetail } } },
      async (request) => {
        requireSignedIn(request);
        const ctx = auditContext(request);
        await run(ctx, request.params.id, request.body as z.infer<B>);
        return detail(ctx, request.params.id);
      },
    );

  action('accept', 'Accept the application (the time limit starts)', VersionBody, (c, id, b) =>
    acceptMediation(db, c, id, b),
  );
  action(
    'refuse',
    'Refuse, with the reason and the other routes the parties were told of',
    RefuseBody,
    (c, id, b) => refuseMediation(db, c, id, b),
  );
  action('assign', 'Name the mediators (one leading) and the joint organisations', AssignBody, (c, id, b) =>
    assignMediation(db, c, id, b),
  );
  action('records', 'Record a session or an investigation', RecordBody, (c, id, b) =>
    addRecord(db, c, id, b),
  );
  action('outcome', 'End the mediation: agreed, failed or withdrawn', OutcomeBody, (c, id, b) =>
    recordOutcome(db, c, id, b),
  );
  action(
    'agreements',
    'Draft an agreement (调解协议书), possibly superseding a signed one',
    AgreementBody,
    (c, id, b) => createAgreement(db, c, id, b),
  );

  const agreementAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: AuditContext, id: number, agreementId: number, body: z.infer<B>) => Promise<void>,
  ) =>
    app.post(
      `/:id/agreements/:agreementId${path}`,
      { schema: { tags, summary, params: AgreementParams, body, response: { 200: MediationDetail } } },
      async (request) => {
        requireSignedIn(request);
        const ctx = auditContext(request);
        await run(ctx, request.params.id, request.params.agreementId, request.body as z.infer<B>);
        return detail(ctx, request.params.id);
      },
    );
  agreementAction(
    '',
    'Edit a draft agreement (a signed one never changes)',
    AgreementUpdateBody,
    (c, id, a, b) => updateAgreementDraft(db, c, id, a, b),
  );
  agreementAction(
    '/sign',
    'Sign: fixes the agreement, opens the 30-day confirmation window',
    SignBody,
    (c, id, a, b) => signAgreement(db, c, id, a, b),
  );
  agreementAction(
    '/confirmation',
    'Record the application for judicial confirmation and the answer',
    ConfirmationBody,
    (c, id, a, b) => recordConfirmation(db, c, id, a, b),
  );

  app.post(
    '/:id/followups/:followupId',
    {
      schema: {
        tags,
        summary: 'Record a performance follow-up',
        params: FollowupParams,
        body: FollowupBody,
        response: { 200: MediationDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      await recordFollowup(db, ctx, request.params.id, request.params.followupId, request.body);
      return detail(ctx, request.params.id);
    },
  );

  app.post(
    '/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Attach evidence (multipart/form-data; JPEG, PNG, WebP, HEIC, PDF; optional field "description")',
        consumes: ['multipart/form-data'],
        params: MediationParams,
        response: { 200: MediationDetail },
      },
    },
    async (request) => {
      requireSignedIn(request);
      const ctx = auditContext(request);
      if (!request.isMultipart()) throw new AppError('request.unsupported_type');
      const { files, fields } = await readUpload(request.parts(), dataDir, attachmentMaxBytes);
      const description = fields.get('description')?.trim().slice(0, 500) || null;
      await attachFiles(db, ctx, request.params.id, files, description);
      return detail(ctx, request.params.id);
    },
  );

  app.get(
    '/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an evidence file', params: AttachmentParams } },
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

  const sendPdf = (reply: FastifyReply, file: { pdf: Buffer; fileName: string }) => {
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '').replace(/"/g, '') || 'mediation.pdf';
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .header('cache-control', 'no-store')
      .send(file.pdf);
  };

  app.get(
    '/:id/agreements/:agreementId.pdf',
    {
      schema: {
        tags,
        summary: 'The agreement (调解协议书) as a PDF in Chinese',
        params: AgreementParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await agreementPdf(
          db,
          requireSignedIn(request),
          reportFont,
          request.params.id,
          request.params.agreementId,
        ),
      ),
  );

  app.get(
    '/:id/file.pdf',
    {
      schema: {
        tags,
        summary: 'The case file (卷宗): every document of the case in order, as one PDF',
        params: MediationParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) =>
      sendPdf(reply, await caseFilePdf(db, requireSignedIn(request), reportFont, request.params.id)),
  );
};
