// What the dashboard shows, as it lives in the address bar (so a view can be bookmarked, shared,
// put on the wall screen and reloaded), and the links out of it into the case list.
import type { Query } from '../../api/workbench.ts';

/** The URL keys of the dashboard. Dates are local (Beijing) days, `to` the last day included. */
export const QUERY_KEYS = ['unit', 'from', 'to', 'category', 'interval', 'metric', 'wall'] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];
export type UrlValues = Partial<Record<QueryKey, string>>;

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
/** What colours the hotspot map: how many cases, or what share of those being handled is overdue. */
export const METRICS = ['volume', 'overdue'] as const;
export type Metric = (typeof METRICS)[number];
export const PRESETS = ['thisMonth', 'lastMonth', 'last30', 'thisQuarter', 'thisYear'] as const;
export type Preset = (typeof PRESETS)[number];

export interface DashboardQuery {
  /** The unit whose subtree is shown; none: the viewer's widest (the server decides). */
  unitId: number | undefined;
  from: string;
  to: string;
  category: string | undefined;
  interval: Interval;
  metric: Metric;
  wall: boolean;
}

const DAY_MS = 86_400_000;

/** Today in Beijing, `YYYY-MM-DD`, whatever the device's zone. */
export function localToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in `[from, to]`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function monthStart(date: string, monthsLater = 0): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

/** A preset period, both ends included. */
export function presetPeriod(preset: Preset, now: Date = new Date()): { from: string; to: string } {
  const today = localToday(now);
  switch (preset) {
    case 'thisMonth':
      return { from: monthStart(today), to: addDays(monthStart(today, 1), -1) };
    case 'lastMonth':
      return { from: monthStart(today, -1), to: addDays(monthStart(today), -1) };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisQuarter': {
      const month = Number(today.slice(5, 7)) - 1;
      const first = monthStart(today, -(month % 3));
      return { from: first, to: addDays(monthStart(first, 3), -1) };
    }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  }
}

/** The preset a period is, if any. */
export function presetOf(from: string, to: string, now: Date = new Date()): Preset | null {
  return (
    PRESETS.find((p) => {
      const period = presetPeriod(p, now);
      return period.from === from && period.to === to;
    }) ?? null
  );
}

/** The finest interval that keeps a trend readable: days up to two months, weeks up to half a year. */
export function defaultInterval(from: string, to: string): Interval {
  const days = daysIn(from, to);
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
}

const isDate = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The URL's values read with their defaults (this month, the interval that fits, by volume). */
export function readQuery(values: UrlValues, now: Date = new Date()): DashboardQuery {
  const month = presetPeriod('thisMonth', now);
  let from = isDate(values.from) ? values.from : month.from;
  let to = isDate(values.to) ? values.to : month.to;
  if (to < from) [from, to] = [to, from];
  const unit = Number(values.unit);
  const interval = (INTERVALS as readonly string[]).includes(values.interval ?? '')
    ? (values.interval as Interval)
    : defaultInterval(from, to);
  return {
    unitId: Number.isInteger(unit) && unit > 0 ? unit : undefined,
    from,
    to,
    category: values.category || undefined,
    interval,
    metric: values.metric === 'overdue' ? 'overdue' : 'volume',
    wall: values.wall === '1',
  };
}

/** The figures API's query: its `to` is the first day after the period. */
export function figuresQuery(q: DashboardQuery, unitId: number | undefined = q.unitId): Query {
  return { unitId, from: q.from, to: addDays(q.to, 1), category: q.category };
}

/** A place a case-list link narrows to: a street or a community (other units are not places). */
export interface Place {
  kind: string;
  id: number;
  /** A community's street: the case list's community filter sits under its street filter. */
  streetId?: number;
}

/**
 * A link into the case list (`/admin/cases`), whose filters take a street or community, leaf
 * category codes, registration dates (last day included) and lateness.
 */
export function caseListLink(options: {
  place?: Place | null;
  from?: string;
  to?: string;
  categories?: string[];
  overdue?: boolean;
}): string {
  const params = new URLSearchParams();
  const { place } = options;
  if (place?.kind === 'street') params.set('streetId', String(place.id));
  if (place?.kind === 'community') {
    if (place.streetId) params.set('streetId', String(place.streetId));
    params.set('communityId', String(place.id));
  }
  if (options.categories?.length) params.set('category', options.categories.join(','));
  if (options.from) params.set('from', options.from);
  if (options.to) params.set('to', options.to);
  if (options.overdue) params.set('overdue', 'true');
  const text = params.toString();
  return text ? `/admin/cases?${text}` : '/admin/cases';
}

/** Whether a unit of this kind is a place the case list can narrow to (the district needs no filter). */
export function isPlace(kind: string): boolean {
  return kind === 'district' || kind === 'street' || kind === 'community';
}
