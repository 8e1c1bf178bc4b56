import { useCallback, useEffect, useState } from 'react';
import type { CaseCounts } from '../../api/http.ts';
import type { Query } from '../../api/workbench.ts';
import { useClient } from '../session.tsx';

/**
 * How many cases each tab of a worklist holds, and (inbox) the units the user handles for. Counts
 * are a convenience: when they cannot be loaded the tabs simply show none.
 */
export function useCaseCounts(query: Query): { counts: CaseCounts | null; reload: () => void } {
  const client = useClient();
  const [counts, setCounts] = useState<CaseCounts | null>(null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the text of `query`
  useEffect(() => {
    let live = true;
    client
      .get<CaseCounts>('/api/cases/counts', query)
      .then((c) => live && setCounts(c))
      .catch(() => live && setCounts(null));
    return () => {
      live = false;
    };
  }, [client, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { counts, reload };
}
