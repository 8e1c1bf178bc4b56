import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/errors.ts';
import {
  bold,
  type Doc,
  FONT,
  footers,
  INK,
  MARGIN,
  MUTED,
  PAGE,
  registerFont,
  WIDTH,
} from '../reports/reports.layout.ts';

/**
 * The page of a mediation document, in the manner of the Ministry of Justice's forms for people's
 * mediation: a centred title, ruled grids of particulars, numbered sections, signature lines and
 * seal places. A4, the embedded CJK font, page numbers in the footer.
 */

export { type Doc, FONT, INK, MARGIN, MUTED, PAGE, WIDTH };
export const RED = '#b8141b';
const LINE = '#3a3a3a';
const LABEL_BAND = '#f3f3f3';
export const BODY_SIZE = 11;

/** Where the CJK font is looked for when the caller names none (the server passes REPORT_FONT). */
export const DEFAULT_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Opens an A4 document with the CJK font; `write` lays it out; resolves to the finished file. */
export function writePdf(
  fontPath: string,
  info: { title: string; author: string },
  footer: string,
  write: (doc: Doc) => void,
): Promise<Buffer> {
  if (!fs.existsSync(fontPath))
    return Promise.reject(new AppError('report.font_missing', { path: fontPath }));
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Creator: 'Shequ' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    registerFont(doc, fontPath);
    doc.font(FONT).fontSize(BODY_SIZE).fillColor(INK);
    write(doc);
    footers(doc, footer);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error);
  }
  return done;
}

/** `2026年11月29日`; a blank date to fill by hand when there is none. */
export function chineseDate(date: string | null | undefined): string {
  if (!date) return '　　　　年　　月　　日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Beijing wall-clock time of an instant: `2026年11月29日 14:03`. */
export function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** The calendar day `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Starts a new page when fewer than `needed` points are left. */
export function ensureRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > PAGE.height - MARGIN.bottom) doc.addPage();
}

/** The document's title, centred and spaced as a form's title is. */
export function title(doc: Doc, text: string, subtitle?: string): void {
  doc
    .font(FONT)
    .fontSize(20)
    .text(text, MARGIN.left, doc.y, {
      width: WIDTH,
      align: 'center',
      characterSpacing: 3,
      ...bold(doc, INK, 0.5),
    });
  if (subtitle) {
    doc.moveDown(0.2);
    doc
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(subtitle, MARGIN.left, doc.y, { width: WIDTH, align: 'center', stroke: false });
  }
  doc.fillColor(INK).moveDown(0.8);
}

/** A line with something on the left and something on the right: `纠纷类型：…　　编号：…`. */
export function splitLine(doc: Doc, left: string, right: string): void {
  const y = doc.y;
  doc.font(FONT).fontSize(10).fillColor(INK);
  doc.text(left, MARGIN.left, y, { width: WIDTH / 2, stroke: false });
  const below = doc.y;
  doc.text(right, MARGIN.left + WIDTH / 2, y, { width: WIDTH / 2, align: 'right', stroke: false });
  doc.y = Math.max(below, doc.y) + 4;
}

/** A section heading: `一、纠纷的主要事实`, kept on one page with the first `keep` points after it. */
export function section(doc: Doc, text: string, keep = 36): void {
  ensureRoom(doc, keep + 24);
  doc.moveDown(0.5);
  doc
    .font(FONT)
    .fontSize(12)
    .text(text, MARGIN.left, doc.y, { width: WIDTH, ...bold(doc, INK, 0.3) });
  doc.fillColor(INK).moveDown(0.3);
}

/** A body paragraph, first line indented two characters. */
export function paragraph(doc: Doc, text: string, options: { color?: string; indent?: boolean } = {}): void {
  for (const line of text.split(/\n+/).filter((l) => l.trim() !== '')) {
    doc
      .font(FONT)
      .fontSize(BODY_SIZE)
      .fillColor(options.color ?? INK)
      .text(line.trim(), MARGIN.left, doc.y, {
        width: WIDTH,
        align: 'justify',
        lineGap: 5,
        indent: options.indent === false ? 0 : BODY_SIZE * 2,
        stroke: false,
      });
    doc.moveDown(0.2);
  }
  doc.fillColor(INK);
}

/** A numbered list: `1. …` with the text hanging under its number. */
export function numbered(doc: Doc, items: string[]): void {
  items.forEach((item, i) => {
    const label = `${i + 1}. `;
    doc.font(FONT).fontSize(BODY_SIZE).fillColor(INK);
    ensureRoom(doc, Math.min(120, doc.heightOfString(item, { width: WIDTH - 42, lineGap: 5 })));
    const top = doc.y;
    doc.text(label, MARGIN.left + BODY_SIZE * 2 - 6, top, { width: 28, lineBreak: false, stroke: false });
    doc.text(item, MARGIN.left + 42, top, { width: WIDTH - 42, align: 'justify', lineGap: 5, stroke: false });
    doc.moveDown(0.2);
  });
  doc.x = MARGIN.left;
}

/** A cell of a grid: a label (shaded) or a value, `weight` its share of the row's width. */
export interface Cell {
  text: string;
  weight: number;
  label?: boolean;
  align?: 'left' | 'center' | 'right';
}

const PAD = 4;

/** A ruled grid of cells, each row as tall as its tallest cell; rows do not split across pages. */
export function grid(doc: Doc, rows: Cell[][], size = 9.5): void {
  doc.font(FONT).fontSize(size);
  for (const row of rows) {
    const total = row.reduce((n, c) => n + c.weight, 0);
    const widths = row.map((c) => (c.weight / total) * WIDTH);
    const height =
      Math.max(
        ...row.map((c, i) =>
          doc.heightOfString(c.text || ' ', { width: (widths[i] as number) - 2 * PAD, lineGap: 2 }),
        ),
      ) +
      2 * PAD +
      2;
    ensureRoom(doc, height);
    const y = doc.y;
    let x = MARGIN.left;
    row.forEach((cell, i) => {
      const width = widths[i] as number;
      if (cell.label) doc.rect(x, y, width, height).fill(LABEL_BAND);
      doc.rect(x, y, width, height).lineWidth(0.6).strokeColor(LINE).stroke();
      doc
        .font(FONT)
        .fontSize(size)
        .fillColor(cell.label ? MUTED : INK)
        .text(cell.text, x + PAD, y + PAD + 1, {
          width: width - 2 * PAD,
          align: cell.align ?? (cell.label ? 'center' : 'left'),
          lineGap: 2,
          stroke: false,
        });
      x += width;
    });
    doc.y = y + height;
  }
  doc.x = MARGIN.left;
  doc.fillColor(INK).moveDown(0.4);
}

/** Two-column grid rows from label/value pairs. */
export function facts(doc: Doc, pairs: [string, string][]): void {
  grid(
    doc,
    pairs.map(([label, value]) => [
      { text: label, weight: 1, label: true },
      { text: value, weight: 4.6 },
    ]),
  );
}

/** A place to sign: the label (`申请人 张三（签名或按指印）`), a line under it; returns its height. */
export function signatureLine(doc: Doc, x: number, y: number, width: number, label: string): number {
  const room = width - 12;
  doc.font(FONT).fontSize(10).fillColor(MUTED);
  const labelHeight = doc.heightOfString(label, { width: room });
  doc.text(label, x, y, { width: room, stroke: false });
  const lineY = y + labelHeight + 18;
  doc
    .moveTo(x, lineY)
    .lineTo(x + room, lineY)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  doc.fillColor(INK);
  return lineY - y + 12;
}

/**
 * Signature places in two columns, each filled top down, kept together on one page with `reserve`
 * points more under the right column (for the seals); returns where each column ends.
 */
export function signatures(
  doc: Doc,
  left: string[],
  right: string[],
  reserve = 0,
): { left: number; right: number } {
  const half = WIDTH / 2;
  doc.font(FONT).fontSize(10);
  const estimate = (labels: string[], width: number) =>
    labels.reduce((h, l) => h + doc.heightOfString(l, { width: width - 12 }) + 30, 0);
  ensureRoom(doc, Math.max(estimate(left, half), estimate(right, half - 10) + reserve) + 12);
  const top = doc.y + 8;
  let leftY = top;
  let rightY = top;
  for (const label of left) leftY += signatureLine(doc, MARGIN.left, leftY, half - 10, label);
  for (const label of right) rightY += signatureLine(doc, MARGIN.left + half + 10, rightY, half - 10, label);
  doc.y = Math.max(leftY, rightY);
  doc.x = MARGIN.left;
  return { left: leftY, right: rightY };
}

/** A dashed circle where an organisation's seal goes, its name and `（印章）` inside. */
export function sealPlace(doc: Doc, cx: number, cy: number, organisation: string, r = 40): void {
  doc.save();
  doc.circle(cx, cy, r).lineWidth(0.8).dash(3, { space: 3 }).strokeColor(RED).stroke().undash();
  doc.restore();
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor(RED)
    .text(organisation, cx - r + 8, cy - 16, {
      width: 2 * r - 16,
      align: 'center',
      lineGap: 1,
      stroke: false,
    });
  doc.fontSize(9).text('（印章）', cx - r, cy + 14, { width: 2 * r, align: 'center', stroke: false });
  doc.fillColor(INK);
}

/** A diagonal mark across every page so far: `草稿`, `已替代`. */
export function watermark(doc: Doc, text: string, color: string, fromPage = 0): void {
  const range = doc.bufferedPageRange();
  for (let i = Math.max(range.start, fromPage); i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save();
    doc.rotate(-30, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc
      .font(FONT)
      .fontSize(96)
      .fillColor(color)
      .fillOpacity(0.12)
      .text(text, 0, PAGE.height / 2 - 60, {
        width: PAGE.width,
        align: 'center',
        lineBreak: false,
        stroke: false,
      });
    doc.restore();
    doc.page.margins.bottom = bottom;
  }
}

/** A ruled box of text in a colour, for a notice that must not be missed. */
export function notice(doc: Doc, text: string, color: string): void {
  doc.font(FONT).fontSize(10.5);
  const height = doc.heightOfString(text, { width: WIDTH - 20, lineGap: 3 }) + 14;
  ensureRoom(doc, height);
  const y = doc.y;
  doc.rect(MARGIN.left, y, WIDTH, height).lineWidth(1).strokeColor(color).stroke();
  doc.fillColor(color).text(text, MARGIN.left + 10, y + 7, { width: WIDTH - 20, lineGap: 3, stroke: false });
  doc.fillColor(INK);
  doc.y = y + height + 8;
  doc.x = MARGIN.left;
}
