import { useEffect, useState } from 'react';
import type { Ok } from '../../api/http.ts';
import type { Client } from '../../api/workbench.ts';

export type Catalogue = Ok<'/api/categories'>;
export type Streets = Ok<'/api/org/public/communities'>['streets'];

/** Loads once per client, for every filter bar that needs it; a failure leaves the list empty. */
function useOnce<T>(client: Client, cache: WeakMap<Client, Promise<T>>, load: () => Promise<T>, empty: T): T {
  const [value, setValue] = useState<T>(empty);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is the same request for the same client
  useEffect(() => {
    let live = true;
    let promise = cache.get(client);
    if (!promise) {
      promise = load();
      cache.set(client, promise);
      promise.catch(() => cache.delete(client));
    }
    promise.then((v) => live && setValue(v)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, cache]);
  return value;
}

const catalogues = new WeakMap<Client, Promise<Catalogue>>();
const streets = new WeakMap<Client, Promise<Streets>>();
const NO_GROUPS: Catalogue = { groups: [] };
const NO_STREETS: Streets = [];

/** The active request categories by group. */
export function useCatalogue(client: Client): Catalogue {
  return useOnce(client, catalogues, () => client.get<Catalogue>('/api/categories'), NO_GROUPS);
}

/** The streets and their communities. */
export function useStreets(client: Client): Streets {
  return useOnce(
    client,
    streets,
    async () => (await client.get<Ok<'/api/org/public/communities'>>('/api/org/public/communities')).streets,
    NO_STREETS,
  );
}
