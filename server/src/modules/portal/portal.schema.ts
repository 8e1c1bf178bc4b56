import { z } from 'zod';
import { UnitRef } from '../org/org.schema.ts';

export const SuggestBody = z.object({
  /** What happened, in the resident's own words. */
  text: z.string().trim().min(1).max(4000),
});
export type SuggestBody = z.infer<typeof SuggestBody>;

/** A category offered to a resident: its names and what it covers in plain words. */
export const SuggestedCategory = z.object({
  code: z.string(),
  groupCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
});

export const CategorySuggestions = z.object({
  /** Best first; empty when the words match no category well enough to suggest one. */
  suggestions: z.array(SuggestedCategory),
});
export type CategorySuggestions = z.infer<typeof CategorySuggestions>;

export const PointQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

/** Where a point of the device's location lies: its street and community, or null outside the district's areas. */
export const PointPlace = z.object({
  place: z.object({ street: UnitRef.nullable(), community: UnitRef.nullable() }).nullable(),
});
export type PointPlace = z.infer<typeof PointPlace>;
