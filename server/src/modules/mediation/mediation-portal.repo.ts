import type { Executor } from './mediation.repo.ts';

/**
 * The applications a resident made on the portal (at most the latest 100), or one of them: each with
 * its organisation and community. A resident's user id in `registered_by` marks their own.
 */
export function selectMyMediations(db: Executor, userId: number, id?: number) {
  let q = db
    .selectFrom('mediation_cases as m')
    .innerJoin('units as u', 'u.id', 'm.lead_unit_id')
    .leftJoin('units as c', 'c.id', 'm.community_id')
    .select([
      'm.id',
      'm.number',
      'm.status',
      'm.dispute_type',
      'm.lead_unit_id',
      'm.community_id',
      'm.facts',
      'm.claims',
      'm.registered_at',
      'm.accepted_at',
      'm.outcome_at',
      'm.refusal_reason',
      'm.routes_told',
      'u.code as lead_code',
      'u.name_zh as lead_name_zh',
      'u.name_en as lead_name_en',
      'c.code as community_code',
      'c.name_zh as community_name_zh',
      'c.name_en as community_name_en',
    ])
    .where('m.channel', '=', 'portal')
    .where('m.registered_by', '=', userId);
  if (id !== undefined) q = q.where('m.id', '=', id);
  return q.orderBy('m.id', 'desc').limit(100).execute();
}
