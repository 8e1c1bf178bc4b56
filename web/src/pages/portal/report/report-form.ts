import type { RegisterCaseBody } from '../../../api/http.ts';

/** The longest description the server takes. */
export const MAX_DESCRIPTION = 4000;

export const REPORT_STEPS = ['describe', 'category', 'place', 'confirm'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

export type ContactPreference = 'sms' | 'phone' | 'none';

/** A category the resident picked: its names, to show back to them. */
export interface PickedCategory {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface UnitName {
  id: number;
  nameZh: string;
  nameEn: string;
}

/** Where it happened: the phone's location (with what the server says it is), or a community picked from the list. */
export type PlacePick =
  | { kind: 'point'; lat: number; lng: number; street: UnitName | null; community: UnitName | null }
  | { kind: 'community'; street: UnitName; community: UnitName };

/** Everything the report form holds before it is sent. */
export interface ReportDraft {
  description: string;
  photos: File[];
  /** A category, `unsure` (staff will choose), or not chosen yet. */
  category: PickedCategory | 'unsure' | null;
  place: PlacePick | null;
  /** The exact spot in words (building, entrance), optional. */
  detail: string;
  contact: ContactPreference;
  anonymous: boolean;
}

export const EMPTY_DRAFT: ReportDraft = {
  description: '',
  photos: [],
  category: null,
  place: null,
  detail: '',
  contact: 'sms',
  anonymous: false,
};

export type DraftField = 'description' | 'category' | 'place';
/** Which field of a step is wrong, and how. */
export type StepProblems = Partial<Record<DraftField, 'required' | 'tooLong'>>;

/** What stops the resident from leaving a step; empty when they may go on. */
export function checkStep(step: ReportStep, draft: ReportDraft): StepProblems {
  switch (step) {
    case 'describe': {
      const text = draft.description.trim();
      if (text.length === 0) return { description: 'required' };
      if ([...text].length > MAX_DESCRIPTION) return { description: 'tooLong' };
      return {};
    }
    case 'category':
      return draft.category === null ? { category: 'required' } : {};
    case 'place':
      return draft.place === null ? { place: 'required' } : {};
    default:
      return {};
  }
}

/** The first step that still has a problem, checking every step before `upTo`; null when all are fine. */
export function firstUnfinishedStep(draft: ReportDraft, upTo: ReportStep = 'confirm'): ReportStep | null {
  for (const step of REPORT_STEPS) {
    if (step === upTo) return null;
    if (Object.keys(checkStep(step, draft)).length > 0) return step;
  }
  return null;
}

/** The request body for POST /api/cases, as a resident on the portal sends it. */
export function toRegisterBody(draft: ReportDraft): RegisterCaseBody {
  const detail = draft.detail.trim();
  const location: NonNullable<RegisterCaseBody['location']> = {};
  if (draft.place?.kind === 'point') {
    location.lat = draft.place.lat;
    location.lng = draft.place.lng;
  } else if (draft.place?.kind === 'community') {
    location.communityId = draft.place.community.id;
  }
  if (detail) location.address = detail;
  return {
    channel: 'portal',
    kind: 'help',
    description: draft.description.trim(),
    ...(draft.category && draft.category !== 'unsure' ? { categoryCode: draft.category.code } : {}),
    ...(Object.keys(location).length > 0 ? { location } : {}),
    contactPreference: draft.contact,
    reporter: { anonymous: draft.anonymous },
    urgent: false,
  };
}

/** A field path of the server's 400 answer (`body.location.communityId`) → the step that has that field. */
export function stepOfField(path: string): ReportStep {
  if (path.startsWith('body.description') || path.startsWith('body.title')) return 'describe';
  if (path.startsWith('body.categoryCode') || path.startsWith('body.attributes')) return 'category';
  if (path.startsWith('body.location')) return 'place';
  return 'confirm';
}
