import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, unitName } from '../../components/case/labels.tsx';
import { CursorTable } from '../../components/lists/CursorTable.tsx';
import { ExportButton } from '../../components/lists/ExportButton.tsx';
import type { Page } from '../../components/lists/export-xlsx.ts';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useSession } from '../../components/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { RoleName, UserList, UserListQuery, UserView } from './api.ts';
import { UnitPicker } from './shared/org-tree.tsx';
import { ROLE_NAMES } from './shared/roles.ts';
import { PageHeader, today } from './shared/ui.tsx';
import { CreateUserModal } from './users/CreateUserModal.tsx';
import { RoleTag } from './users/RoleBindings.tsx';
import { UserDrawer } from './users/UserDrawer.tsx';
import { UserStatus } from './users/UserStatus.tsx';

const FILTERS = ['q', 'role', 'unit', 'below', 'status', 'user'] as const;
const STATUSES = ['active', 'inactive', 'locked'] as const;
type Status = (typeof STATUSES)[number];

/** The URL's filters as the server's query (status → active/locked). */
export function userQuery(filters: Partial<Record<(typeof FILTERS)[number], string>>): UserListQuery {
  const status = filters.status as Status | undefined;
  return {
    q: filters.q,
    role: ROLE_NAMES.includes(filters.role as RoleName) ? (filters.role as RoleName) : undefined,
    unitId: filters.unit ? Number(filters.unit) : undefined,
    includeSubunits: filters.unit && filters.below === '1' ? 'true' : undefined,
    active: status === 'active' ? 'true' : status === 'inactive' ? 'false' : undefined,
    locked: status === 'locked' ? 'true' : undefined,
  };
}

/**
 * Staff accounts in the viewer's scope: search and filter (kept in the URL), server paging, export;
 * a manager opens an account to rename it, bind or remove roles, reset its password, unlock or
 * deactivate it, and creates new accounts.
 */
export function UsersPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const session = useSession();
  const { client } = session;
  const { filters, set, reset } = useUrlFilters(FILTERS);
  const [search, setSearch] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(0);
  // Accounts changed in the drawer, shown as they now are without reloading the page of the list.
  const [changed, setChanged] = useState<Map<number, UserView>>(new Map());
  const latest = (u: UserView) => changed.get(u.id) ?? u;
  const canManage = session.can('user.manage');
  const openId = filters.user ? Number(filters.user) : null;

  const query = useMemo(() => userQuery(filters), [filters]);
  const fetchPage = useCallback(
    async (cursor: string | null, limit = 50): Promise<Page<UserView>> => {
      const list = await client.get<UserList>('/api/users', { ...query, after: cursor ?? undefined, limit });
      return { items: list.items, nextCursor: list.nextAfter == null ? null : String(list.nextAfter) };
    },
    [client, query],
  );
  const load = useCallback((cursor: string | null) => fetchPage(cursor), [fetchPage]);

  const roleText = (u: UserView) =>
    u.roles.map((r) => `${t(`common:role.${r.role}`)}·${unitName(r.unit, i18n.language)}`).join('；');
  const statusText = (u: UserView) =>
    [
      u.active ? t('admin:users.active') : t('admin:users.inactive'),
      u.locked ? t('admin:users.locked') : null,
    ]
      .filter(Boolean)
      .join('，');

  const columns: TableColumnsType<UserView> = [
    {
      key: 'name',
      title: t('admin:users.account'),
      render: (_, row) => {
        const u = latest(row);
        return (
          <Space orientation="vertical" size={0}>
            <Button
              type="link"
              style={{ padding: 0, height: 'auto' }}
              onClick={() => set({ user: String(u.id) })}
            >
              {u.displayName}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      key: 'roles',
      title: t('admin:users.roles'),
      render: (_, row) => (
        <div style={{ maxWidth: 420 }}>
          {latest(row).roles.map((r) => (
            <RoleTag key={r.id} binding={r} />
          ))}
          {latest(row).roles.length === 0 && (
            <Typography.Text type="secondary">{t('admin:users.noRoles')}</Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('admin:users.status'), render: (_, row) => <UserStatus user={latest(row)} /> },
    {
      key: 'lastLogin',
      title: t('admin:users.lastLogin'),
      responsive: ['md'],
      render: (_, row) =>
        latest(row).lastLoginAt ? <DateTime value={latest(row).lastLoginAt} /> : t('admin:users.never'),
    },
  ];

  return (
    <section>
      <PageHeader
        title={t('admin:users.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('admin:users.create')}
            </Button>
          )
        }
      >
        {canManage ? t('admin:users.lead') : t('admin:users.leadReadOnly')}
      </PageHeader>

      <form
        aria-label={t('common:list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() });
        }}
      >
        <Space wrap style={{ marginBottom: 16 }} align="center">
          <Input.Search
            aria-label={t('admin:users.search')}
            placeholder={t('admin:users.search')}
            value={search}
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => set({ q: value.trim() })}
            style={{ width: 220 }}
          />
          <Select<string>
            aria-label={t('admin:users.role')}
            placeholder={t('admin:users.allRoles')}
            allowClear
            value={filters.role}
            onChange={(role) => set({ role })}
            style={{ width: 150 }}
            options={ROLE_NAMES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
          />
          <div style={{ width: 240 }}>
            <UnitPicker
              aria-label={t('admin:users.unit')}
              allowInactive
              value={filters.unit ? Number(filters.unit) : undefined}
              onChange={(unit) => set({ unit: unit ? String(unit) : undefined })}
            />
          </div>
          <Checkbox
            checked={filters.below === '1'}
            disabled={!filters.unit}
            onChange={(e) => set({ below: e.target.checked ? '1' : undefined })}
          >
            {t('admin:users.includeSubunits')}
          </Checkbox>
          <Select<Status>
            aria-label={t('admin:users.status')}
            placeholder={t('admin:users.anyStatus')}
            allowClear
            value={filters.status as Status | undefined}
            onChange={(status) => set({ status })}
            style={{ width: 130 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`admin:users.${s}`) }))}
          />
          <Button
            onClick={() => {
              setSearch('');
              reset();
            }}
          >
            {t('common:button.reset')}
          </Button>
        </Space>
      </form>

      <CursorTable<UserView>
        rowKey="id"
        columns={columns}
        load={load}
        reloadKey={`${JSON.stringify(query)}#${created}`}
        toolbar={
          <ExportButton<UserView>
            options={() => ({
              fileName: `${t('admin:users.exportFile')}-${today()}.xlsx`,
              sheetName: t('admin:users.title'),
              fetchPage: (cursor) => fetchPage(cursor, 200),
              columns: [
                { header: t('admin:users.username'), value: (u) => u.username, width: 20 },
                { header: t('admin:users.displayName'), value: (u) => u.displayName, width: 20 },
                { header: t('admin:users.roles'), value: roleText, width: 60 },
                { header: t('admin:users.status'), value: statusText, width: 14 },
                {
                  header: t('admin:users.lastLogin'),
                  value: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : ''),
                  width: 20,
                },
              ],
            })}
          />
        }
      />

      <UserDrawer
        userId={openId}
        onClose={() => set({ user: undefined })}
        onChanged={(u) => setChanged((m) => new Map(m).set(u.id, u))}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => setCreated((n) => n + 1)}
      />
    </section>
  );
}
