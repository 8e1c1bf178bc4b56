import { z } from 'zod';
import { PersonPhone } from '../people/people.schema.ts';

export const CHANNELS = ['hotline', 'walk_in', 'portal', 'patrol', 'open311', 'letter_visit'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CASE_KINDS = [
  'help',
  'complaint',
  'report',
  'enquiry',
  'suggestion',
  'praise',
  'dispute',
] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

export const CASE_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'resolved',
  'closed',
  'merged',
  'withdrawn',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export const OPEN_STATUSES = ['received', 'dispatched', 'accepted', 'resolved'] as const;

export const OUTCOMES = ['solved', 'explained', 'not_solvable'] as const;
export const Outcome = z.enum(OUTCOMES);
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const Rating = z.enum(RATINGS);
/** How the reporter wants to hear back: by SMS, by a phone call, or not at all (no texts, no callback). */
export const CONTACT_PREFERENCES = ['sms', 'phone', 'none'] as const;
export const ContactPreference = z.enum(CONTACT_PREFERENCES);
export type ContactPreference = z.infer<typeof ContactPreference>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().positive().optional();
const Id = z.number().int().positive();
const CategoryCode = z.string().trim().min(1).max(20);

export const Reporter = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  phone: PersonPhone.optional(),
  /** The reporter asks that handling units not see who they are. */
  anonymous: z.boolean().default(false),
});

export const Location = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    address: z.string().trim().min(1).max(300).optional(),
    /** A community chosen from the list, when the place is known but not its point. */
    communityId: Id.optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    params: { i18n: 'lat_lng_together' },
    path: ['lng'],
  });

export const RegisterCaseBody = z.object({
  channel: Channel.optional(),
  kind: CaseKind.default('help'),
  categoryCode: CategoryCode.optional(),
  title: z.string().trim().min(1).max(100).optional(),
  description: Text(4000),
  urgent: z.boolean().default(false),
  location: Location.optional(),
  reporter: Reporter.optional(),
  /** How the reporter wants to hear back; `none` also stops the status texts to them. */
  contactPreference: ContactPreference.optional(),
  /** Category extra fields, by attribute code. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  /** Answered on the spot (即时办结): the case is closed at once and counts as first-contact resolution. */
  answer: z.object({ text: Text(2000) }).optional(),
  /**
   * The call repeats this open case (staff only): the new report is registered and merged into it at
   * once, in one transaction; its caller becomes a reporter of that case.
   */
  mergeInto: Id.optional(),
});
export type RegisterCaseBody = z.infer<typeof RegisterCaseBody>;

export const CaseParams = z.object({ id: z.coerce.number().int().positive() });
export const AttachmentParams = CaseParams.extend({ attachmentId: z.coerce.number().int().positive() });

export const DispatchBody = z.object({
  version: Version,
  leadUnitId: Id,
  coUnitIds: z.array(Id).max(10).default([]),
  /** Reclassify while dispatching (an uncategorised case must be given one). */
  categoryCode: CategoryCode.optional(),
  urgent: z.boolean().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DispatchBody = z.infer<typeof DispatchBody>;

export const VersionBody = z.object({ version: Version, note: z.string().trim().max(1000).optional() });
export const ReasonBody = z.object({ version: Version, reason: Text(1000) });
export const AnswerBody = z.object({ version: Version, text: Text(2000) });
export const ExtensionRequestBody = z.object({
  version: Version,
  days: z.number().int().min(1).max(60),
  reason: Text(1000),
});
export const ExtensionDecisionBody = z.object({
  version: Version,
  approve: z.boolean(),
  /** Fewer days than asked; defaults to the days asked. */
  days: z.number().int().min(1).max(60).optional(),
  note: z.string().trim().max(1000).optional(),
});
export const ExtensionParams = CaseParams.extend({ extensionId: z.coerce.number().int().positive() });
export const NoteBody = z.object({
  version: Version,
  kind: z.enum(['note', 'contact']).default('note'),
  /** For a contact record: how the reporter was reached. */
  via: z.enum(['phone', 'sms', 'visit', 'other']).optional(),
  text: Text(2000),
});
export const SuperviseBody = z.object({
  version: Version,
  comment: Text(1000),
  escalate: z.boolean().default(false),
});
export const ResolveBody = z
  .object({
    version: Version,
    outcome: Outcome,
    text: Text(4000),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.outcome === 'solved' || (b.reason !== undefined && b.reason.length > 0), {
    params: { i18n: 'reason_required' },
    path: ['reason'],
  });
export const ReportPartBody = z.object({ version: Version, text: Text(4000) });
export const CallbackBody = z
  .object({
    version: Version,
    answered: z.boolean(),
    solved: z.boolean().optional(),
    rating: Rating.optional(),
    comment: z.string().trim().max(1000).optional(),
  })
  .refine((b) => !b.answered || (b.solved !== undefined && b.rating !== undefined), {
    params: { i18n: 'callback_needs_rating' },
    path: ['rating'],
  });
export type CallbackBody = z.infer<typeof CallbackBody>;
/** The reporter's own rating of a resolved case (portal). */
export const RatingBody = z.object({
  version: Version,
  rating: Rating,
  solved: z.boolean(),
  comment: z.string().trim().max(500).optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;
export const MergeBody = z.object({
  version: Version,
  intoCaseId: Id,
  note: z.string().trim().max(1000).optional(),
});

export const UnitRefView = z.object({
  id: z.number(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const CategoryRefView = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const CaseAbilities = z.object({
  dispatch: z.boolean(),
  sign: z.boolean(),
  return: z.boolean(),
  requestExtension: z.boolean(),
  decideExtension: z.boolean(),
  reportPart: z.boolean(),
  resolve: z.boolean(),
  callback: z.boolean(),
  supervise: z.boolean(),
  merge: z.boolean(),
  withdraw: z.boolean(),
  note: z.boolean(),
  answer: z.boolean(),
});
export type CaseAbilities = z.infer<typeof CaseAbilities>;

export const CaseSummary = z.object({
  id: z.number(),
  trackingNo: z.string(),
  status: CaseStatus,
  channel: Channel,
  kind: CaseKind,
  category: CategoryRefView.nullable(),
  title: z.string(),
  urgent: z.boolean(),
  sensitive: z.boolean(),
  street: UnitRefView.nullable(),
  community: UnitRefView.nullable(),
  leadUnit: UnitRefView.nullable(),
  triageReason: z.string().nullable(),
  registeredAt: z.string(),
  signDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  slaState: z.enum(['none', 'due_soon', 'overdue']),
  /**
   * Working minutes left until the resolve deadline on the work calendar, negative once overdue;
   * calendar minutes for an urgent case (its limit runs day and night). Null when there is no
   * deadline or the case is not being handled (not dispatched or accepted).
   */
  remainingWorkMinutes: z.number().nullable(),
  supervised: z.boolean(),
  version: z.number(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const ReporterView = z.object({
  name: z.string().nullable(),
  /** Whole only for roles that contact reporters; otherwise `138****1234`. */
  phone: z.string().nullable(),
  masked: z.boolean(),
  anonymous: z.boolean(),
});

export const AssignmentView = z.object({
  id: z.number(),
  unit: UnitRefView,
  role: z.enum(['lead', 'co']),
  round: z.number(),
  state: z.string(),
  dispatchedAt: z.string(),
  signDueAt: z.string(),
  signedAt: z.string().nullable(),
  report: z.string().nullable(),
  reportedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});

export const EventView = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  unit: UnitRefView.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const ExtensionView = z.object({
  id: z.number(),
  unit: UnitRefView,
  days: z.number(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  approvedDays: z.number().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  dueBefore: z.string().nullable(),
  dueAfter: z.string().nullable(),
});

export const CallbackView = z.object({
  id: z.number(),
  at: z.string(),
  answered: z.boolean(),
  solved: z.boolean().nullable(),
  rating: Rating.nullable(),
  comment: z.string().nullable(),
  reopened: z.boolean(),
});

export const AttachmentView = z.object({
  id: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

/** Another case as a link from this one: enough to recognise it. */
export const CaseRefView = z.object({
  id: z.number(),
  trackingNo: z.string(),
  title: z.string(),
  status: CaseStatus,
  registeredAt: z.string(),
});

/** Cases tied to this one that the viewer may see; the others are left out. */
export const RelatedCasesView = z.object({
  /** The open case this duplicate was merged into. */
  mergedInto: CaseRefView.nullable(),
  /** The reporter's earlier case on the same matter this one repeats. */
  repeatOf: CaseRefView.nullable(),
  /** Duplicates merged into this case. */
  merged: z.array(CaseRefView),
  /** Later cases that repeat this one. */
  repeats: z.array(CaseRefView),
});

export const CaseDetail = CaseSummary.extend({
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  reporter: ReporterView.nullable(),
  /** How the reporter wants to hear back; null when not asked. */
  contactPreference: ContactPreference.nullable(),
  otherReporters: z.number(),
  dispatchedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  resolution: z.string().nullable(),
  callbackAt: z.string().nullable(),
  solved: z.boolean().nullable(),
  rating: z.string().nullable(),
  closedAt: z.string().nullable(),
  answeredAtIntake: z.boolean(),
  returnCount: z.number(),
  reopenCount: z.number(),
  extendedDays: z.number(),
  escalationLevel: z.number(),
  mergedIntoId: z.number().nullable(),
  repeatOfId: z.number().nullable(),
  /** A portal or Open311 report held for a dispatcher as a likely duplicate of this earlier case. */
  suspectedDuplicateOfId: z.number().nullable(),
  related: RelatedCasesView,
  assignments: z.array(AssignmentView),
  extensions: z.array(ExtensionView),
  callbacks: z.array(CallbackView),
  attachments: z.array(AttachmentView),
  abilities: CaseAbilities,
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const IntakeResult = CaseDetail.extend({
  /** True when an Idempotency-Key matched an earlier request and this is its case. */
  replayed: z.boolean(),
});

export const WORKLISTS = ['all', 'inbox', 'triage', 'extensions', 'callback', 'watch', 'mine'] as const;
export type Worklist = (typeof WORKLISTS)[number];
export const INBOX_TABS = ['to_sign', 'in_progress', 'due_soon', 'overdue'] as const;
/** Triage: cases auto-routing could not place, and cases a unit sent back. */
export const TRIAGE_TABS = ['new', 'returned'] as const;
/** The watch list by reason: late, nearly late, already supervised, escalated, urgent, returned again and again. */
export const WATCH_TABS = ['overdue', 'due_soon', 'supervised', 'escalated', 'urgent', 'returned'] as const;
/** The tabs each worklist has; the others take none. */
export const LIST_TABS: Partial<Record<Worklist, readonly string[]>> = {
  inbox: INBOX_TABS,
  triage: TRIAGE_TABS,
  watch: WATCH_TABS,
};
const ALL_TABS = [...new Set([...INBOX_TABS, ...TRIAGE_TABS, ...WATCH_TABS])] as [string, ...string[]];
/** `resolved`: earliest resolution first (the callback queue). */
export const SORTS = ['newest', 'oldest', 'due', 'resolved'] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item));
/** A real calendar date `YYYY-MM-DD` (2026-13-40 is refused, not turned into an invalid instant). */
const LocalDate = z.iso.date();

export const CaseListQuery = z
  .object({
    view: z.enum(WORKLISTS).default('all'),
    /** Inbox: which unit's (default: every unit the caller handles for). */
    unitId: z.coerce.number().int().positive().optional(),
    /** One tab of the view: inbox, triage and watch have tabs (LIST_TABS). */
    tab: z.enum(ALL_TABS).optional(),
    /** A tracking number (whole or its start) or words of the title, description, address, resolution or notes. */
    q: z.string().trim().min(1).max(100).optional(),
    status: csv(CaseStatus).optional(),
    category: csv(CategoryCode).optional(),
    streetId: z.coerce.number().int().positive().optional(),
    communityId: z.coerce.number().int().positive().optional(),
    channel: csv(Channel).optional(),
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** The caller's number as typed by an agent: that caller's earlier cases. */
    reporterPhone: PersonPhone.optional(),
    sort: z.enum(SORTS).default('newest'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .superRefine((q, ctx) => {
    const tabs = LIST_TABS[q.view] ?? [];
    if (q.tab !== undefined && !tabs.includes(q.tab))
      ctx.addIssue({
        code: 'custom',
        path: ['tab'],
        message: 'tab',
        params: { i18n: 'tab_of_view', tabs: tabs.join(', ') || '—' },
      });
  });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** A case on a worklist: the summary and what the lists need to decide at a glance. */
export const CaseListItem = CaseSummary.extend({
  returnCount: z.number(),
  escalationLevel: z.number(),
  resolvedAt: z.string().nullable(),
  outcome: Outcome.nullable(),
  /** How the reporter asked to be contacted (portal): a callback skips one who asked for none. */
  contactPreference: ContactPreference.nullable(),
  /** The latest return of the case by a unit: who sent it back, when and why. */
  lastReturn: z.object({ unit: UnitRefView, at: z.string().nullable(), reason: z.string() }).nullable(),
  /** An extension request waiting for a dispatcher's decision. */
  pendingExtension: z
    .object({
      id: z.number(),
      unit: UnitRefView,
      days: z.number(),
      reason: z.string(),
      requestedAt: z.string(),
    })
    .nullable(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseList = z.object({ items: z.array(CaseListItem), nextCursor: z.string().nullable() });
export type CaseList = z.infer<typeof CaseList>;

/** How many cases each tab of a worklist holds now. */
export const CaseCountsQuery = z.object({
  view: z.enum(['inbox', 'triage', 'watch']),
  unitId: z.coerce.number().int().positive().optional(),
});
export type CaseCountsQuery = z.infer<typeof CaseCountsQuery>;
export const CaseCounts = z.object({
  /** Cases per tab; triage adds `extensions` (pending requests the caller decides), watch adds `all`. */
  tabs: z.record(z.string(), z.number()),
  /** Inbox: the units the caller handles for, for choosing one unit's inbox. */
  units: z.array(UnitRefView),
});
export type CaseCounts = z.infer<typeof CaseCounts>;
export const EventList = z.object({ items: z.array(EventView) });

export const RouteSuggestionQuery = z.object({
  /** Suggest for this category instead of the case's own (a dispatcher reclassifying). */
  category: CategoryCode.optional(),
});
/** Where the category's route sends the case from its place: the dispatch form's default lead unit. */
export const RouteSuggestion = z.object({
  category: CategoryRefView.nullable(),
  lead: UnitRefView.nullable(),
  /** Why there is no lead: no category, a category without a route, no known place, no unit found. */
  reason: z.enum(['unknown_category', 'no_route', 'no_location', 'no_unit']).nullable(),
});
export type RouteSuggestion = z.infer<typeof RouteSuggestion>;
