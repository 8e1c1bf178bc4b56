import { z } from 'zod';
import {
  CaseKind,
  CaseStatus,
  CategoryRefView,
  ContactPreference,
  Outcome,
  Rating,
  UnitRefView,
} from './cases.schema.ts';

// What residents see of cases: the public tracking view anyone with a tracking number may open, and
// the fuller view of their own requests. Neither carries internal notes, staff names, other people's
// data or the units' working exchanges (returns, extensions, supervision).

/** A tracking number as people type it: spaces dropped, letters upper-cased. */
export const TrackingNo = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(6)
      .max(32)
      .refine((s) => /^[A-Z0-9]+$/.test(s), { params: { i18n: 'tracking_no' } }),
  );
export const TrackingParams = z.object({ trackingNo: TrackingNo });

/** The steps of a case a resident is told about. */
export const PUBLIC_STEPS = [
  'registered',
  'dispatched',
  'accepted',
  'resolved',
  'answered',
  'reopened',
  'closed',
  'merged',
  'withdrawn',
] as const;
export const PublicStepKind = z.enum(PUBLIC_STEPS);
export type PublicStepKind = z.infer<typeof PublicStepKind>;

export const PublicStep = z.object({
  step: PublicStepKind,
  at: z.string(),
  /** The unit it went to, signed for it or resolved it; null when not told (or a sensitive case). */
  unit: UnitRefView.nullable(),
  /** For `resolved` and `answered`: solved, explained or not solvable. */
  outcome: Outcome.nullable(),
  /** For `merged`: the case it is handled under now. */
  intoTrackingNo: z.string().nullable(),
});
export type PublicStep = z.infer<typeof PublicStep>;

/**
 * A case as anyone holding its tracking number sees it: no title, description, place or person.
 * A sensitive case (support for special groups) shows neither its category nor its units.
 */
export const PublicCase = z.object({
  trackingNo: z.string(),
  status: CaseStatus,
  category: CategoryRefView.nullable(),
  registeredAt: z.string(),
  /** The unit handling it (the lead unit); null before dispatch and for sensitive cases. */
  handlingUnit: UnitRefView.nullable(),
  /** When it should be resolved by, while a unit is handling it. */
  dueAt: z.string().nullable(),
  steps: z.array(PublicStep),
});
export type PublicCase = z.infer<typeof PublicCase>;

/** One of the signed-in resident's own requests, as their list shows it. */
export const MyCaseSummary = z.object({
  trackingNo: z.string(),
  title: z.string(),
  status: CaseStatus,
  category: CategoryRefView.nullable(),
  registeredAt: z.string(),
  handlingUnit: UnitRefView.nullable(),
  /** Resolved and waiting for the resident's rating. */
  awaitingRating: z.boolean(),
});
export type MyCaseSummary = z.infer<typeof MyCaseSummary>;

export const MyCaseListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
});
export type MyCaseListQuery = z.infer<typeof MyCaseListQuery>;

export const MyCaseList = z.object({ items: z.array(MyCaseSummary), nextCursor: z.number().nullable() });
export type MyCaseList = z.infer<typeof MyCaseList>;

export const MyRating = z.object({
  rating: Rating,
  solved: z.boolean(),
  comment: z.string().nullable(),
  at: z.string(),
  /** The rating sent the case back to be handled again. */
  reopened: z.boolean(),
});

export const MyPhoto = z.object({
  id: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});

/** The signed-in resident's own request: the public view and what they told us, the result and their rating. */
export const MyCase = PublicCase.extend({
  id: z.number(),
  version: z.number(),
  kind: CaseKind,
  title: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  street: UnitRefView.nullable(),
  community: UnitRefView.nullable(),
  anonymous: z.boolean(),
  contactPreference: ContactPreference.nullable(),
  /** The unit's result, once resolved. */
  outcome: Outcome.nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** The resident's latest rating of it. */
  myRating: MyRating.nullable(),
  /** The photos and files the resident sent (not those of the handling units). */
  photos: z.array(MyPhoto),
  abilities: z.object({ rate: z.boolean(), attach: z.boolean() }),
});
export type MyCase = z.infer<typeof MyCase>;
