import * as fontkit from 'fontkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { PALETTE } from './reports.charts.ts';

/**
 * The report's page and its building blocks on A4 with pdfkit: the embedded CJK font, headings,
 * paragraphs, ruled tables that break across pages, SVG charts and the page footers.
 */

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 50, right: 50, top: 54, bottom: 64 };
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const RED = '#b8141b';
export const GREEN = PALETTE[0] as string;
export const INK = '#1f1f1f';
export const MUTED = '#6b6b6b';
export const RULE = '#d9d9d9';
export const BAND = '#f2f6f4';
export const FONT = 'cjk';

/** Registers the CJK font; a collection (.ttc) contributes its first face. */
export function registerFont(doc: Doc, path: string): void {
  const opened = fontkit.openSync(path);
  const faces = 'fonts' in opened ? opened.fonts : [];
  const first = faces[0];
  if (first) doc.registerFont(FONT, path, first.postscriptName);
  else doc.registerFont(FONT, path);
}

/** Pseudo-bold for a font without a bold face: the glyphs stroked in their own colour. */
export function bold(doc: Doc, color: string, width = 0.35) {
  doc.fillColor(color).strokeColor(color).lineWidth(width);
  return { fill: true, stroke: true };
}

/** Starts a new page when fewer than `needed` points are left. */
export function ensureRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > PAGE.height - MARGIN.bottom) doc.addPage();
}

/** A numbered section heading, kept on one page with the first `keep` points of what follows. */
export function heading(doc: Doc, text: string, keep = 60): void {
  ensureRoom(doc, keep + 36);
  doc.moveDown(0.6);
  const y = doc.y;
  doc.rect(MARGIN.left, y + 1, 3, 13).fill(GREEN);
  doc
    .font(FONT)
    .fontSize(13)
    .text(text, MARGIN.left + 10, y, { width: WIDTH - 10, ...bold(doc, INK) });
  doc.moveDown(0.4);
  doc.x = MARGIN.left;
}

export function paragraph(doc: Doc, text: string): void {
  doc.font(FONT).fontSize(10.5).fillColor(INK).text(text, MARGIN.left, doc.y, {
    width: WIDTH,
    align: 'justify',
    lineGap: 4,
    indent: 21,
    stroke: false,
  });
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A ruled table with a shaded header row, repeating the header after a page break. */
export function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const scale = WIDTH / total;
  const widths = columns.map((c) => c.width * scale);
  const rowHeight = 20;
  // A short table is not split across pages.
  const height = (rows.length + 1) * rowHeight;
  if (height < 260) ensureRoom(doc, height + 4);
  const drawRow = (cells: string[], header: boolean, shade: boolean) => {
    ensureRoom(doc, rowHeight + 2);
    const y = doc.y;
    if (header) doc.rect(MARGIN.left, y, WIDTH, rowHeight).fill(BAND);
    else if (shade) doc.rect(MARGIN.left, y, WIDTH, rowHeight).fill('#fafafa');
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const width = widths[i] as number;
      const align = header ? 'center' : (columns[i]?.align ?? 'left');
      doc.font(FONT).fontSize(header ? 9 : 9.5);
      const options = header ? bold(doc, INK, 0.25) : { fill: true, stroke: false };
      if (!header) doc.fillColor(INK);
      doc.text(cell, x + 5, y + 5.5, {
        width: width - 10,
        align,
        lineBreak: false,
        ellipsis: true,
        ...options,
      });
      x += width;
    });
    doc
      .moveTo(MARGIN.left, y + rowHeight)
      .lineTo(MARGIN.left + WIDTH, y + rowHeight)
      .lineWidth(header ? 0.8 : 0.4)
      .strokeColor(header ? GREEN : RULE)
      .stroke();
    doc.y = y + rowHeight;
    doc.x = MARGIN.left;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
    false,
  );
  rows.forEach((cells, i) => {
    if (doc.y + rowHeight + 2 > PAGE.height - MARGIN.bottom) {
      doc.addPage();
      drawRow(
        columns.map((c) => c.header),
        true,
        false,
      );
    }
    drawRow(cells, false, i % 2 === 1);
  });
  doc.moveDown(0.6);
}

/** Places an SVG chart at the current position, text in the CJK font. */
export function chart(doc: Doc, svg: string, height: number): void {
  ensureRoom(doc, height + 8);
  SVGtoPDF(doc as unknown as Parameters<typeof SVGtoPDF>[0], svg, MARGIN.left, doc.y, {
    width: WIDTH,
    height,
    assumePt: true,
    fontCallback: () => FONT,
  });
  doc.y += height + 6;
  doc.x = MARGIN.left;
}

export function note(doc: Doc, text: string): void {
  doc.font(FONT).fontSize(8.5).fillColor(MUTED).text(text, MARGIN.left, doc.y, { width: WIDTH, lineGap: 2 });
  doc.fillColor(INK);
}

/** Page numbers and the issuing system in every page's footer. */
export function footers(doc: Doc, issuer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const y = PAGE.height - MARGIN.bottom + 24;
    // Writing below the bottom margin would start a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + WIDTH, y - 6)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    doc.text(issuer, MARGIN.left, y, {
      width: WIDTH / 2,
      lineBreak: false,
    });
    doc.text(`第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN.left + WIDTH / 2, y, {
      width: WIDTH / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = MARGIN.bottom;
  }
}
