import { useEffect, useState } from 'react';
import type { Client } from '../../api/workbench.ts';
import type { AttentionList, OrgNode, OrgTree } from './types.ts';

const trees = new WeakMap<Client, Promise<OrgNode[]>>();

/**
 * The organisation below the widest unit whose figures the viewer reaches (the server names it when
 * asked for figures without a unit), for the unit picker and the breadcrumb. Loaded once per
 * client; a failure leaves it empty, and the dashboard works without it.
 */
export function useHomeTree(client: Client): OrgNode[] {
  const [roots, setRoots] = useState<OrgNode[]>([]);
  useEffect(() => {
    let live = true;
    let promise = trees.get(client);
    if (!promise) {
      promise = client
        .get<AttentionList>('/api/figures/cases', { list: 'overdue', limit: 1 })
        .then((home) => client.get<OrgTree>('/api/org/tree', { rootId: home.unit.id }))
        .then((tree) => tree.roots);
      trees.set(client, promise);
      promise.catch(() => trees.delete(client));
    }
    promise.then((r) => live && setRoots(r)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);
  return roots;
}
