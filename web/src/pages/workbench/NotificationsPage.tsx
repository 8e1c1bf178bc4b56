import { Badge, Button, List, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationList, NotificationView } from '../../api/http.ts';
import { useClient } from '../../components/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';

/** The staff inbox of messages: new dispatches, returns, supervision, deadlines. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('shell');
  const client = useClient();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [items, setItems] = useState<NotificationView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (after?: number) => {
      setLoading(true);
      try {
        const list = await client.get<NotificationList>('/api/notifications', {
          unread: onlyUnread ? 'true' : undefined,
          after,
          limit: 20,
        });
        setItems((current) => (after ? [...current, ...list.items] : list.items));
        setNext(list.nextAfter);
        setUnread(list.unreadCount);
      } finally {
        setLoading(false);
      }
    },
    [client, onlyUnread],
  );
  useEffect(() => void load(), [load]);

  const markRead = async (id: number) => {
    await client.post(`/api/notifications/${id}/read`, {});
    await load();
  };
  const markAll = async () => {
    await client.post('/api/notifications/read-all', {});
    await load();
  };

  return (
    <section>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>
          {t('notifications.title')}{' '}
          <Badge count={unread} title={t('notifications.unread', { count: unread })} />
        </Typography.Title>
        <Space>
          <Switch checked={onlyUnread} onChange={setOnlyUnread} /> {t('notifications.onlyUnread')}
          <Button onClick={() => void markAll()} disabled={unread === 0}>
            {t('notifications.markAll')}
          </Button>
        </Space>
      </Space>
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('notifications.empty') }}
        renderItem={(n) => (
          <List.Item
            actions={
              n.readAt
                ? []
                : [
                    <Button key="read" size="small" onClick={() => void markRead(n.id)}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.readAt && <Badge status="processing" />}
                  {n.caseId ? <Link to={`/admin/cases/${n.caseId}`}>{n.message}</Link> : n.message}
                </Space>
              }
              description={formatDateTime(n.createdAt, i18n.language)}
            />
          </List.Item>
        )}
      />
      {next && (
        <Button onClick={() => void load(next)} loading={loading}>
          {t('notifications.more')}
        </Button>
      )}
    </section>
  );
}
