import { z } from 'zod';
import { UnitRef } from '../org/org.schema.ts';
import { PersonPhone } from '../people/people.schema.ts';
import { DisputeType, MediationStatus, OtherRoute } from './mediation.schema.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A resident applying for mediation on the portal: the dispute, the other party as the resident
 * knows them, and the community where it happens (whose reconciliation room takes it, or the
 * district's centre for commercial and labour disputes).
 */
export const MediationApplicationBody = z.object({
  disputeType: DisputeType,
  /** The community the dispute is in (a community from the portal's list of communities). */
  communityId: z.number().int().positive(),
  otherParty: z.object({
    /** A name, or how the resident knows them: `301室住户`, `楼下面馆老板`. */
    name: Text(100),
    phone: PersonPhone.optional(),
    /** Where they can be found. */
    address: z.string().trim().max(300).optional(),
  }),
  /** What happened, in the resident's words. */
  facts: Text(4000),
  /** What the resident wants. */
  claims: Text(2000),
});
export type MediationApplicationBody = z.infer<typeof MediationApplicationBody>;

/** One of the resident's own applications, as the portal shows it. */
export const MyMediation = z.object({
  id: z.number(),
  number: z.string(),
  status: MediationStatus,
  disputeType: DisputeType,
  organisation: UnitRef,
  community: UnitRef.nullable(),
  facts: z.string(),
  claims: z.string(),
  registeredAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** When it ended (agreed, failed, withdrawn or refused). */
  outcomeAt: z.string().nullable(),
  /** Why the organisation did not take it on. */
  refusalReason: z.string().nullable(),
  /** The other routes the resident was told of when it was refused or mediation failed. */
  routesTold: z.array(OtherRoute),
});
export type MyMediation = z.infer<typeof MyMediation>;

export const MyMediationList = z.object({ items: z.array(MyMediation) });
export type MyMediationList = z.infer<typeof MyMediationList>;
