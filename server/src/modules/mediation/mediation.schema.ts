import { z } from 'zod';
import { CreatePersonBody } from '../people/people.schema.ts';

export const MEDIATION_STATUSES = [
  'applied',
  'accepted',
  'refused',
  'in_progress',
  'agreed',
  'failed',
  'withdrawn',
] as const;
export const MediationStatus = z.enum(MEDIATION_STATUSES);
export const OPEN_MEDIATION_STATUSES = ['applied', 'accepted', 'in_progress'] as const;

export const DISPUTE_TYPES = [
  'neighbour',
  'family',
  'property',
  'commercial',
  'labour',
  'consumer',
  'other',
] as const;
export const DisputeType = z.enum(DISPUTE_TYPES);
export const MediationChannel = z.enum(['case', 'walk_in', 'portal']);
/** Routes the parties may take when mediation is refused or fails. */
export const OTHER_ROUTES = ['arbitration', 'litigation', 'administrative', 'letters_visits'] as const;
export const OtherRoute = z.enum(OTHER_ROUTES);

const Id = z.number().int().positive();
const Version = z.number().int().positive().optional();
const Text = (max: number) => z.string().trim().min(1).max(max);
const LocalDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A party: someone already in the Person register, or a new person registered with the case. */
export const PartyInput = z
  .object({
    role: z.enum(['applicant', 'respondent', 'agent']),
    personId: Id.optional(),
    person: CreatePersonBody.omit({ confidential: true }).optional(),
    /** The reporter of the case the mediation is opened from (only when opening from a case). */
    caseReporter: z.literal(true).optional(),
    /** For an agent: the index in `parties` of the party they represent. */
    represents: z.number().int().min(0).optional(),
    agentKind: z.enum(['legal', 'entrusted']).optional(),
    relation: z.string().trim().max(100).optional(),
    sex: z.enum(['male', 'female']).optional(),
    age: z.number().int().min(0).max(150).optional(),
    ethnicity: z.string().trim().max(20).optional(),
    occupation: z.string().trim().max(200).optional(),
  })
  .refine((p) => [p.personId, p.person, p.caseReporter].filter((x) => x !== undefined).length === 1, {
    params: { i18n: 'party_person' },
    path: ['personId'],
  })
  .refine((p) => p.role !== 'agent' || p.represents !== undefined, {
    params: { i18n: 'required' },
    path: ['represents'],
  });
export type PartyInput = z.infer<typeof PartyInput>;

const Dispute = {
  disputeType: DisputeType,
  facts: Text(4000),
  claims: Text(2000),
  parties: z
    .array(PartyInput)
    .min(1)
    .max(20)
    .refine((ps) => ps.some((p) => p.role === 'applicant'), {
      params: { i18n: 'applicant_required' },
    }),
};

/** Opening a mediation from a dispute case sent to a mediation organisation. */
export const OpenFromCaseBody = z.object({
  caseId: Id,
  ...Dispute,
  facts: Text(4000).optional(),
});
export type OpenFromCaseBody = z.infer<typeof OpenFromCaseBody>;

/** Registering a walk-in (or portal) application directly at a mediation organisation. */
export const RegisterMediationBody = z
  .object({
    leadUnitId: Id,
    channel: z.enum(['walk_in', 'portal']).default('walk_in'),
    ...Dispute,
    oralApplication: z.boolean().default(false),
    /** The mediator's record of an oral application (口头申请记录). */
    oralRecord: z.string().trim().max(4000).optional(),
    /** Where the dispute is: a community or compound; defaults to the community the organisation sits in. */
    placeUnitId: Id.optional(),
  })
  .refine((b) => !b.oralApplication || (b.oralRecord !== undefined && b.oralRecord.length > 0), {
    params: { i18n: 'oral_record_required' },
    path: ['oralRecord'],
  });
export type RegisterMediationBody = z.infer<typeof RegisterMediationBody>;

export const VersionBody = z.object({ version: Version, note: z.string().trim().max(1000).optional() });
export type VersionBody = z.infer<typeof VersionBody>;

export const RefuseBody = z.object({
  version: Version,
  reason: Text(1000),
  /** What the parties were told of their other routes (arbitration, litigation, an administrative body). */
  otherRoutes: z.array(OtherRoute).min(1),
  note: z.string().trim().max(1000).optional(),
});
export type RefuseBody = z.infer<typeof RefuseBody>;

export const AssignBody = z
  .object({
    version: Version,
    mediators: z
      .array(z.object({ userId: Id, lead: z.boolean().default(false) }))
      .min(1)
      .max(10),
    /** Organisations mediating jointly beside the lead one. */
    jointUnitIds: z.array(Id).max(10).default([]),
  })
  .refine((b) => b.mediators.filter((m) => m.lead).length === 1, {
    params: { i18n: 'one_lead_mediator' },
    path: ['mediators'],
  });
export type AssignBody = z.infer<typeof AssignBody>;

export const RecordBody = z.object({
  version: Version,
  kind: z.enum(['session', 'investigation']),
  heldAt: Instant,
  endsAt: Instant.optional(),
  place: Text(200),
  attendees: z.array(Text(100)).max(50).default([]),
  /** Investigations: who was asked or what was inspected. */
  subject: z.string().trim().max(200).optional(),
  record: Text(8000),
});
export type RecordBody = z.infer<typeof RecordBody>;

export const OutcomeBody = z
  .object({
    version: Version,
    outcome: z.enum(['agreed', 'failed', 'withdrawn']),
    note: Text(4000),
    /** For `failed`: the routes the parties were told of. */
    otherRoutes: z.array(OtherRoute).optional(),
  })
  .refine((b) => b.outcome !== 'failed' || (b.otherRoutes?.length ?? 0) > 0, {
    params: { i18n: 'other_routes_required' },
    path: ['otherRoutes'],
  });
export type OutcomeBody = z.infer<typeof OutcomeBody>;

export const AgreementFields = z.object({
  form: z.enum(['written', 'oral']).default('written'),
  facts: Text(4000),
  issues: z.array(Text(1000)).min(1).max(30),
  responsibilities: z.array(Text(2000)).min(1).max(30),
  terms: z.array(Text(2000)).min(1).max(50),
  performanceMethod: Text(2000),
  performanceDueOn: LocalDate,
  concludedOn: LocalDate,
  place: z.string().trim().max(200).optional(),
});

export const AgreementBody = AgreementFields.extend({
  version: Version,
  /** A signed agreement this one replaces once signed. */
  supersedesId: Id.optional(),
});
export type AgreementBody = z.infer<typeof AgreementBody>;

export const AgreementUpdateBody = AgreementFields.partial().extend({ version: Version });
export type AgreementUpdateBody = z.infer<typeof AgreementUpdateBody>;

export const SignBody = z.object({
  version: Version,
  /** Follow-ups on performance to schedule: each with its date and what to check. */
  followups: z
    .array(z.object({ dueOn: LocalDate, what: Text(1000) }))
    .max(20)
    .default([]),
});
export type SignBody = z.infer<typeof SignBody>;

export const FollowupBody = z.object({
  version: Version,
  method: Text(50),
  result: z.enum(['performed', 'partly_performed', 'not_performed']),
  note: Text(2000),
});
export type FollowupBody = z.infer<typeof FollowupBody>;

export const ConfirmationBody = z
  .object({
    version: Version,
    court: Text(200),
    appliedAt: Instant,
    answer: z.enum(['confirmed', 'rejected']).optional(),
    answeredAt: Instant.optional(),
    reference: z.string().trim().max(100).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((b) => (b.answer === undefined) === (b.answeredAt === undefined), {
    params: { i18n: 'answer_with_date' },
    path: ['answeredAt'],
  });
export type ConfirmationBody = z.infer<typeof ConfirmationBody>;

export const MediationParams = z.object({ id: z.coerce.number().int().positive() });
export const AgreementParams = MediationParams.extend({ agreementId: z.coerce.number().int().positive() });
export const FollowupParams = MediationParams.extend({ followupId: z.coerce.number().int().positive() });
export const AttachmentParams = MediationParams.extend({
  attachmentId: z.coerce.number().int().positive(),
});
export const MediatorParams = z.object({ userId: z.coerce.number().int().positive() });

export const MediationListQuery = z.object({
  status: MediationStatus.optional(),
  disputeType: DisputeType.optional(),
  /** Cases led by this organisation or one under it. */
  unitId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset: cases with a smaller id than this. */
  before: z.coerce.number().int().positive().optional(),
});
export type MediationListQuery = z.infer<typeof MediationListQuery>;

export const MediatorListQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const MediatorProfileBody = z.object({
  version: Version,
  employment: z.enum(['full_time', 'part_time']),
  specialties: z.array(Text(50)).max(20).default([]),
  active: z.boolean().default(true),
});
export type MediatorProfileBody = z.infer<typeof MediatorProfileBody>;
