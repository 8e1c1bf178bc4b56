import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { CaseDuplicates as Duplicates } from '../../api/http.ts';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { fakeServer } from '../../test/fake-server.ts';
import { CaseDuplicates } from './CaseDuplicates.tsx';
import type { CaseDetail } from './case-data.ts';

const me: MeView = {
  user: {
    id: 5,
    kind: 'staff',
    username: 'dispatcher',
    displayName: '区指挥中心派单员',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles: [
      { id: 5, role: 'dispatcher', unit: { id: 3, code: 'HS-GOV', nameZh: '指挥中心', nameEn: 'Centre' } },
    ],
    version: 1,
  },
  actions: ['case.read', 'case.dispatch', 'case.merge'],
  csrfToken: 'csrf',
};

const ORIGINAL = {
  id: 11,
  trackingNo: 'HS20261128000011',
  title: '公园路3号门口井盖松动',
  status: 'dispatched' as const,
  category: { code: 'UM05', nameZh: '道路井盖等市政设施损坏', nameEn: 'Damaged roads and manholes' },
  street: null,
  community: { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan' },
  place: null,
  registeredAt: '2026-11-28T02:00:00.000Z',
  score: 0.91,
  reasons: [{ kind: 'same_category' as const }, { kind: 'same_community' as const }],
};

/** The fields of a case the card reads; the rest of the detail does not matter here. */
function held(abilities: Partial<CaseDetail['abilities']>): CaseDetail {
  return {
    id: 7,
    version: 3,
    status: 'received',
    suspectedDuplicateOfId: 11,
    abilities: { merge: false, dispatch: false, ...abilities },
  } as unknown as CaseDetail;
}

function renderCard(detail: CaseDetail, duplicates: Duplicates) {
  const server = fakeServer({
    'GET /api/cases/7/duplicates': () => ({ status: 200, body: duplicates }),
    'POST /api/cases/7/merge': () => ({ status: 200, body: { ...detail, status: 'merged', version: 4 } }),
    'POST /api/cases/7/dismiss-duplicate': () => ({
      status: 200,
      body: { ...detail, suspectedDuplicateOfId: null, version: 4 },
    }),
  });
  const i18n = createWorkbenchI18n('zh-CN');
  const session: Session = {
    client: new Client(() => 'zh-CN'),
    me,
    can: (a) => me.actions.includes(a),
    hasRole: () => true,
    units: [],
    signOut: async () => {},
  };
  const onDone = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <TestSession session={session}>
          <MemoryRouter>
            <CaseDuplicates detail={detail} onDone={onDone} onStale={() => {}} />
          </MemoryRouter>
        </TestSession>
      </AntApp>
    </I18nextProvider>,
  );
  return { server, onDone };
}

describe('case duplicates card', { timeout: 20_000 }, () => {
  it('asks a dispatcher to confirm a suspected duplicate, merging it into the original with the version seen', async () => {
    const { server, onDone } = renderCard(held({ merge: true, dispatch: true }), {
      suspectedOf: ORIGINAL,
      suspectedBy: [],
      items: [],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`疑似与已有工单重复`);
    expect(within(alert).getByRole('link', { name: ORIGINAL.trackingNo })).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: '确认重复并合并' }));
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const merge = server.calls.find((c) => c.path === '/api/cases/7/merge');
    expect(merge?.body).toEqual({ intoCaseId: 11, version: 3 });
  });

  it('lets a dispatcher dismiss it, and shows a handler the link without the buttons', async () => {
    const { server, onDone } = renderCard(held({ merge: true }), {
      suspectedOf: ORIGINAL,
      suspectedBy: [],
      items: [],
    });
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: '不是重复' }));
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(server.calls.find((c) => c.path === '/api/cases/7/dismiss-duplicate')?.body).toEqual({
      version: 3,
    });
  });

  it('shows no buttons to someone who may not merge or dispatch', async () => {
    renderCard(held({}), { suspectedOf: ORIGINAL, suspectedBy: [], items: [ORIGINAL] });
    const alert = await screen.findByRole('alert');
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: '合 并' })).toBeNull();
  });
});
