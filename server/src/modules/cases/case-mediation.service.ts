import type { Actor } from '../../platform/access.ts';
import { findCategoryById } from '../categories/categories.service.ts';
import { loadVisibleCase } from './case-core.ts';
import type { Executor } from './cases.repo.ts';

export { resolveCaseIn, signCaseIn } from './case-handling.service.ts';

/** What the mediation module needs of a case it opens a mediation from. */
export interface CaseForMediation {
  id: number;
  trackingNo: string;
  status: string;
  categoryCode: string | null;
  groupCode: string | null;
  description: string;
  streetId: number | null;
  communityId: number | null;
  locationPath: string | null;
  leadUnitId: number | null;
  reporterId: number | null;
}

/** The case as the actor may see it (hidden = not found), with its category group. */
export async function findCaseForMediation(
  trx: Executor,
  actor: Actor,
  id: number,
): Promise<CaseForMediation> {
  const { row } = await loadVisibleCase(trx, actor, id);
  const category = row.category_id === null ? null : await findCategoryById(trx, row.category_id);
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    status: row.status,
    categoryCode: category?.code ?? null,
    groupCode: category?.groupCode ?? null,
    description: row.description,
    streetId: row.street_id,
    communityId: row.community_id,
    locationPath: row.location_path,
    leadUnitId: row.lead_unit_id,
    reporterId: row.anonymous === 1 ? null : row.reporter_id,
  };
}
