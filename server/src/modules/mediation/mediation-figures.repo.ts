import { pathWithin } from '../../platform/access.ts';
import type { Executor } from './mediation.repo.ts';

/**
 * The mediation cases of a unit's subtree that touch a period `[fromAt, toAt)`: registered before
 * its end and not ended before its start. A case belongs to the subtree when its lead organisation,
 * one mediating jointly, or the place of the dispute lies in it (the read rule's own terms).
 */
export function selectCasesTouching(db: Executor, subtree: string, fromAt: string, toAt: string) {
  return db
    .selectFrom('mediation_cases as m')
    .select([
      'm.id',
      'm.lead_unit_id',
      'm.dispute_type',
      'm.status',
      'm.registered_at',
      'm.accepted_at',
      'm.outcome_at',
    ])
    .where((eb) =>
      eb.or([
        pathWithin(eb, 'm.lead_unit_path', [subtree]),
        pathWithin(eb, 'm.place_path', [subtree]),
        eb.exists(
          eb
            .selectFrom('mediation_joint_units as j')
            .select('j.id')
            .whereRef('j.mediation_case_id', '=', 'm.id')
            .where((e) => pathWithin(e, 'j.unit_path', [subtree])),
        ),
      ]),
    )
    .where('m.registered_at', '<', toAt)
    .where((eb) => eb.or([eb('m.outcome_at', 'is', null), eb('m.outcome_at', '>=', fromAt)]))
    .orderBy('m.id')
    .execute();
}
export type FigureCaseRow = Awaited<ReturnType<typeof selectCasesTouching>>[number];

/** Active units with one of the functions inside a subtree, by code. */
export function selectOrganisationsUnder(db: Executor, subtree: string, functions: string[]) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('function', 'in', functions)
    .where('active', '=', 1)
    .where((eb) => pathWithin(eb, 'path', [subtree]))
    .orderBy('code')
    .execute();
}

export function selectUnitsByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('id', 'in', ids)
    .orderBy('code')
    .execute();
}
export type FigureUnitRow = Awaited<ReturnType<typeof selectUnitsByIds>>[number];

export function selectUnitWithPath(db: Executor, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Of these cases, the ones whose agreement did not hold: refused by a court, or found not performed. */
export async function selectCasesWithBrokenAgreement(db: Executor, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const [rejected, unperformed] = await Promise.all([
    db
      .selectFrom('mediation_agreements')
      .select('mediation_case_id')
      .where('mediation_case_id', 'in', ids)
      .where('court_answer', '=', 'rejected')
      .execute(),
    db
      .selectFrom('mediation_followups')
      .select('mediation_case_id')
      .where('mediation_case_id', 'in', ids)
      .where('result', '=', 'not_performed')
      .execute(),
  ]);
  return new Set([...rejected, ...unperformed].map((r) => r.mediation_case_id));
}

/** The persons who are applicants or respondents of these cases (agents act for others). */
export function selectPrincipalParties(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mediation_parties')
    .select(['mediation_case_id', 'person_id'])
    .where('mediation_case_id', 'in', ids)
    .where('role', 'in', ['applicant', 'respondent'])
    .execute();
}

/** Cases registered after `after` in which one of the persons is an applicant or respondent. */
export function selectLaterCasesOf(db: Executor, personIds: number[], after: string) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mediation_parties as p')
    .innerJoin('mediation_cases as m', 'm.id', 'p.mediation_case_id')
    .select(['m.id', 'm.dispute_type', 'm.registered_at', 'p.person_id'])
    .where('p.person_id', 'in', personIds)
    .where('p.role', 'in', ['applicant', 'respondent'])
    .where('m.registered_at', '>', after)
    .execute();
}
