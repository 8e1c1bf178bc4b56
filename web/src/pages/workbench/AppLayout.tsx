import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, type MenuProps, Result, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { unitName } from '../../components/case/labels.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useSession } from '../../components/session.tsx';
import { ADMIN_GROUP_ICON, PAGES, pageKeyOf, pagesFor } from './nav.tsx';
import { useUnreadCount } from './notifications.ts';

/** The frame around every page: the menu of what this user may do, the bell, language, account. */
export function AppLayout() {
  const { t, i18n } = useTranslation(['shell', 'common']);
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { unread } = useUnreadCount(session.client);
  // On a narrow screen the menu folds away behind a button in the header, and folds again after a choice.
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fold on every navigation
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [location.pathname]);
  const mine = pagesFor(session);
  const inMenu = mine.filter((p) => p.menu);
  const label = (key: string) => t(`shell:menu.${key}` as 'shell:menu.home');
  const items: MenuProps['items'] = [
    ...inMenu
      .filter((p) => !p.group)
      .map((p) => ({
        key: p.key,
        icon: p.icon,
        label: <Link to={`/admin/${p.path}`}>{label(p.menu as string)}</Link>,
      })),
  ];
  const adminPages = inMenu.filter((p) => p.group === 'admin');
  if (adminPages.length > 0)
    items.push({
      key: 'admin',
      icon: ADMIN_GROUP_ICON,
      label: label('admin'),
      children: adminPages.map((p) => ({
        key: p.key,
        icon: p.icon,
        label: <Link to={`/admin/${p.path}`}>{label(p.menu as string)}</Link>,
      })),
    });
  const current = pageKeyOf(location.pathname);
  const selected = current === 'case' ? 'cases' : current;

  const roles = session.me.user.roles.map((r) => ({
    key: String(r.id),
    disabled: true,
    label: t('shell:account.rolesIn', {
      role: t(`common:role.${r.role}` as 'common:role.admin'),
      unit: unitName(r.unit, i18n.language),
    }),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={216}
        theme="light"
        className="workbench-sider"
        trigger={null}
        collapsible
        collapsed={collapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
      >
        <div className="workbench-brand">
          <Link to="/admin">{t('shell:title')}</Link>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={adminPages.some((p) => p.key === selected) ? ['admin'] : []}
          items={items}
          aria-label={t('shell:title')}
        />
      </Layout.Sider>
      {narrow && !collapsed && (
        // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the open menu folds it; Esc and the button do too
        // biome-ignore lint/a11y/useKeyWithClickEvents: the menu button is the keyboard way
        <div className="workbench-backdrop" onClick={() => setCollapsed(true)} />
      )}
      <Layout>
        <Layout.Header className="workbench-header">
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('shell:menu.toggle')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          <Space size={narrow ? 'small' : 'middle'} style={{ justifyContent: 'flex-end', flex: 1 }}>
            <Badge count={unread} size="small">
              <Button
                type="text"
                icon={<BellOutlined />}
                aria-label={t('shell:notifications.title')}
                onClick={() => navigate('/admin/notifications')}
              />
            </Badge>
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'roles', type: 'group', label: t('shell:account.myRoles'), children: roles },
                  { type: 'divider' },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('shell:account.signOut') },
                ],
                onClick: ({ key }) => {
                  if (key === 'signOut') void session.signOut().then(() => navigate('/admin'));
                },
              }}
            >
              <Button
                type="text"
                icon={<UserOutlined />}
                data-testid="account-menu"
                aria-label={session.me.user.displayName}
                title={session.me.user.displayName}
              >
                {narrow ? null : session.me.user.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="workbench-content">
          <Suspense fallback={<Spin />}>
            <Routes>
              {PAGES.map((p) => {
                const Page = p.page;
                return (
                  <Route
                    key={p.key}
                    path={p.path || undefined}
                    index={p.path === ''}
                    element={
                      mine.includes(p) ? <Page /> : <Result status="403" title={t('shell:forbidden')} />
                    }
                  />
                );
              })}
              <Route path="*" element={<Result status="404" title={t('shell:notFound')} />} />
            </Routes>
          </Suspense>
          <Typography.Text type="secondary" className="workbench-footer">
            {t('shell:title')}
          </Typography.Text>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
