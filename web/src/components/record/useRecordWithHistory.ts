import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/workbench.ts';
import { useClient } from '../session.tsx';

/** How loading ended when it did not: hidden and missing look the same. */
export type LoadFailure = { kind: 'not_found' } | { kind: 'error'; message: string };

/**
 * A record (a case, a mediation case) and its history, loaded together and reloaded after every
 * action. One the user may not see answers 404 (or 403, or 400 for a nonsense id): all of them show
 * as "not found". `pathOf(id, suffix)` is the record's API path, `/events` its history.
 */
export function useRecordWithHistory<D, E>(
  id: string | undefined,
  pathOf: (id: string, suffix?: string) => string,
) {
  const client = useClient();
  const [detail, setDetail] = useState<D | null>(null);
  const [events, setEvents] = useState<E[]>([]);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    try {
      if (!id || !/^\d+$/.test(id)) throw new ApiError(404, 'record.not_found', '');
      const [d, e] = await Promise.all([
        client.get<D>(pathOf(id)),
        client.get<{ items: E[] }>(pathOf(id, '/events')),
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
  }, [client, id, pathOf]);

  useEffect(() => void reload(), [reload]);

  /** An action answered with the record as it now is: show it at once, then fetch the history. */
  const applied = useCallback(
    async (next: D) => {
      setDetail(next);
      await reload();
    },
    [reload],
  );

  return { detail, events, failure, loading, reload, applied };
}
