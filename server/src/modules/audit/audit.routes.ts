import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../platform/access.ts';
import './audit.policy.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { requireSignedIn } from '../../platform/http.ts';

const AuditQuery = z.object({
  actorId: z.coerce.number().int().positive().optional(),
  actorType: z.enum(['staff', 'resident', 'apikey', 'system', 'anonymous']).optional(),
  action: z.string().trim().max(64).optional(),
  recordType: z.string().trim().max(64).optional(),
  recordId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AuditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.number().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

function parseJson(text: string | null): unknown {
  return text == null ? null : JSON.parse(text);
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['audit'];

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Query the audit log, newest first',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEntryView), nextBefore: z.number().nullable() }) },
      },
    },
    async (request) => {
      if (!can(requireSignedIn(request), 'audit.read', null)) throw new AppError('access.denied');
      const q = request.query;
      let query = db.selectFrom('audit_log').selectAll();
      if (q.actorId) query = query.where('actor_id', '=', q.actorId);
      if (q.actorType) query = query.where('actor_type', '=', q.actorType);
      if (q.action)
        query = q.action.endsWith('.')
          ? query.where('action', 'like', `${q.action}%`)
          : query.where('action', '=', q.action);
      if (q.recordType) query = query.where('record_type', '=', q.recordType);
      if (q.recordId) query = query.where('record_id', '=', q.recordId);
      if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
      if (q.to) query = query.where('at', '<', new Date(q.to).toISOString());
      if (q.before) query = query.where('seq', '<', q.before);
      const rows = await query
        .orderBy('seq', 'desc')
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          seq: r.seq,
          at: r.at,
          actorType: r.actor_type,
          actorId: r.actor_id,
          actorLabel: r.actor_label,
          action: r.action,
          recordType: r.record_type,
          recordId: r.record_id,
          before: parseJson(r.before),
          after: parseJson(r.after),
          ip: r.ip,
          requestId: r.request_id,
          hash: r.hash,
        })),
        nextBefore: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.get(
    '/verify',
    {
      schema: {
        tags,
        summary: 'Re-compute the hash chain and report edited or missing entries',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            problems: z.array(z.object({ seq: z.number(), problem: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      if (!can(requireSignedIn(request), 'audit.read', null)) throw new AppError('access.denied');
      return verifyAuditChain(db);
    },
  );
};
