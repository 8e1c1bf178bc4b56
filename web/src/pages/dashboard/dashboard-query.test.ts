import { describe, expect, it } from 'vitest';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { caseListLink, figuresQuery, presetOf, presetPeriod, readQuery } from './dashboard-query.ts';
import { viewSheets } from './export-view.ts';
import { areas, attention, breakdown, figures, series, summary } from './testing.tsx';

// 29 November 2026, 23:30 in Beijing (15:30 UTC): Beijing's date, not the device's, decides "today".
const NOW = new Date('2026-11-29T15:30:00Z');
const LATE = new Date('2026-11-30T17:00:00Z'); // already 1 December in Beijing

describe('the dashboard’s URL', () => {
  it('defaults to this Beijing month, by day, coloured by volume', () => {
    expect(readQuery({}, NOW)).toEqual({
      unitId: undefined,
      from: '2026-11-01',
      to: '2026-11-30',
      category: undefined,
      interval: 'day',
      metric: 'volume',
      wall: false,
    });
    expect(readQuery({}, LATE).from).toBe('2026-12-01');
  });

  it('reads a unit, a swapped period, a category and the wall flag; ignores nonsense', () => {
    const q = readQuery({ unit: '31', from: '2026-12-31', to: '2026-01-01', category: 'EN', wall: '1' }, NOW);
    expect(q).toMatchObject({ unitId: 31, from: '2026-01-01', to: '2026-12-31', category: 'EN', wall: true });
    expect(q.interval).toBe('month'); // a year reads best by month
    expect(readQuery({ unit: 'x', from: 'soon', interval: 'hour' }, NOW)).toMatchObject({
      unitId: undefined,
      from: '2026-11-01',
      interval: 'day',
    });
  });

  it('asks the API for the day after the period as its end', () => {
    expect(figuresQuery(readQuery({ unit: '31', category: 'EN02' }, NOW))).toEqual({
      unitId: 31,
      from: '2026-11-01',
      to: '2026-12-01',
      category: 'EN02',
    });
  });

  it('knows its presets', () => {
    expect(presetPeriod('lastMonth', NOW)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('thisQuarter', NOW)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('last30', NOW)).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(presetOf('2026-01-01', '2026-12-31', NOW)).toBe('thisYear');
    expect(presetOf('2026-11-02', '2026-11-30', NOW)).toBeNull();
  });

  it('links into the case list by street or community, leaf categories, dates and lateness', () => {
    expect(
      caseListLink({ place: { kind: 'street', id: 31 }, categories: ['EN01', 'EN02'], overdue: true }),
    ).toBe('/admin/cases?streetId=31&category=EN01%2CEN02&overdue=true');
    expect(caseListLink({ place: { kind: 'district', id: 1 }, from: '2026-11-01', to: '2026-11-30' })).toBe(
      '/admin/cases?from=2026-11-01&to=2026-11-30',
    );
  });
});

describe('the Excel export of the view', () => {
  it('writes every panel as a sheet, rates as percentages with the change in points', () => {
    const i18n = createWorkbenchI18n('zh-CN');
    const data = {
      summary: summary({
        figures: figures({ onTime: [95, 100] }),
        previous: {
          period: { from: '2026-10-02', to: '2026-11-01' },
          figures: figures({ onTime: [90, 100] }),
          averageHandlingHours: 50,
        },
      }),
      areas: areas('street'),
      series: series(),
      categories: breakdown('category'),
      units: breakdown('unit'),
      overdue: attention('overdue'),
      supervised: attention('supervised'),
    };
    const sheets = viewSheets(
      data,
      readQuery({}, NOW),
      i18n.getFixedT('zh-CN', ['dashboard', 'common']),
      'zh-CN',
    );
    expect(sheets.map((s) => s.name)).toEqual([
      '主要指标',
      '辖区对比',
      '走势',
      '分类排行',
      '退单单位',
      '超期工单',
      '督办工单',
    ]);
    const onTime = sheets[0]?.rows.find((r) => r[0] === '按时办结率 (%)');
    expect(onTime).toEqual(['按时办结率 (%)', 95, 90, 5, 95, 100]);
    expect(sheets[1]?.rows.map((r) => r[0])).toEqual(['鼓楼街道', '江厦街道']);
    expect(sheets[2]?.header).toContain('热线');
    expect(sheets[5]?.rows[0]).toContain('夜间施工噪声扰民');
    expect(sheets[5]?.rows[0]?.[7]).toBe(74); // 3 days and 2 hours overdue
  });
});
