import type { Db } from '../../db/database.ts';
import type { MediationAgreementRow, MediationCaseRow } from '../../db/types.ts';
import { type Actor, can } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf } from '../../platform/time.ts';
import { findCaseForMediation } from '../cases/case-mediation.service.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import type {
  AgreementDocument,
  CaseFileDocument,
  CaseFileEntry,
  DocumentMediator,
  DocumentOrganisations,
  DocumentParty,
  MediationOutcome,
} from './mediation.documents.ts';
import { DISPUTE_TYPE_LABELS } from './mediation.labels.ts';
import { renderAgreementPdf, renderCaseFilePdf } from './mediation.pdf.ts';
import { parseList, presentParty } from './mediation.present.ts';
import {
  listAgreements,
  listAttachments,
  listEvents,
  listFollowups,
  listJointUnits,
  listMediators,
  listParties,
  listRecords,
} from './mediation.repo.ts';
import { type LoadedMediation, loadVisibleMediation } from './mediation-core.ts';

const ROUTE_NAMES: Record<string, string> = {
  arbitration: '劳动（商事）仲裁',
  litigation: '向人民法院提起诉讼',
  administrative: '向有关行政机关申请处理',
  letters_visits: '信访',
};

function routesText(json: string | null): string | null {
  const routes = parseList(json);
  return routes.length ? routes.map((r) => ROUTE_NAMES[r] ?? r).join('；') : null;
}

const OUTCOMES: Record<string, MediationOutcome> = {
  agreed: 'agreement',
  failed: 'no_agreement',
  withdrawn: 'withdrawn',
  refused: 'refused',
};

/** The agreement's number: the case number and the agreement's place among the case's agreements. */
function agreementNumber(row: MediationCaseRow, a: MediationAgreementRow): string {
  return `${row.number}-${a.seq}`;
}

/** Everything both documents share: the organisations, mediators and parties of the case. */
async function gather(db: Db, viewer: Actor, loaded: LoadedMediation) {
  const { row } = loaded;
  // Particulars are printed whole for those who mediate the case, as they are on its page.
  const whole = can(viewer, 'mediation.handle', loaded.resource);
  const [lead, joint, mediators, partyRows, agreements] = await Promise.all([
    findPlacedUnit(db, row.lead_unit_id),
    listJointUnits(db, row.id),
    listMediators(db, row.id),
    listParties(db, [row.id]),
    listAgreements(db, row.id),
  ]);
  const organisations: DocumentOrganisations = {
    lead: lead?.nameZh ?? '',
    joint: joint.map((j) => j.name_zh),
  };
  const documentMediators: DocumentMediator[] = mediators.map((m) => ({
    name: m.display_name,
    lead: m.lead === 1,
  }));
  const views = partyRows.map((p) => presentParty(p, whole));
  const parties: DocumentParty[] = views
    .filter((p) => p.role !== 'agent')
    .map((p) => ({
      side: p.role as 'applicant' | 'respondent',
      kind: 'person',
      name: p.name,
      sex: p.sex,
      age: p.age,
      ethnicity: p.ethnicity,
      occupation: p.occupation,
      address: p.address,
      idNumber: p.idNumber,
      phone: p.phone,
      agents: views
        .filter((a) => a.role === 'agent' && a.representsId === p.id)
        .map((a) => ({
          kind: a.agentKind ?? 'entrusted',
          name: a.name,
          relation: a.relation,
          phone: a.phone,
          idNumber: a.idNumber,
          address: a.address,
        })),
    }));
  return { organisations, mediators: documentMediators, parties, agreements };
}

function agreementDocument(
  row: MediationCaseRow,
  a: MediationAgreementRow,
  all: MediationAgreementRow[],
  shared: Pick<Awaited<ReturnType<typeof gather>>, 'organisations' | 'mediators' | 'parties'>,
): AgreementDocument {
  const ref = (id: number | null) => {
    const other = id === null ? undefined : all.find((x) => x.id === id);
    return other ? { number: agreementNumber(row, other), concludedOn: other.concluded_on } : null;
  };
  return {
    number: agreementNumber(row, a),
    caseNumber: row.number,
    form: a.form,
    status: a.status,
    ...shared,
    disputeType: DISPUTE_TYPE_LABELS[row.dispute_type]?.['zh-CN'] ?? row.dispute_type,
    facts: a.facts,
    issues: parseList(a.issues),
    responsibilities: parseList(a.responsibilities),
    terms: parseList(a.terms),
    performanceMethod: a.performance_method,
    performanceDeadline: a.performance_due_on,
    concludedOn: a.concluded_on,
    place: a.place,
    signedOn: a.signed_at ? localDateOf(a.signed_at) : null,
    supersedes: ref(a.supersedes_id),
    supersededBy: ref(a.superseded_by_id),
  };
}

/** One agreement of a case the viewer may read, as a PDF in Chinese. */
export async function agreementPdf(
  db: Db,
  viewer: Actor,
  fontPath: string,
  id: number,
  agreementId: number,
): Promise<{ pdf: Buffer; fileName: string }> {
  const loaded = await loadVisibleMediation(db, viewer, id);
  const shared = await gather(db, viewer, loaded);
  const agreement = shared.agreements.find((a) => a.id === agreementId);
  if (!agreement) throw new AppError('record.not_found');
  const doc = agreementDocument(loaded.row, agreement, shared.agreements, shared);
  return { pdf: await renderAgreementPdf(doc, { fontPath }), fileName: `${doc.number}.pdf` };
}

/** The whole case file (卷宗) of a case the viewer may read, every document in order, as one PDF. */
export async function caseFilePdf(
  db: Db,
  viewer: Actor,
  fontPath: string,
  id: number,
): Promise<{ pdf: Buffer; fileName: string }> {
  const loaded = await loadVisibleMediation(db, viewer, id);
  const { row } = loaded;
  const shared = await gather(db, viewer, loaded);
  const [events, records, attachments, followups] = await Promise.all([
    listEvents(db, id),
    listRecords(db, id),
    listAttachments(db, id),
    listFollowups(db, id),
  ]);
  const by = (action: string) => events.find((e) => e.action === action)?.actor_label ?? '';
  const day = (iso: string) => localDateOf(iso);
  const source =
    row.source_case_id === null
      ? null
      : await findCaseForMediation(db, viewer, row.source_case_id).catch(() => null);
  const mediatorNames = shared.mediators.map((m) => m.name);
  const entries: CaseFileEntry[] = [
    {
      kind: 'application',
      form: row.oral_application === 1 ? 'oral' : 'written',
      on: day(row.registered_at),
      applicants: shared.parties.filter((p) => p.side === 'applicant').map((p) => p.name),
      source:
        row.channel === 'case'
          ? `热线工单转办${source ? `（编号 ${source.trackingNo}）` : ''}`
          : row.channel === 'portal'
            ? '居民端在线申请'
            : '到调解组织当面申请',
      facts: row.oral_record ?? row.facts,
      claims: row.claims,
      recordedBy: by(row.channel === 'case' ? 'open_from_case' : 'register') || null,
    },
  ];
  if (row.accepted_at)
    entries.push({
      kind: 'acceptance',
      decision: 'accepted',
      on: day(row.accepted_at),
      decidedBy: by('accept'),
    });
  if (row.status === 'refused' && row.outcome_at)
    entries.push({
      kind: 'acceptance',
      decision: 'refused',
      on: day(row.outcome_at),
      decidedBy: by('refuse'),
      reason: row.refusal_reason,
      otherRoutes: routesText(row.routes_told),
    });
  let sequence = 0;
  for (const r of records) {
    if (r.kind === 'session')
      entries.push({
        kind: 'session',
        sequence: ++sequence,
        startsAt: new Date(r.held_at),
        endsAt: r.ends_at ? new Date(r.ends_at) : null,
        place: r.place,
        mediators: mediatorNames,
        attendees: parseList(r.attendees),
        record: r.record,
        recordedBy: r.recorded_by_name ?? null,
      });
    else
      entries.push({
        kind: 'investigation',
        at: new Date(r.held_at),
        place: r.place,
        investigators: r.recorded_by_name ? [r.recorded_by_name] : mediatorNames,
        subject: r.subject ?? '',
        record: r.record,
      });
  }
  if (attachments.length)
    entries.push({
      kind: 'evidence',
      items: attachments.map((a) => ({
        name: a.file_name,
        providedBy: a.uploaded_label,
        receivedOn: day(a.uploaded_at),
        description: a.description,
      })),
    });
  for (const a of shared.agreements) {
    entries.push({ kind: 'agreement', agreement: agreementDocument(row, a, shared.agreements, shared) });
    if (a.confirmation_applied_at && a.court_name)
      entries.push({
        kind: 'judicial_confirmation',
        court: a.court_name,
        appliedOn: day(a.confirmation_applied_at),
        decision: a.court_answer ?? 'pending',
        decidedOn: a.court_answered_at ? day(a.court_answered_at) : null,
        reference: a.court_reference,
        note: a.court_note,
      });
  }
  for (const f of followups)
    if (f.done_at && f.result)
      entries.push({
        kind: 'follow_up',
        on: day(f.done_at),
        by: f.done_by_name ?? '',
        method: f.method ?? '',
        performance: f.result,
        note: f.result_note ?? '',
      });
  const outcome = OUTCOMES[row.status] ?? null;
  if (outcome && outcome !== 'refused' && row.outcome_at)
    entries.push({
      kind: 'closing',
      on: day(row.outcome_at),
      by: by(row.status),
      outcome,
      summary: row.outcome_note ?? '',
      otherRoutes: routesText(row.routes_told),
    });
  const file: CaseFileDocument = {
    caseNumber: row.number,
    disputeType: DISPUTE_TYPE_LABELS[row.dispute_type]?.['zh-CN'] ?? row.dispute_type,
    organisations: shared.organisations,
    mediators: shared.mediators,
    parties: shared.parties,
    registeredOn: day(row.registered_at),
    acceptedOn: row.accepted_at ? day(row.accepted_at) : null,
    closedOn: row.outcome_at ? day(row.outcome_at) : null,
    outcome,
    entries,
  };
  return { pdf: await renderCaseFilePdf(file, { fontPath }), fileName: `${row.number}-卷宗.pdf` };
}
