// Helpers for the mediation pages' component tests: records as the API sends them, a mediator's
// session, the router, i18n and antd.
import { fireEvent, render, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import type { Call } from '../../test/fake-server.ts';
import type { AgreementView, MediationDetail, MediationSummary } from './mediation-data.ts';

export const ROOM = {
  id: 61,
  code: 'GL01-MEDIATION',
  nameZh: '中山社区和好屋',
  nameEn: 'Zhongshan Reconciliation Room',
};
export const LABOUR_CENTRE = {
  id: 62,
  code: 'HS-LABOUR_MEDIATION',
  nameZh: '区劳动争议联合调解中心',
  nameEn: 'District Labour Dispute Joint Mediation Centre',
};

export const NO_ABILITIES: MediationDetail['abilities'] = {
  accept: false,
  refuse: false,
  assign: false,
  record: false,
  attach: false,
  agreement: false,
  outcome: false,
  followup: false,
  confirmation: false,
};

const party = (over: Partial<MediationSummary['parties'][number]>): MediationSummary['parties'][number] => ({
  id: 1,
  role: 'applicant',
  personId: 101,
  name: '王秀英',
  phone: '13805740001',
  idNumber: null,
  address: '公园路3号201室',
  masked: false,
  sex: 'female',
  age: 56,
  ethnicity: '汉族',
  occupation: '退休',
  representsId: null,
  agentKind: null,
  relation: null,
  ...over,
});

export function summary(over: Partial<MediationSummary> = {}): MediationSummary {
  return {
    id: 5,
    number: 'HSM2026000005',
    status: 'applied',
    channel: 'case',
    disputeType: 'neighbour',
    leadUnit: ROOM,
    sourceCaseId: 7,
    parties: [
      party({}),
      party({
        id: 2,
        role: 'respondent',
        personId: 102,
        name: '李建国',
        sex: 'male',
        age: 40,
        phone: '13805740002',
      }),
    ],
    registeredAt: '2026-11-20T02:00:00.000Z',
    acceptedAt: null,
    dueAt: null,
    outcomeAt: null,
    overdue: false,
    arbitrationOpen: false,
    version: 3,
    ...over,
  };
}

export function agreement(over: Partial<AgreementView> = {}): AgreementView {
  return {
    id: 40,
    seq: 1,
    form: 'written',
    status: 'draft',
    facts: '301室卫生间防水层老化，致201室渗水',
    issues: ['漏水责任', '赔偿金额'],
    responsibilities: ['李建国对漏水负全部责任'],
    terms: ['李建国于12月10日前修复防水层', '李建国赔偿王秀英 2000 元'],
    performanceMethod: '现金当面支付',
    performanceDueOn: '2026-12-10',
    concludedOn: '2026-11-24',
    place: '中山社区和好屋调解室',
    supersedesId: null,
    supersededById: null,
    signedAt: null,
    confirmationDueOn: null,
    confirmation: null,
    editable: true,
    followups: [],
    ...over,
  };
}

export function detail(over: Partial<MediationDetail> = {}): MediationDetail {
  return {
    ...summary(),
    facts: '楼上住户装修后卫生间漏水到楼下',
    claims: '请求修复防水层并赔偿损失 3000 元',
    oralApplication: false,
    oralRecord: null,
    place: { streetId: 31, communityId: 44 },
    sourceCase: { id: 7, trackingNo: 'HS20261120000007', status: 'accepted' },
    jointUnits: [],
    mediators: [],
    refusalReason: null,
    routesTold: [],
    outcomeNote: null,
    records: [],
    attachments: [],
    agreements: [],
    abilities: NO_ABILITIES,
    ...over,
  };
}

export const MEDIATOR_ACTIONS = [
  'case.read',
  'case.handle',
  'mediation.read',
  'mediation.register',
  'mediation.handle',
];

function mediator(actions: string[]): MeView {
  return {
    user: {
      id: 20,
      kind: 'staff',
      username: 'gl01.mediator',
      displayName: '中山和好屋调解员',
      phone: null,
      active: true,
      locked: false,
      lastLoginAt: null,
      roles: [{ id: 20, role: 'mediator', unit: ROOM }],
      version: 1,
    },
    actions,
    csrfToken: 'csrf',
  };
}

function Location() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/** Renders `ui` at `url` (its route is `route`) for a mediator, in Chinese unless asked. */
export function renderAt(
  ui: ReactNode,
  {
    url,
    route,
    actions = MEDIATOR_ACTIONS,
    language = 'zh-CN',
  }: { url: string; route: string; actions?: string[]; language?: Language },
) {
  const i18n = createWorkbenchI18n(language);
  const me = mediator(actions);
  const session: Session = {
    client: new Client(() => i18n.language),
    me,
    can: (a) => actions.includes(a),
    hasRole: (...roles) => me.user.roles.some((r) => roles.includes(r.role)),
    units: me.user.roles.map((r) => r.unit),
    signOut: async () => {},
  };
  render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <TestSession session={session}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path={route} element={ui} />
              <Route path="/admin/mediation/:id" element={<p>mediation page</p>} />
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

export const ORG_TREE = {
  roots: [
    {
      id: 1,
      code: 'HS',
      nameZh: '海曙区',
      nameEn: 'Haishu District',
      kind: 'district',
      function: null,
      active: true,
      children: [
        { ...ROOM, kind: 'workroom', function: 'MEDIATION', active: true, children: [] },
        { ...LABOUR_CENTRE, kind: 'center', function: 'LABOUR_MEDIATION', active: true, children: [] },
      ],
    },
  ],
};

export const posts = (calls: Call[], path: string) =>
  calls.filter((c) => c.method === 'POST' && c.path === path);
export const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

/** Opens an antd select and clicks the option with this text. */
export async function pick(select: HTMLElement, option: string) {
  fireEvent.mouseDown(select);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === option,
    );
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  fireEvent.click(item);
}

/** Types a date into an antd date picker and commits it. */
export function typeDate(input: HTMLElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}
