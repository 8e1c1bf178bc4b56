import type { Db } from '../../db/database.ts';
import { type Actor, can, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf, startOfLocalDay } from '../../platform/time.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import type { MediationMonthReport, MediationReportRow } from './mediation.documents.ts';
import { DISPUTE_TYPE_LABELS } from './mediation.labels.ts';
import { listCasesForFigures } from './mediation.repo.ts';

type FigureRow = Awaited<ReturnType<typeof listCasesForFigures>>[number];

const DAY_MS = 86_400_000;

/** The first day of the month after `month` (`YYYY-MM`). */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The figures of one group of cases over the month. */
function rowOf(name: string, rows: FigureRow[], start: string, end: string): MediationReportRow {
  const inMonth = (iso: string | null) => iso !== null && iso >= start && iso < end;
  const closed = rows.filter((r) => inMonth(r.outcome_at));
  const count = (status: string) => closed.filter((r) => r.status === status).length;
  const agreement = count('agreed');
  const noAgreement = count('failed');
  const ended = closed.filter((r) => r.status !== 'refused');
  const days = ended.map((r) => (Date.parse(r.outcome_at as string) - Date.parse(r.registered_at)) / DAY_MS);
  return {
    name,
    received: rows.filter((r) => inMonth(r.registered_at)).length,
    agreement,
    noAgreement,
    withdrawn: count('withdrawn'),
    refused: count('refused'),
    success: {
      numerator: agreement,
      denominator: agreement + noAgreement,
      rate: agreement + noAgreement === 0 ? null : agreement / (agreement + noAgreement),
    },
    averageDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    // A dispute that had already reached the help line and was settled here did not escalate further.
    keptFromEscalating: closed.filter((r) => r.status === 'agreed' && r.source_case_id !== null).length,
  };
}

/** The unit the figures are for: the one asked, or the widest the viewer reads mediation in. */
async function unitFor(db: Db, viewer: Actor, unitId: number | undefined) {
  const scope = scopeOf(viewer, 'mediation.read');
  if (scope.length === 0) throw new AppError('access.denied');
  const id = unitId ?? Number((scope[0] as string).split('/').filter(Boolean).at(-1));
  const unit = await findPlacedUnit(db, id);
  if (!unit || !can(viewer, 'mediation.read_unit', { unitPath: unit.path }))
    throw new AppError('record.not_found');
  return unit;
}

/**
 * A month's mediation figures of a unit's subtree (cases led by an organisation in it or about a
 * place in it): by dispute type and by organisation, with success rate, average duration and the
 * disputes kept from escalating. What the monthly Excel report shows.
 */
export async function monthlyFigures(
  db: Db,
  viewer: Actor,
  query: { unitId?: number; month?: string },
): Promise<MediationMonthReport> {
  const unit = await unitFor(db, viewer, query.unitId);
  const month = query.month ?? localDateOf(new Date()).slice(0, 7);
  const start = startOfLocalDay(`${month}-01`);
  const end = startOfLocalDay(`${nextMonth(month)}-01`);
  const rows = await listCasesForFigures(db, unit.path, end);
  const relevant = rows.filter(
    (r) => r.registered_at >= start || r.outcome_at === null || r.outcome_at >= start,
  );
  const group = <K extends string>(key: (r: FigureRow) => K) => {
    const groups = new Map<K, FigureRow[]>();
    for (const r of relevant) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    return groups;
  };
  const byType = [...group((r) => r.dispute_type).entries()].map(([type, rs]) =>
    rowOf(DISPUTE_TYPE_LABELS[type]?.['zh-CN'] ?? type, rs, start, end),
  );
  const byOrg = [...group((r) => r.lead_name_zh).entries()].map(([name, rs]) => rowOf(name, rs, start, end));
  return {
    month,
    unit: unit.nameZh,
    generatedAt: new Date(),
    total: rowOf('合计', relevant, start, end),
    byDisputeType: byType.sort((a, b) => b.received - a.received || a.name.localeCompare(b.name)),
    byOrganisation: byOrg.sort((a, b) => b.received - a.received || a.name.localeCompare(b.name)),
    openAtMonthEnd: relevant.filter((r) => r.outcome_at === null || r.outcome_at >= end).length,
  };
}
