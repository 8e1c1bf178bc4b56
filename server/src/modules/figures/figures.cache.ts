import type { Db } from '../../db/database.ts';
import { deleteUnitFigureDays } from './figures.lookup.repo.ts';
import { addDays, boundsOf, type LocalDate, localDateOf } from './figures.period.ts';
import { addCounts, zeroCounts } from './figures.present.ts';
import {
  type CountQuery,
  type Counts,
  countCallbacks,
  countClosed,
  countDispatches,
  countRegistered,
  countRegisteredBy,
  countRegisteredByDay,
  countResolved,
  countReturns,
  deleteFigureDays,
  earliestPendingDispatch,
  insertFigureDays,
  type KeyedCounts,
  type RegisteredByRow,
  selectFigureDays,
} from './figures.repo.ts';

/**
 * A past local day's figures change by themselves in one way only: a dispatch's sign deadline going
 * by turns "not known yet" into "signed late". Every other change is an action on a case, which
 * forgets the kept days it touches (`forgetFigureDays`). So the days before today are settled, except
 * from the day of the earliest dispatch still unsigned with time left to sign (2 working hours:
 * usually today, a few days across a long holiday). Settled days are computed once and kept.
 */

/** The counts that flow over time (everything but the backlog and overdue, which are stocks at an instant). */
export async function countFlows(db: Db, q: CountQuery, now: Date): Promise<KeyedCounts[][]> {
  return Promise.all([
    countRegistered(db, q),
    countDispatches(db, q, now.toISOString()),
    countReturns(db, q),
    countResolved(db, q),
    countCallbacks(db, q),
    countClosed(db, q),
  ]);
}

interface DayFigures {
  counts: Partial<Counts>;
  by: RegisteredByRow[];
  /** The format the day was kept in; a day of an older format lacks counts added since and is computed again. */
  v?: number;
}

/** Bumped whenever the flow counts gain a member (2: handling time of resolved cases). */
const DAY_FORMAT = 2;

/** The first local day whose figures may still change by themselves (today at the latest). */
export async function settleLine(db: Db, now: Date): Promise<LocalDate> {
  const today = localDateOf(now);
  const pending = await earliestPendingDispatch(db, now.toISOString());
  if (pending === null) return today;
  // Local dates compare as text: the earlier of the two.
  return [localDateOf(pending), today].sort()[0] as LocalDate;
}

/**
 * The flow counts and registrations of `[fromDay, toDay)` (all settled days) for a unit's subtree:
 * the days already kept are read, the missing ones computed in one grouped pass and kept.
 */
export async function settledFigures(
  db: Db,
  unit: { id: number },
  scope: string | null,
  fromDay: LocalDate,
  toDay: LocalDate,
  now: Date,
): Promise<{ counts: Counts; by: RegisteredByRow[] }> {
  const kept = new Map<string, DayFigures>();
  const outdated: string[] = [];
  for (const row of await selectFigureDays(db, unit.id, fromDay, toDay)) {
    const figures = JSON.parse(row.counts) as DayFigures;
    if (figures.v === DAY_FORMAT) kept.set(row.day, figures);
    else outdated.push(row.day);
  }
  if (outdated.length > 0) await deleteUnitFigureDays(db, unit.id, outdated);
  const missing: LocalDate[] = [];
  for (let day = fromDay; day < toDay; day = addDays(day, 1)) if (!kept.has(day)) missing.push(day);
  const inFlight = filling.get(unit.id);
  if (missing.length > 0 && inFlight) {
    // Another request is computing this subtree's days: wait for it rather than repeat its work.
    await inFlight.catch(() => undefined);
    return settledFigures(db, unit, scope, fromDay, toDay, now);
  }
  if (missing.length > 0) {
    const fill = fillDays(db, unit, scope, missing, now, kept);
    filling.set(unit.id, fill);
    try {
      await fill;
    } finally {
      filling.delete(unit.id);
    }
  }
  return sumDays(kept);
}

/** Fills being computed in this process, by unit: concurrent readers of a cold year share one. */
const filling = new Map<number, Promise<void>>();

/** Computes the missing days in one grouped pass, keeps them, and adds them to `kept`. */
async function fillDays(
  db: Db,
  unit: { id: number },
  scope: string | null,
  missing: LocalDate[],
  now: Date,
  kept: Map<string, DayFigures>,
): Promise<void> {
  const first = missing[0] as LocalDate;
  const bounds = boundsOf({ from: first, to: addDays(missing.at(-1) as LocalDate, 1) });
  const q: CountQuery = { scope, fromAt: bounds.fromAt, toAt: bounds.toAt, grouping: 'day' };
  const [flows, byDay] = await Promise.all([
    countFlows(db, q, now),
    countRegisteredByDay(db, { scope, ...bounds }),
  ]);
  const computed = new Map<string, DayFigures>(
    missing.map((day) => [day, { counts: {}, by: byDay.get(day) ?? [], v: DAY_FORMAT }]),
  );
  for (const row of flows.flat()) {
    const day = row.key === null ? undefined : computed.get(row.key);
    if (day)
      for (const [name, n] of Object.entries(row.counts))
        day.counts[name as keyof Counts] = (day.counts[name as keyof Counts] ?? 0) + (n ?? 0);
  }
  const at = now.toISOString();
  await insertFigureDays(
    db,
    [...computed].map(([day, figures]) => ({
      unit_id: unit.id,
      day,
      counts: JSON.stringify(figures),
      computed_at: at,
    })),
  );
  for (const [day, figures] of computed) kept.set(day, figures);
}

/** The sum of kept days: their counts and their registrations by channel, kind and status. */
function sumDays(kept: Map<string, DayFigures>): { counts: Counts; by: RegisteredByRow[] } {
  const counts = zeroCounts();
  const by: RegisteredByRow[] = [];
  for (const figures of kept.values()) {
    addCounts(counts, figures.counts);
    for (const r of figures.by) {
      const same = by.find((x) => x.channel === r.channel && x.kind === r.kind && x.status === r.status);
      if (same) same.n += r.n;
      else by.push({ ...r });
    }
  }
  return { counts, by };
}

/**
 * The flow counts and registrations of a live (unsettled) stretch, straight from the tables; also
 * of a whole period narrowed to some categories, which the kept days (per unit) do not hold.
 */
export async function liveFigures(
  db: Db,
  scope: string | null,
  fromDay: LocalDate,
  toDay: LocalDate,
  now: Date,
  categoryIds: number[] | null = null,
): Promise<{ counts: Counts; by: RegisteredByRow[] }> {
  const bounds = boundsOf({ from: fromDay, to: toDay });
  const [flows, by] = await Promise.all([
    countFlows(db, { scope, categoryIds, ...bounds, grouping: 'all' }, now),
    countRegisteredBy(db, { scope, categoryIds, ...bounds }),
  ]);
  const counts = zeroCounts();
  for (const row of flows.flat()) addCounts(counts, row.counts);
  return { counts, by };
}

/**
 * Forgets the kept figures of the local days of these instants before today: the case engine calls
 * it inside every action on a case registered before today, so a sign, answer, merge, reopen or repeat that
 * lands late is counted again on the day it belongs to.
 */
export async function forgetFigureDays(db: Db, instants: (string | null)[], now = new Date()): Promise<void> {
  const today = localDateOf(now);
  const days = [
    ...new Set(
      instants.flatMap((at) => (at === null ? [] : [localDateOf(new Date(at))])).filter((d) => d < today),
    ),
  ];
  await deleteFigureDays(db, days);
}

/** Forgets every kept day: after data was written behind the engine's back (the demo generator). */
export async function forgetAllFigureDays(db: Db): Promise<void> {
  await deleteFigureDays(db, 'all');
}
