import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseItem, page, renderWorklist } from '../../components/worklist/testing.tsx';
import { fakeServer } from '../../test/fake-server.ts';
import { CallbacksPage, daysWaiting } from './CallbacksPage.tsx';

const AGENT = ['case.read', 'case.register', 'case.callback'];
const ago = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000).toISOString();

// antd tables are slow to render in happy-dom on a busy machine.
describe('callback queue', { timeout: 20_000 }, () => {
  it('lists resolved cases earliest resolved first, with the outcome and how long each has waited', async () => {
    const { calls } = fakeServer({
      'GET /api/cases?view=callback&sort=resolved&limit=50': () => ({
        status: 200,
        body: page([
          caseItem({
            id: 1,
            title: '早办结的工单',
            status: 'resolved',
            resolvedAt: ago(6),
            outcome: 'explained',
          }),
          caseItem({
            id: 2,
            title: '刚办结的工单',
            status: 'resolved',
            resolvedAt: ago(1),
            outcome: 'solved',
            contactPreference: 'none',
          }),
        ]),
      }),
    });
    renderWorklist(<CallbacksPage />, { url: '/admin/callbacks', actions: AGENT });
    expect(await screen.findByText('早办结的工单')).toBeTruthy();
    expect(screen.getByText('已解释说明')).toBeTruthy();
    expect(screen.getByText('已解决')).toBeTruthy();
    expect(screen.getByText('6 天')).toBeTruthy();
    expect(screen.getByText('1 天')).toBeTruthy();
    // Only the case near its automatic closing is flagged.
    expect(screen.getAllByText('即将自动归档')).toHaveLength(1);
    // The reporter who asked not to be contacted is marked, so nobody rings them.
    expect(screen.getAllByText('不希望被联系')).toHaveLength(1);
    expect(calls.map((c) => c.path)).toContain('/api/cases?view=callback&sort=resolved&limit=50');
  });

  it('counts whole days since resolution', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(daysWaiting('2026-11-27T11:00:00Z', now)).toBe(1);
    expect(daysWaiting('2026-11-22T10:00:00Z', now)).toBe(7);
    expect(daysWaiting(null, now)).toBeNull();
  });
});
