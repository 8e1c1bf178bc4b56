import type { MediationAgreementRow, MediationCaseRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../../platform/identity.ts';
import type { PartyWithPerson } from './mediation.repo.ts';
import type { LoadedMediation } from './mediation-core.ts';
import { OPEN } from './mediation-core.ts';

export interface UnitBrief {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A party as the viewer sees it: whole for the mediators of the case, masked for everyone else. */
export function presentParty(p: PartyWithPerson, whole: boolean) {
  return {
    id: p.id,
    role: p.role,
    personId: p.person_id,
    name: p.name,
    phone: whole ? p.phone : maskPhone(p.phone),
    idNumber: whole ? p.id_number : maskIdNumber(p.id_number),
    address: whole ? p.address : maskAddress(p.address),
    masked: !whole,
    sex: p.sex,
    age: p.age,
    ethnicity: p.ethnicity,
    occupation: p.occupation,
    representsId: p.represents_id,
    agentKind: p.agent_kind,
    relation: p.relation,
  };
}
export type PartyView = ReturnType<typeof presentParty>;

/** Past its time limit while still open; a labour dispute past 15 days may then go to arbitration. */
export function timeLimitOf(row: MediationCaseRow, now = new Date().toISOString()) {
  const overdue = OPEN.has(row.status) && row.due_at !== null && now > row.due_at;
  return { overdue, arbitrationOpen: overdue && row.dispute_type === 'labour' };
}

/** The case's columns every view shows. */
export function presentSummary(row: MediationCaseRow, lead: UnitBrief, parties: PartyView[]) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    channel: row.channel,
    disputeType: row.dispute_type,
    leadUnit: lead,
    sourceCaseId: row.source_case_id,
    parties,
    registeredAt: row.registered_at,
    acceptedAt: row.accepted_at,
    dueAt: row.due_at,
    outcomeAt: row.outcome_at,
    ...timeLimitOf(row),
    version: row.version,
  };
}

function list(json: string | null): string[] {
  return json ? (JSON.parse(json) as string[]) : [];
}

export function presentAgreement(a: MediationAgreementRow) {
  return {
    id: a.id,
    seq: a.seq,
    form: a.form,
    status: a.status,
    facts: a.facts,
    issues: list(a.issues),
    responsibilities: list(a.responsibilities),
    terms: list(a.terms),
    performanceMethod: a.performance_method,
    performanceDueOn: a.performance_due_on,
    concludedOn: a.concluded_on,
    place: a.place,
    supersedesId: a.supersedes_id,
    supersededById: a.superseded_by_id,
    signedAt: a.signed_at,
    /** Judicial confirmation: apply by this date (signed + 30 days). */
    confirmationDueOn: a.confirmation_due_on,
    confirmation: a.confirmation_applied_at
      ? {
          appliedAt: a.confirmation_applied_at,
          court: a.court_name,
          answer: a.court_answer ?? ('pending' as const),
          answeredAt: a.court_answered_at,
          reference: a.court_reference,
          note: a.court_note,
        }
      : null,
    editable: a.status === 'draft',
  };
}

/** What the viewer may do to the case now, so the UI shows only the buttons that work. */
export function abilitiesOf(actor: Actor, loaded: LoadedMediation) {
  const handle = can(actor, 'mediation.handle', loaded.resource);
  const s = loaded.row.status;
  const mediating = s === 'accepted' || s === 'in_progress';
  return {
    accept: handle && s === 'applied',
    refuse: handle && s === 'applied',
    assign: handle && OPEN.has(s),
    record: handle && mediating,
    attach: handle && s !== 'refused',
    agreement: handle && (mediating || s === 'agreed'),
    outcome: handle && OPEN.has(s),
    followup: handle && s === 'agreed',
    confirmation: handle && s === 'agreed',
  };
}

export { list as parseList };
