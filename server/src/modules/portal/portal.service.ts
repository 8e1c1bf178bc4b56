import type { Db } from '../../db/database.ts';
import { listCatalogue } from '../categories/categories.service.ts';
import { resolvePoint } from '../org/org.service.ts';
import { rankCategories } from './category-suggest.ts';
import type { CategorySuggestions, PointPlace } from './portal.schema.ts';

/** Up to three active categories matching what a resident wrote, best first. */
export async function suggestCategories(db: Db, text: string): Promise<CategorySuggestions> {
  const catalogue = await listCatalogue(db, { type: 'anonymous' }, { includeInactive: false });
  const categories = catalogue.groups.flatMap((g) => g.categories);
  return {
    suggestions: rankCategories(text, categories).map(({ category: c }) => ({
      code: c.code,
      groupCode: c.groupCode,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      descriptionZh: c.descriptionZh,
      descriptionEn: c.descriptionEn,
    })),
  };
}

/** The street and community holding a point, so a resident can check where their phone put them. */
export async function placeOfPoint(db: Db, lat: number, lng: number): Promise<PointPlace> {
  const hit = await resolvePoint(db, lat, lng);
  return { place: hit ? { street: hit.street, community: hit.community } : null };
}
