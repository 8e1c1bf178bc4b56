import type { Db } from '../../db/database.ts';
import { resolvePoint } from '../org/org.service.ts';
import { currentKnowledge, guessCategories } from '../routing/routing.service.ts';
import type { CategorySuggestions, PointPlace } from './portal.schema.ts';

/** Up to three active categories matching what a resident wrote, best first (the routing model). */
export async function suggestCategories(db: Db, text: string): Promise<CategorySuggestions> {
  const guesses = await guessCategories(db, await currentKnowledge(db), text);
  return { suggestions: guesses.map(({ score: _score, ...category }) => category) };
}

/** The street and community holding a point, so a resident can check where their phone put them. */
export async function placeOfPoint(db: Db, lat: number, lng: number): Promise<PointPlace> {
  const hit = await resolvePoint(db, lat, lng);
  return { place: hit ? { street: hit.street, community: hit.community } : null };
}
