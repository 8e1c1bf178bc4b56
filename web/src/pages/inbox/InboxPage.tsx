import { Form, Select, Space, Tabs, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../components/case/labels.tsx';
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

export const INBOX_TABS = ['to_sign', 'in_progress', 'due_soon', 'overdue'] as const;
type InboxTab = (typeof INBOX_TABS)[number];
const KEYS = ['tab', 'unitId', ...FILTER_KEYS] as const;
const SORTS: Sort[] = ['due', 'newest', 'oldest'];

const COLUMNS: Record<InboxTab, WorklistColumnSpec[]> = {
  to_sign: ['trackingNo', 'title', 'signDue', 'deadline', 'category', 'place', 'registeredAt'],
  in_progress: ['trackingNo', 'title', 'deadline', 'status', 'category', 'place', 'registeredAt'],
  due_soon: ['trackingNo', 'title', 'deadline', 'status', 'category', 'place', 'registeredAt'],
  overdue: ['trackingNo', 'title', 'deadline', 'status', 'category', 'place', 'registeredAt'],
};

function isTab(value: string | undefined): value is InboxTab {
  return (INBOX_TABS as readonly (string | undefined)[]).includes(value);
}

/**
 * A unit's inbox for its handlers, heads and community workers: cases to sign, in progress, due
 * soon and overdue, nearest deadline first; one unit's or all the units the user handles for.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation(['inbox', 'shell', 'common']);
  const { filters, set } = useUrlFilters(KEYS);
  const tab: InboxTab = isTab(filters.tab) ? filters.tab : 'to_sign';
  const { counts, reload } = useCaseCounts({ view: 'inbox', unitId: filters.unitId });
  const units = counts?.units ?? [];
  const unitField = useId();

  return (
    <section>
      <Typography.Title level={3}>{t('shell:menu.inbox')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('inbox:inbox.lead')}</Typography.Paragraph>
      {units.length > 1 && (
        <Form layout="inline" style={{ marginBottom: 8 }}>
          <Form.Item label={t('inbox:inbox.unit')} htmlFor={unitField}>
            <Select
              id={unitField}
              style={{ minWidth: 240 }}
              value={filters.unitId ? Number(filters.unitId) : 0}
              onChange={(v: number) => set({ unitId: v ? String(v) : null })}
              options={[
                { value: 0, label: t('inbox:inbox.allUnits') },
                ...units.map((u) => ({ value: u.id, label: unitName(u, i18n.language) })),
              ]}
            />
          </Form.Item>
        </Form>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'to_sign' ? null : key })}
        items={INBOX_TABS.map((key) => ({
          key,
          label: (
            <TabLabel
              label={t(`inbox:inbox.tab.${key}`)}
              count={counts?.tabs[key]}
              alert={key === 'overdue' || key === 'to_sign'}
            />
          ),
        }))}
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <CaseFilters
          fields={['q', 'category', 'place', 'registered', 'sort']}
          filters={filters}
          set={set}
          sorts={SORTS}
          defaultSort="due"
        />
        <CaseWorklist
          query={{
            view: 'inbox',
            tab,
            unitId: filters.unitId,
            ...filterQuery(filters),
            sort: filters.sort ?? 'due',
          }}
          columns={COLUMNS[tab]}
          name={`${t('shell:menu.inbox')}-${t(`inbox:inbox.tab.${tab}`)}`}
          emptyText={t(`inbox:inbox.empty.${tab}`)}
          expected={isNarrowed(filters) ? undefined : counts?.tabs[tab]}
          onRefresh={reload}
        />
      </Space>
    </section>
  );
}
