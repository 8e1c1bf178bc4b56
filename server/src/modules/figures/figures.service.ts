import type { Db } from '../../db/database.ts';
import { type Actor, can, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { countFlows, liveFigures, settledFigures, settleLine } from './figures.cache.ts';
import { type CaseFilter, NO_FILTER, resolveCaseFilter } from './figures.filters.ts';
import {
  addDays,
  boundsOf,
  bucketsOf,
  daysBetween,
  localDateOf,
  type Period,
  resolvePeriod,
} from './figures.period.ts';
import './figures.policy.ts';
import {
  addCounts,
  averageHandlingHours,
  channelKey,
  presentFigures,
  presentFiguresNow,
  presentHandling,
  zeroCounts,
} from './figures.present.ts';
import {
  type CountQuery,
  type Counts,
  countBacklog,
  countHandlingNow,
  countOverdue,
  countRegisteredByDay,
  type FiguresUnitRow,
  findCategoryLabels,
  findRootUnit,
  findUnitByCode,
  findUnitById,
  findUnitLabels,
  type Grouping,
  type KeyedCounts,
  type LabelRow,
} from './figures.repo.ts';
import {
  type BreakdownQuery,
  type FiguresBreakdown,
  FiguresQuery,
  type FiguresSeries,
  type FiguresSummary,
  type FiguresUnit,
  type GroupKey,
  type SeriesQuery,
} from './figures.schema.ts';

type CaseGrouping = Exclude<Grouping, 'day'>;

export function presentUnit(u: FiguresUnitRow): FiguresUnit {
  return { id: u.id, code: u.code, nameZh: u.name_zh, nameEn: u.name_en };
}

/** The path prefix a unit's figures cover; null for the root, whose figures count every case, placed or not. */
export function subtreeOf(unit: FiguresUnitRow): string | null {
  return unit.parent_id === null ? null : unit.path;
}

/** The id of the widest unit among the subtrees the viewer reaches (fewest path segments, first wins). */
function widestUnitId(scope: string[]): number {
  const segments = (path: string) => path.split('/').filter(Boolean);
  const widest = scope.reduce((a, b) => (segments(b).length < segments(a).length ? b : a));
  return Number(segments(widest).at(-1));
}

/**
 * The unit asked for, or the viewer's widest: 403 for a viewer who may read figures nowhere, and
 * not-found, the same as a missing unit, for a unit outside the viewer's reach.
 */
export async function unitInReach(
  db: Db,
  viewer: Actor,
  unitId: number | undefined,
): Promise<FiguresUnitRow> {
  const scope = scopeOf(viewer, 'figures.read');
  if (scope.length === 0) throw new AppError('access.denied');
  const unit = await findUnitById(db, unitId ?? widestUnitId(scope));
  if (!unit || !can(viewer, 'figures.read', { unitPath: unit.path })) throw new AppError('record.not_found');
  return unit;
}

/** Merges the rows of several counts into one Counts per group key. */
function mergeGroups(results: KeyedCounts[][]): Map<string | null, Counts> {
  const groups = new Map<string | null, Counts>();
  for (const rows of results) {
    for (const row of rows) {
      const counts = groups.get(row.key) ?? zeroCounts();
      groups.set(row.key, addCounts(counts, row.counts));
    }
  }
  return groups;
}

/** Every per-period count for the scope, grouped by a case attribute (or not at all: key null). */
export async function countGroups(
  db: Db,
  q: CountQuery & { grouping: CaseGrouping },
  now: Date,
): Promise<Map<string | null, Counts>> {
  const stock = { scope: q.scope, categoryIds: q.categoryIds ?? null, grouping: q.grouping };
  const [flows, backlog, overdue, handling] = await Promise.all([
    countFlows(db, q, now),
    countBacklog(db, { ...stock, at: q.toAt }),
    countOverdue(db, { ...stock, now: now.toISOString() }),
    countHandlingNow(db, stock),
  ]);
  return mergeGroups([...flows, backlog, overdue, handling]);
}

/**
 * All figures of a unit's subtree over a period, without an access check (for the command line and
 * the reports). Settled days come from the kept daily figures (computed once), the last few days
 * live from the tables, and the backlog and overdue counts at the period's end and now. Figures
 * narrowed to some categories are counted live over the whole period: the kept days are per unit.
 */
export async function computeSummary(
  db: Db,
  unit: FiguresUnitRow,
  period: Period,
  now = new Date(),
  filter: CaseFilter = NO_FILTER,
): Promise<FiguresSummary> {
  const { counts, byRows } = await countSummary(db, unit, period, now, filter);
  const registeredBy = { channel: {}, kind: {}, status: {} } as FiguresSummary['registeredBy'];
  for (const row of byRows) {
    for (const dimension of ['channel', 'kind', 'status'] as const) {
      const tally = registeredBy[dimension];
      tally[row[dimension]] = (tally[row[dimension]] ?? 0) + row.n;
    }
  }
  return {
    unit: presentUnit(unit),
    period,
    category: filter.category,
    figures: presentFiguresNow(counts),
    handling: presentHandling(counts),
    previous: null,
    registeredBy,
  };
}

/** The counts behind a summary, and its registrations by channel, kind and status. */
async function countSummary(
  db: Db,
  unit: FiguresUnitRow,
  period: Period,
  now: Date,
  filter: CaseFilter,
): Promise<{ counts: Counts; byRows: { channel: string; kind: string; status: string; n: number }[] }> {
  const { toAt } = boundsOf(period);
  const scope = subtreeOf(unit);
  const { categoryIds } = filter;
  const stock = { scope, categoryIds, grouping: 'all' as const };
  const flows = async () => {
    if (categoryIds !== null) return [await liveFigures(db, scope, period.from, period.to, now, categoryIds)];
    const line = await settleLine(db, now);
    // Local dates compare as text: the settled part ends at the earlier, the live part starts at the later.
    const [settledTo] = [period.to, line].sort() as [string];
    const liveFrom = [period.from, settledTo].sort()[1] as string;
    return Promise.all([
      period.from < settledTo ? settledFigures(db, unit, scope, period.from, settledTo, now) : null,
      liveFrom < period.to ? liveFigures(db, scope, liveFrom, period.to, now) : null,
    ]);
  };
  const [parts, backlog, overdue, handling] = await Promise.all([
    flows(),
    countBacklog(db, { ...stock, at: toAt }),
    countOverdue(db, { ...stock, now: now.toISOString() }),
    countHandlingNow(db, stock),
  ]);
  const counts = zeroCounts();
  const byRows: { channel: string; kind: string; status: string; n: number }[] = [];
  for (const part of parts) {
    if (!part) continue;
    addCounts(counts, part.counts);
    byRows.push(...part.by);
  }
  for (const row of [...backlog, ...overdue, ...handling]) addCounts(counts, row.counts);
  return { counts, byRows };
}

/** The period of the same length that ends where this one starts. */
export function previousPeriod(period: Period): Period {
  return { from: addDays(period.from, -daysBetween(period.from, period.to)), to: period.from };
}

/**
 * All figures of the viewer's chosen (or widest) subtree for a period (default: this month), narrowed
 * to a category or group when asked, and with the period just before when asked.
 */
export async function readSummary(db: Db, viewer: Actor, query: FiguresQuery): Promise<FiguresSummary> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const filter = await resolveCaseFilter(db, query.category);
  const now = new Date();
  const period = resolvePeriod(query.from, query.to, now);
  const summary = await computeSummary(db, unit, period, now, filter);
  if (query.compare !== 'previous') return summary;
  const before = previousPeriod(period);
  const { counts } = await countSummary(db, unit, before, now, filter);
  return {
    ...summary,
    previous: {
      period: before,
      figures: presentFigures(counts),
      averageHandlingHours: averageHandlingHours(counts),
    },
  };
}

/** Labels of the groups found: units and categories by id, channels by code. */
async function groupKeys(db: Db, by: BreakdownQuery['by'], keys: string[]): Promise<Map<string, GroupKey>> {
  if (by === 'channel') return new Map(keys.map((k) => [k, channelKey(k)]));
  const ids = keys.map(Number);
  const rows: LabelRow[] =
    by === 'category' ? await findCategoryLabels(db, ids) : await findUnitLabels(db, ids);
  const found = new Map(rows.map((r) => [String(r.id), r]));
  return new Map(
    keys.map((k) => {
      const r = found.get(k);
      const key: GroupKey = r
        ? { id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en }
        : { id: Number(k), code: `#${k}`, nameZh: `#${k}`, nameEn: `#${k}` };
      return [k, key];
    }),
  );
}

/**
 * The figures per street, community, category, channel or handling unit. Cases without one go in
 * the row whose key is null. By unit, dispatch counts (response, returns) go to the unit the
 * dispatch went to, and the other figures to the case's current lead unit.
 */
export async function readBreakdown(db: Db, viewer: Actor, query: BreakdownQuery): Promise<FiguresBreakdown> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const filter = await resolveCaseFilter(db, query.category);
  const period = resolvePeriod(query.from, query.to, new Date());
  const { fromAt, toAt } = boundsOf(period);
  const groups = await countGroups(
    db,
    { scope: subtreeOf(unit), categoryIds: filter.categoryIds, fromAt, toAt, grouping: query.by },
    new Date(),
  );
  const keys = [...groups.keys()].filter((k): k is string => k !== null);
  const labels = await groupKeys(db, query.by, keys);
  const rows = [...groups.entries()].map(([k, counts]) => ({
    key: k === null ? null : (labels.get(k) ?? null),
    figures: presentFiguresNow(counts),
    handling: presentHandling(counts),
  }));
  // Groups in code order; the group of cases without one comes last.
  rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.code.localeCompare(b.key.code)));
  return { unit: presentUnit(unit), period, category: filter.category, by: query.by, rows };
}

/**
 * The figures per day, week (from Monday) or month of local time, each item in the bucket of its own
 * event time; empty buckets are zeros. The backlog is the count open at each bucket's end: the
 * backlog at the start of the period moved by each day's registrations and closings.
 */
export async function readSeries(db: Db, viewer: Actor, query: SeriesQuery): Promise<FiguresSeries> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const { category, categoryIds } = await resolveCaseFilter(db, query.category);
  const period = resolvePeriod(query.from, query.to, new Date());
  const { fromAt, toAt } = boundsOf(period);
  const scope = subtreeOf(unit);
  const q: CountQuery = { scope, categoryIds, fromAt, toAt, grouping: 'day' };
  const [start, daily, registeredByDay] = await Promise.all([
    countBacklog(db, { scope, categoryIds, at: fromAt, grouping: 'all' }),
    countFlows(db, q, new Date()),
    countRegisteredByDay(db, { scope, categoryIds, fromAt, toAt }),
  ]);
  const byDay = mergeGroups(daily);
  let open = start.reduce((n, row) => n + (row.counts.backlog ?? 0), 0);
  const buckets = bucketsOf(query.interval, period).map((bucket) => {
    const counts = zeroCounts();
    const registeredByChannel: Record<string, number> = {};
    for (const day of bucket.days) {
      addCounts(counts, byDay.get(day) ?? {});
      for (const row of registeredByDay.get(day) ?? [])
        registeredByChannel[row.channel] = (registeredByChannel[row.channel] ?? 0) + row.n;
    }
    // Merged and withdrawn cases never enter the backlog, so a case leaves it only by closing.
    open += counts.registeredOpenable - counts.closed;
    counts.backlog = open;
    return {
      label: bucket.label,
      from: bucket.from,
      to: bucket.to,
      figures: presentFigures(counts),
      registeredByChannel,
    };
  });
  return { unit: presentUnit(unit), period, category, interval: query.interval, buckets };
}

/**
 * The summary for an operator at the command line: any unit by code (default the district root),
 * the period validated as the API validates it.
 */
export async function summaryForOperator(
  db: Db,
  options: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<FiguresSummary> {
  const parsed = FiguresQuery.safeParse({ from: options.from, to: options.to });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new AppError('request.invalid', { fields });
  }
  const unit = options.unitCode ? await findUnitByCode(db, options.unitCode) : await findRootUnit(db);
  if (!unit) throw new AppError('record.not_found');
  return computeSummary(db, unit, resolvePeriod(parsed.data.from, parsed.data.to, new Date()));
}

/**
 * Computes and keeps the district's settled days of the past year, so the first leader to open the
 * dashboard after a bulk load does not wait for a year's scan.
 */
export async function warmDistrictFigures(db: Db, now = new Date()): Promise<void> {
  const root = await findRootUnit(db);
  if (!root) return;
  await computeSummary(
    db,
    root,
    { from: addDays(localDateOf(now), -366), to: addDays(localDateOf(now), 1) },
    now,
  );
}

export { forgetAllFigureDays, forgetFigureDays } from './figures.cache.ts';
