import type { Db } from '../../db/database.ts';
import { type Actor, can, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf, startOfLocalDay } from '../../platform/time.ts';
import type { MediationMonthReport, MediationReportRow } from './mediation.documents.ts';
import { monthlyReportXlsx } from './mediation.excel.ts';
import { DISPUTE_TYPE_LABELS } from './mediation.labels.ts';
import './mediation.policy.ts';
import { DISPUTE_TYPES } from './mediation.schema.ts';
import {
  type FigureCaseRow,
  type FigureUnitRow,
  selectCasesTouching,
  selectCasesWithBrokenAgreement,
  selectLaterCasesOf,
  selectOrganisationsUnder,
  selectPrincipalParties,
  selectUnitsByIds,
  selectUnitWithPath,
} from './mediation-figures.repo.ts';
import type {
  FigureRate,
  MediationFigureRow,
  MediationFigures,
  MediationFiguresQuery,
  MediationMonthQuery,
} from './mediation-figures.schema.ts';
import { MEDIATION_FUNCTIONS } from './mediation-intake.service.ts';

const DAY_MS = 86_400_000;
const ENDED = new Set(['agreed', 'failed', 'withdrawn', 'refused']);

/** A half-open period of local dates, `[from, to)`. */
interface Period {
  from: string;
  to: string;
}

type ScopeUnit = NonNullable<Awaited<ReturnType<typeof selectUnitWithPath>>>;

/** The id of the widest unit among the subtrees the viewer reaches (fewest path segments, first wins). */
function widestUnitId(scope: string[]): number {
  const segments = (path: string) => path.split('/').filter(Boolean);
  const widest = scope.reduce((a, b) => (segments(b).length < segments(a).length ? b : a));
  return Number(segments(widest).at(-1));
}

/**
 * The unit asked for, or the viewer's widest one where they may read mediation cases: 403 for a
 * viewer who may read them nowhere, not-found (as for a missing unit) for a unit out of reach.
 */
async function unitInReach(db: Db, viewer: Actor, unitId: number | undefined): Promise<ScopeUnit> {
  const scope = scopeOf(viewer, 'mediation.read');
  if (scope.length === 0) throw new AppError('access.denied');
  const unit = await selectUnitWithPath(db, unitId ?? widestUnitId(scope));
  if (!unit || !can(viewer, 'mediation.read_unit', { unitPath: unit.path }))
    throw new AppError('record.not_found');
  return unit;
}

function rateOf(numerator: number, denominator: number): FigureRate {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
  };
}

/** The figures of some cases over the period; `kept` names the cases kept from escalating. */
function rowOf(cases: FigureCaseRow[], fromAt: string, toAt: string, kept: Set<number>): MediationFigureRow {
  const inPeriod = (at: string | null) => at !== null && at >= fromAt && at < toAt;
  const ended = cases.filter((c) => ENDED.has(c.status) && inPeriod(c.outcome_at));
  const count = (status: string) => ended.filter((c) => c.status === status).length;
  const agreed = count('agreed');
  const failed = count('failed');
  const durations = ended
    .filter((c) => c.status !== 'refused' && c.accepted_at !== null)
    .map((c) => (Date.parse(c.outcome_at as string) - Date.parse(c.accepted_at as string)) / DAY_MS);
  return {
    received: cases.filter((c) => inPeriod(c.registered_at)).length,
    agreed,
    failed,
    withdrawn: count('withdrawn'),
    refused: count('refused'),
    success: rateOf(agreed, agreed + failed),
    averageDays:
      durations.length === 0
        ? null
        : Math.round((durations.reduce((a, b) => a + b, 0) / durations.length) * 100) / 100,
    keptFromEscalating: ended.filter((c) => kept.has(c.id)).length,
  };
}

/**
 * The agreed cases among these that stayed settled as far as the records know now: no court refused
 * to confirm the agreement, no follow-up found it not performed, and no later mediation case of the
 * same dispute type names one of their applicants or respondents again.
 */
async function keptFromEscalating(db: Db, agreed: FigureCaseRow[]): Promise<Set<number>> {
  const ids = agreed.map((c) => c.id);
  const [broken, parties] = await Promise.all([
    selectCasesWithBrokenAgreement(db, ids),
    selectPrincipalParties(db, ids),
  ]);
  const earliest = agreed.reduce<string | null>(
    (min, c) => (c.outcome_at !== null && (min === null || c.outcome_at < min) ? c.outcome_at : min),
    null,
  );
  const later =
    earliest === null
      ? []
      : await selectLaterCasesOf(db, [...new Set(parties.map((p) => p.person_id))], earliest);
  const kept = new Set<number>();
  for (const c of agreed) {
    if (broken.has(c.id)) continue;
    const persons = new Set(parties.filter((p) => p.mediation_case_id === c.id).map((p) => p.person_id));
    const cameBack = later.some(
      (l) =>
        l.id !== c.id &&
        l.dispute_type === c.dispute_type &&
        persons.has(l.person_id) &&
        c.outcome_at !== null &&
        l.registered_at > c.outcome_at,
    );
    if (!cameBack) kept.add(c.id);
  }
  return kept;
}

function unitView(u: FigureUnitRow) {
  return { id: u.id, code: u.code, nameZh: u.name_zh, nameEn: u.name_en };
}

/** The figures of a unit's subtree over a period, without an access check. */
async function countFigures(db: Db, unit: ScopeUnit, period: Period): Promise<MediationFigures> {
  const fromAt = startOfLocalDay(period.from);
  const toAt = startOfLocalDay(period.to);
  const cases = await selectCasesTouching(db, unit.path, fromAt, toAt);
  const agreed = cases.filter(
    (c) => c.status === 'agreed' && c.outcome_at !== null && c.outcome_at >= fromAt && c.outcome_at < toAt,
  );
  const kept = await keptFromEscalating(db, agreed);
  const row = (subset: FigureCaseRow[]) => rowOf(subset, fromAt, toAt, kept);

  const under = await selectOrganisationsUnder(db, unit.path, [...MEDIATION_FUNCTIONS]);
  const others = await selectUnitsByIds(db, [
    ...new Set(cases.map((c) => c.lead_unit_id).filter((id) => !under.some((u) => u.id === id))),
  ]);
  const organisations = [...under, ...others].sort((a, b) => a.code.localeCompare(b.code));

  return {
    unit: unitView(unit),
    period,
    total: row(cases),
    byDisputeType: DISPUTE_TYPES.map((type) => ({
      disputeType: type,
      nameZh: DISPUTE_TYPE_LABELS[type]?.['zh-CN'] ?? type,
      nameEn: DISPUTE_TYPE_LABELS[type]?.en ?? type,
      ...row(cases.filter((c) => c.dispute_type === type)),
    })),
    byOrganisation: organisations.map((o) => ({
      organisation: unitView(o),
      ...row(cases.filter((c) => c.lead_unit_id === o.id)),
    })),
    openAtEnd: cases.filter((c) => c.outcome_at === null || c.outcome_at >= toAt).length,
  };
}

function firstOfMonth(date: string, monthsLater = 0): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

/**
 * Mediation figures of a unit's subtree (default: the viewer's widest) over a period of local dates
 * (default: this month): cases by dispute type, organisation and outcome, success rate, average
 * duration and disputes kept from escalating. Only for viewers who may read its mediation cases.
 */
export async function readMediationFigures(
  db: Db,
  viewer: Actor,
  query: MediationFiguresQuery,
): Promise<MediationFigures> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const today = localDateOf(new Date());
  const from = query.from ?? firstOfMonth(today);
  const to = query.to ?? firstOfMonth(today, 1);
  if (from >= to) {
    const field = `querystring.${query.to !== undefined ? 'to' : 'from'}`;
    throw new AppError('request.invalid', { fields: field }, [
      { path: field, code: 'invalid', message: 'period_order', i18n: 'period_order' },
    ]);
  }
  return countFigures(db, unit, { from, to });
}

function reportRow(name: string, r: MediationFigureRow): MediationReportRow {
  return {
    name,
    received: r.received,
    agreement: r.agreed,
    noAgreement: r.failed,
    withdrawn: r.withdrawn,
    refused: r.refused,
    success: r.success,
    averageDays: r.averageDays,
    keptFromEscalating: r.keptFromEscalating,
  };
}

/** The monthly mediation report (调解工作月报) of a unit's subtree as an .xlsx workbook. */
export async function monthlyMediationXlsx(
  db: Db,
  viewer: Actor,
  query: MediationMonthQuery,
): Promise<{ xlsx: Buffer; unitCode: string; month: string }> {
  const unit = await unitInReach(db, viewer, query.unitId);
  const month = query.month ?? firstOfMonth(localDateOf(new Date()), -1).slice(0, 7);
  const from = `${month}-01`;
  const figures = await countFigures(db, unit, { from, to: firstOfMonth(from, 1) });
  const report: MediationMonthReport = {
    month,
    unit: unit.name_zh,
    generatedAt: new Date(),
    total: reportRow('合计', figures.total),
    byDisputeType: figures.byDisputeType.map((r) => reportRow(r.nameZh, r)),
    byOrganisation: figures.byOrganisation.map((r) => reportRow(r.organisation.nameZh, r)),
    openAtMonthEnd: figures.openAtEnd,
  };
  return { xlsx: await monthlyReportXlsx(report), unitCode: unit.code, month };
}
