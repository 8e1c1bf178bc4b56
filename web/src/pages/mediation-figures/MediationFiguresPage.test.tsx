import { fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { errorAnswer, fakeServer } from '../../test/fake-server.ts';
import { MediationFiguresPage, type MediationFiguresView } from './MediationFiguresPage.tsx';

const STREET = { id: 3, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou' };
const ROOM = {
  id: 40,
  code: 'GL01-MEDIATION',
  nameZh: '中山社区和好屋',
  nameEn: 'Zhongshan Reconciliation Room',
};
const MONTH = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const NEXT = (() => {
  const d = new Date(`${MONTH}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
})();

const row = (over: Partial<MediationFiguresView['total']> = {}): MediationFiguresView['total'] => ({
  received: 0,
  agreed: 0,
  failed: 0,
  withdrawn: 0,
  refused: 0,
  success: { numerator: 0, denominator: 0, rate: null },
  averageDays: null,
  keptFromEscalating: 0,
  ...over,
});

function figures(unit: typeof STREET, total: MediationFiguresView['total']): MediationFiguresView {
  return {
    unit,
    period: { from: `${MONTH}-01`, to: NEXT },
    total,
    byDisputeType: [
      { disputeType: 'neighbour', nameZh: '邻里纠纷', nameEn: 'Neighbour dispute', ...total },
      { disputeType: 'labour', nameZh: '劳动争议', nameEn: 'Labour dispute', ...row() },
    ],
    byOrganisation: [{ organisation: ROOM, ...total }],
    openAtEnd: 2,
  };
}

const STREET_FIGURES = figures(
  STREET,
  row({
    received: 6,
    agreed: 2,
    failed: 1,
    refused: 1,
    success: { numerator: 2, denominator: 3, rate: 0.6667 },
    averageDays: 5,
    keptFromEscalating: 1,
  }),
);

function renderPage(language: Language = 'zh-CN') {
  const i18n = createWorkbenchI18n(language);
  const me: MeView = {
    user: {
      id: 12,
      kind: 'staff',
      username: 'gl.head',
      displayName: '鼓楼街道负责人',
      phone: null,
      active: true,
      locked: false,
      lastLoginAt: null,
      roles: [{ id: 12, role: 'unit_head', unit: STREET }],
      version: 1,
    },
    actions: ['mediation.read'],
    csrfToken: 'csrf',
  };
  const session: Session = {
    client: new Client(() => i18n.language),
    me,
    can: (a) => me.actions.includes(a),
    hasRole: (...roles) => me.user.roles.some((r) => roles.includes(r.role)),
    units: [STREET],
    signOut: async () => {},
  };
  render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <TestSession session={session}>
          <MemoryRouter>
            <MediationFiguresPage />
          </MemoryRouter>
        </TestSession>
      </AntApp>
    </I18nextProvider>,
  );
}

describe('mediation figures page', { timeout: 20_000 }, () => {
  it("shows this month's figures of the viewer's unit, drills into an organisation and offers the Excel report", async () => {
    const { calls } = fakeServer({
      [`GET /api/mediation-figures?from=${MONTH}-01&to=${NEXT}`]: () => ({
        status: 200,
        body: STREET_FIGURES,
      }),
      [`GET /api/mediation-figures?unitId=40&from=${MONTH}-01&to=${NEXT}`]: () => ({
        status: 200,
        body: figures(
          ROOM,
          row({ received: 4, agreed: 1, failed: 1, success: { numerator: 1, denominator: 2, rate: 0.5 } }),
        ),
      }),
    });
    renderPage();
    expect(await screen.findByText('· 鼓楼街道')).toBeTruthy();
    const rate = screen
      .getByText('调解成功率', { selector: '.ant-statistic-title' })
      .closest('.ant-statistic');
    expect(rate?.textContent).toContain('66.7%');
    const types = screen.getByText('按纠纷类型').closest('.ant-card') as HTMLElement;
    const neighbour = within(types).getByText('邻里纠纷').closest('tr') as HTMLElement;
    expect(
      within(neighbour)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['邻里纠纷', '6', '2', '1', '0', '1', '66.7%', '5.0', '1']);
    const link = screen.getByRole('link', { name: /下载月报/ });
    expect(link.getAttribute('href')).toBe(`/api/mediation-figures/monthly.xlsx?unitId=3&month=${MONTH}`);

    fireEvent.click(screen.getByRole('button', { name: '中山社区和好屋' }));
    expect(await screen.findByText('· 中山社区和好屋')).toBeTruthy();
    expect(calls.some((c) => c.path.includes('unitId=40'))).toBe(true);
    expect(screen.getByRole('link', { name: /下载月报/ }).getAttribute('href')).toContain('unitId=40');
  });

  it('speaks English', async () => {
    fakeServer({
      [`GET /api/mediation-figures?from=${MONTH}-01&to=${NEXT}`]: () => ({
        status: 200,
        body: STREET_FIGURES,
      }),
    });
    renderPage('en');
    expect(await screen.findByText('· Gulou')).toBeTruthy();
    expect(screen.getByText('Success rate', { selector: '.ant-statistic-title' })).toBeTruthy();
    expect(screen.getAllByText('Neighbour dispute').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: /Monthly report/ })).toBeTruthy();
  });

  it("says so when the server refuses, in the server's words", async () => {
    fakeServer({
      [`GET /api/mediation-figures?from=${MONTH}-01&to=${NEXT}`]: errorAnswer(403, 'access.denied', {
        'zh-CN': '没有权限',
        en: 'Not allowed',
      }),
    });
    renderPage();
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });
});
