import { useCallback, useEffect, useState } from 'react';
import type { NotificationList } from '../../api/http.ts';
import type { Client } from '../../api/workbench.ts';

/** How often the bell asks for new messages. */
const POLL_MS = 30_000;

/** The unread count for the bell, refreshed every half minute and on demand. */
export function useUnreadCount(client: Client): { unread: number; refresh: () => void } {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    client
      .get<NotificationList>('/api/notifications', { unread: 'true', limit: 1 })
      .then((list) => setUnread(list.unreadCount))
      .catch(() => undefined); // the bell stays as it was; the page shows errors
  }, [client]);
  useEffect(() => {
    refresh();
    // Staff keep several tabs open: a hidden one does not ask, and catches up when shown again.
    const poll = () => {
      if (document.visibilityState !== 'hidden') refresh();
    };
    const timer = setInterval(poll, POLL_MS);
    document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [refresh]);
  return { unread, refresh };
}
