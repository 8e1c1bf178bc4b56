import { z } from 'zod';
import { CaseRefView, CaseStatus, CategoryRefView, Location, UnitRefView } from '../cases/cases.schema.ts';

/** The intake form as typed so far: enough to look for earlier reports of the same problem. */
export const DuplicateDraftBody = z.object({
  description: z.string().trim().min(1).max(4000),
  title: z.string().trim().min(1).max(100).optional(),
  categoryCode: z.string().trim().min(1).max(20).optional(),
  location: Location.optional(),
});
export type DuplicateDraftBody = z.infer<typeof DuplicateDraftBody>;

export const DUPLICATE_REASONS = [
  'similar_words',
  'same_category',
  'neighbour_category',
  'same_address',
  'same_compound',
  'same_community',
  'nearby',
] as const;

/** Why a case is offered: each reason as a code, with the metres or the words where it has them. */
export const DuplicateReason = z.object({
  kind: z.enum(DUPLICATE_REASONS),
  /** `nearby`: how far apart the two places are, rounded to 10 m. */
  metres: z.number().optional(),
  /** `similar_words`: the words both texts use, weightiest first; `same_address`: the spots both name. */
  words: z.array(z.string()).optional(),
});
export type DuplicateReason = z.infer<typeof DuplicateReason>;

/** An open case likely about the same problem; no personal data (no address, no reporter). */
export const DuplicateCandidate = z.object({
  id: z.number(),
  trackingNo: z.string(),
  title: z.string(),
  status: CaseStatus,
  category: CategoryRefView.nullable(),
  street: UnitRefView.nullable(),
  community: UnitRefView.nullable(),
  /** The smallest unit holding its place (a compound or a grid) when below the community. */
  place: UnitRefView.nullable(),
  registeredAt: z.string(),
  /** How likely the two are about the same problem, 0–1. */
  score: z.number(),
  reasons: z.array(DuplicateReason),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const DuplicateCandidateList = z.object({ items: z.array(DuplicateCandidate) });
export type DuplicateCandidateList = z.infer<typeof DuplicateCandidateList>;

/** A case's likely duplicates, and the links a dispatcher is asked to confirm or dismiss. */
export const CaseDuplicates = z.object({
  /** The earlier case this one is held as a suspected duplicate of (portal, Open311), if the viewer may see it. */
  suspectedOf: DuplicateCandidate.nullable(),
  /** Later reports held as suspected duplicates of this case. */
  suspectedBy: z.array(CaseRefView),
  items: z.array(DuplicateCandidate),
});
export type CaseDuplicates = z.infer<typeof CaseDuplicates>;

export const DismissDuplicateBody = z.object({
  version: z.number().int().positive().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DismissDuplicateBody = z.infer<typeof DismissDuplicateBody>;
