import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, CaseEvent, Ok } from '../../api/http.ts';
import { ApiError, type Client } from '../../api/workbench.ts';
import { useClient } from '../../components/session.tsx';

export type { CaseDetail, CaseEvent };
export type CaseAction = keyof CaseDetail['abilities'];
export type RouteSuggestion = Ok<'/api/cases/{id}/route'>;
export type Catalogue = Ok<'/api/categories'>;
export type CategoryView = Catalogue['groups'][number]['categories'][number];
export type OrgTreeNode = Ok<'/api/org/tree'>['roots'][number];
export type CaseAttachment = CaseDetail['attachments'][number];

/** How loading the case ended when it did not: hidden and missing look the same. */
export type LoadFailure = { kind: 'not_found' } | { kind: 'error'; message: string };

/** The case's own URL under /api. */
export const casePath = (id: number | string, rest = '') => `/api/cases/${id}${rest}`;

/** Where an attachment is read from (same origin, the session cookie goes with it). */
export const attachmentUrl = (caseId: number, attachmentId: number) =>
  casePath(caseId, `/attachments/${attachmentId}`);

/**
 * The case and its history, loaded together and reloaded after every action. A case the user may
 * not see answers 404 (or 403, or 400 for a nonsense id): all of them show as "not found".
 */
export function useCase(id: string | undefined) {
  const client = useClient();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    try {
      if (!id || !/^\d+$/.test(id)) throw new ApiError(404, 'record.not_found', '');
      const [d, e] = await Promise.all([
        client.get<CaseDetail>(casePath(id)),
        client.get<Ok<'/api/cases/{id}/events'>>(casePath(id, '/events')),
      ]);
      if (mine !== request.current) return;
      setDetail(d);
      setEvents(e.items);
      setFailure(null);
    } catch (error) {
      if (mine !== request.current) return;
      setDetail(null);
      setFailure(
        error instanceof ApiError && [400, 403, 404].includes(error.status)
          ? { kind: 'not_found' }
          : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, [client, id]);

  useEffect(() => void reload(), [reload]);

  /** An action answered with the case as it now is: show it at once, then fetch the history. */
  const applied = useCallback(
    async (next: CaseDetail) => {
      setDetail(next);
      await reload();
    },
    [reload],
  );

  return { detail, events, failure, loading, reload, applied };
}

const cache = new WeakMap<Client, Map<string, Promise<unknown>>>();

/** Reference data that does not change while the page is open (categories, the organisation), read once per session. */
export function useReference<T>(path: string, enabled = true): T | null {
  const client = useClient();
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const byPath = cache.get(client) ?? new Map<string, Promise<unknown>>();
    cache.set(client, byPath);
    let promise = byPath.get(path) as Promise<T> | undefined;
    if (!promise) {
      promise = client.get<T>(path);
      byPath.set(path, promise);
      // A failed read is not remembered: the next form that needs it tries again.
      promise.catch(() => byPath.delete(path));
    }
    promise.then((v) => live && setValue(v)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, path, enabled]);
  return value;
}

/** Every category of the catalogue by code. */
export function categoriesByCode(catalogue: Catalogue | null): Map<string, CategoryView> {
  const map = new Map<string, CategoryView>();
  for (const group of catalogue?.groups ?? []) for (const c of group.categories) map.set(c.code, c);
  return map;
}
