import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseItem, page, renderWorklist } from '../../components/worklist/testing.tsx';
import { fakeServer } from '../../test/fake-server.ts';
import { SupervisionPage } from './SupervisionPage.tsx';

const SUPERVISOR = ['case.read', 'case.supervise'];
const counts = () => ({
  status: 200,
  body: {
    tabs: { all: 9, overdue: 3, due_soon: 2, supervised: 1, escalated: 1, urgent: 2, returned: 0 },
    units: [],
  },
});

// antd tables are slow to render in happy-dom on a busy machine.
describe('supervision watch list', { timeout: 20_000 }, () => {
  it('shows every reason at once, then one reason per tab from the server’s watch view', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=watch': counts,
      'GET /api/cases?view=watch&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem({ escalationLevel: 2, supervised: true })]),
      }),
      'GET /api/cases?view=watch&tab=urgent&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem({ id: 2, title: '夜市摊位占用消防通道', urgent: true })]),
      }),
    });
    renderWorklist(<SupervisionPage />, { url: '/admin/supervision', actions: SUPERVISOR });
    expect(await screen.findByText('已升级')).toBeTruthy();
    expect(within(screen.getByRole('tab', { name: /全部/ })).getByText('9')).toBeTruthy();
    expect(within(screen.getByRole('tab', { name: /已超期/ })).getByText('3')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /紧急/ }));
    expect(await screen.findByText('夜市摊位占用消防通道')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/admin/supervision?tab=urgent');
    expect(calls.map((c) => c.path).filter((p) => p.startsWith('/api/cases?'))).toEqual([
      '/api/cases?view=watch&sort=due&limit=50',
      '/api/cases?view=watch&tab=urgent&sort=due&limit=50',
    ]);
  });

  it('restores tab and filters from the URL and says when a reason has no cases', async () => {
    fakeServer({
      'GET /api/cases/counts?view=watch': counts,
      'GET /api/cases?view=watch&tab=returned&status=accepted&streetId=31&sort=newest&limit=50': () => ({
        status: 200,
        body: page([]),
      }),
    });
    renderWorklist(<SupervisionPage />, {
      url: '/admin/supervision?tab=returned&status=accepted&streetId=31&sort=newest',
      actions: SUPERVISOR,
    });
    expect(await screen.findByText('没有多次退单的工单')).toBeTruthy();
    expect(screen.getByRole('tab', { name: /多次退单/ }).getAttribute('aria-selected')).toBe('true');
  });
});
