import type { Db } from '../../db/database.ts';
import { type Actor, can, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { countFlows, liveFigures, settledFigures, settleLine } from './figures.cache.ts';
import { addDays, boundsOf, bucketsOf, localDateOf, type Period, resolvePeriod } from './figures.period.ts';
import './figures.policy.ts';
import { addCounts, channelKey, presentFigures, presentFiguresNow, zeroCounts } from './figures.present.ts';
import {
  type CountQuery,
  type Counts,
  countBacklog,
  countOverdue,
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

function presentUnit(u: FiguresUnitRow): FiguresUnit {
  return { id: u.id, code: u.code, nameZh: u.name_zh, nameEn: u.name_en };
}

/** The path prefix a unit's figures cover; null for the root, whose figures count every case, placed or not. */
function subtreeOf(unit: FiguresUnitRow): string | null {
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
async function unitInReach(db: Db, viewer: Actor, unitId: number | undefined): Promise<FiguresUnitRow> {
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
async function countGroups(
  db: Db,
  q: CountQuery & { grouping: CaseGrouping },
  now: Date,
): Promise<Map<string | null, Counts>> {
  const [flows, backlog, overdue] = await Promise.all([
    countFlows(db, q, now),
    countBacklog(db, { scope: q.scope, at: q.toAt, grouping: q.grouping }),
    countOverdue(db, { scope: q.scope, now: now.toISOString(), grouping: q.grouping }),
  ]);
  return mergeGroups([...flows, backlog, overdue]);
}

/**
 * All figures of a unit's subtree over a period, without an access check (for the command line).
 * Settled days come from the kept daily figures (computed once), the last few days live from the
 * tables, and the backlog and overdue counts at the period's end and now.
 */
export async function computeSummary(
  db: Db,
  unit: FiguresUnitRow,
  period: Period,
  now = new Date(),
): Promise<FiguresSummary> {
  const { toAt } = boundsOf(period);
  const scope = subtreeOf(unit);
  const line = await settleLine(db, now);
  // Local dates compare as text: the settled part ends at the earlier, the live part starts at the later.
  const [settledTo] = [period.to, line].sort() as [string];
  const liveFrom = [period.from, settledTo].sort()[1] as string;
  const [settled, live, backlog, overdue] = await Promise.all([
    period.from < settledTo ? settledFigures(db, unit, scope, period.from, settledTo, now) : null,
    liveFrom < period.to ? liveFigures(db, scope, liveFrom, period.to, now) : null,
    countBacklog(db, { scope, at: toAt, grouping: 'all' }),
    countOverdue(db, { scope, now: now.toISOString(), grouping: 'all' }),
  ]);
  const counts = zeroCounts();
  const registeredBy = { channel: {}, kind: {}, status: {} } as FiguresSummary['registeredBy'];
  for (const part of [settled, live]) {
    if (!part) continue;
    addCounts(counts, part.counts);
    for (const row of part.by) {
      for (const dimension of ['channel', 'kind', 'status'] as const) {
        const tally = registeredBy[dimension];
        tally[row[dimension]] = (tally[row[dimension]] ?? 0) + row.n;
      }
    }
  }
  for (const row of [...backlog, ...overdue]) addCounts(counts, row.counts);
  return {
    unit: presentUnit(unit),
    period,
    figures: presentFiguresNow(counts),
    registeredBy,
  };
}

/** All figures of the viewer's chosen (or widest) subtree for a period (default: this month). */
export async function readSummary(db: Db, viewer: Actor, query: FiguresQuery): Promise<FiguresSummary> {
  const unit = await unitInReach(db, viewer, query.unitId);
  return computeSummary(db, unit, resolvePeriod(query.from, query.to, new Date()));
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
  const period = resolvePeriod(query.from, query.to, new Date());
  const { fromAt, toAt } = boundsOf(period);
  const groups = await countGroups(
    db,
    { scope: subtreeOf(unit), fromAt, toAt, grouping: query.by },
    new Date(),
  );
  const keys = [...groups.keys()].filter((k): k is string => k !== null);
  const labels = await groupKeys(db, query.by, keys);
  const rows = [...groups.entries()].map(([k, counts]) => ({
    key: k === null ? null : (labels.get(k) ?? null),
    figures: presentFiguresNow(counts),
  }));
  // Groups in code order; the group of cases without one comes last.
  rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.code.localeCompare(b.key.code)));
  return { unit: presentUnit(unit), period, by: query.by, rows };
}

/**
 * The figures per day, week (from Monday) or month of local time, each item in the bucket of its own
 * event time; empty buckets are zeros. The backlog is the count open at each bucket's end: the
 * backlog at the start of the period moved by each day's registrations and closings.
 */
export async function readSeries(db: Db, viewer: Actor, query: SeriesQuery): Promise<FiguresSeries> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const period = resolvePeriod(query.from, query.to, new Date());
  const { fromAt, toAt } = boundsOf(period);
  const scope = subtreeOf(unit);
  const q: CountQuery = { scope, fromAt, toAt, grouping: 'day' };
  const [start, daily] = await Promise.all([
    countBacklog(db, { scope, at: fromAt, grouping: 'all' }),
    countFlows(db, q, new Date()),
  ]);
  const byDay = mergeGroups(daily);
  let open = start.reduce((n, row) => n + (row.counts.backlog ?? 0), 0);
  const buckets = bucketsOf(query.interval, period).map((bucket) => {
    const counts = zeroCounts();
    for (const day of bucket.days) addCounts(counts, byDay.get(day) ?? {});
    // Merged and withdrawn cases never enter the backlog, so a case leaves it only by closing.
    open += counts.registeredOpenable - counts.closed;
    counts.backlog = open;
    return { label: bucket.label, from: bucket.from, to: bucket.to, figures: presentFigures(counts) };
  });
  return { unit: presentUnit(unit), period, interval: query.interval, buckets };
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
