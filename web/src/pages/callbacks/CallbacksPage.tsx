import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { CaseFilters, FILTER_KEYS, filterQuery, type Sort } from '../../components/worklist/CaseFilters.tsx';
import { CaseWorklist, type WorklistColumnSpec } from '../../components/worklist/CaseWorklist.tsx';
import type { ColumnContext, WorklistColumn } from '../../components/worklist/columns.tsx';

/** A resolved case nobody reached for a callback closes by itself after this many days (the server's rule). */
export const AUTO_CLOSE_DAYS = 7;
const DAY = 86_400_000;
const SORTS: Sort[] = ['resolved', 'newest', 'oldest'];

/** Whole days since the case was resolved. */
export function daysWaiting(resolvedAt: string | null, now = Date.now()): number | null {
  return resolvedAt ? Math.max(0, Math.floor((now - Date.parse(resolvedAt)) / DAY)) : null;
}

/** How long the case has waited for its callback; flagged in its last two days before closing by itself. */
function waitingColumn({ t, compact }: ColumnContext): WorklistColumn {
  const words = (days: number) =>
    days === 0 ? t('callbacks:waitingToday') : t('callbacks:waitingDays', { count: days });
  return {
    key: 'waiting',
    column: {
      key: 'waiting',
      title: t('callbacks:column.waiting'),
      render: (_, row) => {
        const days = daysWaiting(row.resolvedAt);
        if (days === null) return '—';
        if (days < AUTO_CLOSE_DAYS - 2) return words(days);
        // Near its automatic closing: on a phone the coloured days alone, the words on hover.
        return compact ? (
          <Tooltip title={t('callbacks:closingSoon')}>
            <Tag color="warning" aria-label={`${words(days)}，${t('callbacks:closingSoon')}`}>
              {words(days)}
            </Tag>
          </Tooltip>
        ) : (
          <Space size={4} wrap>
            <span>{words(days)}</span>
            <Tag color="warning">{t('callbacks:closingSoon')}</Tag>
          </Space>
        );
      },
    },
    export: [{ header: t('callbacks:column.waiting'), value: (r) => daysWaiting(r.resolvedAt) ?? '' }],
  };
}

/** How the reporter asked to be contacted: one who asked for no contact is not rung for a callback. */
function contactColumn({ t }: ColumnContext): WorklistColumn {
  const label = (p: string | null) => (p ? t(`callbacks:contact.${p as 'sms' | 'phone' | 'none'}`) : '');
  return {
    key: 'contact',
    column: {
      key: 'contact',
      title: t('callbacks:column.contact'),
      render: (_, row) =>
        row.contactPreference ? (
          <Tag color={row.contactPreference === 'none' ? 'orange' : undefined}>
            {label(row.contactPreference)}
          </Tag>
        ) : (
          '—'
        ),
    },
    export: [{ header: t('callbacks:column.contact'), value: (r) => label(r.contactPreference) }],
  };
}

const COLUMNS: WorklistColumnSpec[] = [
  'trackingNo',
  'title',
  'category',
  'place',
  'leadUnit',
  'resolvedAt',
  'outcome',
  waitingColumn as (ctx: ColumnContext) => WorklistColumn,
  contactColumn as (ctx: ColumnContext) => WorklistColumn,
];

/**
 * The callback queue for agents and dispatchers: resolved cases waiting for a call to the reporter,
 * the earliest resolved first, with the outcome the unit reported. The callback itself is recorded
 * on the case page.
 */
export function CallbacksPage() {
  const { t } = useTranslation(['callbacks', 'shell']);
  const { filters, set } = useUrlFilters(FILTER_KEYS);
  return (
    <section>
      <Typography.Title level={3}>{t('shell:menu.callbacks')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('callbacks:lead', { days: AUTO_CLOSE_DAYS })}
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <CaseFilters
          fields={['q', 'category', 'place', 'channel', 'sort']}
          filters={filters}
          set={set}
          sorts={SORTS}
          defaultSort="resolved"
        />
        <CaseWorklist
          query={{ view: 'callback', ...filterQuery(filters), sort: filters.sort ?? 'resolved' }}
          columns={COLUMNS}
          name={t('callbacks:sheet')}
          emptyText={t('callbacks:empty')}
        />
      </Space>
    </section>
  );
}
