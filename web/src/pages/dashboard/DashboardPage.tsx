import { DesktopOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Row,
  Select,
  Space,
  Spin,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../components/case/labels.tsx';
import { saveFile, XLSX_TYPE } from '../../components/lists/export-xlsx.ts';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useSession } from '../../components/session.tsx';
import { type Catalogue, useCatalogue } from '../../components/worklist/options.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { AreaComparison } from './AreaComparison.tsx';
import { AttentionPanel } from './AttentionPanel.tsx';
import {
  caseListLink,
  type Interval,
  isPlace,
  type Metric,
  PRESETS,
  type Preset,
  presetOf,
  presetPeriod,
  QUERY_KEYS,
  readQuery,
} from './dashboard-query.ts';
import { LIST_LIMIT, useDashboardData } from './data.ts';
import { buildViewWorkbook, viewSheets } from './export-view.ts';
import { FigureCards, VolumeStrip } from './FigureCards.tsx';
import { formatPeriod } from './format.ts';
import { HotspotPanel } from './HotspotPanel.tsx';
import { CategoryRank, ReturnsRank } from './RankPanels.tsx';
import { ReportButton } from './ReportButton.tsx';
import { ChannelPanel, TrendPanel } from './TrendPanels.tsx';
import type { OrgNode } from './types.ts';
import { useHomeTree } from './use-home-tree.ts';
import { WALL_REFRESH_MS, WallScreen } from './WallScreen.tsx';
import './dashboard.css';

/** The kinds of unit a leader looks at figures for. */
const FIGURE_KINDS = new Set(['district', 'street', 'community', 'department', 'center', 'utility']);

/** The leaf category codes a filter stands for: a leaf itself, or every leaf of a group. */
export function leafCodes(catalogue: Catalogue, code: string | undefined): string[] {
  if (!code) return [];
  const group = catalogue.groups.find((g) => g.code === code);
  return group ? group.categories.map((c) => c.code) : [code];
}

/** The path from the tree's root down to a unit, or just the root when the unit is not in it. */
export function trailTo(roots: OrgNode[], id: number | undefined): OrgNode[] {
  const walk = (node: OrgNode, path: OrgNode[]): OrgNode[] | null => {
    const here = [...path, node];
    if (node.id === id) return here;
    for (const child of node.children) {
      const found = walk(child, here);
      if (found) return found;
    }
    return null;
  };
  for (const root of roots) {
    const found = walk(root, []);
    if (found) return found;
  }
  return roots.slice(0, 1);
}

function findNode(roots: OrgNode[], id: number): OrgNode | null {
  return trailTo(roots, id).find((n) => n.id === id) ?? null;
}

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

function unitOptions(nodes: OrgNode[], language: string): TreeOption[] {
  return nodes
    .filter((n) => n.active && FIGURE_KINDS.has(n.kind))
    .map((n) => ({ value: n.id, title: unitName(n, language), children: unitOptions(n.children, language) }));
}

/**
 * The leaders' dashboard: the six figures against the period before, volumes and handling time,
 * the hotspot map with its drill-down, every area side by side, the trend by channel, the top
 * categories and misrouting units, and the overdue and supervised cases, for a chosen unit, period
 * and category, all held in the URL. `?wall=1` turns it into the command-centre wall screen.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  const language = i18n.language;
  const session = useSession();
  const { client } = session;
  const { message } = App.useApp();
  const { filters, set } = useUrlFilters(QUERY_KEYS);
  const query = useMemo(() => readQuery(filters), [filters]);
  const [refresh, setRefresh] = useState(0);
  const { data, error, loading, loadedAt } = useDashboardData(client, query, refresh);
  const catalogue = useCatalogue(client);
  const tree = useHomeTree(client);
  const [exporting, setExporting] = useState(false);
  const ids = { unit: useId(), period: useId(), category: useId() };

  // The wall screen loads again every minute by itself.
  useEffect(() => {
    if (!query.wall) return;
    const id = setInterval(() => setRefresh((n) => n + 1), WALL_REFRESH_MS);
    return () => clearInterval(id);
  }, [query.wall]);

  const categories = useMemo(() => leafCodes(catalogue, query.category), [catalogue, query.category]);
  const shownUnitId = data?.summary.unit.id ?? query.unitId;
  const trail = useMemo(() => trailTo(tree, shownUnitId), [tree, shownUnitId]);
  const setUnit = useCallback((id: number) => set({ unit: String(id) }), [set]);
  const setMetric = useCallback((metric: Metric) => set({ metric }), [set]);
  const exitWall = useCallback(() => {
    set({ wall: null });
    if (typeof document !== 'undefined' && document.fullscreenElement)
      void document.exitFullscreen().catch(() => {});
  }, [set]);
  const enterWall = () => {
    set({ wall: '1' });
    void document.documentElement.requestFullscreen?.().catch(() => {});
  };

  const unitNode = shownUnitId ? findNode(tree, shownUnitId) : null;
  const unitKind = data?.areas.unit.kind ?? unitNode?.kind ?? '';
  const parent = trail.at(-2);
  const place =
    data && isPlace(unitKind)
      ? {
          kind: unitKind,
          id: data.summary.unit.id,
          ...(unitKind === 'community' && parent?.kind === 'street' ? { streetId: parent.id } : {}),
        }
      : null;
  const casesHref =
    data && isPlace(unitKind) ? caseListLink({ place, from: query.from, to: query.to, categories }) : null;
  const overdueHref = data && isPlace(unitKind) ? caseListLink({ place, categories, overdue: true }) : null;

  if (query.wall && data)
    return (
      <WallScreen
        data={data}
        query={query}
        loadedAt={loadedAt}
        loading={loading}
        categories={categories}
        onExit={exitWall}
        onUnit={setUnit}
        onMetric={setMetric}
      />
    );

  const preset = presetOf(query.from, query.to);
  const exportView = async () => {
    if (!data) return;
    setExporting(true);
    try {
      const sheets = viewSheets(data, query, t, language);
      const workbook = await buildViewWorkbook(sheets);
      const name = t('dashboard:export.fileName', {
        unit: unitName(data.summary.unit, language),
        from: query.from,
        to: query.to,
      });
      saveFile(workbook, `${name}.xlsx`, XLSX_TYPE);
      void message.success(t('dashboard:export.done'));
    } finally {
      setExporting(false);
    }
  };

  const categoryTree = catalogue.groups.map((g) => ({
    value: g.code,
    title: t('dashboard:filters.wholeGroup', { group: unitName(g, language) }),
    children: g.categories.map((c) => ({ value: c.code, title: unitName(c, language) })),
  }));

  return (
    <section className="dashboard">
      <header className="dashboard-head">
        <div>
          <Typography.Title level={3} className="dashboard-title">
            {t('dashboard:title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {data
              ? t('dashboard:scope', {
                  unit: unitName(data.summary.unit, language),
                  period: formatPeriod(query.from, query.to, language),
                })
              : t('dashboard:lead')}
            {data?.summary.category && ` · ${unitName(data.summary.category, language)}`}
          </Typography.Text>
        </div>
        <Space wrap className="dashboard-actions">
          <Button
            icon={<ReloadOutlined />}
            onClick={() => setRefresh((n) => n + 1)}
            loading={loading && Boolean(data)}
          >
            {t('common:button.refresh')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={exportView} loading={exporting} disabled={!data}>
            {exporting ? t('dashboard:export.working') : t('dashboard:export.excel')}
          </Button>
          {data && (
            <ReportButton unitId={data.summary.unit.id} unitLabel={unitName(data.summary.unit, language)} />
          )}
          <Button type="primary" icon={<DesktopOutlined />} onClick={enterWall}>
            {t('dashboard:wall.enter')}
          </Button>
        </Space>
      </header>

      <Form
        layout="vertical"
        className="dashboard-filters"
        aria-label={t('dashboard:filters.label')}
        role="search"
      >
        <Form.Item label={t('dashboard:filters.unit')} htmlFor={ids.unit}>
          <TreeSelect
            id={ids.unit}
            value={shownUnitId}
            treeData={unitOptions(tree, language)}
            treeDefaultExpandedKeys={tree.map((n) => n.id)}
            showSearch
            treeNodeFilterProp="title"
            placeholder={data ? unitName(data.summary.unit, language) : undefined}
            onChange={(id: number) => set({ unit: String(id) })}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('dashboard:filters.period')} htmlFor={ids.period}>
          <div className="dashboard-period">
            <Select<Preset | 'custom'>
              id={ids.period}
              value={preset ?? 'custom'}
              onChange={(p) => {
                if (p === 'custom') return;
                const period = presetPeriod(p);
                set({ from: period.from, to: period.to, interval: null });
              }}
              options={[
                ...PRESETS.map((p) => ({ value: p, label: t(`dashboard:preset.${p}`) })),
                { value: 'custom' as const, label: t('dashboard:filters.customPeriod'), disabled: true },
              ]}
              className="dashboard-preset"
            />
            <DatePicker.RangePicker
              aria-label={t('dashboard:filters.customPeriod')}
              value={[dayjs(query.from), dayjs(query.to)]}
              allowClear={false}
              onChange={(range) => {
                const [from, to] = range ?? [];
                if (from && to)
                  set({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD'), interval: null });
              }}
            />
          </div>
        </Form.Item>
        <Form.Item label={t('dashboard:filters.category')} htmlFor={ids.category}>
          <TreeSelect
            id={ids.category}
            value={query.category}
            treeData={categoryTree}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('dashboard:filters.allCategories')}
            onChange={(code?: string) => set({ category: code ?? null })}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      </Form>

      {error && (
        <Alert
          type="error"
          showIcon
          title={t('dashboard:loadFailed')}
          description={error.message}
          action={<Button onClick={() => setRefresh((n) => n + 1)}>{t('dashboard:retry')}</Button>}
          className="dashboard-alert"
        />
      )}

      {!data ? (
        <div className="dashboard-loading">{loading && <Spin size="large" />}</div>
      ) : (
        <Spin spinning={loading} delay={300}>
          <FigureCards summary={data.summary} />
          <VolumeStrip
            summary={data.summary}
            onOverdue={() =>
              document.getElementById('dashboard-overdue')?.scrollIntoView({ behavior: 'smooth' })
            }
          />
          <Row gutter={[16, 16]} className="dashboard-row">
            <Col xs={24} xl={14}>
              <HotspotPanel
                areas={data.areas}
                query={query}
                categories={categories}
                trail={trail}
                casesHref={casesHref}
                onUnit={setUnit}
                onMetric={setMetric}
              />
            </Col>
            <Col xs={24} xl={10} className="dashboard-stack">
              <AttentionPanel
                id="dashboard-overdue"
                list={data.overdue}
                title={t('dashboard:attention.overdue')}
                empty={t('dashboard:attention.noneOverdue')}
                total={data.summary.figures.overdueNow}
                allHref={overdueHref}
                limit={LIST_LIMIT}
              />
              <AttentionPanel
                list={data.supervised}
                title={t('dashboard:attention.supervised')}
                empty={t('dashboard:attention.noneSupervised')}
                total={data.summary.handling.supervisedNow}
                allHref={session.can('case.supervise') ? '/admin/supervision?tab=supervised' : null}
                limit={LIST_LIMIT}
              />
            </Col>
          </Row>
          <div className="dashboard-row">
            <AreaComparison
              areas={data.areas}
              from={query.from}
              to={query.to}
              categories={categories}
              onUnit={setUnit}
            />
          </div>
          <Row gutter={[16, 16]} className="dashboard-row">
            <Col xs={24} xl={16}>
              <TrendPanel
                series={data.series}
                interval={query.interval}
                onInterval={(interval: Interval) => set({ interval })}
              />
            </Col>
            <Col xs={24} xl={8}>
              <ChannelPanel summary={data.summary} />
            </Col>
          </Row>
          <Row gutter={[16, 16]} className="dashboard-row">
            <Col xs={24} xl={12}>
              <CategoryRank
                breakdown={data.categories}
                total={data.summary.figures.volumes.registered}
                current={query.category}
                onCategory={(code) => set({ category: code })}
              />
            </Col>
            <Col xs={24} xl={12}>
              <ReturnsRank breakdown={data.units} />
            </Col>
          </Row>
          {loadedAt && (
            <Typography.Text type="secondary" className="dashboard-updated">
              {t('dashboard:updatedAt', { time: formatDateTime(loadedAt, language) })}
            </Typography.Text>
          )}
        </Spin>
      )}
    </section>
  );
}
