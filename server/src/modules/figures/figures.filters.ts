import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { findCategoryFilter } from './figures.lookup.repo.ts';
import type { CategoryView } from './figures.schema.ts';

/** The cases a figure counts besides its unit and period: every case, or those of some categories. */
export interface CaseFilter {
  /** What the filter is, as the answer names it. */
  category: CategoryView | null;
  /** The category ids counted; null for every case. */
  categoryIds: number[] | null;
}

export const NO_FILTER: CaseFilter = { category: null, categoryIds: null };

/**
 * The filter a `category` parameter names: a leaf category code, or a group code for all its leaves.
 * A code that is neither is a 400 naming the field, in the request's language.
 */
export async function resolveCaseFilter(db: Db, code: string | undefined): Promise<CaseFilter> {
  if (code === undefined) return NO_FILTER;
  const { leaf, group, groupLeafIds } = await findCategoryFilter(db, code);
  if (leaf)
    return {
      category: { code: leaf.code, nameZh: leaf.name_zh, nameEn: leaf.name_en, group: false },
      categoryIds: [leaf.id],
    };
  if (group)
    return {
      category: { code: group.code, nameZh: group.name_zh, nameEn: group.name_en, group: true },
      categoryIds: groupLeafIds,
    };
  throw new AppError('request.invalid', { fields: 'querystring.category' }, [
    {
      path: 'querystring.category',
      code: 'invalid',
      message: 'category_not_found',
      i18n: 'category_not_found',
    },
  ]);
}
