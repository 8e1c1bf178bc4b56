import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  HomeOutlined,
  InboxOutlined,
  InteractionOutlined,
  PhoneOutlined,
  SearchOutlined,
  SendOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Session } from '../../components/session.tsx';

/** One page of the workbench: where it lives, its menu entry and who may open it. */
export interface WorkbenchPage {
  key: string;
  /** Under /admin; `cases/:id` style parameters allowed. */
  path: string;
  /** Menu label key in the shell namespace; pages without one are not in the menu. */
  menu?: string;
  icon?: ReactNode;
  group?: 'admin';
  /** Whether the signed-in user may open it; the server checks every call again. */
  allowed: (session: Session) => boolean;
  page: ComponentType;
}

const page = <M,>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

const any =
  (...actions: string[]) =>
  (s: Session) =>
    actions.some((a) => s.can(a));

/** Every page, in menu order. A page shows in the menu only to users whose roles allow it. */
export const PAGES: WorkbenchPage[] = [
  {
    key: 'home',
    path: '',
    menu: 'home',
    icon: <HomeOutlined />,
    allowed: () => true,
    page: page(() => import('./HomePage.tsx'), 'HomePage'),
  },
  {
    key: 'dashboard',
    path: 'dashboard',
    menu: 'dashboard',
    icon: <DashboardOutlined />,
    allowed: any('figures.read'),
    page: page(() => import('../dashboard/DashboardPage.tsx'), 'DashboardPage'),
  },
  {
    key: 'intake',
    path: 'intake',
    menu: 'intake',
    icon: <PhoneOutlined />,
    allowed: any('case.register'),
    page: page(() => import('../intake/IntakePage.tsx'), 'IntakePage'),
  },
  {
    key: 'triage',
    path: 'triage',
    menu: 'triage',
    icon: <SendOutlined />,
    allowed: any('case.dispatch', 'case.decide_extension', 'case.merge'),
    page: page(() => import('../dispatch/DispatchDeskPage.tsx'), 'DispatchDeskPage'),
  },
  {
    key: 'inbox',
    path: 'inbox',
    menu: 'inbox',
    icon: <InboxOutlined />,
    allowed: any('case.handle'),
    page: page(() => import('../inbox/InboxPage.tsx'), 'InboxPage'),
  },
  {
    key: 'callbacks',
    path: 'callbacks',
    menu: 'callbacks',
    icon: <CustomerServiceOutlined />,
    allowed: any('case.callback'),
    page: page(() => import('../callbacks/CallbacksPage.tsx'), 'CallbacksPage'),
  },
  {
    key: 'supervision',
    path: 'supervision',
    menu: 'supervision',
    icon: <AlertOutlined />,
    allowed: any('case.supervise'),
    page: page(() => import('../supervision/SupervisionPage.tsx'), 'SupervisionPage'),
  },
  {
    key: 'mediation',
    path: 'mediation',
    menu: 'mediation',
    icon: <InteractionOutlined />,
    // Mediators, and the heads, leaders and supervisors the API lets read mediation cases.
    allowed: any('mediation.read'),
    page: page(() => import('../mediation/MediationListPage.tsx'), 'MediationListPage'),
  },
  {
    key: 'mediationCase',
    path: 'mediation/:id',
    allowed: any('mediation.read'),
    page: page(() => import('../mediation/MediationPage.tsx'), 'MediationPage'),
  },
  {
    key: 'mediationFigures',
    path: 'mediation-figures',
    menu: 'mediationFigures',
    icon: <BarChartOutlined />,
    allowed: any('mediation.read'),
    page: page(() => import('../mediation-figures/MediationFiguresPage.tsx'), 'MediationFiguresPage'),
  },
  {
    key: 'cases',
    path: 'cases',
    menu: 'cases',
    icon: <SearchOutlined />,
    allowed: any('case.read'),
    page: page(() => import('../case/CaseListPage.tsx'), 'CaseListPage'),
  },
  {
    key: 'case',
    path: 'cases/:id',
    allowed: any('case.read'),
    page: page(() => import('../case/CasePage.tsx'), 'CasePage'),
  },
  {
    key: 'notifications',
    path: 'notifications',
    menu: 'notifications',
    icon: <BellOutlined />,
    allowed: () => true,
    page: page(() => import('./NotificationsPage.tsx'), 'NotificationsPage'),
  },
  {
    key: 'org',
    path: 'org',
    menu: 'org',
    icon: <ClusterOutlined />,
    group: 'admin',
    // Read-only for leaders and supervisors, who oversee the whole organisation; everyone holds
    // org.read (to route and pick units), which alone is no reason for an admin menu entry.
    allowed: (s) => s.can('org.manage') || s.hasRole('leader', 'supervisor'),
    page: page(() => import('../admin/OrgPage.tsx'), 'OrgPage'),
  },
  {
    key: 'users',
    path: 'users',
    menu: 'users',
    icon: <TeamOutlined />,
    group: 'admin',
    // Read-only with user.read (leaders, supervisors, dispatchers, unit heads: staff in their area).
    allowed: any('user.manage', 'user.read'),
    page: page(() => import('../admin/UsersPage.tsx'), 'UsersPage'),
  },
  {
    key: 'categories',
    path: 'categories',
    menu: 'categories',
    icon: <TagsOutlined />,
    group: 'admin',
    allowed: any('category.manage'),
    page: page(() => import('../admin/CategoriesPage.tsx'), 'CategoriesPage'),
  },
  {
    key: 'calendar',
    path: 'calendar',
    menu: 'calendar',
    icon: <CalendarOutlined />,
    group: 'admin',
    allowed: any('calendar.manage'),
    page: page(() => import('../admin/CalendarPage.tsx'), 'CalendarPage'),
  },
  {
    key: 'apiKeys',
    path: 'api-keys',
    menu: 'apiKeys',
    icon: <ApiOutlined />,
    group: 'admin',
    allowed: any('apikey.manage'),
    page: page(() => import('../admin/ApiKeysPage.tsx'), 'ApiKeysPage'),
  },
  {
    key: 'audit',
    path: 'audit',
    menu: 'audit',
    icon: <AuditOutlined />,
    group: 'admin',
    allowed: any('audit.read'),
    page: page(() => import('../admin/AuditPage.tsx'), 'AuditPage'),
  },
];

export const ADMIN_GROUP_ICON = <SettingOutlined />;

/** The pages this user may open. */
export function pagesFor(session: Session): WorkbenchPage[] {
  return PAGES.filter((p) => p.allowed(session));
}

/** `/admin/cases/42` → the page `cases/:id`; the longest matching path wins. */
export function pageKeyOf(pathname: string): string {
  const rest = pathname
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean);
  const match = PAGES.filter((p) => {
    const parts = p.path.split('/').filter(Boolean);
    return parts.length === rest.length && parts.every((part, i) => part.startsWith(':') || part === rest[i]);
  });
  return match[0]?.key ?? 'home';
}
