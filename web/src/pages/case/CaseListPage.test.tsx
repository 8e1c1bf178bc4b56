import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseItem, page, renderWorklist } from '../../components/worklist/testing.tsx';
import { fakeServer } from '../../test/fake-server.ts';
import { CaseListPage } from './CaseListPage.tsx';

const streets = () => ({
  status: 200,
  body: {
    streets: [
      {
        id: 31,
        code: 'GL',
        nameZh: '鼓楼街道',
        nameEn: 'Gulou Subdistrict',
        communities: [{ id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' }],
      },
    ],
  },
});

// antd tables are slow to render in happy-dom on a busy machine.
describe('find cases', { timeout: 20_000 }, () => {
  it('restores every filter from the URL into the query and the form, and clears them', async () => {
    const { calls } = fakeServer({
      'GET /api/org/public/communities': streets,
      'GET /api/cases?view=all&status=dispatched%2Caccepted&streetId=31&communityId=44&channel=hotline&from=2026-11-01&to=2026-11-29&overdue=true&sort=due&limit=50':
        () => ({ status: 200, body: page([caseItem({ slaState: 'overdue', remainingWorkMinutes: -30 })]) }),
      'GET /api/cases?view=all&sort=newest&limit=50': () => ({ status: 200, body: page([]) }),
    });
    renderWorklist(<CaseListPage />, {
      url: '/admin/cases?status=dispatched,accepted&streetId=31&communityId=44&channel=hotline&from=2026-11-01&to=2026-11-29&overdue=true&sort=due',
      actions: ['case.read'],
    });
    expect(await screen.findByText('超期 30 分钟')).toBeTruthy();
    const community = screen.getByLabelText('社区');
    await waitFor(() => expect(community.closest('.ant-select')?.textContent).toContain('中山社区'));
    expect(screen.getByLabelText('是否超期').closest('.ant-select')?.textContent).toContain('已超期');
    expect((screen.getByLabelText('登记日期') as HTMLInputElement).value).toBe('2026-11-01');
    fireEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    expect(await screen.findByText('没有符合条件的工单，试试放宽筛选条件')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/admin/cases');
    expect(calls.at(-1)?.path).toBe('/api/cases?view=all&sort=newest&limit=50');
  });

  it('shows the list in English with English column names', async () => {
    fakeServer({
      'GET /api/cases?view=all&sort=newest&limit=50': () => ({
        status: 200,
        body: page([caseItem({ category: null })]),
      }),
    });
    renderWorklist(<CaseListPage />, { url: '/admin/cases', actions: ['case.read'], language: 'en' });
    expect(await screen.findByText('Uncategorised')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Tracking no.' })).toBeTruthy();
    expect(screen.getByText('2.5 working hours left')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Find cases' })).toBeTruthy();
  });
});
