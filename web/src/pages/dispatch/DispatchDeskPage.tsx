import { App, Form, Input, Space, Tabs, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseList } from '../../api/http.ts';
import type { Query } from '../../api/workbench.ts';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useSession } from '../../components/session.tsx';
import {
  CaseFilters,
  FILTER_KEYS,
  type FilterField,
  filterQuery,
  isNarrowed,
  type Sort,
} from '../../components/worklist/CaseFilters.tsx';
import { CaseWorklist, type WorklistColumnSpec } from '../../components/worklist/CaseWorklist.tsx';
import { useCaseCounts } from '../../components/worklist/counts.ts';
import { TabLabel } from '../../components/worklist/TabLabel.tsx';

const DESK_TABS = ['new', 'returned', 'extensions'] as const;
export type DeskTab = (typeof DESK_TABS)[number];
const KEYS = ['tab', ...FILTER_KEYS] as const;

/** Each tab of the desk: the server's list behind it, its columns, filters and order. */
const DESK: Record<
  DeskTab,
  { query: Query; columns: WorklistColumnSpec[]; fields: FilterField[]; sorts: Sort[]; needs: string }
> = {
  new: {
    query: { view: 'triage', tab: 'new' },
    columns: ['trackingNo', 'title', 'triageReason', 'category', 'place', 'channel', 'registeredAt'],
    fields: ['category', 'place', 'channel', 'sort'],
    sorts: ['oldest', 'newest'],
    needs: 'case.dispatch',
  },
  returned: {
    query: { view: 'triage', tab: 'returned' },
    columns: ['trackingNo', 'title', 'lastReturn', 'category', 'place', 'returnCount', 'registeredAt'],
    fields: ['category', 'place', 'sort'],
    sorts: ['oldest', 'newest'],
    needs: 'case.dispatch',
  },
  extensions: {
    query: { view: 'extensions' },
    columns: ['trackingNo', 'title', 'extension', 'deadline', 'place', 'category'],
    fields: ['category', 'place', 'sort'],
    sorts: ['due', 'oldest', 'newest'],
    needs: 'case.decide_extension',
  },
};

/**
 * The dispatchers' desk: new cases auto-routing could not place (with why), cases units sent back
 * (with their reason), extension requests waiting for a decision, and a box that jumps to a case by
 * its tracking number. Every action is taken on the case page.
 */
export function DispatchDeskPage() {
  const { t } = useTranslation(['dispatch', 'shell', 'common']);
  const session = useSession();
  const { filters, set } = useUrlFilters(KEYS);
  const tabs = DESK_TABS.filter((key) => session.can(DESK[key].needs));
  const tab: DeskTab = tabs.find((key) => key === filters.tab) ?? tabs[0] ?? 'new';
  const desk = DESK[tab];
  const { counts, reload } = useCaseCounts({ view: 'triage' });
  const sort = (desk.sorts.includes(filters.sort as Sort) ? filters.sort : undefined) as Sort | undefined;

  return (
    <section>
      <Typography.Title level={3}>{t('shell:menu.triage')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dispatch:lead')}</Typography.Paragraph>
      <JumpBox />
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === tabs[0] ? null : key, sort: null })}
        items={tabs.map((key) => ({
          key,
          label: <TabLabel label={t(`dispatch:tab.${key}`)} count={counts?.tabs[key]} alert />,
        }))}
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(`dispatch:hint.${tab}`)}</Typography.Text>
        <CaseFilters
          fields={desk.fields}
          filters={{ ...filters, sort }}
          set={set}
          sorts={desk.sorts}
          defaultSort={desk.sorts[0]}
        />
        <CaseWorklist
          query={{ ...desk.query, ...filterQuery(filters), sort: sort ?? desk.sorts[0] }}
          columns={desk.columns}
          name={t(`dispatch:sheet.${tab}`)}
          emptyText={t(`dispatch:empty.${tab}`)}
          expected={isNarrowed(filters) ? undefined : counts?.tabs[tab]}
          onRefresh={reload}
        />
      </Space>
    </section>
  );
}

/**
 * Straight to a case: a tracking number (or words matching a single case) opens it; words matching
 * several open the case search with them.
 */
function JumpBox() {
  const { t } = useTranslation(['dispatch', 'common']);
  const { client } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const id = useId();

  const jump = async (value: string) => {
    const text = value.trim();
    if (!text) return;
    setBusy(true);
    try {
      const found = await client.get<CaseList>('/api/cases', { q: text, limit: 2 });
      const [first] = found.items;
      if (!first) void message.warning(t('dispatch:jump.notFound', { text }));
      else if (found.items.length === 1) navigate(`/admin/cases/${first.id}`);
      else navigate(`/admin/cases?q=${encodeURIComponent(text)}`);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" role="search" component="div" style={{ maxWidth: 520, marginBottom: 8 }}>
      <Form.Item label={t('dispatch:jump.label')} htmlFor={id} style={{ marginBottom: 8 }}>
        <Input.Search
          id={id}
          allowClear
          placeholder={t('dispatch:jump.placeholder')}
          enterButton={t('dispatch:jump.button')}
          loading={busy}
          onSearch={(v) => void jump(v)}
        />
      </Form.Item>
    </Form>
  );
}
