import type { CaseRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import type { WorkCalendar } from '../../platform/calendar.ts';
import { maskName, maskPhone } from '../../platform/identity.ts';
import type { CaseResource } from './cases.policy.ts';
import type {
  AssignmentWithUnit,
  CaseSummaryRow,
  LinkedCaseRow,
  listAttachments,
  listCallbacks,
  listEvents,
  listExtensions,
} from './cases.repo.ts';
import { type CaseAbilities, type CaseDetail, type CaseSummary, ContactPreference } from './cases.schema.ts';

type Named = { id: number | null; code: string | null; nameZh: string | null; nameEn: string | null };

function ref(n: Named) {
  return n.id === null || n.code === null
    ? null
    : { id: n.id, code: n.code, nameZh: n.nameZh ?? '', nameEn: n.nameEn ?? '' };
}

/** The working calendar and the instant a response is about, loaded once for all its cases. */
export interface DeadlineClock {
  calendar: WorkCalendar;
  now: string;
}

/**
 * Minutes left until the resolve deadline of a case being handled, negative once overdue: working
 * minutes on the calendar, or plain minutes for an urgent case (its limit runs day and night).
 * Rounded down, so the time left is never overstated.
 */
export function remainingWorkMinutes(
  r: Pick<CaseSummaryRow, 'status' | 'resolve_due_at' | 'urgent'>,
  clock: DeadlineClock,
): number | null {
  if (r.resolve_due_at === null || (r.status !== 'dispatched' && r.status !== 'accepted')) return null;
  const minutes =
    r.urgent === 1
      ? (Date.parse(r.resolve_due_at) - Date.parse(clock.now)) / 60_000
      : clock.calendar.workingHoursBetween(clock.now, r.resolve_due_at) * 60;
  return Math.floor(minutes) || 0;
}

/** A case as a worklist shows it: no personal data at all. */
export function presentSummary(r: CaseSummaryRow, clock: DeadlineClock): CaseSummary {
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    status: r.status,
    channel: r.channel as CaseSummary['channel'],
    kind: r.kind as CaseSummary['kind'],
    category:
      r.category_code === null
        ? null
        : { code: r.category_code, nameZh: r.category_name_zh ?? '', nameEn: r.category_name_en ?? '' },
    title: r.title,
    urgent: r.urgent === 1,
    sensitive: r.sensitive === 1,
    street: ref({ id: r.street_id, code: r.street_code, nameZh: r.street_name_zh, nameEn: r.street_name_en }),
    community: ref({
      id: r.community_id,
      code: r.community_code,
      nameZh: r.community_name_zh,
      nameEn: r.community_name_en,
    }),
    leadUnit: ref({ id: r.lead_unit_id, code: r.lead_code, nameZh: r.lead_name_zh, nameEn: r.lead_name_en }),
    triageReason: r.triage_reason,
    registeredAt: r.registered_at,
    signDueAt: r.sign_due_at,
    resolveDueAt: r.resolve_due_at,
    slaState: r.sla_state,
    remainingWorkMinutes: remainingWorkMinutes(r, clock),
    supervised: r.supervised === 1,
    version: r.version,
  };
}

export interface DetailParts {
  summary: CaseSummaryRow;
  row: CaseRow;
  resource: CaseResource;
  reporter: { name: string; phone: string | null } | null;
  otherReporters: number;
  assignments: AssignmentWithUnit[];
  extensions: Awaited<ReturnType<typeof listExtensions>>;
  callbacks: Awaited<ReturnType<typeof listCallbacks>>;
  attachments: Awaited<ReturnType<typeof listAttachments>>;
  /** Linked cases the viewer may see. */
  linked: LinkedCaseRow[];
  abilities: CaseAbilities;
  clock: DeadlineClock;
}

function caseRef(r: LinkedCaseRow) {
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    title: r.title,
    status: r.status,
    registeredAt: r.registered_at,
  };
}

/** The linked cases sorted by how they relate to this one. */
function presentRelated(row: CaseRow, linked: LinkedCaseRow[]): CaseDetail['related'] {
  const byId = (id: number | null) => {
    const found = id === null ? undefined : linked.find((r) => r.id === id);
    return found ? caseRef(found) : null;
  };
  return {
    mergedInto: byId(row.merged_into_id),
    repeatOf: byId(row.repeat_of_id),
    merged: linked.filter((r) => r.merged_into_id === row.id).map(caseRef),
    repeats: linked.filter((r) => r.repeat_of_id === row.id).map(caseRef),
  };
}

/**
 * A case as one viewer sees it. The reporter's number is whole only for roles that contact
 * reporters; an anonymous reporter is hidden from everyone but those who call reporters back (the
 * handling units included: anonymity is from them).
 */
export function presentDetail(p: DetailParts, viewer: Actor): CaseDetail {
  const { row } = p;
  const whole =
    can(viewer, 'case.view_reporter', p.resource) &&
    (row.anonymous !== 1 || can(viewer, 'case.view_anonymous_reporter', p.resource));
  const isOwnReport = viewer.type === 'resident' && p.resource.residentUserIds.includes(viewer.userId);
  const reporter =
    p.reporter === null
      ? null
      : row.anonymous === 1 && !whole && !isOwnReport
        ? { name: null, phone: null, masked: true, anonymous: true }
        : {
            name: whole || isOwnReport ? p.reporter.name : maskName(p.reporter.name),
            phone: whole || isOwnReport ? p.reporter.phone : maskPhone(p.reporter.phone),
            masked: !(whole || isOwnReport),
            anonymous: row.anonymous === 1,
          };
  const unit = (a: { unit_id: number; unit_code: string; unit_name_zh: string; unit_name_en: string }) => ({
    id: a.unit_id,
    code: a.unit_code,
    nameZh: a.unit_name_zh,
    nameEn: a.unit_name_en,
  });
  return {
    ...presentSummary(p.summary, p.clock),
    description: row.description,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    reporter,
    contactPreference: contactPreferenceOf(row),
    otherReporters: p.otherReporters,
    dispatchedAt: row.dispatched_at,
    signedAt: row.signed_at,
    resolvedAt: row.resolved_at,
    outcome: row.outcome,
    resolution: row.resolution,
    callbackAt: row.callback_at,
    solved: row.solved === null ? null : row.solved === 1,
    rating: row.rating,
    closedAt: row.closed_at,
    answeredAtIntake: row.answered_at_intake === 1,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    extendedDays: row.extended_days,
    escalationLevel: row.escalation_level,
    mergedIntoId: row.merged_into_id,
    repeatOfId: row.repeat_of_id,
    // Which other case a report may repeat is the dispatchers' business, not the reporter's.
    suspectedDuplicateOfId: viewer.type === 'staff' ? row.suspected_duplicate_of_id : null,
    related: presentRelated(row, p.linked),
    assignments: p.assignments.map((a) => ({
      id: a.id,
      unit: unit(a),
      role: a.role,
      round: a.round,
      state: a.state,
      dispatchedAt: a.dispatched_at,
      signDueAt: a.sign_due_at,
      signedAt: a.signed_at,
      report: a.report,
      reportedAt: a.reported_at,
      returnReason: a.return_reason,
    })),
    extensions: p.extensions.map((x) => ({
      id: x.id,
      unit: unit(x),
      days: x.days,
      reason: x.reason,
      state: x.state,
      requestedAt: x.requested_at,
      approvedDays: x.approved_days,
      decidedAt: x.decided_at,
      decisionNote: x.decision_note,
      dueBefore: x.due_before,
      dueAfter: x.due_after,
    })),
    callbacks: p.callbacks.map((cb) => ({
      id: cb.id,
      at: cb.at,
      answered: cb.answered === 1,
      solved: cb.solved === null ? null : cb.solved === 1,
      rating: cb.rating,
      comment: cb.comment,
      reopened: cb.reopened === 1,
    })),
    attachments: p.attachments.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mimeType: f.mime_type,
      size: f.size,
      sha256: f.sha256,
      uploadedBy: f.uploaded_label,
      uploadedAt: f.uploaded_at,
    })),
    abilities: p.abilities,
  };
}

/** The stored contact preference, if it is one this version knows. */
export function contactPreferenceOf(row: Pick<CaseRow, 'contact_preference'>): ContactPreference | null {
  const parsed = ContactPreference.safeParse(row.contact_preference);
  return parsed.success ? parsed.data : null;
}

/** The history as the timeline shows it. */
export function presentEvents(rows: Awaited<ReturnType<typeof listEvents>>) {
  return rows.map((e) => ({
    id: e.id,
    at: e.at,
    actor: e.actor_label,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    unit:
      e.unit_id === null
        ? null
        : {
            id: e.unit_id,
            code: e.unit_code ?? '',
            nameZh: e.unit_name_zh ?? '',
            nameEn: e.unit_name_en ?? '',
          },
    note: e.note,
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
}
