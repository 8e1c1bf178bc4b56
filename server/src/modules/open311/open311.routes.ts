import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access.ts';
import { resolveApiKey } from '../../platform/auth/api-keys.ts';
import { AppError, errorMessage } from '../../platform/errors.ts';
import { auditContext } from '../../platform/http.ts';
import { type Lang, pickLanguage } from '../../platform/i18n.ts';
import { TrackingNo } from '../cases/case-portal.schema.ts';
import {
  CONTENT_TYPE,
  type Format,
  nestedList,
  type Open311Error,
  renderErrors,
  renderList,
  renderObject,
} from './open311.format.ts';
import {
  createRequest,
  findToken,
  getRequest,
  listRequests,
  listServices,
  listUpdates,
  Open311Failure,
  serviceDefinition,
} from './open311.service.ts';

const FORMATS: Format[] = ['xml', 'json'];
const tags = ['open311'];
/** Out of /openapi.json: GeoReport has its own spec (README), and the web client never calls it. */
const hide = true;

type Fields = Record<string, string | string[] | undefined>;

/** The format a path asks for by its extension; XML when it names none (the spec's default). */
function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** Splits `name.ext` of a path parameter, or a 404 when the extension is not xml/json. */
/** A tracking number as people type it (`hs2026 1129 000001`), read as the portal and workbench read it. */
function trackingNoOf(text: string): string {
  const parsed = TrackingNo.safeParse(text);
  return parsed.success ? parsed.data : text;
}

function splitFile(file: string): string {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1);
  if (dot <= 0 || (ext !== 'xml' && ext !== 'json'))
    throw new Open311Failure(404, 'format must be xml or json');
  return file.slice(0, dot);
}

function send(reply: FastifyReply, format: Format, status: number, body: string) {
  // A Buffer, so Fastify adds no charset: older clients compare the content type literally (UTF-8 all the same).
  return reply.code(status).header('content-type', CONTENT_TYPE[format]).send(Buffer.from(body, 'utf8'));
}

/** Form fields of the query and, for a POST, the form body; the body wins. */
function fieldsOf(request: FastifyRequest): Fields {
  const body = request.body && typeof request.body === 'object' ? request.body : {};
  const fields: Fields = {};
  // A JSON body may carry numbers, booleans or nested values: only text and lists of text are fields.
  const text = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  for (const [k, v] of Object.entries({ ...(request.query as object), ...body })) {
    fields[k] = Array.isArray(v) ? v.map(text).filter((x) => x !== undefined) : text(v);
  }
  return fields;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const list = (v: string | undefined) =>
  blank(v)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** An ISO 8601 time with an offset (or Z), as UTC; a 400 naming the field otherwise. */
function timeField(fields: Fields, name: string): string | undefined {
  const text = blank(one(fields[name]));
  if (text === undefined) return undefined;
  const parsed = z.iso.datetime({ offset: true }).safeParse(text);
  if (!parsed.success)
    throw new Open311Failure(400, `${name} must be an ISO 8601 date and time with its offset`);
  return new Date(text).toISOString();
}

function intField(fields: Fields, name: string, fallback: number, max: number): number {
  const text = blank(one(fields[name]));
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Open311Failure(400, `${name} must be a whole number from 1 to ${max}`);
  return n;
}

function numberField(fields: Fields, name: string, min: number, max: number): number | undefined {
  const text = blank(one(fields[name]));
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Open311Failure(400, `${name} must be a number from ${min} to ${max}`);
  return n;
}

function textField(fields: Fields, name: string, max: number): string | undefined {
  const text = blank(one(fields[name]));
  if (text !== undefined && [...text].length > max)
    throw new Open311Failure(400, `${name} must be at most ${max} characters`);
  return text;
}

/** `attribute[code]` and `attribute[code][]` fields, by code; repeated fields make a list. */
function attributesOf(fields: Fields): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m?.[1] || value === undefined) continue;
    const code = m[1];
    const values = Array.isArray(value) ? value : [value];
    const earlier = out[code];
    const merged =
      earlier === undefined ? values : [...(Array.isArray(earlier) ? earlier : [earlier]), ...values];
    out[code] = m[2] || merged.length > 1 ? merged : (merged[0] ?? '');
  }
  return out;
}

/** Open311 names of the intake's fields, for error descriptions. */
function open311Field(path: string): string {
  const attribute = /attributes\.([^.]+)/.exec(path);
  if (attribute) return `attribute[${attribute[1]}]`;
  if (path.includes('location.lat')) return 'lat';
  if (path.includes('location.lng')) return 'long';
  if (path.includes('location.address')) return 'address_string';
  if (path.includes('location.communityId')) return 'address_id';
  if (path.includes('reporter.phone')) return 'phone';
  if (path.includes('reporter.name')) return 'first_name';
  if (path.includes('description')) return 'description';
  return path.replace(/^body\./, '');
}

/** The spec's status and error list for whatever went wrong. */
function open311ErrorsOf(error: unknown, lang: Lang): { status: number; errors: Open311Error[] } {
  if (error instanceof Open311Failure)
    return { status: error.status, errors: [{ code: error.status, description: error.description }] };
  if (error instanceof AppError) {
    const s = error.status;
    const status = s === 401 || s === 403 ? 403 : s === 404 || s === 429 || s >= 500 ? s : 400;
    const details = error.details ?? [];
    const errors = details.length
      ? details.map((d) => ({ code: status, description: `${open311Field(d.path)}: ${d.message}` }))
      : [{ code: status, description: errorMessage(error.code, lang, error.params) }];
    return { status, errors };
  }
  const e = error as { statusCode?: number; code?: string };
  if (e.statusCode === 429)
    return { status: 429, errors: [{ code: 429, description: errorMessage('request.rate_limited', lang) }] };
  if (e.statusCode === 413)
    return { status: 413, errors: [{ code: 413, description: 'request body too large' }] };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return { status: 400, errors: [{ code: 400, description: 'the request could not be read' }] };
  return { status: 500, errors: [{ code: 500, description: errorMessage('server.error', lang) }] };
}

/** A fixed one-minute window of requests per API key (its own limit) or per client address. */
function rateLimiter() {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string, limit: number, lang: Lang) => {
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= 60_000) windows.delete(k);
    const w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      windows.set(key, { start: now, count: 1 });
      return;
    }
    w.count += 1;
    if (w.count > limit) throw new Open311Failure(429, errorMessage('request.rate_limited', lang));
  };
}

const langOf = (request: FastifyRequest): Lang =>
  request.lang ?? pickLanguage(request.headers['accept-language']);

/** Requests a minute for callers without a key (reads only). */
const ANONYMOUS_PER_MINUTE = 120;

/**
 * Open311 GeoReport v2 (issue #7) with FixMyStreet's update feed: discovery, services, service
 * definitions, requests (read, and filed through the case intake with an API key), tokens. Every
 * answer is XML or JSON by the path's extension; errors are the spec's list of code and description.
 */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { config } = app.deps;
  await app.register(formbody);
  const limit = rateLimiter();

  app.setErrorHandler((error, request, reply) => {
    const { status, errors } = open311ErrorsOf(error, langOf(request));
    if (status >= 500) request.log.error({ err: error }, 'open311 error');
    // The windows are a minute long: a client past its limit may try again within one.
    if (status === 429) reply.header('retry-after', '60');
    return send(reply, formatOf(request), status, renderErrors(formatOf(request), errors));
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      formatOf(request),
      404,
      renderErrors(formatOf(request), [{ code: 404, description: 'not found' }]),
    ),
  );

  /** jurisdiction_id is optional here (one jurisdiction), but a wrong one is not found. */
  function checkJurisdiction(fields: Fields) {
    const given = blank(one(fields.jurisdiction_id));
    if (given !== undefined && given !== config.open311Jurisdiction)
      throw new Open311Failure(404, `jurisdiction_id ${given} not found`);
  }

  /** The key's actor (api_key field, or X-Api-Key header), its limit applied; `required` → 403 without one. */
  async function keyOf(request: FastifyRequest, fields: Fields, required: boolean): Promise<Actor | null> {
    let actor: Actor | null = request.actor.type === 'apikey' ? request.actor : null;
    const key = blank(one(fields.api_key));
    if (key) {
      actor = await resolveApiKey(db, key);
      if (!actor) throw new Open311Failure(403, 'api_key is not valid');
    }
    if (actor?.type === 'apikey') {
      const row = await db
        .selectFrom('api_keys')
        .select('rate_limit_per_minute')
        .where('id', '=', actor.keyId)
        .executeTakeFirst();
      limit(`key:${actor.keyId}`, row?.rate_limit_per_minute ?? 60, langOf(request));
      return actor;
    }
    if (required) throw new Open311Failure(403, 'api_key is required');
    limit(`ip:${request.ip}`, ANONYMOUS_PER_MINUTE, langOf(request));
    return null;
  }

  async function begin(request: FastifyRequest, required = false) {
    const fields = fieldsOf(request);
    checkJurisdiction(fields);
    const actor = await keyOf(request, fields, required);
    return { fields, actor, lang: langOf(request) };
  }

  for (const format of FORMATS) {
    app.get(
      `/discovery.${format}`,
      { schema: { hide, tags, summary: 'Open311 service discovery' } },
      async (request, reply) => {
        await begin(request);
        const base = `${request.protocol}://${request.host}/open311/v2/`;
        const discovery = {
          changeset: '2026-11-29T00:00:00+08:00',
          contact: '宁波市海曙区 81890 求助服务中心',
          key_service: '请联系区指挥中心申请 API 密钥 / ask the district command centre for an API key',
          endpoints: nestedList('endpoint', [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: base,
              changeset: '2026-11-29T00:00:00+08:00',
              type: 'production',
              formats: nestedList('format', ['text/xml', 'application/json']),
            },
          ]),
        };
        return send(reply, format, 200, renderObject(format, 'discovery', discovery));
      },
    );

    app.get(
      `/services.${format}`,
      { schema: { hide, tags, summary: 'Open311 service list' } },
      async (request, reply) => {
        const { lang } = await begin(request);
        return send(
          reply,
          format,
          200,
          renderList(format, { root: 'services', item: 'service' }, await listServices(db, lang)),
        );
      },
    );

    app.get(
      `/requests.${format}`,
      { schema: { hide, tags, summary: 'Open311 service requests' } },
      async (request, reply) => {
        const { fields, lang } = await begin(request);
        const statuses = list(one(fields.status));
        if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
          throw new Open311Failure(400, 'status must be open or closed');
        const start = timeField(fields, 'start_date');
        const end = timeField(fields, 'end_date');
        if (start && end && start > end)
          throw new Open311Failure(400, 'start_date must not be after end_date');
        const items = await listRequests(
          db,
          {
            ids: list(one(fields.service_request_id))?.map(trackingNoOf),
            serviceCodes: list(one(fields.service_code)),
            statuses: statuses as ('open' | 'closed')[] | undefined,
            start,
            end,
            page: intField(fields, 'page', 1, 100_000),
            pageSize: intField(fields, 'page_size', 1000, 1000),
          },
          lang,
        );
        return send(
          reply,
          format,
          200,
          renderList(format, { root: 'service_requests', item: 'request' }, items),
        );
      },
    );

    app.post(
      `/requests.${format}`,
      { schema: { hide, tags, summary: 'File an Open311 service request (api_key)' } },
      async (request, reply) => {
        const { fields, actor, lang } = await begin(request, true);
        const serviceCode = textField(fields, 'service_code', 20);
        if (!serviceCode) throw new Open311Failure(400, 'service_code is required');
        const lat = numberField(fields, 'lat', -90, 90);
        const long = numberField(fields, 'long', -180, 180);
        if ((lat === undefined) !== (long === undefined))
          throw new Open311Failure(400, 'lat and long go together');
        const addressString = textField(fields, 'address_string', 300);
        const addressId = textField(fields, 'address_id', 64);
        if (lat === undefined && !addressString && !addressId)
          throw new Open311Failure(400, 'a location is required: lat and long, address_string or address_id');
        const mediaUrl = textField(fields, 'media_url', 500);
        if (mediaUrl && !z.url({ protocol: /^https?$/ }).safeParse(mediaUrl).success)
          throw new Open311Failure(400, 'media_url must be an http(s) URL');
        const email = textField(fields, 'email', 200);
        if (email && !z.email().safeParse(email).success) throw new Open311Failure(400, 'email is not valid');
        textField(fields, 'device_id', 200);
        const created = await createRequest(
          db,
          { ...auditContext(request), actor: actor as Actor },
          {
            serviceCode,
            lat,
            long,
            addressString,
            addressId,
            description: textField(fields, 'description', 4000),
            mediaUrl,
            firstName: textField(fields, 'first_name', 50),
            lastName: textField(fields, 'last_name', 50),
            phone: textField(fields, 'phone', 30),
            accountId: textField(fields, 'account_id', 200),
            attributes: attributesOf(fields),
          },
          lang,
        );
        return send(
          reply,
          format,
          201,
          renderList(format, { root: 'service_requests', item: 'request' }, [created]),
        );
      },
    );

    app.get(
      `/servicerequestupdates.${format}`,
      { schema: { hide, tags, summary: 'Service request updates (FixMyStreet extension, api_key)' } },
      async (request, reply) => {
        const { fields, lang } = await begin(request, true);
        const start = timeField(fields, 'start_date');
        const end = timeField(fields, 'end_date');
        if (start && end && start > end)
          throw new Open311Failure(400, 'start_date must not be after end_date');
        const items = await listUpdates(
          db,
          {
            start,
            end,
            page: intField(fields, 'page', 1, 100_000),
            pageSize: intField(fields, 'page_size', 1000, 1000),
          },
          lang,
        );
        return send(
          reply,
          format,
          200,
          renderList(format, { root: 'service_requests_updates', item: 'request_update' }, items),
        );
      },
    );
  }

  app.get(
    '/services/:file',
    {
      schema: {
        hide,
        tags,
        summary: 'Open311 service definition',
        params: z.object({ file: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const code = splitFile(request.params.file);
      const { lang } = await begin(request);
      return send(
        reply,
        format,
        200,
        renderObject(format, 'service_definition', await serviceDefinition(db, code, lang)),
      );
    },
  );

  app.get(
    '/requests/:file',
    {
      schema: {
        hide,
        tags,
        summary: 'One Open311 service request',
        params: z.object({ file: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const id = trackingNoOf(splitFile(request.params.file));
      const { lang } = await begin(request);
      return send(
        reply,
        format,
        200,
        renderList(format, { root: 'service_requests', item: 'request' }, [await getRequest(db, id, lang)]),
      );
    },
  );

  app.get(
    '/tokens/:file',
    {
      schema: {
        hide,
        tags,
        summary: 'The request id behind an Open311 token',
        params: z.object({ file: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const token = splitFile(request.params.file);
      await begin(request);
      return send(
        reply,
        format,
        200,
        renderList(format, { root: 'service_requests', item: 'request' }, [await findToken(db, token)]),
      );
    },
  );
};
