import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareRate, compareValue } from './compare.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { drillTarget } from './hotspot.ts';
import {
  areas,
  dashboardServer,
  figures,
  GULOU,
  queriesTo,
  renderDashboard,
  summary,
  ZHONGSHAN,
} from './testing.tsx';
import { WALL_REFRESH_MS } from './WallScreen.tsx';

const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

describe('period comparison', () => {
  it('gives percentage points, the way a figure moved and whether that is good', () => {
    expect(compareRate(0.912, 0.9)).toEqual({ direction: 'up', tone: 'better', delta: 1.2, relative: null });
    expect(compareRate(0.85, 0.9)).toMatchObject({ direction: 'down', tone: 'worse', delta: -5 });
    expect(compareRate(0.9001, 0.9)).toMatchObject({ direction: 'flat', tone: 'neutral', delta: 0 });
    expect(compareRate(null, 0.9)).toMatchObject({ direction: 'none', delta: null });
    // Handling time should fall; volumes are neither good nor bad.
    expect(compareValue(30, 40, 'lower')).toMatchObject({
      direction: 'down',
      tone: 'better',
      delta: -10,
      relative: -0.25,
    });
    expect(compareValue(120, 100, 'neutral')).toMatchObject({
      direction: 'up',
      tone: 'neutral',
      relative: 0.2,
    });
    expect(compareValue(5, 0, 'neutral').relative).toBeNull();
  });
});

// antd and ECharts render slowly in happy-dom on a busy machine.
describe('leaders’ dashboard', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each figure with an arrow against the period before, coloured by whether it is better', async () => {
    const { calls } = dashboardServer({
      '/api/figures/summary': () =>
        summary({
          figures: figures({
            onTime: [95, 100],
            satisfaction: [80, 100],
            response: [9, 10],
            resolution: [0, 0],
          }),
          previous: {
            period: { from: '2026-10-02', to: '2026-11-01' },
            figures: figures({
              onTime: [90, 100],
              satisfaction: [85, 100],
              response: [9, 10],
              resolution: [5, 10],
            }),
            averageHandlingHours: 50,
          },
        }),
    });
    renderDashboard(<DashboardPage />, `/admin/dashboard?${NOVEMBER}`);
    const onTime = await screen.findByTestId('figure-onTime');
    expect(within(onTime).getByText('95.0%')).toBeTruthy();
    expect(within(onTime).getByText('95 / 100')).toBeTruthy();
    const up = onTime.querySelector('[data-direction]');
    expect(up?.getAttribute('data-direction')).toBe('up');
    expect(up?.getAttribute('data-tone')).toBe('better');
    expect(up?.textContent).toContain('上升');
    expect(up?.textContent).toContain('5.0 个百分点');

    const down = screen.getByTestId('figure-satisfaction').querySelector('[data-direction]');
    expect(down?.getAttribute('data-direction')).toBe('down');
    expect(down?.getAttribute('data-tone')).toBe('worse');
    expect(down?.textContent).toContain('下降');
    expect(screen.getByTestId('figure-response').querySelector('[data-direction]')?.textContent).toContain(
      '持平',
    );
    // Nothing answered this period: no rate, no comparison.
    const resolution = screen.getByTestId('figure-resolution');
    expect(within(resolution).getByText('暂无数据')).toBeTruthy();
    expect(resolution.querySelector('[data-direction]')?.getAttribute('data-direction')).toBe('none');
    // Handling time fell from 50 to 40.5 hours: better.
    const hours = screen.getByTestId('volume-averageHours').querySelector('[data-direction]');
    expect(hours?.getAttribute('data-tone')).toBe('better');
    expect(hours?.textContent).toContain('9.5 小时');
    // The summary was asked for November with the period before; the API's `to` is the day after.
    expect(queriesTo(calls, '/api/figures/summary')[0]?.toString()).toBe(
      'from=2026-11-01&to=2026-12-01&compare=previous',
    );
  });

  it('drills down district → street → community → the case list', async () => {
    const { calls } = dashboardServer();
    renderDashboard(<DashboardPage />, `/admin/dashboard?${NOVEMBER}&category=EN02`);
    fireEvent.click(await screen.findByRole('button', { name: '查看鼓楼街道' }));
    expect(screen.getByTestId('location').textContent).toBe(
      `/admin/dashboard?${NOVEMBER}&category=EN02&unit=${GULOU.id}`,
    );
    // The street's communities are asked for and listed; the breadcrumb leads back up.
    const community = await screen.findByRole('button', { name: '中山社区的工单' });
    expect(queriesTo(calls, '/api/figures/areas').at(-1)?.get('unitId')).toBe(String(GULOU.id));
    expect(screen.getByRole('button', { name: '海曙区' })).toBeTruthy();
    fireEvent.click(community);
    expect(screen.getByTestId('location').textContent).toBe(
      `/admin/cases?streetId=${GULOU.id}&communityId=${ZHONGSHAN.id}&category=EN02&${NOVEMBER}`,
    );
  });

  it('sends a click on the map where the list would', () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(drillTarget(areas('street'), 'GL', period, [])).toEqual({ to: 'unit', unitId: GULOU.id });
    expect(drillTarget(areas('community'), 'GL01', period, ['EN01', 'EN02'])).toEqual({
      to: 'cases',
      href: `/admin/cases?streetId=${GULOU.id}&communityId=${ZHONGSHAN.id}&category=EN01%2CEN02&from=2026-11-01&to=2026-11-30`,
    });
    expect(drillTarget(areas('street'), 'NOPE', period, [])).toBeNull();
  });

  it('links the overdue list into the case list and each case to its page', async () => {
    dashboardServer();
    renderDashboard(<DashboardPage />, `/admin/dashboard?${NOVEMBER}&unit=${GULOU.id}`);
    const title = await screen.findByRole('link', { name: '夜间施工噪声扰民' });
    expect(title.getAttribute('href')).toBe('/admin/cases/501');
    expect(screen.getByText('超期 3 天 2 小时')).toBeTruthy();
    // Gulou's areas come back, so the unit is known to be a street.
    await screen.findByRole('button', { name: '中山社区的工单' });
    const all = screen.getByRole('link', { name: '在工单查询中查看全部' });
    expect(all.getAttribute('href')).toBe(`/admin/cases?streetId=${GULOU.id}&overdue=true`);
  });

  it('refreshes the wall screen every minute and says when it last did', async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'Date'],
      now: new Date('2026-11-29T06:00:00Z'),
    });
    const { calls } = dashboardServer();
    renderDashboard(<DashboardPage />, `/admin/dashboard?${NOVEMBER}&wall=1`);
    const status = await screen.findByTestId('wall-last-refresh');
    await vi.waitFor(() => expect(status.textContent).toContain('最后刷新 14:00:00'));
    expect(screen.getByRole('dialog', { name: '海曙区社会治理指挥大屏' })).toBeTruthy();
    expect(queriesTo(calls, '/api/figures/summary')).toHaveLength(1);

    await act(async () => {
      vi.advanceTimersByTime(WALL_REFRESH_MS - 1000);
    });
    expect(queriesTo(calls, '/api/figures/summary')).toHaveLength(1);
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    await vi.waitFor(() => expect(screen.getByTestId('wall-last-refresh').textContent).toContain('14:01:00'));
    expect(queriesTo(calls, '/api/figures/summary')).toHaveLength(2);
    expect(queriesTo(calls, '/api/figures/cases').length).toBeGreaterThanOrEqual(4);

    // Esc leaves the wall: the page again, no more refreshing.
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.getByTestId('location').textContent).toBe(`/admin/dashboard?${NOVEMBER}`);
    await act(async () => {
      vi.advanceTimersByTime(WALL_REFRESH_MS * 2);
    });
    expect(queriesTo(calls, '/api/figures/summary')).toHaveLength(2);
  });
});
