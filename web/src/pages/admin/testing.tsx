// Renders one administration page as a signed-in user for component tests: antd, i18n, a router
// at the given address and a session holding exactly the given actions. The server is the fake
// one of test/fake-server.ts.
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, useLocation } from 'react-router';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';

export const ADMIN_ME: MeView = {
  user: {
    id: 1,
    kind: 'staff',
    username: 'admin',
    displayName: '系统管理员',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles: [
      { id: 1, role: 'admin', unit: { id: 1, code: 'HS', nameZh: '海曙区', nameEn: 'Haishu District' } },
    ],
    version: 1,
  },
  actions: [
    'org.read',
    'org.manage',
    'user.read',
    'user.manage',
    'apikey.manage',
    'audit.read',
    'category.manage',
    'calendar.manage',
  ],
  csrfToken: 'csrf',
};

/** The address the page last navigated to (for checking filters kept in the URL). */
export const location = { current: '' };

function LocationProbe() {
  const here = useLocation();
  location.current = `${here.pathname}${here.search}`;
  return null;
}

export function renderAdmin(
  page: ReactNode,
  {
    path = '/admin',
    language = 'zh-CN',
    me = ADMIN_ME,
  }: { path?: string; language?: Language; me?: MeView } = {},
) {
  const i18n = createWorkbenchI18n(language);
  const client = new Client(() => i18n.language);
  client.csrfToken = 'csrf';
  const actions = new Set(me.actions);
  const session: Session = {
    client,
    me,
    can: (a) => actions.has(a),
    hasRole: (...roles) => me.user.roles.some((r) => roles.includes(r.role)),
    units: me.user.roles.map((r) => r.unit),
    signOut: async () => undefined,
  };
  return render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <MemoryRouter initialEntries={[path]}>
            <LocationProbe />
            <TestSession session={session}>{page}</TestSession>
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

/** A small organisation tree answer: district HS → street GL → community GL01. */
export const TREE = {
  roots: [
    {
      id: 1,
      code: 'HS',
      kind: 'district',
      function: null,
      nameZh: '海曙区',
      nameEn: 'Haishu District',
      active: true,
      children: [
        {
          id: 31,
          code: 'GL',
          kind: 'street',
          function: null,
          nameZh: '鼓楼街道',
          nameEn: 'Gulou Subdistrict',
          active: true,
          children: [
            {
              id: 44,
              code: 'GL01',
              kind: 'community',
              function: null,
              nameZh: '中山社区',
              nameEn: 'Zhongshan Community',
              active: true,
              children: [],
            },
          ],
        },
      ],
    },
  ],
};
