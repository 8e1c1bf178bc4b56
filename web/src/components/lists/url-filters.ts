import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** A list's filters as they live in the URL: every value a string, lists comma-separated. */
export type Filters = Record<string, string | undefined>;

/**
 * The list's filters, kept in the address bar so a list can be bookmarked, shared and reloaded, and
 * the browser's back button undoes a filter. `set` merges and drops empty values; changing a filter
 * starts again from the first page.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
  defaults: Partial<Record<K, string>> = {},
): {
  filters: Partial<Record<K, string>>;
  set: (changes: Partial<Record<K, string | undefined | null>>) => void;
  reset: () => void;
  /** A stable text of the filters, for effect dependencies. */
  key: string;
} {
  const [params, setParams] = useSearchParams();
  const key = keys.map((k) => `${k}=${params.get(k) ?? defaults[k] ?? ''}`).join('&');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the text of exactly these values
  const filters = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const value = params.get(k) ?? defaults[k];
      if (value !== undefined && value !== '') out[k] = value;
    }
    return out;
  }, [key]);
  const set = useCallback(
    (changes: Partial<Record<K, string | undefined | null>>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes) as [string, string | undefined | null][]) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        next.delete('cursor');
        return next;
      }),
    [setParams],
  );
  const reset = useCallback(
    () =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const k of keys) next.delete(k);
        next.delete('cursor');
        return next;
      }),
    [keys, setParams],
  );
  return { filters, set, reset, key };
}

/** `'a,b'` → `['a', 'b']`; undefined → `[]`. */
export function splitList(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}
