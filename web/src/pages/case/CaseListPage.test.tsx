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

  it('ranks the cases holding the searched words, with the words marked in a snippet under each title', async () => {
    const q = encodeURIComponent('低保');
    const { calls } = fakeServer({
      [`GET /api/search?q=${q}&status=accepted&limit=20`]: () => ({
        status: 200,
        body: {
          items: [
            {
              ...caseItem({ id: 7, title: '低保补助没到账' }),
              highlights: [
                {
                  field: 'description',
                  segments: [
                    { text: '我家是', hit: false },
                    { text: '低保', hit: true },
                    { text: '户，<b>补助</b>还没有到账', hit: false },
                  ],
                },
                {
                  field: 'note',
                  segments: [
                    { text: '已转', hit: false },
                    { text: '低保', hit: true },
                  ],
                },
              ],
            },
          ],
          nextOffset: 20,
        },
      }),
    });
    renderWorklist(<CaseListPage />, {
      url: `/admin/cases?q=${q}&status=accepted&sort=due`,
      actions: ['case.read'],
    });
    expect(await screen.findByText('低保补助没到账')).toBeTruthy();
    const marks = [...document.querySelectorAll('.search-snippets mark')].map((m) => m.textContent);
    expect(marks).toEqual(['低保', '低保']);
    expect(screen.getByText('诉求内容：')).toBeTruthy();
    expect(screen.getByText('备注：')).toBeTruthy();
    // The case's text is text: markup in it is shown, never rendered.
    expect(document.querySelector('.search-snippets b')).toBeNull();
    expect(screen.getByText('户，<b>补助</b>还没有到账')).toBeTruthy();
    // The ranking is the order: the list's sort is neither offered nor sent, the worklist is not asked.
    expect(screen.queryByLabelText('排序')).toBeNull();
    expect(calls.every((c) => !c.path.startsWith('/api/cases?'))).toBe(true);
  });

  it('names the matched field in English', async () => {
    fakeServer({
      'GET /api/search?q=noise&limit=20': () => ({
        status: 200,
        body: {
          items: [
            {
              ...caseItem(),
              highlights: [{ field: 'resolution', segments: [{ text: 'noise', hit: true }] }],
            },
          ],
          nextOffset: null,
        },
      }),
    });
    renderWorklist(<CaseListPage />, { url: '/admin/cases?q=noise', actions: ['case.read'], language: 'en' });
    expect(await screen.findByText('Resolution:')).toBeTruthy();
    expect(screen.getByRole('table', { name: /best match first/ })).toBeTruthy();
  });
});
