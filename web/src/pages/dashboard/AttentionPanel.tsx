import { Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { categoryName, unitName } from '../../components/case/labels.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { formatOverdue } from './format.ts';
import type { AttentionCase, AttentionList } from './types.ts';

/** One case needing attention: its number and title open the case; place, lead unit and lateness beside. */
function AttentionItem({ item, dark }: { item: AttentionCase; dark: boolean }) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  const place = [unitName(item.street, language), unitName(item.community, language)]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="dashboard-attention-item">
      <div className="dashboard-attention-head">
        <Link to={`/admin/cases/${item.id}`} className="dashboard-attention-title">
          {item.title}
        </Link>
        {item.overdueMinutes !== null && (
          <Tag color={dark ? 'red' : 'error'} className="dashboard-overdue-tag">
            {t('attention.overdueBy', { time: formatOverdue(item.overdueMinutes, t) })}
          </Tag>
        )}
      </div>
      <div className="dashboard-attention-meta">
        <span>{item.trackingNo}</span>
        {item.category && <span>{categoryName(item.category, language)}</span>}
        {place && <span>{place}</span>}
        {item.leadUnit && <span>{unitName(item.leadUnit, language)}</span>}
        {item.urgent && <Tag color="volcano">{t('attention.urgent')}</Tag>}
        {item.escalationLevel > 0 && (
          <Tag color="purple">{t('attention.escalated', { level: item.escalationLevel })}</Tag>
        )}
        {item.overdueMinutes === null && item.resolveDueAt && (
          <span>{t('attention.dueAt', { time: formatDateTime(item.resolveDueAt, language) })}</span>
        )}
      </div>
    </li>
  );
}

/** A list of cases needing attention now, with a way into the whole list where the case list has one. */
export function AttentionPanel({
  list,
  title,
  empty,
  total,
  allHref,
  limit,
  dark = false,
  id,
}: {
  list: AttentionList;
  title: string;
  empty: string;
  /** How many there are in all (the figures count them; the list shows the first few). */
  total: number;
  allHref: string | null;
  /** How many the list was asked for: fewer items than the total below it means some were withheld. */
  limit: number;
  dark?: boolean;
  id?: string;
}) {
  const { t } = useTranslation('dashboard');
  return (
    <Card
      id={id}
      className="dashboard-card"
      title={
        <span>
          {title} <span className={`dashboard-count${total > 0 ? ' is-alert' : ''}`}>{total}</span>
        </span>
      }
      extra={allHref && total > 0 ? <Link to={allHref}>{t('attention.viewAll')}</Link> : null}
    >
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <ul className="dashboard-attention">
          {list.items.map((item) => (
            <AttentionItem key={item.id} item={item} dark={dark} />
          ))}
        </ul>
      )}
      {total > list.items.length && list.items.length < limit && (
        <Typography.Text type="secondary" className="dashboard-card-foot">
          {t('attention.sensitiveNote')}
        </Typography.Text>
      )}
    </Card>
  );
}
