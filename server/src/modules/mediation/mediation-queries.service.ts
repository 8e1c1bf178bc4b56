import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { can } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseForMediation } from '../cases/case-mediation.service.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import {
  abilitiesOf,
  parseList,
  presentAgreement,
  presentParty,
  presentSummary,
  type UnitBrief,
} from './mediation.present.ts';
import {
  listAgreements,
  listAttachments,
  listEvents,
  listFollowups,
  listJointUnits,
  listMediators,
  listParties,
  listRecords,
  listVisibleMediations,
} from './mediation.repo.ts';
import type { MediationListQuery } from './mediation.schema.ts';
import type { MediationDetail, MediationList } from './mediation.views.ts';
import { loadVisibleMediation } from './mediation-core.ts';

async function unitBrief(db: Db, id: number): Promise<UnitBrief> {
  const u = await findPlacedUnit(db, id);
  return u
    ? { id: u.id, code: u.code, nameZh: u.nameZh, nameEn: u.nameEn }
    : { id, code: '', nameZh: '', nameEn: '' };
}

/** A page of the cases the viewer may see (newest first), parties masked. */
export async function listMediations(
  db: Db,
  viewer: Actor,
  query: MediationListQuery,
): Promise<MediationList> {
  if (viewer.type !== 'staff') throw new AppError('access.denied');
  const unit = query.unitId === undefined ? null : await findPlacedUnit(db, query.unitId);
  if (query.unitId !== undefined && !unit) return { items: [], nextBefore: null };
  const rows = await listVisibleMediations(db, viewer, query, unit?.path ?? null);
  const page = rows.slice(0, query.limit);
  const parties = await listParties(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) =>
      presentSummary(
        r,
        { id: r.lead_unit_id, code: r.lead_code, nameZh: r.lead_name_zh, nameEn: r.lead_name_en },
        parties.filter((p) => p.mediation_case_id === r.id).map((p) => presentParty(p, false)),
      ),
    ),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One case whole, with what the viewer may do to it. */
export async function getMediationDetail(db: Db, viewer: Actor, id: number): Promise<MediationDetail> {
  const loaded = await loadVisibleMediation(db, viewer, id);
  const { row } = loaded;
  const whole = can(viewer, 'mediation.handle', loaded.resource);
  const [parties, mediators, joint, records, attachments, agreements, followups] = await Promise.all([
    listParties(db, [id]),
    listMediators(db, id),
    listJointUnits(db, id),
    listRecords(db, id),
    listAttachments(db, id),
    listAgreements(db, id),
    listFollowups(db, id),
  ]);
  const source =
    row.source_case_id === null
      ? null
      : await findCaseForMediation(db, viewer, row.source_case_id).catch(() => null);
  return {
    ...presentSummary(
      row,
      await unitBrief(db, row.lead_unit_id),
      parties.map((p) => presentParty(p, whole)),
    ),
    facts: row.facts,
    claims: row.claims,
    oralApplication: row.oral_application === 1,
    oralRecord: row.oral_record,
    place: { streetId: row.street_id, communityId: row.community_id },
    sourceCase: source
      ? { id: source.id, trackingNo: source.trackingNo, status: source.status }
      : row.source_case_id === null
        ? null
        : { id: row.source_case_id, trackingNo: null, status: null },
    jointUnits: joint.map((j) => ({ id: j.unit_id, code: j.code, nameZh: j.name_zh, nameEn: j.name_en })),
    mediators: mediators.map((m) => ({ userId: m.user_id, name: m.display_name, lead: m.lead === 1 })),
    refusalReason: row.refusal_reason,
    routesTold: parseList(row.routes_told) as MediationDetail['routesTold'],
    outcomeNote: row.outcome_note,
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      heldAt: r.held_at,
      endsAt: r.ends_at,
      place: r.place,
      subject: r.subject,
      attendees: parseList(r.attendees),
      record: r.record,
      recordedBy: r.recorded_by_name ?? null,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mimeType: a.mime_type,
      size: a.size,
      description: a.description,
      uploadedBy: a.uploaded_label,
      uploadedAt: a.uploaded_at,
    })),
    agreements: agreements.map((a) => ({
      ...presentAgreement(a),
      followups: followups
        .filter((f) => f.agreement_id === a.id)
        .map((f) => ({
          id: f.id,
          dueOn: f.due_on,
          what: f.what,
          remindedAt: f.reminded_at,
          doneAt: f.done_at,
          doneBy: f.done_by_name ?? null,
          method: f.method,
          result: f.result,
          note: f.result_note,
        })),
    })),
    abilities: abilitiesOf(viewer, loaded),
  };
}

/** The case's full history, oldest first. */
export async function getMediationEvents(db: Db, viewer: Actor, id: number) {
  await loadVisibleMediation(db, viewer, id);
  const events = await listEvents(db, id);
  return {
    items: events.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor_label,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      data: JSON.parse(e.data) as Record<string, unknown>,
    })),
  };
}
