import { z } from 'zod';
import { UnitRef } from '../org/org.schema.ts';
import { SuggestedCategory } from '../portal/portal.schema.ts';

export const RoutingSuggestBody = z.object({
  /** What the request is about, as the caller or resident said it. */
  text: z.string().trim().min(1).max(4000),
  /** The address, when given apart from the text. */
  address: z.string().trim().max(200).optional(),
});
export type RoutingSuggestBody = z.infer<typeof RoutingSuggestBody>;

export const ScoredCategory = SuggestedCategory.extend({
  /** How likely, 0–1, under the model: the scores of all categories sum to 1. */
  score: z.number(),
});

export const PlaceGuess = z.object({
  street: UnitRef.nullable(),
  community: UnitRef.nullable(),
  /** The words of the text that name the place. */
  matched: z.array(z.string()),
  /** organisation: by the names of streets, communities and compounds; learnt: by a name cases taught. */
  via: z.enum(['organisation', 'learnt']),
  confidence: z.enum(['high', 'medium', 'low']),
});

export const RoutingSuggestion = z.object({
  /** Up to three, best first; empty when the text says too little. */
  categories: z.array(ScoredCategory),
  place: PlaceGuess.nullable(),
  /** The unit the first category's route resolves to at that place; null without both. */
  unit: UnitRef.nullable(),
  /** The model that suggested: null id before any training was stored (the seed corpus alone). */
  model: z.object({ id: z.number().nullable(), trainedAt: z.string().nullable(), samples: z.number() }),
});
export type RoutingSuggestion = z.infer<typeof RoutingSuggestion>;

export const ModelSummary = z.object({
  id: z.number(),
  trainedAt: z.string(),
  trainedBy: z.enum(['cli', 'job', 'seed', 'admin']),
  /** Texts learnt from, of them `caseSamples` the platform's own closed cases. */
  samples: z.number(),
  caseSamples: z.number(),
  /** Accuracy on every tenth corpus text, kept out of a measuring model. */
  metrics: z.object({ heldOut: z.number(), top1: z.number(), top3: z.number() }),
});

export const ModelHistory = z.object({
  /** Newest first; the first is in use. Empty before the first training. */
  models: z.array(ModelSummary),
});
export type ModelHistory = z.infer<typeof ModelHistory>;
