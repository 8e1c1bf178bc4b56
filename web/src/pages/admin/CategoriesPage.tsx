import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient, useSession } from '../../components/session.tsx';
import type {
  Catalogue,
  CategoryView,
  GroupWithCategories,
  TaxonomyDocument,
  TaxonomyImportResult,
} from './api.ts';
import { CategoryDrawer } from './categories/CategoryDrawer.tsx';
import { GroupModal } from './categories/GroupModal.tsx';
import { RoutingModelCard } from './categories/RoutingModelCard.tsx';
import { functionsOf } from './shared/functions.ts';
import { ImportDialog } from './shared/ImportDialog.tsx';
import { unitSearchText, useOrgTree } from './shared/org-tree.tsx';
import {
  downloadJson,
  errorText,
  JsonFileButton,
  PageHeader,
  RowList,
  today,
  useLoaded,
} from './shared/ui.tsx';

const STATUSES = ['active', 'inactive'] as const;

/**
 * The request categories: groups, and in each the categories with their default route, time
 * limits and extra fields; create, change, deactivate and reactivate them, and move the whole
 * taxonomy in and out as JSON (checked by a dry run before anything changes).
 */
export function CategoriesPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const session = useSession();
  const { message } = App.useApp();
  const editable = session.can('category.manage');
  const chinese = i18n.language.startsWith('zh');
  const name = (x: { nameZh: string; nameEn: string }) => (chinese ? x.nameZh : x.nameEn || x.nameZh);
  const { filters, set, reset } = useUrlFilters(['group', 'q', 'status'] as const);
  const [search, setSearch] = useState(filters.q ?? '');
  const [editing, setEditing] = useState<CategoryView | 'new' | null>(null);
  const [groupEditing, setGroupEditing] = useState<GroupWithCategories | 'new' | null>(null);
  const [importing, setImporting] = useState<{ document: TaxonomyDocument; fileName: string } | null>(null);
  const { roots } = useOrgTree();
  const functions = useMemo(() => functionsOf(roots, i18n.language), [roots, i18n.language]);

  const load = useCallback(
    () => client.get<Catalogue>('/api/categories', { includeInactive: 'true' }),
    [client],
  );
  const catalogue = useLoaded(load);
  const groups = catalogue.data?.groups ?? [];

  const rows = useMemo(() => {
    const q = (filters.q ?? '').trim().toLowerCase();
    return groups
      .filter((g) => !filters.group || g.code === filters.group)
      .flatMap((g) => g.categories.map((c) => ({ ...c, groupActive: g.active })))
      .filter((c) => filters.status !== 'active' || (c.active && c.groupActive))
      .filter((c) => filters.status !== 'inactive' || !c.active || !c.groupActive)
      .filter((c) => !q || unitSearchText(c).includes(q));
  }, [groups, filters]);

  const routeText = (route: string | null | undefined) => {
    if (!route) return null;
    const [scope, fn] = route.split(':');
    return {
      scope: t(`admin:categories.scope.${scope}` as 'admin:categories.title', { defaultValue: scope }),
      fn: functions.get(fn ?? '')?.label ?? fn,
      code: route,
    };
  };

  const setActive = async (c: CategoryView, active: boolean) => {
    try {
      await client.post(`/api/categories/${c.code}/${active ? 'activate' : 'deactivate'}`, {
        version: c.version ?? 1,
      });
      void message.success(
        active
          ? t('admin:categories.activated', { name: name(c) })
          : t('admin:categories.deactivated', { name: name(c) }),
      );
      await catalogue.reload();
    } catch (e) {
      void message.error(errorText(e));
      void catalogue.reload();
    }
  };

  const setGroupActive = async (g: GroupWithCategories, active: boolean) => {
    try {
      await client.patch(`/api/categories/groups/${g.code}`, { active });
      void message.success(
        active
          ? t('admin:categories.groupActivated', { name: name(g) })
          : t('admin:categories.groupDeactivated', { name: name(g) }),
      );
      await catalogue.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const exportAll = async () => {
    try {
      downloadJson(await client.get<TaxonomyDocument>('/api/categories/export'), `taxonomy-${today()}.json`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const preview = useCallback(
    async (document: TaxonomyDocument) => {
      const r = await client.post<TaxonomyImportResult>('/api/categories/import?dryRun=true', document);
      return (
        <Alert
          type="info"
          showIcon
          title={t('admin:categories.importPreview')}
          description={
            <>
              <div>{t('admin:categories.importGroups', r.groups)}</div>
              <div>{t('admin:categories.importCategories', r)}</div>
            </>
          }
        />
      );
    },
    [client, t],
  );

  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      key: 'name',
      title: t('admin:categories.category'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong delete={!c.active}>
              {name(c)}
            </Typography.Text>
            {c.sensitive && <Tag color="purple">{t('admin:categories.sensitiveTag')}</Tag>}
            {c.review && <Tag color="gold">{t('admin:categories.reviewTag')}</Tag>}
            {(!c.active || !c.groupActive) && <Tag>{t('admin:common.inactive')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code} ·{' '}
            {name(groups.find((g) => g.code === c.groupCode) ?? { nameZh: c.groupCode, nameEn: c.groupCode })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'route',
      title: t('admin:categories.route'),
      render: (_, c) => {
        const r = routeText(c.route);
        return r ? (
          <Tooltip title={r.code}>
            <span>
              <Tag>{r.scope}</Tag>
              {r.fn}
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('admin:categories.toTriage')}</Typography.Text>
        );
      },
    },
    {
      key: 'limits',
      title: t('admin:categories.limits'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{t('admin:categories.resolveIn', { days: c.resolveWorkdays })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('admin:categories.urgentIn', { hours: c.urgentHours })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'attributes',
      title: t('admin:categories.attributes'),
      responsive: ['lg'],
      render: (_, c) =>
        c.attributes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={4} wrap style={{ maxWidth: 260 }}>
            {c.attributes.map((a) => (
              <Tooltip key={a.code} title={`${a.code} · ${t(`admin:categories.datatype.${a.datatype}`)}`}>
                <Tag>
                  {chinese ? a.descriptionZh : a.descriptionEn}
                  {a.required ? ' *' : ''}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ),
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('admin:common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, c: (typeof rows)[number]) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(c)}
                  aria-label={t('admin:categories.editLabel', { name: name(c) })}
                  title={t('common:button.edit')}
                />
                {c.active ? (
                  <Popconfirm
                    title={t('admin:categories.deactivateConfirm', { name: name(c) })}
                    description={t('admin:categories.deactivateHint')}
                    okText={t('admin:common.deactivate')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common:button.cancel')}
                    onConfirm={() => setActive(c, false)}
                  >
                    <Button size="small" danger>
                      {t('admin:common.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(c, true)}>
                    {t('admin:common.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const total = groups.reduce((n, g) => n + g.categories.length, 0);
  const selectedGroup = groups.find((g) => g.code === filters.group) ?? null;

  return (
    <section>
      <PageHeader
        title={t('admin:categories.title')}
        extra={
          editable && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('admin:categories.create')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => void exportAll()}>
                {t('admin:common.exportJson')}
              </Button>
              <JsonFileButton
                label={t('admin:common.importJson')}
                onFile={(content, fileName) => {
                  if (content instanceof Error)
                    void message.error(t('admin:common.importInvalidFile', { message: content.message }));
                  else setImporting({ document: content as TaxonomyDocument, fileName });
                }}
              />
            </>
          )
        }
      >
        {t('admin:categories.lead')}
      </PageHeader>
      {catalogue.error && (
        <Alert type="error" showIcon title={catalogue.error} style={{ marginBottom: 16 }} />
      )}
      {editable && <RoutingModelCard />}

      <div className="admin-split">
        <Space className="admin-only-narrow" wrap>
          <Select<string>
            aria-label={t('admin:categories.group')}
            value={filters.group ?? ''}
            onChange={(group) => set({ group: group || undefined })}
            style={{ minWidth: 220 }}
            options={[
              { value: '', label: t('admin:categories.allGroups', { count: total }) },
              ...groups.map((g) => ({
                value: g.code,
                label: `${name(g)} (${g.categories.length})${g.active ? '' : ` · ${t('admin:common.inactive')}`}`,
              })),
            ]}
          />
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => setGroupEditing('new')}>
              {t('admin:categories.createGroup')}
            </Button>
          )}
        </Space>
        <Card
          size="small"
          className="admin-only-wide"
          title={t('admin:categories.groups')}
          extra={
            editable && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setGroupEditing('new')}>
                {t('admin:categories.createGroup')}
              </Button>
            )
          }
        >
          <RowList<GroupWithCategories | null>
            label={t('admin:categories.groups')}
            items={[null, ...groups]}
            rowKey={(g) => g?.code ?? '*'}
            selected={(g) => (g ? filters.group === g.code : !filters.group)}
            render={(g) => (
              <>
                <Button
                  type="link"
                  style={{
                    padding: 0,
                    height: 'auto',
                    color: g && !g.active ? '#8c8c8c' : undefined,
                    whiteSpace: 'normal',
                    textAlign: 'left',
                  }}
                  aria-pressed={g ? filters.group === g.code : !filters.group}
                  onClick={() => set({ group: g?.code })}
                >
                  {g
                    ? `${name(g)} (${g.categories.length})`
                    : t('admin:categories.allGroups', { count: total })}
                </Button>
                {g && !g.active && <Tag style={{ marginInlineStart: 6 }}>{t('admin:common.inactive')}</Tag>}
              </>
            )}
          />
        </Card>

        <div style={{ minWidth: 0 }}>
          {selectedGroup && (
            <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
              <Space wrap size={4}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {name(selectedGroup)}
                </Typography.Text>
                <Typography.Text type="secondary">{selectedGroup.code}</Typography.Text>
                {!selectedGroup.active && <Tag>{t('admin:common.inactive')}</Tag>}
              </Space>
              {editable && (
                <Space wrap size={4}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setGroupEditing(selectedGroup)}>
                    {t('admin:categories.editGroup')}
                  </Button>
                  {selectedGroup.active ? (
                    <Popconfirm
                      title={t('admin:categories.deactivateGroupConfirm', { name: name(selectedGroup) })}
                      description={t('admin:categories.deactivateGroupHint')}
                      okText={t('admin:common.deactivate')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common:button.cancel')}
                      onConfirm={() => setGroupActive(selectedGroup, false)}
                    >
                      <Button size="small" danger>
                        {t('admin:categories.deactivateGroup')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => void setGroupActive(selectedGroup, true)}>
                      {t('admin:categories.reactivateGroup')}
                    </Button>
                  )}
                </Space>
              )}
            </Space>
          )}
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search
              aria-label={t('admin:categories.search')}
              placeholder={t('admin:categories.search')}
              value={search}
              allowClear
              onChange={(e) => {
                setSearch(e.target.value);
                if (!e.target.value) set({ q: undefined });
              }}
              onSearch={(v) => set({ q: v.trim() })}
              style={{ width: 240 }}
            />
            <Select<string>
              aria-label={t('admin:categories.status')}
              placeholder={t('admin:categories.anyStatus')}
              allowClear
              value={filters.status}
              onChange={(status) => set({ status })}
              style={{ width: 140 }}
              options={STATUSES.map((s) => ({ value: s, label: t(`admin:categories.statusOption.${s}`) }))}
            />
            <Button
              onClick={() => {
                setSearch('');
                reset();
              }}
            >
              {t('common:button.reset')}
            </Button>
            <Typography.Text type="secondary">
              {t('admin:categories.shown', { n: rows.length })}
            </Typography.Text>
          </Space>
          <Table
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={catalogue.loading}
            pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('common:list.empty') }}
          />
        </div>
      </div>

      <CategoryDrawer
        open={editing !== null}
        category={editing === 'new' ? null : editing}
        groups={groups}
        defaultGroup={filters.group}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void catalogue.reload();
        }}
      />
      <GroupModal
        open={groupEditing !== null}
        group={groupEditing === 'new' ? null : groupEditing}
        onClose={() => setGroupEditing(null)}
        onSaved={() => {
          setGroupEditing(null);
          void catalogue.reload();
        }}
      />
      <ImportDialog<TaxonomyDocument, TaxonomyImportResult>
        document={importing?.document ?? null}
        fileName={importing?.fileName ?? ''}
        title={t('admin:categories.importTitle')}
        preview={preview}
        run={(document) => client.post<TaxonomyImportResult>('/api/categories/import', document)}
        describe={(r) => t('admin:categories.imported', { created: r.created, updated: r.updated })}
        onDone={() => {
          setImporting(null);
          void catalogue.reload();
        }}
        onClose={() => setImporting(null)}
      />
    </section>
  );
}
