import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MeView, SessionStarted } from '../../api/types.ts';
import { ApiError, type Client } from '../../api/workbench.ts';
import { createPortalApi, type PortalApi } from './portal-api.ts';

/** How often the unread count is asked again while the page is open and visible. */
const UNREAD_POLL_MS = 120_000;

export interface PortalSession {
  api: PortalApi;
  /** undefined while asking the server; null when nobody is signed in. */
  me: MeView | null | undefined;
  /** The signed-in resident (not a staff member), or null. */
  resident: MeView['user'] | null;
  /** Unread messages of the signed-in resident. */
  unread: number;
  signedIn(started: SessionStarted): void;
  signOut(): Promise<void>;
  refreshUnread(): void;
}

const SessionContext = createContext<PortalSession | null>(null);

/** The portal's session: who is signed in (asked once), and their unread messages. */
export function PortalSessionProvider({ client, children }: { client: Client; children: ReactNode }) {
  const api = useMemo(() => createPortalApi(client), [client]);
  const [me, setMe] = useState<MeView | null | undefined>(undefined);
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let live = true;
    api.me().then(
      (found) => live && setMe(found),
      () => live && setMe(null), // offline: the public pages still work
    );
    return () => {
      live = false;
    };
  }, [api]);

  const resident = me?.user.kind === 'resident' ? me.user : null;

  const refreshUnread = useCallback(() => {
    if (!resident) return;
    api.notifications().then(
      (list) => setUnread(list.unreadCount),
      () => undefined, // a missed count is not worth an error on a slow line
    );
  }, [api, resident]);

  useEffect(() => {
    if (!resident) {
      setUnread(0);
      return;
    }
    refreshUnread();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refreshUnread();
    }, UNREAD_POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && refreshUnread();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [resident, refreshUnread]);

  const value = useMemo<PortalSession>(
    () => ({
      api,
      me,
      resident,
      unread,
      signedIn: (started) => setMe({ user: started.user, actions: [], csrfToken: started.csrfToken }),
      async signOut() {
        try {
          await api.signOut();
        } catch (error) {
          // A session that already ended is as good as signed out.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        setMe(null);
      },
      refreshUnread,
    }),
    [api, me, resident, unread, refreshUnread],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function usePortal(): PortalSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('usePortal outside PortalSessionProvider');
  return session;
}
