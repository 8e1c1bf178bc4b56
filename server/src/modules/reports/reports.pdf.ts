import PDFDocument from 'pdfkit';
import type { Figures, Handling, Rate } from '../figures/figures.schema.ts';
import { areaChart, trendChart } from './reports.charts.ts';
import {
  bold,
  chart,
  type Doc,
  FONT,
  footers,
  heading,
  INK,
  MARGIN,
  MUTED,
  note,
  paragraph,
  RED,
  registerFont,
  table,
  WIDTH,
} from './reports.layout.ts';
import type { MonthlyReportData } from './reports.service.ts';

/**
 * The monthly report laid out on A4 in Chinese, in the style of a government work report: a red
 * masthead, numbered sections (一、二、…), tables of figures with the month before, and two charts.
 */

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function integer(n: number): string {
  return n.toLocaleString('zh-CN');
}

function hours(h: number | null): string {
  return h === null ? '—' : h.toFixed(1);
}

/** A rate's change in percentage points, as a report writes it. */
function pointsChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const delta = Math.round((now - before) * 1000) / 10;
  if (delta === 0) return '持平';
  return `${delta > 0 ? '↑' : '↓'} ${Math.abs(delta).toFixed(1)} 个百分点`;
}

function countChange(now: number, before: number): string {
  if (now === before) return '持平';
  const diff = now - before;
  const share = before === 0 ? '' : `（${diff > 0 ? '+' : ''}${((diff / before) * 100).toFixed(1)}%）`;
  return `${diff > 0 ? '增加' : '减少'} ${integer(Math.abs(diff))} 件${share}`;
}

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** Beijing wall-clock time of an instant, `2026年11月29日 14:03`. */
function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

function lastDay(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function masthead(doc: Doc, data: MonthlyReportData): void {
  const { unit, period } = data.current;
  doc.font(FONT).fontSize(11).fillColor(RED).text('社区治理工作简报', MARGIN.left, MARGIN.top, {
    width: WIDTH,
    align: 'center',
    characterSpacing: 4,
  });
  doc.moveDown(0.4);
  doc
    .fontSize(22)
    .text(`${unit.nameZh}群众诉求办理情况月报`, { width: WIDTH, align: 'center', ...bold(doc, RED, 0.5) });
  doc.moveDown(0.3);
  doc
    .fontSize(12)
    .fillColor(INK)
    .text(chineseMonth(data.month), { width: WIDTH, align: 'center', stroke: false });
  const y = doc.y + 8;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(MARGIN.left + WIDTH, y)
    .lineWidth(1.6)
    .strokeColor(RED)
    .stroke();
  doc
    .moveTo(MARGIN.left, y + 3)
    .lineTo(MARGIN.left + WIDTH, y + 3)
    .lineWidth(0.5)
    .stroke();
  doc.y = y + 12;
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `统计范围：${unit.nameZh}　　统计周期：${chineseDate(period.from)}至${chineseDate(lastDay(period.to))}　　生成时间：${beijingTime(data.generatedAt)}`,
      MARGIN.left,
      doc.y,
      { width: WIDTH, align: 'center' },
    );
  doc.moveDown(1);
}

const RATES: { key: keyof Figures['rates']; name: string; rule: string }[] = [
  { key: 'response', name: '响应率', rule: '按时签收的派单 / 派单' },
  { key: 'onTime', name: '按时办结率', rule: '在期限内办结 / 办结' },
  { key: 'resolution', name: '解决率', rule: '回访“已解决” / 回访接通' },
  { key: 'satisfaction', name: '满意率', rule: '满意及基本满意 / 评价' },
  { key: 'oneTimeResolution', name: '一次性解决率', rule: '未重办、无重复诉求 / 归档' },
  { key: 'firstContactResolution', name: '首次接触解决率', rule: '受理时即时办结 / 受理' },
];

function ratio(r: Rate): string {
  return r.denominator === 0 ? '—' : `${integer(r.numerator)} / ${integer(r.denominator)}`;
}

/** 一、总体情况: the month in a few sentences, as a report opens. */
function overview(doc: Doc, data: MonthlyReportData): void {
  const now = data.current.figures;
  const before = data.previous.figures;
  const v = now.volumes;
  const otr = now.rates.oneTimeResolution;
  const sentences = [
    `本月共受理群众诉求 ${integer(v.registered)} 件，较上月${countChange(v.registered, before.volumes.registered)}；`,
    `办结 ${integer(v.resolved)} 件，回访归档 ${integer(v.closed)} 件，月末在办 ${integer(v.backlog)} 件，当前超期未办结 ${integer(now.overdueNow)} 件。`,
    otr.rate === null
      ? '本月没有归档的诉求，一次性解决率暂无数据。'
      : `一次性解决率 ${percent(otr.rate)}（较上月${pointsChange(otr.rate, before.rates.oneTimeResolution.rate)}），满意率 ${percent(now.rates.satisfaction.rate)}，按时办结率 ${percent(now.rates.onTime.rate)}。`,
    data.current.handling.averageHours === null
      ? ''
      : `派单办理的诉求从受理到办结平均用时 ${hours(data.current.handling.averageHours)} 小时。`,
  ];
  paragraph(doc, sentences.join(''));
}

/** 二、主要指标: the six rates with the month before, and the volumes. */
function figuresTable(doc: Doc, data: MonthlyReportData): void {
  const now = data.current.figures;
  const before = data.previous.figures;
  table(
    doc,
    [
      { header: '指标', width: 92 },
      { header: '本月', width: 56, align: 'right' },
      { header: '上月', width: 56, align: 'right' },
      { header: '环比', width: 84, align: 'right' },
      { header: '本月分子 / 分母', width: 86, align: 'right' },
      { header: '口径', width: 150 },
    ],
    RATES.map(({ key, name, rule }) => [
      name,
      percent(now.rates[key].rate),
      percent(before.rates[key].rate),
      pointsChange(now.rates[key].rate, before.rates[key].rate),
      ratio(now.rates[key]),
      rule,
    ]),
  );
  const handling = (h: Handling) => hours(h.averageHours);
  table(
    doc,
    [
      { header: '办理量', width: 120 },
      { header: '本月', width: 80, align: 'right' },
      { header: '上月', width: 80, align: 'right' },
      { header: '环比', width: 150, align: 'right' },
    ],
    [
      ['受理', now.volumes.registered, before.volumes.registered],
      ['派单', now.volumes.dispatches, before.volumes.dispatches],
      ['退单', now.volumes.returns, before.volumes.returns],
      ['办结', now.volumes.resolved, before.volumes.resolved],
      ['回访归档', now.volumes.closed, before.volumes.closed],
      ['期末在办', now.volumes.backlog, before.volumes.backlog],
    ]
      .map(([name, a, b]) => [
        String(name),
        integer(a as number),
        integer(b as number),
        countChange(a as number, b as number),
      ])
      .concat([
        [
          '平均办理时长（小时）',
          handling(data.current.handling),
          handling(data.previous.handling),
          data.current.handling.averageHours === null || data.previous.handling.averageHours === null
            ? '—'
            : `${data.current.handling.averageHours >= data.previous.handling.averageHours ? '↑' : '↓'} ${Math.abs(
                data.current.handling.averageHours - data.previous.handling.averageHours,
              ).toFixed(1)} 小时`,
        ],
      ]),
  );
}

function trendSection(doc: Doc, data: MonthlyReportData): void {
  const days = data.days.map((b) => ({
    label: `${Number(b.from.slice(8, 10))}日`,
    registered: b.figures.volumes.registered,
    resolved: b.figures.volumes.resolved,
  }));
  chart(doc, trendChart(days, { registered: '受理', resolved: '办结' }, WIDTH, 135), 135);
}

function areasSection(doc: Doc, data: MonthlyReportData, title: string): void {
  const { areas, level } = data.areas;
  const noun = level === 'street' ? '街道' : '社区';
  heading(doc, `${title}、各${noun}对比`, 160);
  chart(
    doc,
    areaChart(
      areas.map((a) => ({
        name: a.unit.nameZh.replace(/(街道|社区)$/, ''),
        count: a.figures.volumes.registered,
        rate: a.figures.rates.onTime.rate,
      })),
      { count: '受理量（件）', rate: '按时办结率' },
      WIDTH,
      160,
    ),
    160,
  );
  table(
    doc,
    [
      { header: noun, width: 86 },
      { header: '受理', width: 44, align: 'right' },
      { header: '响应率', width: 54, align: 'right' },
      { header: '按时办结率', width: 62, align: 'right' },
      { header: '满意率', width: 54, align: 'right' },
      { header: '一次性解决率', width: 66, align: 'right' },
      { header: '平均用时(时)', width: 64, align: 'right' },
      { header: '当前超期', width: 52, align: 'right' },
    ],
    areas.map((a) => [
      a.unit.nameZh,
      integer(a.figures.volumes.registered),
      percent(a.figures.rates.response.rate),
      percent(a.figures.rates.onTime.rate),
      percent(a.figures.rates.satisfaction.rate),
      percent(a.figures.rates.oneTimeResolution.rate),
      hours(a.handling.averageHours),
      integer(a.figures.overdueNow),
    ]),
  );
}

function categoriesSection(doc: Doc, data: MonthlyReportData, title: string): void {
  heading(doc, `${title}、诉求分类排名（前十）`);
  const total = data.current.figures.volumes.registered;
  if (data.categories.length === 0) {
    paragraph(doc, '本月没有已分类的诉求。');
    return;
  }
  table(
    doc,
    [
      { header: '序号', width: 34, align: 'center' },
      { header: '诉求分类', width: 170 },
      { header: '受理', width: 54, align: 'right' },
      { header: '占比', width: 54, align: 'right' },
      { header: '按时办结率', width: 70, align: 'right' },
      { header: '满意率', width: 60, align: 'right' },
      { header: '当前超期', width: 56, align: 'right' },
    ],
    data.categories.map((r, i) => [
      String(i + 1),
      r.key?.nameZh ?? '',
      integer(r.figures.volumes.registered),
      total === 0 ? '—' : percent(r.figures.volumes.registered / total),
      percent(r.figures.rates.onTime.rate),
      percent(r.figures.rates.satisfaction.rate),
      integer(r.figures.overdueNow),
    ]),
  );
}

function returnsSection(doc: Doc, data: MonthlyReportData, title: string): void {
  heading(doc, `${title}、退单较多的承办单位`);
  if (data.units.length === 0) {
    paragraph(doc, '本月没有退单，派单准确。');
    return;
  }
  table(
    doc,
    [
      { header: '承办单位', width: 200 },
      { header: '收到派单', width: 70, align: 'right' },
      { header: '退单', width: 60, align: 'right' },
      { header: '派单准确率', width: 80, align: 'right' },
    ],
    data.units.map((r) => [
      r.key?.nameZh ?? '',
      integer(r.figures.volumes.dispatches),
      integer(r.figures.volumes.returns),
      percent(r.figures.rates.routingAccuracy.rate),
    ]),
  );
}

/** Writes the report to a PDF in memory. */
export function writeMonthlyPdf(data: MonthlyReportData, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `${data.current.unit.nameZh}群众诉求办理情况月报（${chineseMonth(data.month)}）`,
      Author: data.current.unit.nameZh,
      Creator: 'Shequ',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFont(doc, fontPath);
  doc.font(FONT);
  masthead(doc, data);
  heading(doc, '一、总体情况');
  overview(doc, data);
  heading(doc, '二、主要指标');
  figuresTable(doc, data);
  note(
    doc,
    '说明：各项比率按事件发生时间计入当月；“上月”为上一个自然月；环比变化以百分点计。平均办理时长为派单办理的诉求从受理到办结的自然小时数。',
  );
  heading(doc, '三、受理与办结走势', 135);
  trendSection(doc, data);
  const numbers = ['四', '五', '六'];
  let next = 0;
  if (data.areas.level !== null && data.areas.areas.length > 0)
    areasSection(doc, data, numbers[next++] as string);
  categoriesSection(doc, data, numbers[next++] as string);
  returnsSection(doc, data, numbers[next++] as string);
  footers(doc, `${data.current.unit.nameZh} · 社区治理平台自动生成`);
  doc.end();
  return done;
}
