// The dashboard's current view as an Excel workbook, built in the browser from the figures on
// screen: one sheet per panel, every figure with its parts, so the numbers can be checked and reused.
import type { TFunction } from 'i18next';
import { categoryName, unitName } from '../../components/case/labels.tsx';
import { compareRate, compareValue } from './compare.ts';
import type { DashboardQuery } from './dashboard-query.ts';
import type { DashboardData } from './data.ts';
import { lastDay } from './FigureCards.tsx';
import { topCategories, topReturns } from './RankPanels.tsx';
import { CHANNELS } from './TrendPanels.tsx';
import { RATE_KEYS } from './types.ts';

type Cell = string | number | null;
interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  widths?: number[];
}

/** A rate as a percentage number to one decimal (Excel shows 94.8, not 0.948). */
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The sheets of the view, as plain rows (tested without Excel). */
export function viewSheets(
  data: DashboardData,
  query: DashboardQuery,
  t: TFunction<['dashboard', 'common']>,
  language: string,
): Sheet[] {
  const c = (key: string) => t(`dashboard:export.column.${key}` as 'dashboard:export.column.figure');
  const { summary } = data;
  const before = summary.previous;
  const percentSuffix = (name: string) => `${name} (%)`;
  const figures: Sheet = {
    name: t('dashboard:export.sheet.figures'),
    header: [c('figure'), c('value'), c('previous'), c('change'), c('numerator'), c('denominator')],
    widths: [28, 12, 12, 12, 12, 12],
    rows: [
      ...RATE_KEYS.map((key) => {
        const rate = summary.figures.rates[key];
        const previous = before ? before.figures.rates[key].rate : null;
        return [
          percentSuffix(t(`dashboard:figure.${key}`)),
          pct(rate.rate),
          pct(previous),
          compareRate(rate.rate, previous).delta,
          rate.numerator,
          rate.denominator,
        ];
      }),
      ...(['registered', 'resolved', 'closed', 'backlog', 'returns'] as const).map((key) => {
        const now = summary.figures.volumes[key];
        const previous = before ? before.figures.volumes[key] : null;
        return [
          t(`dashboard:volume.${key}`),
          now,
          previous,
          compareValue(now, previous, 'neutral').delta,
          null,
          null,
        ];
      }),
      [t('dashboard:volume.overdueNow'), summary.figures.overdueNow, null, null, null, null],
      [t('dashboard:volume.handlingNow'), summary.handling.now, null, null, null, null],
      [t('dashboard:volume.supervisedNow'), summary.handling.supervisedNow, null, null, null, null],
      [
        `${t('dashboard:volume.averageHours')} (${t('dashboard:volume.hoursUnit')})`,
        summary.handling.averageHours,
        before?.averageHandlingHours ?? null,
        compareValue(summary.handling.averageHours, before?.averageHandlingHours ?? null, 'lower').delta,
        null,
        null,
      ],
      [],
      [c('unit'), unitName(summary.unit, language)],
      [c('period'), `${query.from} – ${query.to}`],
      [
        c('category'),
        summary.category ? categoryName(summary.category, language) : t('dashboard:filters.allCategories'),
      ],
      ...(before ? [[c('previous'), `${before.period.from} – ${lastDay(before.period.to)}`]] : []),
    ],
  };
  const areas: Sheet = {
    name: t('dashboard:export.sheet.areas'),
    header: [
      c('unit'),
      t('dashboard:volume.registered'),
      ...RATE_KEYS.map((k) => percentSuffix(t(`dashboard:figure.${k}`))),
      `${t('dashboard:volume.averageHours')} (${t('dashboard:volume.hoursUnit')})`,
      t('dashboard:volume.handlingNow'),
      t('dashboard:volume.overdueNow'),
      t('dashboard:volume.returns'),
      t('dashboard:volume.backlog'),
    ],
    rows: data.areas.areas.map((a) => [
      unitName(a.unit, language),
      a.figures.volumes.registered,
      ...RATE_KEYS.map((k) => pct(a.figures.rates[k].rate)),
      a.handling.averageHours,
      a.handling.now,
      a.figures.overdueNow,
      a.figures.volumes.returns,
      a.figures.volumes.backlog,
    ]),
  };
  const present = new Set(data.series.buckets.flatMap((b) => Object.keys(b.registeredByChannel)));
  const channels = [
    ...CHANNELS.filter((ch) => present.has(ch)),
    ...[...present].filter((ch) => !(CHANNELS as readonly string[]).includes(ch)),
  ];
  const trend: Sheet = {
    name: t('dashboard:export.sheet.trend'),
    header: [
      c('period'),
      t('dashboard:volume.registered'),
      ...channels.map((ch) => t(`common:channel.${ch}` as 'common:channel.hotline', { defaultValue: ch })),
      t('dashboard:volume.resolved'),
      t('dashboard:volume.closed'),
      t('dashboard:volume.backlog'),
    ],
    rows: data.series.buckets.map((b) => [
      b.label,
      b.figures.volumes.registered,
      ...channels.map((ch) => b.registeredByChannel[ch] ?? 0),
      b.figures.volumes.resolved,
      b.figures.volumes.closed,
      b.figures.volumes.backlog,
    ]),
  };
  const total = summary.figures.volumes.registered;
  const categories: Sheet = {
    name: t('dashboard:export.sheet.categories'),
    header: [
      c('category'),
      t('dashboard:volume.registered'),
      `${t('dashboard:categories.share')} (%)`,
      percentSuffix(t('dashboard:figure.onTime')),
      percentSuffix(t('dashboard:figure.satisfaction')),
      t('dashboard:volume.overdueNow'),
    ],
    rows: topCategories(data.categories, Number.POSITIVE_INFINITY).map((r) => [
      categoryName(r.key, language),
      r.figures.volumes.registered,
      total === 0 ? null : pct(r.figures.volumes.registered / total),
      pct(r.figures.rates.onTime.rate),
      pct(r.figures.rates.satisfaction.rate),
      r.figures.overdueNow,
    ]),
  };
  const units: Sheet = {
    name: t('dashboard:export.sheet.units'),
    header: [
      c('unit'),
      t('dashboard:volume.dispatches'),
      t('dashboard:volume.returns'),
      percentSuffix(t('dashboard:figure.routingAccuracy')),
    ],
    rows: topReturns(data.units, Number.POSITIVE_INFINITY).map((r) => [
      unitName(r.key, language),
      r.figures.volumes.dispatches,
      r.figures.volumes.returns,
      pct(r.figures.rates.routingAccuracy.rate),
    ]),
  };
  const caseSheet = (name: string, list: DashboardData['overdue']): Sheet => ({
    name,
    header: [
      c('trackingNo'),
      c('title'),
      c('category'),
      c('street'),
      c('community'),
      c('leadUnit'),
      c('dueAt'),
      c('overdueHours'),
      c('escalation'),
    ],
    rows: list.items.map((item) => [
      item.trackingNo,
      item.title,
      categoryName(item.category, language),
      unitName(item.street, language),
      unitName(item.community, language),
      unitName(item.leadUnit, language),
      item.resolveDueAt,
      item.overdueMinutes === null ? null : Math.round((item.overdueMinutes / 60) * 10) / 10,
      item.escalationLevel,
    ]),
  });
  return [
    figures,
    ...(data.areas.areas.length > 0 ? [areas] : []),
    trend,
    categories,
    units,
    caseSheet(t('dashboard:export.sheet.overdue'), data.overdue),
    caseSheet(t('dashboard:export.sheet.supervised'), data.supervised),
  ];
}

/** Writes the sheets into an .xlsx workbook; exceljs loads only now (it is large, and rarely needed). */
export async function buildViewWorkbook(sheets: Sheet[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shequ';
  workbook.created = new Date();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31));
    sheet.addRow(s.header);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of s.rows) sheet.addRow(row);
    s.header.forEach((_, i) => {
      sheet.getColumn(i + 1).width = s.widths?.[i] ?? (i === 0 ? 24 : 14);
    });
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
