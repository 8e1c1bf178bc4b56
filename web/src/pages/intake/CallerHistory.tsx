import { Alert, Button, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, type Client } from '../../api/workbench.ts';
import { categoryName, DateTime, StatusTag } from '../../components/case/labels.tsx';
import { callerNumber, OPEN_STATUSES } from './intake-form.ts';
import type { EarlierCase, PersonList } from './intake-types.ts';

export const HISTORY_LIMIT = 10;

export type CallerHistoryState =
  | { phase: 'idle' }
  | { phase: 'loading'; phone: string }
  | { phase: 'done'; phone: string; cases: EarlierCase[]; knownName: string | null }
  | { phase: 'error'; phone: string; message: string };

/**
 * The caller's earlier cases (and the name the person register knows them by), looked up as soon
 * as the number is a whole mobile or fixed line with its area code; an answer for a number no longer typed is dropped.
 */
export function useCallerHistory(
  client: Client,
  phone: string | undefined,
  allowed: { cases: boolean; persons: boolean },
): CallerHistoryState {
  const [state, setState] = useState<CallerHistoryState>({ phase: 'idle' });
  const number = phone?.trim();
  const lookUp = allowed.cases ? callerNumber(number) : null;
  const persons = allowed.persons;
  useEffect(() => {
    if (!lookUp) {
      setState({ phase: 'idle' });
      return;
    }
    let current = true;
    setState({ phase: 'loading', phone: lookUp });
    const person = persons
      ? client
          .get<PersonList>('/api/persons', { phone: lookUp, limit: 1 })
          .then((list) => list.items[0]?.name ?? null)
          .catch(() => null)
      : Promise.resolve(null);
    Promise.all([
      client.get<{ items: EarlierCase[] }>('/api/cases', { reporterPhone: lookUp, limit: HISTORY_LIMIT }),
      person,
    ]).then(
      ([list, knownName]) => {
        if (current) setState({ phase: 'done', phone: lookUp, cases: list.items, knownName });
      },
      (error: unknown) => {
        if (current)
          setState({
            phase: 'error',
            phone: lookUp,
            message: error instanceof ApiError ? error.message : String(error),
          });
      },
    );
    return () => {
      current = false;
    };
  }, [client, lookUp, persons]);
  return state;
}

/** An open case of the caller in the category being registered: likely the same matter again. */
export function repeatCandidate(state: CallerHistoryState, categoryCode: string | undefined) {
  if (state.phase !== 'done' || !categoryCode) return undefined;
  return state.cases.find((c) => c.category?.code === categoryCode && OPEN_STATUSES.has(c.status));
}

/** The caller's earlier cases, newest first; open ones of the chosen category stand out. */
export function CallerHistory({
  state,
  categoryCode,
  collapsible = false,
}: {
  state: CallerHistoryState;
  categoryCode: string | undefined;
  /** On a narrow screen, inside the form: the count and any warning, the list only when asked for. */
  collapsible?: boolean;
}) {
  const { t, i18n } = useTranslation(['intake', 'common']);
  const repeat = repeatCandidate(state, categoryCode);
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const folded = collapsible && !expanded;
  let body: React.ReactNode;
  if (state.phase === 'idle') {
    body = <Typography.Text type="secondary">{t('history.hint')}</Typography.Text>;
  } else if (state.phase === 'loading') {
    body = (
      <Space>
        <Spin size="small" />
        <Typography.Text type="secondary">{t('history.loading')}</Typography.Text>
      </Space>
    );
  } else if (state.phase === 'error') {
    body = <Alert type="warning" showIcon title={t('history.failed', { message: state.message })} />;
  } else if (state.cases.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />;
  } else {
    body = (
      <>
        {repeat && (
          <Alert
            type="warning"
            showIcon
            className="intake-repeat-alert"
            title={t('history.repeatAlert', {
              trackingNo: repeat.trackingNo,
              status: t(`common:status.${repeat.status}`),
            })}
          />
        )}
        {collapsible && (
          <Button
            type="link"
            size="small"
            className="intake-history-toggle"
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? t('history.hide') : t('history.show', { count: state.cases.length })}
          </Button>
        )}
        <ul id={listId} className="intake-history-list" aria-label={t('history.title')} hidden={folded}>
          {state.cases.map((c) => {
            const open = OPEN_STATUSES.has(c.status);
            const isRepeat = c.id === repeat?.id;
            return (
              <li key={c.id} className={isRepeat ? 'intake-history-item is-repeat' : 'intake-history-item'}>
                <Space size={4} wrap>
                  <Link to={`/admin/cases/${c.id}`} className="intake-tracking-link">
                    {c.trackingNo}
                  </Link>
                  <StatusTag status={c.status} />
                  {isRepeat ? (
                    <Tag color="red">{t('history.repeat')}</Tag>
                  ) : (
                    open && <Tag color="orange">{t('history.open')}</Tag>
                  )}
                </Space>
                <Typography.Text className="intake-history-meta" type="secondary">
                  {c.category ? categoryName(c.category, i18n.language) : t('history.noCategory')}
                  {' · '}
                  <DateTime value={c.registeredAt} />
                </Typography.Text>
                <Typography.Text ellipsis={{ tooltip: c.title }}>{c.title}</Typography.Text>
              </li>
            );
          })}
        </ul>
        <Typography.Text type="secondary" className="intake-history-meta" hidden={folded}>
          {state.cases.length >= HISTORY_LIMIT
            ? t('history.more', { count: HISTORY_LIMIT })
            : t('history.count', { count: state.cases.length })}
        </Typography.Text>
      </>
    );
  }
  return (
    <section className="intake-history" aria-live="polite" aria-label={t('history.title')}>
      <Typography.Title level={5}>{t('history.title')}</Typography.Title>
      {body}
    </section>
  );
}
