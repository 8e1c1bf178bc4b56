import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf } from '../../platform/time.ts';
import { readAreas } from '../figures/figures.areas.ts';
import type {
  FiguresAreas,
  FiguresBreakdown,
  FiguresSeries,
  FiguresSummary,
} from '../figures/figures.schema.ts';
import { readBreakdown, readSeries, readSummary } from '../figures/figures.service.ts';
import { writeMonthlyPdf } from './reports.pdf.ts';
import type { MonthlyReportQuery } from './reports.schema.ts';

/** What a monthly report shows: one unit's month, the month before, and the month's detail. */
export interface MonthlyReportData {
  month: string;
  generatedAt: Date;
  current: FiguresSummary;
  /** The calendar month before (环比), not merely the same number of days. */
  previous: FiguresSummary;
  days: FiguresSeries['buckets'];
  areas: FiguresAreas;
  categories: FiguresBreakdown['rows'];
  units: FiguresBreakdown['rows'];
}

function monthStart(month: string, monthsLater = 0): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

/** The month before the current Beijing month: the latest one complete. */
export function lastMonth(now = new Date()): string {
  return monthStart(localDateOf(now).slice(0, 7), -1).slice(0, 7);
}

/** The report's font, or a clear 503 saying which file is missing and how to provide it. */
function requireFont(fontPath: string): string {
  if (!fs.existsSync(fontPath)) throw new AppError('report.font_missing', { path: fontPath });
  return fontPath;
}

/**
 * The monthly report of a unit's subtree as a PDF in Chinese: read through the figures service,
 * so the viewer needs `figures.read` over the unit (not-found otherwise), and the download audited.
 */
export async function monthlyReportPdf(
  db: Db,
  ctx: AuditContext,
  fontPath: string,
  query: MonthlyReportQuery,
): Promise<{ pdf: Buffer; unitCode: string; month: string }> {
  const font = requireFont(fontPath);
  const viewer = ctx.actor;
  const month = query.month ?? lastMonth();
  const period = { from: monthStart(month), to: monthStart(month, 1) };
  const before = { from: monthStart(month, -1), to: period.from };
  const current = await readSummary(db, viewer, { unitId: query.unitId, ...period });
  const unitId = current.unit.id;
  const [previous, series, areas, categories, units] = await Promise.all([
    readSummary(db, viewer, { unitId, ...before }),
    readSeries(db, viewer, { unitId, ...period, interval: 'day' }),
    readAreas(db, viewer, { unitId, ...period }),
    readBreakdown(db, viewer, { unitId, ...period, by: 'category' }),
    readBreakdown(db, viewer, { unitId, ...period, by: 'unit' }),
  ]);
  const data: MonthlyReportData = {
    month,
    generatedAt: new Date(),
    current,
    previous,
    days: series.buckets,
    areas,
    categories: categories.rows
      .filter((r) => r.key !== null && r.figures.volumes.registered > 0)
      .sort((a, b) => b.figures.volumes.registered - a.figures.volumes.registered)
      .slice(0, 10),
    units: units.rows
      .filter((r) => r.key !== null && r.figures.volumes.returns > 0)
      .sort((a, b) => b.figures.volumes.returns - a.figures.volumes.returns)
      .slice(0, 5),
  };
  await db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'report.monthly',
      recordType: 'unit',
      recordId: unitId,
      after: { month, unit: current.unit.code },
    }),
  );
  return { pdf: await writeMonthlyPdf(data, font), unitCode: current.unit.code, month };
}
