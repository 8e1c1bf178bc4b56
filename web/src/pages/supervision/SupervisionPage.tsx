import { Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import {
  CaseFilters,
  FILTER_KEYS,
  filterQuery,
  isNarrowed,
  type Sort,
} from '../../components/worklist/CaseFilters.tsx';
import { CaseWorklist, type WorklistColumnSpec } from '../../components/worklist/CaseWorklist.tsx';
import { useCaseCounts } from '../../components/worklist/counts.ts';
import { TabLabel } from '../../components/worklist/TabLabel.tsx';

/** The watch list's reasons, as the server's watch view names them; `all` is every reason at once. */
export const WATCH_TABS = [
  'all',
  'overdue',
  'due_soon',
  'urgent',
  'supervised',
  'escalated',
  'returned',
] as const;
type WatchTab = (typeof WATCH_TABS)[number];
const KEYS = ['tab', ...FILTER_KEYS] as const;
const SORTS: Sort[] = ['due', 'newest', 'oldest'];
const COLUMNS: WorklistColumnSpec[] = [
  'trackingNo',
  'title',
  'deadline',
  'status',
  'leadUnit',
  'place',
  'category',
  'returnCount',
];

/**
 * The supervisors' watch list: open cases that are overdue, nearly due, urgent, already supervised or
 * escalated, or sent back again and again, nearest deadline first. Supervising is done on the case page.
 */
export function SupervisionPage() {
  const { t } = useTranslation(['supervision', 'shell']);
  const { filters, set } = useUrlFilters(KEYS);
  const tab: WatchTab = WATCH_TABS.find((key) => key === filters.tab) ?? 'all';
  const { counts, reload } = useCaseCounts({ view: 'watch' });

  return (
    <section>
      <Typography.Title level={3}>{t('shell:menu.supervision')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision:lead')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'all' ? null : key })}
        items={WATCH_TABS.map((key) => ({
          key,
          label: (
            <TabLabel
              label={t(`supervision:tab.${key}`)}
              count={counts?.tabs[key]}
              alert={key === 'overdue' || key === 'escalated'}
            />
          ),
        }))}
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <CaseFilters
          fields={['q', 'status', 'category', 'place', 'sort']}
          filters={filters}
          set={set}
          sorts={SORTS}
          defaultSort="due"
        />
        <CaseWorklist
          query={{
            view: 'watch',
            tab: tab === 'all' ? undefined : tab,
            ...filterQuery(filters),
            sort: filters.sort ?? 'due',
          }}
          columns={COLUMNS}
          name={`${t('supervision:sheet')}-${t(`supervision:tab.${tab}`)}`}
          emptyText={t(`supervision:empty.${tab}`)}
          expected={isNarrowed(filters) ? undefined : counts?.tabs[tab]}
          onRefresh={reload}
        />
      </Space>
    </section>
  );
}
