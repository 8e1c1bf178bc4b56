import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MeView, Role, UnitRef } from '../api/types.ts';
import { ApiError, type Client } from '../api/workbench.ts';

export interface Session {
  client: Client;
  me: MeView;
  /** Whether any of the user's roles allows this action somewhere (the server checks each record). */
  can: (action: string) => boolean;
  hasRole: (...roles: Role[]) => boolean;
  /** The units the user holds a role in, each once, for unit pickers. */
  units: UnitRef[];
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

export function useClient(): Client {
  return useSession().client;
}

type State =
  | { phase: 'loading' }
  | { phase: 'signed-out' }
  | { phase: 'signed-in'; me: MeView }
  | { phase: 'error'; error: Error };

/**
 * Asks the server who is signed in, once; `children` render only for staff, `signedOut` otherwise
 * (and gets `onSignedIn` to call after a successful sign-in).
 */
export function SessionProvider({
  client,
  children,
  signedOut,
  failed,
}: {
  client: Client;
  children: ReactNode;
  signedOut: (onSignedIn: () => void) => ReactNode;
  failed: (error: Error, retry: () => void) => ReactNode;
}) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const load = useCallback(async () => {
    try {
      const me = await client.get<MeView>('/api/auth/me');
      client.csrfToken = me.csrfToken;
      setState(me.user.kind === 'staff' ? { phase: 'signed-in', me } : { phase: 'signed-out' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ phase: 'signed-out' });
      else setState({ phase: 'error', error: error as Error });
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const session = useMemo<Session | null>(() => {
    if (state.phase !== 'signed-in') return null;
    const { me } = state;
    const actions = new Set(me.actions);
    const units = [...new Map(me.user.roles.map((r) => [r.unit.id, r.unit])).values()];
    return {
      client,
      me,
      can: (action) => actions.has(action),
      hasRole: (...roles) => me.user.roles.some((r) => roles.includes(r.role)),
      units,
      signOut: async () => {
        try {
          await client.post('/api/auth/logout', {});
        } finally {
          client.csrfToken = null;
          setState({ phase: 'signed-out' });
        }
      },
    };
  }, [state, client]);

  if (state.phase === 'loading') return null;
  if (state.phase === 'error') return <>{failed(state.error, () => void load())}</>;
  if (!session) return <>{signedOut(() => void load())}</>;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** A session for component tests: a signed-in user with exactly these actions. */
export function TestSession({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
