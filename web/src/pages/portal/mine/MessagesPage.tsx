import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { NotificationView } from '../../../api/http.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { usePortal } from '../session.tsx';
import { LoadFailed, Loading, PageHeading } from '../ui.tsx';

type Inbox = { items: NotificationView[]; next: number | null };

/** News of the resident's requests, newest first; opening one marks it read and shows its request. */
export function MessagesPage() {
  const { me, resident } = usePortal();
  if (me === undefined) return <Loading />;
  if (!resident) return <Navigate to="/sign-in?next=/messages" replace />;
  return <Messages />;
}

function Messages() {
  const { t, i18n } = useTranslation('portal');
  const { api, unread, refreshUnread } = usePortal();
  const navigate = useNavigate();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(
    async (after: number | null) => {
      setFailure(null);
      try {
        const list = await api.notifications(after);
        setInbox((before) => ({
          items: after && before ? [...before.items, ...list.items] : list.items,
          next: list.nextAfter,
        }));
      } catch (error) {
        setFailure(error);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  async function open(item: NotificationView) {
    if (!item.readAt) {
      await api.markRead(item.id).catch(() => undefined);
      refreshUnread();
    }
    const no = item.params.trackingNo;
    if (typeof no === 'string' && no) navigate(`/mine/${no}`);
  }

  async function readAll() {
    await api.markAllRead().catch(() => undefined);
    refreshUnread();
    await load(null);
  }

  return (
    <section className="p-section">
      <PageHeading title={t('messagesPage.title')} back="/mine">
        {unread > 0 && (
          <button type="button" className="p-link-button" onClick={() => void readAll()}>
            {t('messagesPage.markAll')}
          </button>
        )}
      </PageHeading>
      {failure !== null && <LoadFailed error={failure} onRetry={() => void load(null)} />}
      {inbox === null && failure === null && <Loading />}
      {inbox?.items.length === 0 && <p className="p-empty">{t('messagesPage.empty')}</p>}
      {inbox && inbox.items.length > 0 && (
        <ul className="p-list">
          {inbox.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.readAt ? 'p-card p-message' : 'p-card p-message p-message-unread'}
                onClick={() => void open(item)}
              >
                {!item.readAt && <span className="p-pill p-pill-alert">{t('messagesPage.unread')}</span>}
                <span className="p-message-text">{item.message}</span>
                <time className="p-list-meta" dateTime={item.createdAt}>
                  {formatDateTime(item.createdAt, i18n.language)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {inbox?.next && (
        <button
          type="button"
          className="p-button p-button-secondary p-button-block"
          onClick={() => void load(inbox.next)}
        >
          {t('messagesPage.loadMore')}
        </button>
      )}
    </section>
  );
}
