import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseEvent } from '../../api/http.ts';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { type Call, errorAnswer, fakeServer } from '../../test/fake-server.ts';
import { CasePage } from './CasePage.tsx';

const GL = { id: 31, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou Subdistrict' };
const GL01 = { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' };
const ENFORCEMENT = {
  id: 39,
  code: 'GL-ENFORCEMENT',
  nameZh: '鼓楼街道综合执法组',
  nameEn: 'Gulou Subdistrict Law Enforcement Team',
};
const HOUSING = { id: 12, code: 'HS-HOUSING', nameZh: '区住房和建设局', nameEn: 'District Housing Bureau' };

const NO_ABILITIES: CaseDetail['abilities'] = {
  dispatch: false,
  sign: false,
  return: false,
  requestExtension: false,
  decideExtension: false,
  reportPart: false,
  resolve: false,
  callback: false,
  supervise: false,
  merge: false,
  withdraw: false,
  note: false,
  answer: false,
};

const LEAD_ASSIGNMENT: CaseDetail['assignments'][number] = {
  id: 70,
  unit: ENFORCEMENT,
  role: 'lead',
  round: 1,
  state: 'dispatched',
  dispatchedAt: '2026-11-27T02:00:00.000Z',
  signDueAt: '2026-11-27T04:00:00.000Z',
  signedAt: null,
  report: null,
  reportedAt: null,
  returnReason: null,
};

function makeCase(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 7,
    trackingNo: 'HS20261129000007',
    status: 'dispatched',
    channel: 'hotline',
    kind: 'complaint',
    category: { code: 'UM01', nameZh: '垃圾清运与环境卫生', nameEn: 'Garbage collection and sanitation' },
    title: '小区门口垃圾桶三天没人清运',
    urgent: false,
    sensitive: false,
    street: GL,
    community: GL01,
    leadUnit: ENFORCEMENT,
    triageReason: null,
    registeredAt: '2026-11-27T02:00:00.000Z',
    signDueAt: '2026-11-27T04:00:00.000Z',
    resolveDueAt: '2026-12-02T02:00:00.000Z',
    slaState: 'none',
    remainingWorkMinutes: 900,
    supervised: false,
    version: 5,
    description: '小区门口垃圾桶三天没人清运，气味很大',
    attributes: {},
    address: '海曙区鼓楼街道中山社区公园路3号',
    lat: null,
    lng: null,
    reporter: { name: '王*', phone: '138****1234', masked: true, anonymous: false },
    contactPreference: null,
    otherReporters: 0,
    dispatchedAt: '2026-11-27T02:00:00.000Z',
    signedAt: null,
    resolvedAt: null,
    outcome: null,
    resolution: null,
    callbackAt: null,
    solved: null,
    rating: null,
    closedAt: null,
    answeredAtIntake: false,
    returnCount: 0,
    reopenCount: 0,
    extendedDays: 0,
    escalationLevel: 0,
    mergedIntoId: null,
    repeatOfId: null,
    suspectedDuplicateOfId: null,
    related: { mergedInto: null, repeatOf: null, merged: [], repeats: [] },
    assignments: [LEAD_ASSIGNMENT],
    extensions: [],
    callbacks: [],
    attachments: [],
    abilities: NO_ABILITIES,
    ...over,
  };
}

const EVENTS: CaseEvent[] = [
  {
    id: 1,
    at: '2026-11-27T02:00:00.000Z',
    actor: '81890 话务员',
    action: 'register',
    fromStatus: 'received',
    toStatus: 'received',
    unit: null,
    note: null,
    data: { channel: 'hotline', category: 'UM01', place: 'GL01' },
  },
  {
    id: 2,
    at: '2026-11-27T02:00:00.000Z',
    actor: 'auto-route',
    action: 'dispatch',
    fromStatus: 'received',
    toStatus: 'dispatched',
    unit: ENFORCEMENT,
    note: null,
    data: { auto: true, lead: 'GL-ENFORCEMENT' },
  },
];

const me: MeView = {
  user: {
    id: 15,
    kind: 'staff',
    username: 'gl.handler',
    displayName: '鼓楼综合执法组办理人',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles: [{ id: 15, role: 'handler', unit: ENFORCEMENT }],
    version: 1,
  },
  actions: ['case.read', 'case.handle', 'case.note'],
  csrfToken: 'csrf',
};

type FakeRoutes = Parameters<typeof fakeServer>[0];

/** The case page at /admin/cases/7 with a signed-in user, against a fake server. */
function renderCase(routes: FakeRoutes, language: Language = 'zh-CN') {
  const server = fakeServer({
    'GET /api/cases/7/events': () => ({ status: 200, body: { items: EVENTS } }),
    'GET /api/categories': () => ({ status: 200, body: { groups: [] } }),
    'GET /api/categories/UM01': () => ({ status: 404, body: { error: { code: 'x', message: 'x' } } }),
    'GET /api/org/tree': () => ({
      status: 200,
      body: {
        roots: [
          {
            ...GL,
            kind: 'street',
            function: null,
            active: true,
            children: [ENFORCEMENT, HOUSING].map((u) => ({
              ...u,
              kind: 'team',
              function: null,
              active: true,
              children: [],
            })),
          },
        ],
      },
    }),
    ...routes,
  });
  const i18n = createWorkbenchI18n(language);
  const client = new Client(() => i18n.language);
  const session: Session = {
    client,
    me,
    can: (a) => me.actions.includes(a),
    hasRole: () => true,
    units: [ENFORCEMENT],
    signOut: async () => {},
  };
  render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <TestSession session={session}>
          <MemoryRouter initialEntries={['/admin/cases/7']}>
            <Routes>
              <Route path="/admin/cases/:id" element={<CasePage />} />
            </Routes>
          </MemoryRouter>
        </TestSession>
      </AntApp>
    </I18nextProvider>,
  );
  return server;
}

const posts = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);
const toolbar = async () => screen.findByRole('toolbar', { name: '可执行的操作' });

describe('case page', () => {
  it('shows only the actions the server allows, the main one first', async () => {
    renderCase({
      'GET /api/cases/7': () => ({
        status: 200,
        body: makeCase({ abilities: { ...NO_ABILITIES, sign: true, return: true, note: true } }),
      }),
    });
    const bar = await toolbar();
    const names = within(bar)
      .getAllByRole('button')
      .map((b) => b.textContent?.replace(/\s/g, ''));
    expect(names).toEqual(['签收', '退单', '添加备注', '联系记录']);
    expect(within(bar).getAllByRole('button')[0]?.className).toContain('ant-btn-primary');
    expect(screen.getByText('小区门口垃圾桶三天没人清运，气味很大')).toBeTruthy();
    expect(screen.getByText('剩余 15 工作小时')).toBeTruthy();
    expect(screen.getByText(/· 系统（按规则派单）/)).toBeTruthy();
  });

  it('tells whoever calls back that the reporter asked not to be contacted', async () => {
    renderCase({
      'GET /api/cases/7': () => ({ status: 200, body: makeCase({ contactPreference: 'none' }) }),
    });
    expect(await screen.findByText('不希望被联系')).toBeTruthy();
  });

  it('renders no action bar when the server allows nothing', async () => {
    renderCase({ 'GET /api/cases/7': () => ({ status: 200, body: makeCase() }) });
    expect(await screen.findByText('小区门口垃圾桶三天没人清运')).toBeTruthy();
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('reloads the case and says someone else changed it when an action meets a newer version (409)', async () => {
    let reads = 0;
    const { calls } = renderCase({
      'GET /api/cases/7': () => {
        reads += 1;
        return {
          status: 200,
          body:
            reads === 1
              ? makeCase({ abilities: { ...NO_ABILITIES, sign: true } })
              : makeCase({ status: 'accepted', version: 6, signedAt: '2026-11-27T03:00:00.000Z' }),
        };
      },
      'POST /api/cases/7/sign': errorAnswer(409, 'case.conflict', {
        'zh-CN': '工单已被他人修改',
        en: 'changed',
      }),
    });
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /签\s*收/ }));
    fireEvent.click(await screen.findByRole('button', { name: /提\s*交/ }));
    expect(await screen.findByText('这条记录已被他人修改，已为您刷新，请确认后重试')).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
    expect(posts(calls, '/api/cases/7/sign')[0]?.body).toMatchObject({ version: 5 });
    // The case as it now is: signed by someone else, so no sign button any more.
    await waitFor(() => expect(screen.queryByRole('toolbar')).toBeNull());
    expect(screen.getAllByText('已签收').length).toBeGreaterThan(0);
  });

  it('will not return a case without a reason, then sends the reason with the version', async () => {
    let reads = 0;
    const { calls } = renderCase({
      'GET /api/cases/7': () => {
        reads += 1;
        return { status: 200, body: makeCase({ abilities: { ...NO_ABILITIES, return: true } }) };
      },
      'POST /api/cases/7/return': () => ({
        status: 200,
        body: makeCase({ status: 'received', version: 6, triageReason: 'returned' }),
      }),
    });
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /退\s*单/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('请填写退单原因')).toBeTruthy();
    expect(posts(calls, '/api/cases/7/return')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('退单原因'), {
      target: { value: '  属于区住建局职责，建议改派  ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/cases/7/return')).toHaveLength(1));
    expect(posts(calls, '/api/cases/7/return')[0]?.body).toEqual({
      reason: '属于区住建局职责，建议改派',
      version: 5,
    });
    expect(await screen.findByText('已退单，工单已退回派单员')).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
  });

  it("puts the server's field errors under their fields", async () => {
    renderCase({
      'GET /api/cases/7': () => ({
        status: 200,
        body: makeCase({ abilities: { ...NO_ABILITIES, return: true } }),
      }),
      'POST /api/cases/7/return': () => ({
        status: 400,
        body: {
          error: {
            code: 'request.invalid',
            message: '请求数据有误',
            details: [{ path: 'body.reason', code: 'too_big', message: '不能超过 1000 个字符' }],
          },
        },
      }),
    });
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /退\s*单/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('退单原因'), { target: { value: '不属于本单位' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('不能超过 1000 个字符')).toBeTruthy();
  });

  it("dispatches a case in triage to the route's unit by default, with the version", async () => {
    const { calls } = renderCase({
      'GET /api/cases/7': () => ({
        status: 200,
        body: makeCase({
          status: 'received',
          leadUnit: null,
          assignments: [],
          triageReason: 'review',
          abilities: { ...NO_ABILITIES, dispatch: true },
        }),
      }),
      'GET /api/cases/7/route?category=UM01': () => ({
        status: 200,
        body: { category: null, lead: ENFORCEMENT, reason: null },
      }),
      'POST /api/cases/7/dispatch': () => ({ status: 200, body: makeCase() }),
    });
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /派\s*单/ }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('按派单规则建议：鼓楼街道综合执法组')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/cases/7/dispatch')).toHaveLength(1));
    expect(posts(calls, '/api/cases/7/dispatch')[0]?.body).toEqual({
      leadUnitId: ENFORCEMENT.id,
      coUnitIds: [],
      urgent: false,
      version: 5,
    });
  });

  it('re-routes a case being handled to its lead and co-units as they stand unless changed', async () => {
    const { calls } = renderCase({
      'GET /api/cases/7': () => ({
        status: 200,
        body: makeCase({
          version: 9,
          assignments: [LEAD_ASSIGNMENT, { ...LEAD_ASSIGNMENT, id: 71, unit: HOUSING, role: 'co' }],
          abilities: { ...NO_ABILITIES, dispatch: true },
        }),
      }),
      'GET /api/cases/7/route?category=UM01': () => ({
        status: 200,
        body: { category: null, lead: HOUSING, reason: null },
      }),
      'POST /api/cases/7/dispatch': () => ({ status: 200, body: makeCase() }),
    });
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /派\s*单/ }));
    const dialog = await screen.findByRole('dialog');
    // The route would choose another unit: offered, not forced on the dispatcher.
    expect(await within(dialog).findByRole('button', { name: /采\s*用/ })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/cases/7/dispatch')).toHaveLength(1));
    expect(posts(calls, '/api/cases/7/dispatch')[0]?.body).toMatchObject({
      leadUnitId: ENFORCEMENT.id,
      coUnitIds: [HOUSING.id],
      version: 9,
    });
  });

  it('shows a hidden case exactly like a missing one', async () => {
    renderCase({
      'GET /api/cases/7': errorAnswer(404, 'record.not_found', { 'zh-CN': '记录不存在', en: 'Not found' }),
    });
    expect(await screen.findByText('找不到这条记录，或您无权查看')).toBeTruthy();
    expect(screen.getByRole('button', { name: '返回工单查询' })).toBeTruthy();
  });

  it('speaks English, timeline included', async () => {
    renderCase(
      {
        'GET /api/cases/7': () => ({
          status: 200,
          body: makeCase({ abilities: { ...NO_ABILITIES, sign: true, reportPart: true } }),
        }),
      },
      'en',
    );
    const bar = await screen.findByRole('toolbar', { name: 'Actions' });
    expect(within(bar).getByRole('button', { name: /Sign/ })).toBeTruthy();
    expect(within(bar).getByRole('button', { name: /Report our part/ })).toBeTruthy();
    expect(screen.getByText(/· System \(routing rules\)/)).toBeTruthy();
    expect(screen.getAllByText('Gulou Subdistrict Law Enforcement Team').length).toBeGreaterThan(0);
  });
});
