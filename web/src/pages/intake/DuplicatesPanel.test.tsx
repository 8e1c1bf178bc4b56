import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../api/http.ts';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { type Call, fakeServer } from '../../test/fake-server.ts';
import { IntakePage } from './IntakePage.tsx';
import type { Catalogue, Communities } from './intake-types.ts';

const agent: MeView = {
  user: {
    id: 4,
    kind: 'staff',
    username: 'agent',
    displayName: '81890 话务员',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles: [
      { id: 4, role: 'agent', unit: { id: 2, code: 'HS-HOTLINE', nameZh: '81890 热线', nameEn: 'Hotline' } },
    ],
    version: 1,
  },
  actions: ['case.register', 'case.answer', 'case.view_reporter', 'person.read', 'case.read', 'org.read'],
  csrfToken: 'csrf',
};

const catalogue: Catalogue = { groups: [] };
const communities: Communities = { streets: [] };
const GL01 = { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' };

const pothole: DuplicateCandidate = {
  id: 11,
  trackingNo: 'HS20261128000011',
  title: '公园路3号门口井盖松动',
  status: 'dispatched',
  category: { code: 'UM05', nameZh: '道路井盖等市政设施损坏', nameEn: 'Damaged roads and manholes' },
  street: { id: 31, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou' },
  community: GL01,
  place: null,
  registeredAt: '2026-11-28T02:00:00.000Z',
  score: 0.86,
  reasons: [
    { kind: 'similar_words', words: ['井盖', '松动'] },
    { kind: 'same_category' },
    { kind: 'same_community' },
    { kind: 'nearby', metres: 120 },
  ],
};

/** What the server answers a call merged at intake with, trimmed to what the page reads. */
function mergedCase() {
  return {
    id: 900,
    trackingNo: 'HS20261129000900',
    status: 'merged',
    channel: 'hotline',
    kind: 'help',
    category: null,
    title: '井盖又松了',
    urgent: false,
    sensitive: false,
    street: null,
    community: null,
    leadUnit: null,
    triageReason: null,
    registeredAt: '2026-11-29T02:00:00.000Z',
    signDueAt: null,
    resolveDueAt: null,
    slaState: 'none',
    remainingWorkMinutes: null,
    supervised: false,
    version: 2,
    answeredAtIntake: false,
    mergedIntoId: 11,
    repeatOfId: null,
    suspectedDuplicateOfId: null,
    related: {
      mergedInto: {
        id: 11,
        trackingNo: pothole.trackingNo,
        title: pothole.title,
        status: 'dispatched',
        registeredAt: pothole.registeredAt,
      },
      repeatOf: null,
      merged: [],
      repeats: [],
    },
    replayed: false,
  };
}

function renderPage() {
  const i18n = createWorkbenchI18n('zh-CN');
  const client = new Client(() => 'zh-CN');
  const actions = new Set(agent.actions);
  const session: Session = {
    client,
    me: agent,
    can: (a) => actions.has(a),
    hasRole: (...roles) => agent.user.roles.some((r) => roles.includes(r.role)),
    units: agent.user.roles.map((r) => r.unit),
    signOut: async () => {},
  };
  render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={['/admin/intake']}>
        <AntApp>
          <TestSession session={session}>
            <IntakePage />
          </TestSession>
        </AntApp>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const asks = (calls: Call[]) =>
  calls.filter((c) => c.method === 'POST' && c.path === '/api/cases/duplicate-candidates');

describe('duplicates at intake', { timeout: 20_000 }, () => {
  it('lists likely duplicates once typing pauses, with their reasons, and registers the call merged into one', async () => {
    const server = fakeServer({
      'GET /api/categories': () => ({ status: 200, body: catalogue }),
      'GET /api/org/public/communities': () => ({ status: 200, body: communities }),
      'POST /api/cases/duplicate-candidates': (call) => ({
        status: 200,
        body: { items: (call.body as { description: string }).description.includes('井盖') ? [pothole] : [] },
      }),
      'POST /api/cases': () => ({ status: 201, body: mergedCase() }),
    });
    renderPage();
    const description = screen.getByPlaceholderText(/时间、地点、事由/);
    // Too short to compare: nothing is asked.
    type(description, '井盖');
    await new Promise((r) => setTimeout(r, 800));
    expect(asks(server.calls)).toHaveLength(0);
    // Typed in bursts: one question, for the text as it stands when typing pauses.
    type(description, '公园路3号井');
    type(description, '公园路3号井盖又松了');
    const panel = await screen.findByRole('region', { name: '可能重复的工单' }, { timeout: 3000 });
    expect(asks(server.calls)).toHaveLength(1);
    expect(asks(server.calls)[0]?.body).toMatchObject({ description: '公园路3号井盖又松了' });
    const row = within(panel).getByRole('listitem');
    expect(within(row).getByRole('link', { name: pothole.trackingNo }).getAttribute('target')).toBe('_blank');
    expect(row.textContent).toContain('公园路3号门口井盖松动');
    expect(row.textContent).toContain('用词相近：井盖、松动');
    expect(row.textContent).toContain('同一社区');
    expect(row.textContent).toContain('相距约 120 米');
    expect(row.textContent).toContain('相似度 86%');

    // One click, confirmed: the call is registered merged into that case.
    fireEvent.click(within(row).getByRole('button', { name: '合并到此工单' }));
    expect(await screen.findByText(`登记本次来电并合并到 ${pothole.trackingNo}？`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '合并登记' }));
    await waitFor(() =>
      expect(server.calls.some((c) => c.method === 'POST' && c.path === '/api/cases')).toBe(true),
    );
    const registered = server.calls.find((c) => c.method === 'POST' && c.path === '/api/cases');
    expect(registered?.body).toMatchObject({ description: '公园路3号井盖又松了', mergeInto: 11 });
    expect(
      await screen.findByText(`已并入工单 ${pothole.trackingNo}，来电人已加为该工单的反映人`),
    ).toBeTruthy();
  });

  it('shows nothing when no open case looks the same', async () => {
    const server = fakeServer({
      'GET /api/categories': () => ({ status: 200, body: catalogue }),
      'GET /api/org/public/communities': () => ({ status: 200, body: communities }),
      'POST /api/cases/duplicate-candidates': () => ({ status: 200, body: { items: [] } }),
    });
    renderPage();
    type(screen.getByPlaceholderText(/时间、地点、事由/), '咨询居住证怎么办理');
    await waitFor(() => expect(asks(server.calls)).toHaveLength(1), { timeout: 3000 });
    expect(screen.queryByRole('region', { name: '可能重复的工单' })).toBeNull();
  });
});
