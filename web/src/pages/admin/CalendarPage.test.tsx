import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, fakeServer } from '../../test/fake-server.ts';
import { CalendarPage } from './CalendarPage.tsx';
import { location, renderAdmin } from './testing.tsx';

const hours = {
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  hoursPerDay: 7.5,
  source: 'default',
  updatedAt: null,
};

const status = {
  at: '2026-11-29T04:00:00.000Z',
  coverage: { from: '2026-11-29', to: '2027-01-28', days: 60, covered: false, uncoveredYears: [2027] },
  warning: '2027 年节假日安排尚未录入，截止时间按普通周末计算',
  workingHours: hours,
  years: [
    { year: 2025, source: 'library', publishedAt: null, note: null },
    { year: 2026, source: 'library', publishedAt: null, note: null },
  ],
};

const day = (date: string, kind: 'holiday' | 'workday', name: string) => ({
  date,
  kind,
  name,
  source: 'library',
});
const year2026 = {
  year: 2026,
  covered: true,
  source: 'library',
  publishedAt: null,
  note: null,
  days: [
    day('2026-01-01', 'holiday', '元旦'),
    day('2026-01-02', 'holiday', '元旦'),
    day('2026-01-03', 'holiday', '元旦'),
    day('2026-01-04', 'workday', '元旦'),
    day('2026-10-01', 'holiday', '国庆节'),
    day('2026-10-02', 'holiday', '国庆节'),
    day('2026-10-10', 'workday', '国庆节'),
  ],
};
const year2027 = { year: 2027, covered: false, source: null, publishedAt: null, note: null, days: [] };

function server(extra: Record<string, (call: Call) => { status: number; body?: unknown }> = {}) {
  return fakeServer({
    'GET /api/calendar/status': () => ({ status: 200, body: status }),
    'GET /api/calendar/days?year=2026': () => ({ status: 200, body: year2026 }),
    'GET /api/calendar/days?year=2027': () => ({ status: 200, body: year2027 }),
    ...extra,
  });
}

describe('holiday schedules', () => {
  it('says plainly that 2027 is missing and opens its entry form from the warning', async () => {
    const { calls } = server();
    renderAdmin(<CalendarPage />, { path: '/admin/calendar?year=2026' });

    expect(await screen.findByText('2027 年节假日安排尚未录入，截止时间按普通周末计算')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /录入 2027 年安排/ })[0] as HTMLElement);

    const editor = await screen.findByRole('dialog');
    expect(within(editor).getByText('录入并发布 2027 年节假日安排')).toBeTruthy();
    await waitFor(() => expect(location.current).toBe('/admin/calendar?year=2027'));
    // A new year starts with the seven statutory holidays, dates still to fill in.
    await waitFor(() =>
      expect(within(editor).getByLabelText('第 1 个假期的名称').getAttribute('value')).toBe('元旦'),
    );
    expect(within(editor).getByLabelText('第 7 个假期的名称').getAttribute('value')).toBe('国庆节');

    fireEvent.click(within(editor).getByRole('button', { name: /发\s*布/ }));
    await waitFor(() => expect(within(editor).getAllByText('请选择日期')).toHaveLength(7));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  }, 20_000);

  it('publishes a corrected year day by day, and puts the server’s objections on the right rows', async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: {
        error: {
          code: 'calendar.invalid_schedule',
          message: '节假日安排有误：body.holidays.4.date, body.workdays.1.date',
          details: [
            { path: 'body.holidays.4.date', code: 'holiday_only_weekend', message: '服务器：国庆节日期有误' },
            { path: 'body.workdays.1.date', code: 'workday_not_weekend', message: '服务器：调休日有误' },
          ],
        },
      },
    };
    const { calls } = server({ 'PUT /api/calendar/years/2026': () => answer });
    renderAdmin(<CalendarPage />, { path: '/admin/calendar?year=2026' });

    fireEvent.click(await screen.findByRole('button', { name: /更正并发布/ }));
    const editor = await screen.findByRole('dialog');
    expect(within(editor).getByText('录入并发布 2026 年节假日安排')).toBeTruthy();
    await waitFor(() =>
      expect(within(editor).getByLabelText('第 2 个假期的名称').getAttribute('value')).toBe('国庆节'),
    );
    fireEvent.click(within(editor).getByRole('button', { name: /发\s*布/ }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      holidays: [
        { date: '2026-01-01', name: '元旦' },
        { date: '2026-01-02', name: '元旦' },
        { date: '2026-01-03', name: '元旦' },
        { date: '2026-10-01', name: '国庆节' },
        { date: '2026-10-02', name: '国庆节' },
      ],
      workdays: [
        { date: '2026-01-04', name: '元旦' },
        { date: '2026-10-10', name: '国庆节' },
      ],
      note: null,
    });
    // The fifth day sent belongs to the second period; the second make-up day is the second row.
    const dates2 = (within(editor).getAllByLabelText('第 2 个假期的日期')[0] as HTMLElement).closest(
      '.ant-form-item',
    ) as HTMLElement;
    expect(await within(dates2).findByText('服务器：国庆节日期有误')).toBeTruthy();
    const workday2 = within(editor)
      .getByLabelText('第 2 个调休日的日期')
      .closest('.ant-form-item') as HTMLElement;
    expect(within(workday2).getByText('服务器：调休日有误')).toBeTruthy();
    const dates1 = (within(editor).getAllByLabelText('第 1 个假期的日期')[0] as HTMLElement).closest(
      '.ant-form-item',
    ) as HTMLElement;
    expect(within(dates1).queryByText(/服务器/)).toBeNull();

    answer = { status: 200, body: { ...year2026, source: 'admin', publishedAt: '2026-11-29T04:00:00.000Z' } };
    fireEvent.click(within(editor).getByRole('button', { name: /发\s*布/ }));
    expect(await screen.findByText('2026 年节假日安排已发布')).toBeTruthy();
    expect(await screen.findByText('本年度安排由管理员发布，以此为准。')).toBeTruthy();
  }, 20_000);

  it('refuses a make-up day on a weekday before sending anything', async () => {
    const wrong = { ...year2026, days: [...year2026.days, day('2026-10-09', 'workday', '国庆节')] };
    const { calls } = server({ 'GET /api/calendar/days?year=2026': () => ({ status: 200, body: wrong }) });
    renderAdmin(<CalendarPage />, { path: '/admin/calendar?year=2026' });
    fireEvent.click(await screen.findByRole('button', { name: /更正并发布/ }));
    const editor = await screen.findByRole('dialog');
    expect(within(editor).getByText('录入并发布 2026 年节假日安排')).toBeTruthy();
    await waitFor(() => expect(within(editor).getByLabelText('第 3 个调休日的日期')).toBeTruthy());
    fireEvent.click(within(editor).getByRole('button', { name: /发\s*布/ }));
    const row = within(editor).getByLabelText('第 2 个调休日的日期').closest('.ant-form-item') as HTMLElement;
    expect(await within(row).findByText('调休上班日应为周六或周日，这一天本来就是工作日')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  }, 20_000);
});
