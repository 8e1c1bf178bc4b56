import { useEffect, useState } from 'react';
import type { CaseDetail, CaseEvent, Ok } from '../../api/http.ts';
import type { Client } from '../../api/workbench.ts';
import { useRecordWithHistory } from '../../components/record/useRecordWithHistory.ts';
import { useClient } from '../../components/session.tsx';

export type { CaseDetail, CaseEvent };
export type CaseAction = keyof CaseDetail['abilities'];
export type RouteSuggestion = Ok<'/api/cases/{id}/route'>;
export type Catalogue = Ok<'/api/categories'>;
export type CategoryView = Catalogue['groups'][number]['categories'][number];
export type OrgTreeNode = Ok<'/api/org/tree'>['roots'][number];
export type CaseAttachment = CaseDetail['attachments'][number];

export type { LoadFailure } from '../../components/record/useRecordWithHistory.ts';

/** The case's own URL under /api. */
export const casePath = (id: number | string, rest = '') => `/api/cases/${id}${rest}`;

/** Where an attachment is read from (same origin, the session cookie goes with it). */
export const attachmentUrl = (caseId: number, attachmentId: number) =>
  casePath(caseId, `/attachments/${attachmentId}`);

/** The case and its history, loaded together and reloaded after every action. */
export function useCase(id: string | undefined) {
  return useRecordWithHistory<CaseDetail, CaseEvent>(id, casePath);
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
