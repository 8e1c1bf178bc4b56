import {
  type Expression,
  type ExpressionBuilder,
  PostgresAdapter,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CaseTable, Database } from '../../db/types.ts';
import { pathWithin } from '../../platform/access.ts';
import { localDateOf } from './figures.period.ts';

/**
 * The figures' SQL: every count is one GROUP BY over an indexed event time, so a million cases
 * never leave the database. The repo counts; the service decides what the counts mean.
 */

/** What rows are grouped by: nothing, a case attribute, or the local day of each row's own event time. */
export type Grouping = 'all' | 'street' | 'community' | 'category' | 'channel' | 'unit' | 'day';

/** Everything the figures count, per group. */
export interface Counts {
  registered: number;
  answeredAtIntake: number;
  /** Registered and not merged or withdrawn: the backlog's inflow (cases closed are its outflow). */
  registeredOpenable: number;
  dispatches: number;
  signedOnTime: number;
  returns: number;
  resolved: number;
  resolvedOnTime: number;
  callbacksAnswered: number;
  callbacksSolved: number;
  ratings: number;
  ratingsSatisfied: number;
  closed: number;
  closedFirstTime: number;
  /** Cases resolved in the period that a unit handled (not answered at intake), and their minutes from registration to resolution. */
  handledResolved: number;
  handlingMinutes: number;
  backlog: number;
  overdueNow: number;
  /** Cases a unit is handling now (dispatched or accepted), and those of them a supervisor flagged. */
  handlingNow: number;
  supervisedNow: number;
}

/** Counts of one group; `key` is the group's id, code or local day as text, null for "none". */
export interface KeyedCounts {
  key: string | null;
  counts: Partial<Counts>;
}

/** Which cases and which event times: `scope` is a unit path prefix, null for the whole district. */
export interface CountQuery {
  scope: string | null;
  /** Only cases of these categories (a leaf, or every leaf of a group); null or absent: every case. */
  categoryIds?: number[] | null;
  /** Null: no lower bound (the backlog and overdue counts look at everything before `toAt`). */
  fromAt: string | null;
  toAt: string;
  grouping: Grouping;
}

type CaseDb = Database & { c: CaseTable };

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Days are grouped by the UTC hour of the event (`YYYY-MM-DDTHH`, a prefix of the stored text) and
 * folded into local days here: Beijing is a whole number of hours ahead, so every UTC hour lies in
 * exactly one local day, and cutting text is several times cheaper than parsing it into a time
 * zone (to_char on PostgreSQL, date() on SQLite), the same SQL on both engines.
 */
function utcHour(column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, 13)`;
}

/** Sums the rows of UTC hours into rows of local days. */
function foldHoursIntoDays(rows: KeyedCounts[]): KeyedCounts[] {
  const days = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const day = localDateOf(new Date(`${row.key}:00:00Z`));
    const sum = days.get(day) ?? {};
    for (const [name, n] of Object.entries(row.counts)) sum[name] = (sum[name] ?? 0) + (n ?? 0);
    days.set(day, sum);
  }
  return [...days].map(([key, counts]) => ({ key, counts }));
}

/**
 * The GROUP BY expression; `unitColumn` lets dispatch counts group by the dispatch's own unit. On
 * SQLite a bare indexed column tempts the planner to walk that index for the grouping and fetch a
 * million rows one by one; the unary `+` (a no-op) keeps it on the event-time index instead.
 */
function groupExpression(
  db: Db,
  grouping: Grouping,
  eventColumn: string,
  unitColumn = 'c.lead_unit_id',
): RawBuilder<unknown> | null {
  const column = (name: string) => (isPostgres(db) ? sql`${sql.ref(name)}` : sql`+${sql.ref(name)}`);
  switch (grouping) {
    case 'all':
      return null;
    case 'street':
      return column('c.street_id');
    case 'community':
      return column('c.community_id');
    case 'category':
      return column('c.category_id');
    case 'channel':
      return column('c.channel');
    case 'unit':
      return column(unitColumn);
    case 'day':
      return utcHour(eventColumn);
  }
}

/** A case lies in the subtree when its place or its current lead unit does. */
function caseInScope(scope: string) {
  return (eb: ExpressionBuilder<CaseDb, 'c'>): Expression<SqlBool> =>
    eb.or([pathWithin(eb, 'c.location_path', [scope]), pathWithin(eb, 'c.lead_unit_path', [scope])]);
}

/** A case of one of these categories; an empty list matches nothing. */
function inCategories(ids: number[]) {
  return (eb: ExpressionBuilder<CaseDb, 'c'>): Expression<SqlBool> =>
    ids.length === 0 ? sql<SqlBool>`1 = 0` : eb('c.category_id', 'in', ids);
}

/** SQL: how many rows of the group meet the condition. */
function countWhere(condition: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`sum(case when ${condition} then 1 else 0 end)`;
}

const countAll = sql<number>`count(*)`;

type Aggregates = Record<string, RawBuilder<number>>;

/**
 * Runs one aggregate over `cases as c` (plus an optional joined table), filtered to the scope and to
 * `[fromAt, toAt)` on the event column, grouped per the grouping.
 */
async function aggregate(
  db: Db,
  q: CountQuery,
  options: {
    from: 'cases' | 'case_assignments' | 'case_callbacks';
    event: string;
    where: RawBuilder<SqlBool>[];
    aggregates: Aggregates;
  },
): Promise<KeyedCounts[]> {
  const unitColumn = options.from === 'case_assignments' ? 'x.unit_id' : 'c.lead_unit_id';
  const group = groupExpression(db, q.grouping, options.event, unitColumn);
  const selections = [
    sql`${group ?? sql`null`}`.as('k'),
    ...Object.entries(options.aggregates).map(([name, expr]) => expr.as(name)),
  ];
  const event = sql.ref(options.event);
  const conditions = [
    q.fromAt === null ? sql<SqlBool>`${event} is not null` : sql<SqlBool>`${event} >= ${q.fromAt}`,
    sql<SqlBool>`${event} < ${q.toAt}`,
    ...options.where,
  ];
  let query = fromCases(db, options.from);
  const scope = q.scope;
  if (scope !== null) query = query.where(caseInScope(scope));
  if (q.categoryIds) query = query.where(inCategories(q.categoryIds));
  for (const condition of conditions) query = query.where(condition);
  const grouped = query.select(selections);
  const rows = await (group ? grouped.groupBy(group) : grouped).execute();
  const counted = rows.map((row) => keyed(row as Record<string, unknown>, Object.keys(options.aggregates)));
  return q.grouping === 'day' ? foldHoursIntoDays(counted) : counted;
}

/**
 * `cases as c`, joined to the counted table as `x` when it is not the cases table. Everything after
 * the FROM refers to `x` in raw SQL, so the joined query is typed as the plain one.
 */
function fromCases(db: Db, table: 'cases' | 'case_assignments' | 'case_callbacks') {
  const cases = db.selectFrom('cases as c');
  if (table === 'case_assignments')
    return db
      .selectFrom('case_assignments as x')
      .innerJoin('cases as c', 'c.id', 'x.case_id') as unknown as typeof cases;
  if (table === 'case_callbacks')
    return db
      .selectFrom('case_callbacks as x')
      .innerJoin('cases as c', 'c.id', 'x.case_id') as unknown as typeof cases;
  return cases;
}

function keyed(row: Record<string, unknown>, names: string[]): KeyedCounts {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = Number(row[name] ?? 0);
  return { key: row.k === null || row.k === undefined ? null : String(row.k), counts };
}

/**
 * `status = 'closed'`, which nearly every case is: on SQLite a bare column would tempt the planner
 * onto the status index and a million rows; the unary `+` keeps it on the event-time index.
 */
function isClosed(db: Db): RawBuilder<SqlBool> {
  return isPostgres(db) ? sql<SqlBool>`c.status = 'closed'` : sql<SqlBool>`+c.status = 'closed'`;
}

/** Cases registered in the period, and how many of them were answered on the spot at intake. */
export function countRegistered(db: Db, q: CountQuery): Promise<KeyedCounts[]> {
  return aggregate(db, q, {
    from: 'cases',
    event: 'c.registered_at',
    where: [],
    aggregates: {
      registered: countAll,
      answeredAtIntake: countWhere(sql`c.answered_at_intake = 1`),
      registeredOpenable: countWhere(sql`c.status not in ('merged', 'withdrawn')`),
    },
  });
}

/**
 * Dispatches sent in the period, and those signed by the sign deadline. Left out: those cancelled
 * unsigned, and those still unsigned with time left to sign (their outcome is not known yet).
 */
export function countDispatches(
  db: Db,
  q: CountQuery,
  now: string = new Date().toISOString(),
): Promise<KeyedCounts[]> {
  return aggregate(db, q, {
    from: 'case_assignments',
    event: 'x.dispatched_at',
    where: [
      sql<SqlBool>`not (x.state = 'cancelled' and x.signed_at is null)`,
      sql<SqlBool>`(x.signed_at is not null or x.sign_due_at <= ${now})`,
    ],
    aggregates: {
      dispatches: countAll,
      signedOnTime: countWhere(sql`x.signed_at is not null and x.signed_at <= x.sign_due_at`),
    },
  });
}

/** Dispatches returned (misroutes) in the period, by when they were returned. */
export function countReturns(db: Db, q: CountQuery): Promise<KeyedCounts[]> {
  return aggregate(db, q, {
    from: 'case_assignments',
    event: 'x.ended_at',
    where: [sql<SqlBool>`x.state = 'returned'`],
    aggregates: { returns: countAll },
  });
}

/**
 * Cases whose latest resolution falls in the period, and those resolved by their current deadline. A
 * case without a deadline (answered at intake) counts as on time, as the case engine's own `resolve`
 * event does.
 */
export function countResolved(db: Db, q: CountQuery): Promise<KeyedCounts[]> {
  const handled = sql`c.answered_at_intake = 0`;
  return aggregate(db, q, {
    from: 'cases',
    event: 'c.resolved_at',
    where: [],
    aggregates: {
      resolved: countAll,
      resolvedOnTime: countWhere(sql`c.resolve_due_at is null or c.resolved_at <= c.resolve_due_at`),
      handledResolved: countWhere(handled),
      handlingMinutes: sql<number>`round(sum(case when ${handled} then ${minutesBetween(db, 'c.registered_at', 'c.resolved_at')} else 0 end))`,
    },
  });
}

/** SQL: minutes from one stored ISO instant to another, on either engine. */
function minutesBetween(db: Db, from: string, to: string): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`extract(epoch from (cast(${sql.ref(to)} as timestamptz) - cast(${sql.ref(from)} as timestamptz))) / 60`
    : sql<number>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 1440`;
}

/** Answered callbacks in the period: solved ones, rated ones and satisfied ratings. */
export function countCallbacks(db: Db, q: CountQuery): Promise<KeyedCounts[]> {
  return aggregate(db, q, {
    from: 'case_callbacks',
    event: 'x.at',
    where: [sql<SqlBool>`x.answered = 1`],
    aggregates: {
      callbacksAnswered: countAll,
      callbacksSolved: countWhere(sql`x.solved = 1`),
      ratings: countWhere(sql`x.rating is not null`),
      ratingsSatisfied: countWhere(sql`x.rating in ('satisfied', 'basically_satisfied')`),
    },
  });
}

/** Cases closed in the period, and those never reopened and without a repeat case. */
export function countClosed(db: Db, q: CountQuery): Promise<KeyedCounts[]> {
  return aggregate(db, q, {
    from: 'cases',
    event: 'c.closed_at',
    where: [isClosed(db)],
    aggregates: {
      closed: countAll,
      closedFirstTime: countWhere(sql`c.reopen_count = 0 and c.repeated = 0`),
    },
  });
}

/** Which cases a count of what stands at an instant looks at, and how it groups them. */
export interface StockQuery {
  scope: string | null;
  categoryIds?: number[] | null;
  grouping: Exclude<Grouping, 'day'>;
}

const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * Cases open at an instant: registered before it, not ended by it, and not merged or withdrawn now.
 * Such a case is either still in an open status, or closed after the instant (a closed case ends
 * when it closes). The two are counted apart, each on its own index — the open statuses, and the
 * closing time — since one query with an OR between them reads every case.
 */
export async function countBacklog(db: Db, q: StockQuery & { at: string }): Promise<KeyedCounts[]> {
  const [open, closedLater] = await Promise.all([
    aggregate(
      db,
      { scope: q.scope, categoryIds: q.categoryIds, grouping: q.grouping, fromAt: null, toAt: q.at },
      {
        from: 'cases',
        event: 'c.registered_at',
        where: [sql<SqlBool>`c.status in ('received', 'dispatched', 'accepted', 'resolved')`],
        aggregates: { backlog: countAll },
      },
    ),
    aggregate(
      db,
      {
        scope: q.scope,
        categoryIds: q.categoryIds,
        grouping: q.grouping,
        fromAt: q.at,
        toAt: END_OF_TIME,
      },
      {
        from: 'cases',
        event: 'c.closed_at',
        where: [isClosed(db), sql<SqlBool>`c.registered_at < ${q.at}`],
        aggregates: { backlog: countAll },
      },
    ),
  ]);
  return [...open, ...closedLater];
}

/** Cases being handled (dispatched or accepted) whose resolve deadline has passed at `now`. */
export function countOverdue(db: Db, q: StockQuery & { now: string }): Promise<KeyedCounts[]> {
  return aggregate(
    db,
    { scope: q.scope, categoryIds: q.categoryIds, grouping: q.grouping, fromAt: null, toAt: q.now },
    {
      from: 'cases',
      event: 'c.resolve_due_at',
      where: [sql<SqlBool>`c.status in ('dispatched', 'accepted')`],
      aggregates: { overdueNow: countAll },
    },
  );
}

/**
 * Cases a unit is handling now (dispatched or accepted), and those of them a supervisor flagged:
 * read on the status index, which holds few open cases among a million closed ones.
 */
export function countHandlingNow(db: Db, q: StockQuery): Promise<KeyedCounts[]> {
  return aggregate(
    db,
    { scope: q.scope, categoryIds: q.categoryIds, grouping: q.grouping, fromAt: null, toAt: END_OF_TIME },
    {
      from: 'cases',
      event: 'c.registered_at',
      where: [sql<SqlBool>`c.status in ('dispatched', 'accepted')`],
      aggregates: { handlingNow: countAll, supervisedNow: countWhere(sql`c.supervised = 1`) },
    },
  );
}

/** Which cases registered in `[fromAt, toAt)` are counted. */
export interface RegisteredQuery {
  scope: string | null;
  categoryIds?: number[] | null;
  fromAt: string;
  toAt: string;
}

/** Cases of the scope (and categories) registered in `[fromAt, toAt)`. */
function registeredIn(db: Db, q: RegisteredQuery) {
  let query = db
    .selectFrom('cases as c')
    .where('c.registered_at', '>=', q.fromAt)
    .where('c.registered_at', '<', q.toAt);
  if (q.scope !== null) query = query.where(caseInScope(q.scope));
  if (q.categoryIds) query = query.where(inCategories(q.categoryIds));
  return query;
}

/** Cases registered in the period per channel, kind and current status. */
export async function countRegisteredBy(
  db: Db,
  q: RegisteredQuery,
): Promise<{ channel: string; kind: string; status: string; n: number }[]> {
  const query = registeredIn(db, q);
  const rows = await query
    .select(['c.channel', 'c.kind', 'c.status', countAll.as('n')])
    .groupBy(['c.channel', 'c.kind', 'c.status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, kind: r.kind, status: r.status, n: Number(r.n) }));
}

export interface LabelRow {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
}

export interface FiguresUnitRow extends LabelRow {
  path: string;
  parent_id: number | null;
}

export function findUnitById(db: Db, id: number): Promise<FiguresUnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'path', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUnitByCode(db: Db, code: string): Promise<FiguresUnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'path', 'parent_id'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The organisation's root (the district), for callers that name no unit. */
export function findRootUnit(db: Db): Promise<FiguresUnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'path', 'parent_id'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

export async function findUnitLabels(db: Db, ids: number[]): Promise<LabelRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('units').select(['id', 'code', 'name_zh', 'name_en']).where('id', 'in', ids).execute();
}

export async function findCategoryLabels(db: Db, ids: number[]): Promise<LabelRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('id', 'in', ids)
    .execute();
}

/** Registrations per local day of the period, by channel, kind and current status. */
export async function countRegisteredByDay(
  db: Db,
  q: RegisteredQuery,
): Promise<Map<string, RegisteredByRow[]>> {
  const query = registeredIn(db, q);
  const hour = utcHour('c.registered_at');
  const rows = await query
    .select([hour.as('h'), 'c.channel', 'c.kind', 'c.status', countAll.as('n')])
    .groupBy([hour, 'c.channel', 'c.kind', 'c.status'])
    .execute();
  const days = new Map<string, RegisteredByRow[]>();
  for (const r of rows) {
    const day = localDateOf(new Date(`${r.h}:00:00Z`));
    const list = days.get(day) ?? [];
    const same = list.find((x) => x.channel === r.channel && x.kind === r.kind && x.status === r.status);
    if (same) same.n += Number(r.n);
    else list.push({ channel: r.channel, kind: r.kind, status: r.status, n: Number(r.n) });
    days.set(day, list);
  }
  return days;
}

export interface RegisteredByRow {
  channel: string;
  kind: string;
  status: string;
  n: number;
}

/** The cached days of a unit's figures in `[fromDay, toDay)`. */
export function selectFigureDays(db: Db, unitId: number, fromDay: string, toDay: string) {
  return db
    .selectFrom('figure_days')
    .select(['day', 'counts'])
    .where('unit_id', '=', unitId)
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .execute();
}

/** Stores computed days; a day another request stored meanwhile is kept as it is. */
export async function insertFigureDays(
  db: Db,
  rows: { unit_id: number; day: string; counts: string; computed_at: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('figure_days')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['unit_id', 'day']).doNothing())
      .execute();
  }
}

/** Forgets the cached figures of these local days (every unit), or of every day. */
/** When the earliest dispatch still unsigned with time left to sign was sent; null when there is none. */
export async function earliestPendingDispatch(db: Db, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('case_assignments')
    .select((eb) => eb.fn.min('dispatched_at').as('at'))
    .where('state', '=', 'dispatched')
    .where('signed_at', 'is', null)
    .where('sign_due_at', '>', now)
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function deleteFigureDays(db: Db, days: string[] | 'all'): Promise<void> {
  if (days === 'all') await db.deleteFrom('figure_days').execute();
  else if (days.length > 0) await db.deleteFrom('figure_days').where('day', 'in', days).execute();
}
