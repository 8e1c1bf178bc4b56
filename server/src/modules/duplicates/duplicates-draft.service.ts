import type { Db } from '../../db/database.ts';
import { type Actor, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { invalidField } from '../cases/case-core.ts';
import { resolvePlace } from '../cases/case-intake.service.ts';
import { findCategoryKey } from './duplicates.repo.ts';
import type { DuplicateCandidateList, DuplicateDraftBody } from './duplicates.schema.ts';
import { findDuplicates } from './duplicates.service.ts';

/**
 * Likely duplicates of a request being typed at intake: its place resolved as intake would resolve
 * it, its category if chosen. For staff who read cases; what they may not open is never listed.
 */
export async function findDraftDuplicates(
  db: Db,
  viewer: Actor,
  draft: DuplicateDraftBody,
): Promise<DuplicateCandidateList> {
  if (viewer.type !== 'staff' || scopeOf(viewer, 'case.read').length === 0)
    throw new AppError('access.denied');
  let categoryId: number | null = null;
  if (draft.categoryCode) {
    const category = await findCategoryKey(db, { code: draft.categoryCode });
    if (!category || category.active !== 1)
      throw invalidField('categoryCode', 'not_found', 'category_not_found');
    categoryId = category.id;
  }
  const place = await resolvePlace(db, draft.location, null, '/');
  const items = await findDuplicates(db, viewer, {
    text: draft.title ? `${draft.title} ${draft.description}` : draft.description,
    categoryId,
    streetId: place.streetId,
    communityId: place.communityId,
    placeUnitId: place.unit?.id ?? null,
    lat: draft.location?.lat ?? null,
    lng: draft.location?.lng ?? null,
    address: draft.location?.address ?? null,
  });
  return { items };
}
