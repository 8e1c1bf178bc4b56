import { useEffect, useRef, useState } from 'react';
import type { Client } from '../../api/workbench.ts';
import { type DashboardQuery, figuresQuery } from './dashboard-query.ts';
import type { Areas, AttentionList, Breakdown, Series, Summary } from './types.ts';

/** Everything one view of the dashboard shows, each part loaded from the figures API. */
export interface DashboardData {
  summary: Summary;
  areas: Areas;
  series: Series;
  categories: Breakdown;
  units: Breakdown;
  overdue: AttentionList;
  supervised: AttentionList;
}

/** How many cases each attention list shows. */
export const LIST_LIMIT = 8;

/** Loads every part of a view at once; the parts are independent GETs the server scopes and checks. */
export async function loadDashboard(client: Client, q: DashboardQuery): Promise<DashboardData> {
  const base = figuresQuery(q);
  const scope = { unitId: q.unitId, category: q.category };
  const [summary, areas, series, categories, units, overdue, supervised] = await Promise.all([
    client.get<Summary>('/api/figures/summary', { ...base, compare: 'previous' }),
    client.get<Areas>('/api/figures/areas', base),
    client.get<Series>('/api/figures/series', { ...base, interval: q.interval }),
    client.get<Breakdown>('/api/figures/breakdown', { ...base, by: 'category' }),
    client.get<Breakdown>('/api/figures/breakdown', { ...base, by: 'unit' }),
    client.get<AttentionList>('/api/figures/cases', { ...scope, list: 'overdue', limit: LIST_LIMIT }),
    client.get<AttentionList>('/api/figures/cases', { ...scope, list: 'supervised', limit: LIST_LIMIT }),
  ]);
  return { summary, areas, series, categories, units, overdue, supervised };
}

/**
 * The view's data for the query, loaded again when the query or `refresh` changes. The last data
 * stays on screen while the next loads (no flicker on the wall screen); an answer that arrives after
 * a newer request is dropped.
 */
export function useDashboardData(client: Client, query: DashboardQuery, refresh: number) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const latest = useRef(0);
  // The wall flag and the map's colouring change no data.
  const { wall: _wall, metric: _metric, ...asked } = query;
  const key = JSON.stringify(asked);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query's text; `refresh` asks again
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    loadDashboard(client, query)
      .then((next) => {
        if (request !== latest.current) return;
        setData(next);
        setError(null);
        setLoadedAt(new Date());
      })
      .catch((e: unknown) => {
        if (request === latest.current) setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [client, key, refresh]);
  return { data, error, loading, loadedAt };
}
