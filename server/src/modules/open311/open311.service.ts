import type { Db } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { randomToken } from '../../platform/auth/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { describeIssues } from '../../platform/validation.ts';
import { registerCase } from '../cases/case-intake.service.ts';
import { RegisterCaseBody } from '../cases/cases.schema.ts';
import { type CategoryInfo, findCategoryByCode } from '../categories/categories.service.ts';
import { beijingTime, nestedList, type Value } from './open311.format.ts';

/** A GeoReport error the routes answer with: HTTP status and the spec's description. */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

/** Active, non-sensitive categories of active groups: the services open to Open311 clients. */
async function publicCategories(db: Db) {
  return db
    .selectFrom('categories as c')
    .innerJoin('category_groups as g', 'g.code', 'c.group_code')
    .select(['c.code', 'c.name_zh', 'c.name_en', 'c.description_zh', 'c.description_en', 'c.review'])
    .select(['c.attributes', 'g.name_zh as group_zh', 'g.name_en as group_en'])
    .where('c.active', '=', 1)
    .where('g.active', '=', 1)
    .where('c.sensitive', '=', 0)
    .orderBy('g.sort')
    .orderBy('c.sort')
    .execute();
}

/** GET services: every public category as a GeoReport service. */
export async function listServices(db: Db, lang: Lang): Promise<Record<string, Value>[]> {
  const rows = await publicCategories(db);
  return rows.map((c) => ({
    service_code: c.code,
    service_name: pick(lang, c.name_zh, c.name_en),
    description: pick(lang, c.description_zh ?? '', c.description_en ?? ''),
    metadata: JSON.parse(c.attributes).length > 0,
    type: c.review ? 'batch' : 'realtime',
    keywords: '',
    group: pick(lang, c.group_zh, c.group_en),
  }));
}

/** The category behind a service code, when it is open to Open311 clients; otherwise a 404. */
export async function publicService(db: Db, code: string): Promise<CategoryInfo> {
  const category = await findCategoryByCode(db, code);
  if (!category || !category.active || category.sensitive)
    throw new Open311Failure(404, `service_code ${code} not found`);
  return category;
}

/** GET services/{code}: the service definition, its attributes in GeoReport's shape. */
export async function serviceDefinition(db: Db, code: string, lang: Lang): Promise<Record<string, Value>> {
  const category = await publicService(db, code);
  return {
    service_code: category.code,
    attributes: nestedList(
      'attribute',
      [...category.attributes]
        .sort((a, b) => a.order - b.order)
        .map((a) => ({
          variable: true,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatypeDescription ?? '',
          order: a.order,
          description: pick(lang, a.descriptionZh, a.descriptionEn),
          values: nestedList(
            'value',
            (a.values ?? []).map((v) => ({ key: v.key, name: pick(lang, v.nameZh, v.nameEn) })),
          ),
        })),
    ),
  };
}

/** What a POST requests carries, already checked for form. */
export interface NewRequest {
  serviceCode: string;
  lat?: number | undefined;
  long?: number | undefined;
  addressString?: string | undefined;
  addressId?: string | undefined;
  description?: string | undefined;
  mediaUrl?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | undefined;
  accountId?: string | undefined;
  attributes: Record<string, string | string[]>;
}

const MEDIA_MARK = '\n\n附件链接：';
const TOKEN_PREFIX = 'open311-token:';

/**
 * POST requests: files the request through the case intake (channel open311, the key as the actor).
 * A category reviewed before dispatch answers with a token; the others with the tracking number.
 */
export async function createRequest(
  db: Db,
  ctx: AuditContext,
  input: NewRequest,
  lang: Lang,
): Promise<Record<string, Value>> {
  const category = await publicService(db, input.serviceCode);
  const attributes: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(input.attributes)) {
    const attribute = category.attributes.find((a) => a.code === code);
    attributes[code] = attribute?.datatype === 'multivaluelist' && !Array.isArray(value) ? [value] : value;
  }
  let communityId: number | undefined;
  if (input.addressId) {
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', input.addressId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!unit) throw new Open311Failure(400, `address_id ${input.addressId} not found`);
    communityId = unit.id;
  }
  const name = [input.lastName, input.firstName].filter(Boolean).join('') || undefined;
  const text = input.description?.trim() || pick(lang, category.nameZh, category.nameEn);
  const body: RegisterCaseBody = {
    channel: 'open311',
    kind: 'report',
    categoryCode: category.code,
    description: input.mediaUrl ? `${text}${MEDIA_MARK}${input.mediaUrl}` : text,
    urgent: false,
    location: {
      ...(input.lat !== undefined ? { lat: input.lat, lng: input.long } : {}),
      ...(input.addressString ? { address: input.addressString } : {}),
      ...(communityId !== undefined ? { communityId } : {}),
    },
    ...(name || input.phone ? { reporter: { name, phone: input.phone, anonymous: false } } : {}),
    attributes,
  };
  // The intake trusts its routes to have checked the body: check it here the same way.
  const parsed = RegisterCaseBody.safeParse(body);
  if (!parsed.success) {
    const details = describeIssues(parsed.error.issues, 'body', lang);
    throw new AppError('request.invalid', { fields: details.map((d) => d.path).join(', ') }, details);
  }
  const token = category.review ? randomToken(16) : undefined;
  const { id } = await registerCase(db, ctx, parsed.data, token ? `${TOKEN_PREFIX}${token}` : undefined);
  const row = await db
    .selectFrom('cases')
    .select(['tracking_no'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const notice = pick(
    lang,
    category.review ? '已受理，待审核后派单' : '已受理',
    category.review ? 'Received; it will be reviewed before dispatch' : 'Received',
  );
  return token
    ? { token, service_notice: notice, account_id: input.accountId ?? null }
    : { service_request_id: row.tracking_no, service_notice: notice, account_id: input.accountId ?? null };
}

/** GET tokens/{token}: the tracking number once the reviewed request has gone out. */
export async function findToken(db: Db, token: string): Promise<Record<string, Value>> {
  const row = await db
    .selectFrom('idempotency_keys as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select(['c.tracking_no', 'c.status', 'c.triage_reason'])
    .where('k.key', '=', `${TOKEN_PREFIX}${token}`)
    .where('k.actor_key', 'like', 'apikey:%')
    .executeTakeFirst();
  if (!row) throw new Open311Failure(404, `token ${token} not found`);
  const known = row.status !== 'received';
  return { service_request_id: known ? row.tracking_no : null, token };
}

/** Open311's two statuses from the lifecycle: open until closed, merged or withdrawn. */
export function open311Status(status: string): 'open' | 'closed' {
  return status === 'closed' || status === 'merged' || status === 'withdrawn' ? 'closed' : 'open';
}

const OUTCOME_NOTES: Record<string, [string, string]> = {
  solved: ['已解决', 'Solved'],
  explained: ['已解释说明', 'Explained to the reporter'],
  not_solvable: ['暂无法解决，已说明原因', 'Cannot be solved for now; the reasons were given'],
};
const STATUS_NOTES: Record<string, [string, string]> = {
  merged: ['已并入同一事项的其他工单', 'Merged into another request on the same matter'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

/** Mobile and ID-card numbers written into the text are masked: public answers carry neither. */
function maskPhones(text: string): string {
  return text
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}

/** Splits the description from the media link stored with it. */
function splitMedia(description: string): { text: string; mediaUrl: string | null } {
  const at = description.lastIndexOf(MEDIA_MARK);
  if (at < 0) return { text: description, mediaUrl: null };
  return { text: description.slice(0, at), mediaUrl: description.slice(at + MEDIA_MARK.length) };
}

function requestQuery(db: Db) {
  return db
    .selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .leftJoin('units as lead', 'lead.id', 'c.lead_unit_id')
    .leftJoin('units as place', 'place.id', 'c.community_id')
    .select([
      'c.id',
      'c.tracking_no',
      'c.status',
      'c.outcome',
      'c.description',
      'c.address',
      'c.lat',
      'c.lng',
      'c.registered_at',
      'c.updated_at',
      'c.resolve_due_at',
      'cat.code as service_code',
      'cat.name_zh as service_zh',
      'cat.name_en as service_en',
      'lead.name_zh as lead_zh',
      'lead.name_en as lead_en',
      'place.code as address_id',
    ])
    .where('c.sensitive', '=', 0);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

/** One request as GeoReport shows it publicly: no reporter, no free-text resolution. */
function presentRequest(row: RequestRow, lang: Lang): Record<string, Value> {
  const { text, mediaUrl } = splitMedia(row.description);
  const note =
    (row.status === 'resolved' || row.status === 'closed') && row.outcome
      ? OUTCOME_NOTES[row.outcome]
      : STATUS_NOTES[row.status];
  return {
    service_request_id: row.tracking_no,
    status: open311Status(row.status),
    status_notes: note ? pick(lang, note[0], note[1]) : null,
    service_name: row.service_zh ? pick(lang, row.service_zh, row.service_en ?? '') : null,
    service_code: row.service_code,
    description: maskPhones(text),
    agency_responsible: row.lead_zh ? pick(lang, row.lead_zh, row.lead_en ?? '') : null,
    service_notice: null,
    requested_datetime: beijingTime(row.registered_at),
    updated_datetime: beijingTime(row.updated_at),
    expected_datetime: row.status === 'closed' ? null : beijingTime(row.resolve_due_at),
    address: row.address,
    address_id: row.address_id,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: mediaUrl,
  };
}

/** The filters of GET requests, already checked. */
export interface RequestFilter {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  statuses?: ('open' | 'closed')[] | undefined;
  start?: string | undefined;
  end?: string | undefined;
  page: number;
  pageSize: number;
}

const OPEN = ['received', 'dispatched', 'accepted', 'resolved'] as const;
const CLOSED = ['closed', 'merged', 'withdrawn'] as const;
const NINETY_DAYS_MS = 90 * 86_400_000;

/**
 * GET requests: by tracking numbers (the other filters then do not apply), else by service, status
 * and the requested time; without dates the last 90 days; at most 1,000 a page, newest first.
 */
export async function listRequests(db: Db, filter: RequestFilter, lang: Lang) {
  let query = requestQuery(db);
  if (filter.ids) {
    query = query.where('c.tracking_no', 'in', filter.ids);
  } else {
    if (filter.serviceCodes) query = query.where('cat.code', 'in', filter.serviceCodes);
    if (filter.statuses) {
      const statuses = filter.statuses.flatMap((s) => (s === 'open' ? OPEN : CLOSED));
      query = query.where('c.status', 'in', statuses);
    }
    const end = filter.end ?? (filter.start ? undefined : new Date().toISOString());
    const start =
      filter.start ??
      new Date(Date.parse(filter.end ?? new Date().toISOString()) - NINETY_DAYS_MS).toISOString();
    query = query.where('c.registered_at', '>=', start);
    if (end) query = query.where('c.registered_at', '<=', end);
  }
  const rows = await query
    .orderBy('c.registered_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return rows.map((r) => presentRequest(r, lang));
}

/** GET requests/{id}: one public request by its tracking number, or a 404. */
export async function getRequest(db: Db, id: string, lang: Lang): Promise<Record<string, Value>> {
  const row = await requestQuery(db).where('c.tracking_no', '=', id).executeTakeFirst();
  if (!row) throw new Open311Failure(404, `service_request_id ${id} not found`);
  return presentRequest(row, lang);
}

/** The public lifecycle steps an update feed shows, with the status each leaves the request in. */
const UPDATE_ACTIONS: Record<string, { zh: string; en: string }> = {
  register: { zh: '已受理', en: 'Received' },
  dispatch: { zh: '已派往承办单位', en: 'Sent to the handling unit' },
  sign: { zh: '承办单位已签收，正在办理', en: 'Accepted by the handling unit; in progress' },
  resolve: { zh: '已办结，待回访', en: 'Resolved; awaiting a follow-up call' },
  callback: { zh: '已回访', en: 'Followed up with the reporter' },
  rate: { zh: '已评价', en: 'Rated by the reporter' },
  merge: { zh: '已并入其他工单', en: 'Merged into another request' },
  withdraw: { zh: '已撤回', en: 'Withdrawn' },
  reopen: { zh: '已重新办理', en: 'Reopened' },
};

/**
 * The service request updates feed (mySociety FixMyStreet's extension): public lifecycle steps of
 * public requests between two times (default the last 24 hours), oldest first.
 */
export async function listUpdates(
  db: Db,
  range: { start?: string | undefined; end?: string | undefined; page: number; pageSize: number },
  lang: Lang,
) {
  const end = range.end ?? new Date().toISOString();
  const start = range.start ?? new Date(Date.parse(end) - 86_400_000).toISOString();
  const rows = await db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.at', 'e.action', 'e.from_status', 'e.to_status', 'c.tracking_no', 'c.status'])
    .where('c.sensitive', '=', 0)
    .where('e.action', 'in', Object.keys(UPDATE_ACTIONS))
    .where('e.at', '>=', start)
    .where('e.at', '<=', end)
    .orderBy('e.at')
    .orderBy('e.id')
    .limit(range.pageSize)
    .offset((range.page - 1) * range.pageSize)
    .execute();
  return rows.map((r) => {
    const words = UPDATE_ACTIONS[r.action] ?? { zh: '', en: '' };
    return {
      update_id: String(r.id),
      service_request_id: r.tracking_no,
      status: open311Status(r.to_status ?? r.from_status ?? r.status),
      updated_datetime: beijingTime(r.at),
      description: pick(lang, words.zh, words.en),
      media_url: null,
    };
  });
}
