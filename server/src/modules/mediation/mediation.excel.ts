import ExcelJS from 'exceljs';
import type { DocumentRate, MediationMonthReport, MediationReportRow } from './mediation.documents.ts';
import { beijingTime } from './mediation.pdf-layout.ts';

/**
 * The monthly mediation report as a workbook: a summary sheet, then the cases by dispute type, by
 * organisation and by outcome. Figures are numbers (rates as fractions shown as percentages), so a
 * reader can sum and chart them; nothing is a formula, so every figure reads back as it was written.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0EC' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** A rate as a number to show as a percentage, or a dash when nothing was counted. */
const rateValue = (r: DocumentRate): number | string => (r.rate === null ? '—' : r.rate);
const ratio = (r: DocumentRate): string => `${r.numerator} / ${r.denominator}`;
const days = (d: number | null): number | string => (d === null ? '—' : Math.round(d * 10) / 10);

const COLUMNS: {
  header: string;
  width: number;
  value: (r: MediationReportRow) => number | string;
  format?: string;
}[] = [
  { header: '受理（件）', width: 11, value: (r) => r.received },
  { header: '调解成功（件）', width: 14, value: (r) => r.agreement },
  { header: '调解不成（件）', width: 14, value: (r) => r.noAgreement },
  { header: '撤回（件）', width: 11, value: (r) => r.withdrawn },
  { header: '不予受理（件）', width: 14, value: (r) => r.refused },
  { header: '调解成功率', width: 12, value: (r) => rateValue(r.success), format: '0.0%' },
  { header: '成功 / 调结', width: 12, value: (r) => ratio(r.success) },
  { header: '平均用时（天）', width: 14, value: (r) => days(r.averageDays), format: '0.0' },
  { header: '防止纠纷激化（件）', width: 18, value: (r) => r.keptFromEscalating },
];

/** The sheet's title across the table and the period under it. */
function masthead(
  sheet: ExcelJS.Worksheet,
  report: MediationMonthReport,
  subject: string,
  span: number,
): void {
  sheet.mergeCells(1, 1, 1, span);
  const head = sheet.getCell(1, 1);
  head.value = `${report.unit}人民调解工作月报（${chineseMonth(report.month)}）${subject}`;
  head.font = { size: 14, bold: true };
  head.alignment = { horizontal: 'center' };
  sheet.getRow(1).height = 24;
  sheet.mergeCells(2, 1, 2, span);
  const sub = sheet.getCell(2, 1);
  sub.value = `统计范围：${report.unit}　统计月份：${chineseMonth(report.month)}　生成时间：${beijingTime(report.generatedAt)}`;
  sub.font = { size: 9, color: { argb: 'FF6B6B6B' } };
  sub.alignment = { horizontal: 'center' };
}

function styleRow(row: ExcelJS.Row, fill?: ExcelJS.Fill, bold = false): void {
  row.eachCell((cell) => {
    cell.border = THIN;
    if (fill) cell.fill = fill;
    if (bold) cell.font = { bold: true };
  });
}

/** One row per dispute type or organisation, and the month's total under them. */
function breakdown(
  wb: ExcelJS.Workbook,
  report: MediationMonthReport,
  name: string,
  key: string,
  rows: MediationReportRow[],
) {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }] });
  masthead(sheet, report, `——${name}`, COLUMNS.length + 1);
  sheet.getColumn(1).width = 28;
  COLUMNS.forEach((c, i) => {
    sheet.getColumn(i + 2).width = c.width;
    if (c.format) sheet.getColumn(i + 2).numFmt = c.format;
  });
  styleRow(sheet.addRow([key, ...COLUMNS.map((c) => c.header)]), HEADER_FILL, true);
  for (const row of rows) styleRow(sheet.addRow([row.name, ...COLUMNS.map((c) => c.value(row))]));
  styleRow(sheet.addRow(['合计', ...COLUMNS.map((c) => c.value(report.total))]), TOTAL_FILL, true);
}

function summary(wb: ExcelJS.Workbook, report: MediationMonthReport): void {
  const sheet = wb.addWorksheet('汇总');
  masthead(sheet, report, '', 3);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 16;
  sheet.getColumn(3).width = 44;
  const t = report.total;
  styleRow(sheet.addRow(['指标', '数值', '口径']), HEADER_FILL, true);
  const lines: [string, number | string, string, string?][] = [
    ['受理纠纷（件）', t.received, '本月登记的调解案件'],
    ['调解成功（件）', t.agreement, '本月结案、达成调解协议（含口头协议）'],
    ['调解不成（件）', t.noAgreement, '本月终止调解，已告知仲裁、诉讼等途径'],
    ['撤回（件）', t.withdrawn, '本月当事人撤回申请'],
    ['不予受理（件）', t.refused, '本月不予受理，已告知其他途径'],
    ['调解成功率', rateValue(t.success), `调解成功 / 调结（${ratio(t.success)}）`, '0.0%'],
    ['平均用时（天）', days(t.averageDays), '本月结案案件从受理到结案的自然日（不予受理的不计）', '0.0'],
    [
      '防止纠纷激化（件）',
      t.keptFromEscalating,
      '本月调解成功、至今未反复的纠纷（协议未见不履行、未被法院驳回，当事人未就同类纠纷再申请调解）',
    ],
    ['月末在办（件）', report.openAtMonthEnd, '月末尚未结案的案件'],
  ];
  for (const [name, value, rule, format] of lines) {
    const row = sheet.addRow([name, value, rule]);
    if (format) row.getCell(2).numFmt = format;
    styleRow(row);
  }
}

function outcomes(wb: ExcelJS.Workbook, report: MediationMonthReport): void {
  const sheet = wb.addWorksheet('按调解结果');
  masthead(sheet, report, '——按调解结果', 3);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 12;
  sheet.getColumn(3).width = 12;
  sheet.getColumn(3).numFmt = '0.0%';
  styleRow(sheet.addRow(['调解结果', '件数', '占比']), HEADER_FILL, true);
  const t = report.total;
  const counts: [string, number][] = [
    ['调解成功，达成协议', t.agreement],
    ['调解不成，终止调解', t.noAgreement],
    ['当事人撤回申请', t.withdrawn],
    ['不予受理', t.refused],
  ];
  const closed = counts.reduce((n, [, c]) => n + c, 0);
  for (const [name, count] of counts)
    styleRow(sheet.addRow([name, count, closed === 0 ? '—' : count / closed]));
  styleRow(sheet.addRow(['合计', closed, closed === 0 ? '—' : 1]), TOTAL_FILL, true);
}

/** The month's mediation figures as an .xlsx workbook. */
export async function monthlyReportXlsx(report: MediationMonthReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shequ';
  wb.created = report.generatedAt;
  summary(wb, report);
  breakdown(wb, report, '按纠纷类型', '纠纷类型', report.byDisputeType);
  breakdown(wb, report, '按调解组织', '调解组织', report.byOrganisation);
  outcomes(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
