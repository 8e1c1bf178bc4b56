import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AssignmentState } from '../../db/types.ts';
import { type Actor, can, pathWithin, roleActions, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { addLocalDays, nowIso, startOfLocalDay } from '../../platform/time.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import { caseHasWords, queryWords } from '../search/search.index.ts';
import { type CaseScopeDb, whereCaseVisibleTo } from './cases.policy.ts';
import { contactPreferenceOf, presentSummary } from './cases.present.ts';
import { lastReturnsOf, pendingExtensionsOf, selectCaseSummaries } from './cases.repo.ts';
import {
  type CaseCounts,
  type CaseCountsQuery,
  type CaseList,
  type CaseListItem,
  type CaseListQuery,
  LIST_TABS,
} from './cases.schema.ts';

interface Cursor {
  v: string | null;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (typeof c.id === 'number' && (typeof c.v === 'string' || c.v === null)) return c;
  } catch {}
  throw new AppError('request.invalid', { fields: 'querystring.cursor' }, [
    { path: 'querystring.cursor', code: 'invalid', message: 'cursor', i18n: 'cursor' },
  ]);
}

/** The summary's columns and the few a worklist adds. */
function selectListRows(db: Db) {
  return selectCaseSummaries(db).select([
    'c.return_count',
    'c.escalation_level',
    'c.resolved_at',
    'c.outcome',
    'c.contact_preference',
  ]);
}
export type ListQueryBuilder = ReturnType<typeof selectListRows>;
export type ListRow = Awaited<ReturnType<ListQueryBuilder['execute']>>[number];

const HANDLING: AssignmentState[] = ['dispatched', 'accepted'];
/** Case statuses while a unit is handling the case. */
const BEING_HANDLED = ['dispatched', 'accepted'] as const;
const INBOX_STATES: Record<string, AssignmentState[]> = {
  to_sign: ['dispatched'],
  in_progress: ['accepted'],
  due_soon: HANDLING,
  overdue: HANDLING,
};

/** `text` anywhere in the column, case-insensitively, with LIKE's wildcards taken literally. */
function contains(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/**
 * The viewer's visible cases narrowed by the view, its tab and the filters: a unit's inbox, the triage
 * queue, the pending extension requests, the callback queue, the supervisor's watch list, my own
 * registrations, or everything the viewer may read. Refuses a view the viewer has no role for.
 */
export async function narrowList(db: Db, viewer: Actor, query: CaseListQuery): Promise<ListQueryBuilder> {
  if (viewer.type === 'anonymous' || viewer.type === 'system') throw new AppError('auth.required');
  let q = selectListRows(db).where(whereCaseVisibleTo(viewer));
  const now = nowIso();
  const { tab } = query;

  switch (query.view) {
    case 'inbox': {
      const scope = await inboxScope(db, viewer, query.unitId);
      // Driven from the few live assignments of the unit, not from the whole case table: being sent to
      // one's unit already passes the read rule (it needs handling reach, which the scope is).
      q = selectListRows(db).where((eb) =>
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('case_assignments as a')
            .select('a.case_id')
            .where('a.state', 'in', tab === undefined ? HANDLING : (INBOX_STATES[tab] ?? HANDLING))
            .where((e) => pathWithin(e, 'a.unit_path', scope)),
        ),
      );
      if (tab === 'due_soon') q = q.where('c.sla_state', '=', 'due_soon');
      if (tab === 'overdue') q = q.where('c.sla_state', '=', 'overdue');
      break;
    }
    case 'triage': {
      const scope = scopeOf(viewer, 'case.dispatch');
      if (scope.length === 0) throw new AppError('access.denied');
      q = q.where('c.status', '=', 'received').where((eb) => pathWithin(eb, 'c.location_path', scope));
      if (tab === 'returned') q = q.where('c.triage_reason', '=', 'returned');
      if (tab === 'new')
        q = q.where((eb) =>
          eb.or([eb('c.triage_reason', 'is', null), eb('c.triage_reason', '!=', 'returned')]),
        );
      break;
    }
    case 'extensions': {
      // Driven from the few pending requests; the decision is the dispatcher's of the case's area.
      const scope = scopeOf(viewer, 'case.decide_extension');
      if (scope.length === 0) throw new AppError('access.denied');
      q = q
        .where('c.status', '=', 'accepted')
        .where((eb) =>
          eb(
            'c.id',
            'in',
            eb.selectFrom('case_extensions as x').select('x.case_id').where('x.state', '=', 'pending'),
          ),
        )
        .where((eb) => byPlaceOrLead(eb, scope));
      break;
    }
    case 'callback':
      if (scopeOf(viewer, 'case.callback').length === 0) throw new AppError('access.denied');
      q = q.where('c.status', '=', 'resolved');
      break;
    case 'watch':
      if (scopeOf(viewer, 'case.supervise').length === 0) throw new AppError('access.denied');
      // Cases still to be handled: once resolved, what remains is the callback, not the unit's work.
      q = q
        .where('c.status', 'in', ['received', 'dispatched', 'accepted'])
        .where((eb) =>
          eb.or([
            eb('c.supervised', '=', 1),
            eb('c.sla_state', '!=', 'none'),
            eb('c.return_count', '>', 1),
            eb('c.urgent', '=', 1),
          ]),
        );
      q = narrowWatch(q, tab);
      break;
    case 'mine':
      q =
        viewer.type === 'resident'
          ? q.where('c.resident_user_id', '=', viewer.userId)
          : q.where('c.registered_by', '=', viewer.type === 'staff' ? viewer.userId : -1);
      break;
    default:
      break;
  }

  if (query.status?.length) q = q.where('c.status', 'in', query.status);
  if (query.category?.length) q = q.where('cat.code', 'in', query.category);
  if (query.channel?.length) q = q.where('c.channel', 'in', query.channel);
  if (query.streetId) q = q.where('c.street_id', '=', query.streetId);
  if (query.communityId) q = q.where('c.community_id', '=', query.communityId);
  if (query.from) q = q.where('c.registered_at', '>=', startOfLocalDay(query.from));
  if (query.to) q = q.where('c.registered_at', '<', startOfLocalDay(addLocalDays(query.to, 1)));
  if (query.overdue !== undefined) {
    q = query.overdue
      ? q.where('c.status', 'in', BEING_HANDLED).where('c.resolve_due_at', '<', now)
      : q.where((eb) => eb.or([eb('c.resolve_due_at', 'is', null), eb('c.resolve_due_at', '>=', now)]));
  }
  if (query.q) {
    // A whole tracking number finds its case through the unique index; otherwise its start, or the
    // words of its title and text through the search index (jieba's words: 低保 is not in 降低保费).
    const text = query.q;
    const terms = queryWords(text);
    q = q.where((eb) =>
      eb.or([
        eb('c.tracking_no', '=', text.toUpperCase()),
        contains('c.tracking_no', text),
        ...(terms.length > 0 ? [caseHasWords(db, terms)] : []),
      ]),
    );
  }
  if (query.reporterPhone) {
    if (scopeOf(viewer, 'case.view_reporter').length === 0) throw new AppError('access.denied');
    const phone = query.reporterPhone;
    q = q.where((eb) =>
      eb.or([
        eb('c.reporter_id', 'in', eb.selectFrom('persons').select('id').where('phone', '=', phone)),
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('case_reporters as cr')
            .innerJoin('persons as p', 'p.id', 'cr.person_id')
            .select('cr.case_id')
            .where('p.phone', '=', phone),
        ),
      ]),
    );
  }
  return q;
}

/** The place or the lead unit of the case lies in the scope (the overseers' reach). */
function byPlaceOrLead(eb: ExpressionBuilder<CaseScopeDb, 'c'>, scope: string[]) {
  return eb.or([pathWithin(eb, 'c.location_path', scope), pathWithin(eb, 'c.lead_unit_path', scope)]);
}

/** One reason of the watch list; lateness counts only while a unit is handling the case. */
function narrowWatch(q: ListQueryBuilder, tab: string | undefined): ListQueryBuilder {
  switch (tab) {
    case 'overdue':
    case 'due_soon':
      return q.where('c.sla_state', '=', tab).where('c.status', 'in', BEING_HANDLED);
    case 'supervised':
      return q.where('c.supervised', '=', 1);
    case 'escalated':
      return q.where('c.escalation_level', '>=', 2);
    case 'urgent':
      return q.where('c.urgent', '=', 1);
    case 'returned':
      return q.where('c.return_count', '>', 1);
    default:
      return q;
  }
}

const SORT_COLUMNS = {
  newest: 'c.registered_at',
  oldest: 'c.registered_at',
  due: 'c.resolve_due_at',
  resolved: 'c.resolved_at',
} as const;

/**
 * A worklist, a page at a time (see narrowList for what each view holds), with the latest return and
 * any pending extension request of each case on the page. Keyset pagination on (sort value, id).
 */
export async function listCases(db: Db, viewer: Actor, query: CaseListQuery): Promise<CaseList> {
  let q = await narrowList(db, viewer, query);
  const column = SORT_COLUMNS[query.sort];
  // Deadlines and resolution times may be missing: those cases sort last.
  const nullable = query.sort === 'due' || query.sort === 'resolved';
  const descending = query.sort === 'newest';
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    const op = descending ? '<' : '>';
    q = q.where((eb) =>
      cursor.v === null
        ? eb.and([eb(column, 'is', null), eb('c.id', op, cursor.id)])
        : eb.or([
            eb(column, op, cursor.v),
            eb.and([eb(column, '=', cursor.v), eb('c.id', op, cursor.id)]),
            ...(nullable ? [eb(column, 'is', null)] : []),
          ]),
    );
  }
  const direction = descending ? 'desc' : 'asc';
  if (nullable) q = q.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`);
  const rows = await q
    .orderBy(column, direction)
    .orderBy('c.id', direction)
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const sortValue = (r: (typeof page)[number]) =>
    ({ newest: r.registered_at, oldest: r.registered_at, due: r.resolve_due_at, resolved: r.resolved_at })[
      query.sort
    ];
  return {
    items: await presentListRows(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: sortValue(last), id: last.id }) : null,
  };
}

/** Worklist rows as list items, with the latest return and any pending extension request of each. */
export async function presentListRows(db: Db, page: ListRow[]): Promise<CaseListItem[]> {
  const clock = { calendar: await getWorkCalendar(db), now: nowIso() };
  const returns = await lastReturnsOf(
    db,
    page.filter((r) => r.return_count > 0).map((r) => r.id),
  );
  const extensions = await pendingExtensionsOf(
    db,
    page.filter((r) => r.status === 'accepted').map((r) => r.id),
  );
  const unit = (u: { unit_id: number; unit_code: string; unit_name_zh: string; unit_name_en: string }) => ({
    id: u.unit_id,
    code: u.unit_code,
    nameZh: u.unit_name_zh,
    nameEn: u.unit_name_en,
  });
  return page.map((r): CaseListItem => {
    const back = returns.get(r.id);
    const ext = extensions.get(r.id);
    return {
      ...presentSummary(r, clock),
      returnCount: r.return_count,
      escalationLevel: r.escalation_level,
      resolvedAt: r.resolved_at,
      outcome: r.outcome as CaseListItem['outcome'],
      contactPreference: contactPreferenceOf(r),
      lastReturn: back ? { unit: unit(back), at: back.ended_at, reason: back.return_reason ?? '' } : null,
      pendingExtension: ext
        ? { id: ext.id, unit: unit(ext), days: ext.days, reason: ext.reason, requestedAt: ext.requested_at }
        : null,
    };
  });
}

/**
 * How many cases each tab of a worklist holds, counted by the same query the list runs; on the
 * triage desk also the pending extension requests the viewer may decide, on the watch list `all`.
 * The inbox adds the units the viewer handles for.
 */
export async function countCases(db: Db, viewer: Actor, query: CaseCountsQuery): Promise<CaseCounts> {
  const count = async (view: CaseListQuery['view'], tab?: string) => {
    const q = await narrowList(db, viewer, { view, tab, unitId: query.unitId, sort: 'newest', limit: 1 });
    const row = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const tabs: Record<string, number> = {};
  for (const tab of LIST_TABS[query.view] ?? []) tabs[tab] = await count(query.view, tab);
  if (query.view === 'triage' && scopeOf(viewer, 'case.decide_extension').length > 0)
    tabs.extensions = await count('extensions');
  if (query.view === 'watch') tabs.all = await count('watch');
  return { tabs, units: query.view === 'inbox' ? await inboxUnits(db, viewer) : [] };
}

/** The unit subtrees whose inbox the viewer reads: one unit they handle for, or all of them. */
async function inboxScope(db: Db, viewer: Actor, unitId: number | undefined): Promise<string[]> {
  const handle = scopeOf(viewer, 'case.handle');
  if (handle.length === 0) throw new AppError('access.denied');
  if (unitId === undefined) return handle;
  const unit = await findPlacedUnit(db, unitId);
  if (!unit || !can(viewer, 'case.handle', { unitPath: unit.path })) throw new AppError('record.not_found');
  return [unit.path];
}

/** The units the viewer holds a handling role in, for choosing one unit's inbox. */
async function inboxUnits(db: Db, viewer: Actor): Promise<CaseCounts['units']> {
  if (viewer.type !== 'staff') return [];
  const ids = [
    ...new Set(viewer.roles.filter((g) => roleActions(g.role).includes('case.handle')).map((g) => g.unitId)),
  ];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('id', 'in', ids)
    .orderBy('path')
    .execute();
  return rows.map((u) => ({ id: u.id, code: u.code, nameZh: u.name_zh, nameEn: u.name_en }));
}
