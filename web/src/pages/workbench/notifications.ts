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
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { unread, refresh };
}
