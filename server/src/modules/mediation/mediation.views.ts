import { z } from 'zod';
import { DisputeType, MediationChannel, MediationStatus, OtherRoute } from './mediation.schema.ts';

/**
 * Response schemas of the mediation API: the OpenAPI document is generated from these, and the
 * serializer sends only what they name.
 */

const Instant = z.string();
const LocalDate = z.string();

export const UnitBrief = z.object({
  id: z.number(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

export const PartyView = z.object({
  id: z.number(),
  role: z.enum(['applicant', 'respondent', 'agent']),
  personId: z.number(),
  name: z.string(),
  /** Whole for those who mediate the case, masked for everyone else (`masked`). */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean(),
  sex: z.enum(['male', 'female']).nullable(),
  age: z.number().nullable(),
  ethnicity: z.string().nullable(),
  occupation: z.string().nullable(),
  /** For an agent: the id of the party they represent. */
  representsId: z.number().nullable(),
  agentKind: z.enum(['legal', 'entrusted']).nullable(),
  relation: z.string().nullable(),
});

export const MediationSummary = z.object({
  id: z.number(),
  number: z.string(),
  status: MediationStatus,
  channel: MediationChannel,
  disputeType: DisputeType,
  leadUnit: UnitBrief,
  sourceCaseId: z.number().nullable(),
  parties: z.array(PartyView),
  registeredAt: Instant,
  acceptedAt: Instant.nullable(),
  /** 30 days from acceptance (labour disputes: 15). */
  dueAt: Instant.nullable(),
  outcomeAt: Instant.nullable(),
  overdue: z.boolean(),
  /** A labour dispute past its 15 days: the parties may go to labour arbitration. */
  arbitrationOpen: z.boolean(),
  version: z.number(),
});

export const MediationList = z.object({
  items: z.array(MediationSummary),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.number().nullable(),
});

const FollowupView = z.object({
  id: z.number(),
  dueOn: LocalDate,
  what: z.string(),
  remindedAt: Instant.nullable(),
  doneAt: Instant.nullable(),
  doneBy: z.string().nullable(),
  method: z.string().nullable(),
  result: z.enum(['performed', 'partly_performed', 'not_performed']).nullable(),
  note: z.string().nullable(),
});

export const AgreementView = z.object({
  id: z.number(),
  seq: z.number(),
  form: z.enum(['written', 'oral']),
  status: z.enum(['draft', 'signed', 'superseded']),
  facts: z.string(),
  issues: z.array(z.string()),
  responsibilities: z.array(z.string()),
  terms: z.array(z.string()),
  performanceMethod: z.string(),
  performanceDueOn: LocalDate,
  concludedOn: LocalDate,
  place: z.string().nullable(),
  supersedesId: z.number().nullable(),
  supersededById: z.number().nullable(),
  signedAt: Instant.nullable(),
  confirmationDueOn: LocalDate.nullable(),
  confirmation: z
    .object({
      appliedAt: Instant,
      court: z.string().nullable(),
      answer: z.enum(['pending', 'confirmed', 'rejected']),
      answeredAt: Instant.nullable(),
      reference: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  /** Only a draft may be edited or signed. */
  editable: z.boolean(),
  followups: z.array(FollowupView),
});

export const MediationAbilities = z.object({
  accept: z.boolean(),
  refuse: z.boolean(),
  assign: z.boolean(),
  record: z.boolean(),
  attach: z.boolean(),
  agreement: z.boolean(),
  outcome: z.boolean(),
  followup: z.boolean(),
  confirmation: z.boolean(),
});

export const MediationDetail = MediationSummary.extend({
  facts: z.string(),
  claims: z.string(),
  oralApplication: z.boolean(),
  oralRecord: z.string().nullable(),
  place: z.object({ streetId: z.number().nullable(), communityId: z.number().nullable() }),
  /** The case it came from; tracking number and status only when the viewer may read that case. */
  sourceCase: z
    .object({ id: z.number(), trackingNo: z.string().nullable(), status: z.string().nullable() })
    .nullable(),
  jointUnits: z.array(UnitBrief),
  mediators: z.array(z.object({ userId: z.number(), name: z.string(), lead: z.boolean() })),
  refusalReason: z.string().nullable(),
  routesTold: z.array(OtherRoute),
  outcomeNote: z.string().nullable(),
  records: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['session', 'investigation']),
      heldAt: Instant,
      endsAt: Instant.nullable(),
      place: z.string(),
      subject: z.string().nullable(),
      attendees: z.array(z.string()),
      record: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.number(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
      description: z.string().nullable(),
      uploadedBy: z.string(),
      uploadedAt: Instant,
    }),
  ),
  agreements: z.array(AgreementView),
  abilities: MediationAbilities,
});

export const MediationEventList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: Instant,
      actor: z.string(),
      action: z.string(),
      fromStatus: z.string(),
      toStatus: z.string(),
      note: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const MediatorView = z.object({
  userId: z.number(),
  name: z.string(),
  unit: z.object({ id: z.number(), nameZh: z.string(), nameEn: z.string() }),
  /** Null until a unit head has filled in the profile. */
  employment: z.enum(['full_time', 'part_time']).nullable(),
  specialties: z.array(z.string()),
  active: z.boolean(),
  /** Null until the profile exists; send it back when editing. */
  version: z.number().nullable(),
  canEdit: z.boolean(),
});
export const MediatorList = z.object({ items: z.array(MediatorView) });
export type MediationList = z.infer<typeof MediationList>;
export type MediationDetail = z.infer<typeof MediationDetail>;
export type MediationEventList = z.infer<typeof MediationEventList>;
export type MediatorView = z.infer<typeof MediatorView>;
export type MediatorList = z.infer<typeof MediatorList>;
export type MediationSummary = z.infer<typeof MediationSummary>;
export type PartyView = z.infer<typeof PartyView>;
export type AgreementView = z.infer<typeof AgreementView>;
