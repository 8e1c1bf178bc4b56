import type { Channel } from './cases.schema.ts';
import type { TextPick } from './cases.seed-text.ts';
import type { Registrar, SeedActor, SeedCategory, SeedPlace, SeedUnit } from './cases.seed-world.ts';

/**
 * A demo case as the seed simulates it: what the intake decided (the draft), then every column of its
 * row (times in epoch milliseconds until written) and the rows that hang off it, with the history
 * appended as the case services append it.
 */

/** What the intake decided when the case came in; the simulation plays out the rest. */
export interface CaseDraft {
  id: number;
  trackingNo: string;
  registeredAt: number;
  channel: Channel;
  kind: string;
  category: SeedCategory;
  /** False: registered without a category, so it waits in triage until a dispatcher classifies it. */
  categoryKnown: boolean;
  /** The place as the intake resolved it (possibly only the street, or nothing). */
  place: SeedPlace;
  /** Where the demand really is: what the dispatcher learns when the place was unknown. */
  truePlace: SeedPlace;
  registrar: Registrar;
  reporterId: number | null;
  anonymous: boolean;
  urgent: boolean;
  title: string;
  description: string;
  /** The template the description came from: its resolution is the one the unit writes. */
  text: TextPick;
  address: string | null;
  lat: number | null;
  lng: number | null;
  answered: boolean;
  /** When the reporter would withdraw the case if it is still being handled then. */
  withdrawAt: number | null;
  /** A neighbour's report of a case already open: the dispatcher merges it from triage. */
  duplicate: boolean;
}

export interface SimEvent {
  at: number;
  actor: SeedActor;
  action: string;
  from: string;
  to: string;
  unitId: number | null;
  note: string | null;
  data: string;
}

export interface SimAssignment {
  unit: SeedUnit;
  role: 'lead' | 'co';
  round: number;
  state: 'dispatched' | 'accepted' | 'reported' | 'resolved' | 'returned' | 'cancelled';
  dispatchedAt: number;
  dispatchedBy: number | null;
  signDueAt: number;
  signedAt: number | null;
  signedBy: number | null;
  report: string | null;
  reportedAt: number | null;
  returnReason: string | null;
  endedAt: number | null;
}

export interface SimExtension {
  unitId: number;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  requestedBy: number | null;
  requestedAt: number;
  approvedDays: number | null;
  decidedBy: number | null;
  decidedAt: number | null;
  decisionNote: string | null;
  dueBefore: number | null;
  dueAfter: number | null;
}

export interface SimCallback {
  at: number;
  byUser: number | null;
  answered: boolean;
  solved: boolean | null;
  rating: string | null;
  comment: string | null;
  reopened: boolean;
}

export type SlaState = 'none' | 'due_soon' | 'overdue';

/** A simulated case: the columns of its row (times in ms) and the rows that hang off it. */
export class SimCase {
  status = 'received';
  categoryId: number | null = null;
  sensitive = false;
  leadUnit: SeedUnit | null = null;
  triageReason: string | null = null;
  answeredAtIntake = false;
  dispatchedAt: number | null = null;
  signDueAt: number | null = null;
  signedAt: number | null = null;
  resolveDueAt: number | null = null;
  dueSoonAt: number | null = null;
  slaState: SlaState = 'none';
  resolvedAt: number | null = null;
  outcome: string | null = null;
  resolution: string | null = null;
  callbackAt: number | null = null;
  solved: boolean | null = null;
  rating: string | null = null;
  closedAt: number | null = null;
  endedAt: number | null = null;
  supervised = false;
  escalationLevel = 0;
  returnCount = 0;
  reopenCount = 0;
  extendedDays = 0;
  repeated = false;
  repeatOfId: number | null = null;
  mergedIntoId: number | null = null;
  version = 1;
  updatedAt: number;
  readonly assignments: SimAssignment[] = [];
  readonly events: SimEvent[] = [];
  readonly extensions: SimExtension[] = [];
  readonly callbacks: SimCallback[] = [];
  /** Reporters of duplicates merged into this case (case_reporters rows). */
  readonly reporters: { personId: number; sourceCaseId: number; addedAt: number }[] = [];

  constructor(readonly draft: CaseDraft) {
    this.updatedAt = draft.registeredAt;
  }

  get id(): number {
    return this.draft.id;
  }

  /** The status the case had at an instant, read from its history. */
  statusAt(at: number): string {
    let status = 'received';
    let latest = Number.NEGATIVE_INFINITY;
    for (const e of this.events) {
      if (e.at <= at && e.at >= latest && e.action !== 'merge_in') {
        status = e.to;
        latest = e.at;
      }
    }
    return status;
  }

  /** Appends a history entry; every action but registration and a duplicate joining bumps the version. */
  record(
    at: number,
    actor: SeedActor,
    action: string,
    to: string,
    extra: Partial<Pick<SimEvent, 'unitId' | 'note'>> & { data?: object; from?: string } = {},
  ) {
    this.events.push({
      at,
      actor,
      action,
      from: extra.from ?? this.status,
      to,
      unitId: extra.unitId ?? null,
      note: extra.note ?? null,
      data: extra.data ? JSON.stringify(extra.data) : '{}',
    });
    if (action !== 'register' && action !== 'merge_in') this.version++;
    if (at > this.updatedAt) this.updatedAt = at;
  }
}

/** A case open when a duplicate in triage is merged: found by the generator among recent cases. */
export type MergeFinder = (draft: CaseDraft, at: number) => SimCase | null;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
