// Helpers for the worklist pages' component tests: a signed-in session, the router, i18n and antd.
import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation, useParams } from 'react-router';
import type { CaseList, CaseListItem } from '../../api/http.ts';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { type Session, TestSession } from '../session.tsx';

/** A case as a worklist row, with the fields a test cares about changed. */
export function caseItem(overrides: Partial<CaseListItem> = {}): CaseListItem {
  return {
    id: 1,
    trackingNo: 'HS20261129000001',
    status: 'accepted',
    channel: 'hotline',
    kind: 'complaint',
    category: { code: 'UM01', nameZh: '垃圾清运与环境卫生', nameEn: 'Garbage collection and sanitation' },
    title: '小区门口垃圾桶满溢',
    urgent: false,
    sensitive: false,
    street: { id: 31, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou Subdistrict' },
    community: { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' },
    leadUnit: {
      id: 39,
      code: 'GL-ENFORCEMENT',
      nameZh: '鼓楼街道综合执法组',
      nameEn: 'Gulou Enforcement Team',
    },
    triageReason: null,
    registeredAt: '2026-11-27T02:00:00.000Z',
    signDueAt: '2026-11-27T04:00:00.000Z',
    resolveDueAt: '2026-11-30T02:00:00.000Z',
    slaState: 'none',
    remainingWorkMinutes: 150,
    supervised: false,
    version: 3,
    returnCount: 0,
    escalationLevel: 0,
    resolvedAt: null,
    outcome: null,
    contactPreference: null,
    lastReturn: null,
    pendingExtension: null,
    ...overrides,
  };
}

export const page = (items: CaseListItem[], nextCursor: string | null = null): CaseList => ({
  items,
  nextCursor,
});

function staff(actions: string[]): MeView {
  return {
    user: {
      id: 5,
      kind: 'staff',
      username: 'gl.handler',
      displayName: '鼓楼综合执法组办理人',
      phone: null,
      active: true,
      locked: false,
      lastLoginAt: null,
      roles: [
        {
          id: 9,
          role: 'handler',
          unit: {
            id: 39,
            code: 'GL-ENFORCEMENT',
            nameZh: '鼓楼街道综合执法组',
            nameEn: 'Gulou Enforcement Team',
          },
        },
      ],
      version: 1,
    },
    actions,
    csrfToken: 'csrf',
  };
}

/** Where the app is now: the path and query, shown for assertions. */
function Location() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

function CasePage() {
  return <p>case page {useParams().id}</p>;
}

/**
 * Renders a worklist page at `url` for a user with these actions, in Chinese unless asked. The case
 * page is a stub saying which case it shows; `location` reads the address bar.
 */
export function renderWorklist(
  ui: ReactNode,
  { url, actions, language = 'zh-CN' }: { url: string; actions: string[]; language?: Language },
) {
  const i18n = createWorkbenchI18n(language);
  const me = staff(actions);
  const session: Session = {
    client: new Client(() => i18n.language),
    me,
    can: (action) => actions.includes(action),
    hasRole: (...roles) => me.user.roles.some((r) => roles.includes(r.role)),
    units: me.user.roles.map((r) => r.unit),
    signOut: async () => {},
  };
  const path = new URL(url, 'http://x').pathname;
  render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <TestSession session={session}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path={path} element={ui} />
              <Route path="/admin/cases/:id" element={<CasePage />} />
              <Route path="*" element={null} />
            </Routes>
            <Location />
          </MemoryRouter>
        </TestSession>
      </AntApp>
    </I18nextProvider>,
  );
  return { i18n };
}
