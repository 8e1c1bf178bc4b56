import type { Db } from '../../db/database.ts';
import { can } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCategoryByCode, findCategoryById } from '../categories/categories.service.ts';
import { resolveRoute } from '../org/org.service.ts';
import { loadVisibleCase } from './case-core.ts';
import type { RouteSuggestion } from './cases.schema.ts';

/**
 * Where the category's route sends the case from its place, for a dispatcher about to dispatch it:
 * the unit the case would have gone to by itself, or why there is none. With `categoryCode`, for
 * that category instead (the dispatcher reclassifying). Routing review (`review`) does not stop a
 * suggestion: the dispatcher is the review.
 */
export async function suggestRoute(
  db: Db,
  ctx: AuditContext,
  id: number,
  categoryCode: string | undefined,
): Promise<RouteSuggestion> {
  const { row, resource } = await loadVisibleCase(db, ctx.actor, id);
  if (!can(ctx.actor, 'case.dispatch', resource)) throw new AppError('access.denied');
  const category = categoryCode
    ? await findCategoryByCode(db, categoryCode)
    : row.category_id === null
      ? null
      : await findCategoryById(db, row.category_id);
  if (categoryCode && !category)
    throw new AppError('request.invalid', { fields: 'querystring.category' }, [
      {
        path: 'querystring.category',
        code: 'not_found',
        message: 'category_not_found',
        i18n: 'category_not_found',
      },
    ]);
  const ref = category ? { code: category.code, nameZh: category.nameZh, nameEn: category.nameEn } : null;
  if (!category) return { category: null, lead: null, reason: 'unknown_category' };
  if (!category.route) return { category: ref, lead: null, reason: 'no_route' };
  const needsPlace = category.route.scope === 'street' || category.route.scope === 'community';
  if (needsPlace && row.street_id === null) return { category: ref, lead: null, reason: 'no_location' };
  const unit = await resolveRoute(db, category.route, {
    streetId: row.street_id,
    communityId: row.community_id,
  });
  return {
    category: ref,
    lead: unit ? { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn } : null,
    reason: unit ? null : 'no_unit',
  };
}
