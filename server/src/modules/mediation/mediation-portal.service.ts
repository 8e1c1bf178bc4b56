import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf, nowIso } from '../../platform/time.ts';
import { notifyUnit } from '../notifications/notifications.service.ts';
import { communityAndStreetOf, findPlacedUnit, type PlacedUnit, resolveRoute } from '../org/org.service.ts';
import { findOrCreateReporter } from '../people/people.service.ts';
import { DISPUTE_TYPE_LABELS } from './mediation.labels.ts';
import { MEDIATION_RECORD } from './mediation.policy.ts';
import { insertMediation, insertParty, nextNumber } from './mediation.repo.ts';
import type { OTHER_ROUTES } from './mediation.schema.ts';
import { appendEvent, invalidField } from './mediation-core.ts';
import { selectMyMediations } from './mediation-portal.repo.ts';
import type { MediationApplicationBody, MyMediation, MyMediationList } from './mediation-portal.schema.ts';

type Resident = Extract<Actor, { type: 'resident' }>;

/** Only a signed-in resident applies on the portal; staff register applications at the organisation. */
function requireResident(actor: Actor): Resident {
  if (actor.type !== 'resident') throw new AppError('access.denied');
  return actor;
}

/**
 * Which organisation takes a dispute: the district's joint centres take commercial and labour
 * disputes, the community's reconciliation room every other kind (the routes the taxonomy gives DI03
 * and LB02, and DI01/DI02).
 */
function routeOf(disputeType: MediationApplicationBody['disputeType']) {
  if (disputeType === 'commercial') return { scope: 'center', function: 'COMMERCIAL_MEDIATION' } as const;
  if (disputeType === 'labour') return { scope: 'center', function: 'LABOUR_MEDIATION' } as const;
  return { scope: 'community', function: 'MEDIATION' } as const;
}

/**
 * The application's text: what happened, then the other party as the resident described them. Their
 * phone stays out of the text (a party's phone is shown only to those whose role needs it).
 */
function factsOf(body: MediationApplicationBody): string {
  const other = body.otherParty;
  const about = [other.name, other.address ? `地址 ${other.address}` : null].filter(Boolean);
  return `${body.facts}\n\n对方当事人（申请人所述）：${about.join('；')}`;
}

/** `<district code>M<yyyy><6-digit sequence>`: the same numbering as applications made at a room. */
async function drawNumber(trx: Db, leadPath: string, now: string): Promise<string> {
  const district = await findPlacedUnit(trx, Number(leadPath.split('/').filter(Boolean)[0]));
  const year = localDateOf(now).slice(0, 4);
  const seq = await nextNumber(trx, district?.code ?? 'X', year);
  return `${district?.code ?? 'X'}M${year}${String(seq).padStart(6, '0')}`;
}

/**
 * A signed-in resident applies for mediation: the application becomes a mediation case in status
 * applied at the organisation that takes such disputes where the community is, with the resident
 * (from the Person register, found by their verified phone) as the applicant. The other party is
 * described in the facts as the resident knows them, and is a respondent (a Person found or
 * registered by phone) when the resident gave their phone. One transaction, history and audit.
 */
export async function applyForMediation(
  db: Db,
  ctx: AuditContext,
  body: MediationApplicationBody,
): Promise<number> {
  const resident = requireResident(ctx.actor);
  const community = await findPlacedUnit(db, body.communityId);
  if (!community || !community.active || community.kind !== 'community')
    throw invalidField('communityId', 'not_found', 'unit_not_found');
  const { street } = await communityAndStreetOf(db, community.path);
  const lead: PlacedUnit | null = await resolveRoute(db, routeOf(body.disputeType), {
    streetId: street?.id ?? null,
    communityId: community.id,
  });
  if (!lead) throw invalidField('communityId', 'invalid', 'not_mediation_unit');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const number = await drawNumber(trx, lead.path, now);
    const id = await insertMediation(trx, {
      number,
      lead_unit_id: lead.id,
      lead_unit_path: lead.path,
      source_case_id: null,
      channel: 'portal',
      dispute_type: body.disputeType,
      facts: factsOf(body),
      claims: body.claims,
      oral_application: 0,
      oral_record: null,
      street_id: street?.id ?? null,
      community_id: community.id,
      place_path: community.path,
      status: 'applied',
      refusal_reason: null,
      routes_told: null,
      outcome_note: null,
      accepted_at: null,
      due_at: null,
      outcome_at: null,
      // The resident who applied: how the portal finds their applications.
      registered_by: resident.userId,
      registered_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const applicant =
      resident.personId ??
      (await findOrCreateReporter(trx, ctx, { name: resident.name, phone: resident.phone }, community.id));
    // The other party becomes a party once there is a phone to find them by (the register's key).
    const other = body.otherParty;
    const respondent = other.phone
      ? await findOrCreateReporter(trx, ctx, { name: other.name, phone: other.phone }, community.id)
      : null;
    for (const [sort, party] of [
      { personId: applicant, role: 'applicant' as const },
      ...(respondent === null ? [] : [{ personId: respondent, role: 'respondent' as const }]),
    ].entries())
      await insertParty(trx, {
        mediation_case_id: id,
        person_id: party.personId,
        role: party.role,
        represents_id: null,
        agent_kind: null,
        relation: null,
        sex: null,
        age: null,
        ethnicity: null,
        occupation: null,
        sort,
      });
    const data = { number, channel: 'portal', oral: false };
    await appendEvent(
      trx,
      ctx.actor,
      { id, status: 'applied' },
      { changes: {}, event: { action: 'register', data } },
      now,
    );
    // The room's mediators hear of it in their inbox, with the application.
    await notifyUnit(
      trx,
      lead.id,
      'mediation.applied',
      null,
      { trackingNo: number, title: DISPUTE_TYPE_LABELS[body.disputeType]?.['zh-CN'] ?? body.disputeType },
      { roles: ['mediator'] },
    );
    await recordAudit(trx, ctx, {
      action: 'mediation.register',
      recordType: MEDIATION_RECORD,
      recordId: id,
      after: { number, status: 'applied', leadUnitId: lead.id, channel: 'portal' },
    });
    return id;
  });
}

function present(row: Awaited<ReturnType<typeof selectMyMediations>>[number]): MyMediation {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    disputeType: row.dispute_type,
    organisation: {
      id: row.lead_unit_id,
      code: row.lead_code,
      nameZh: row.lead_name_zh,
      nameEn: row.lead_name_en,
    },
    community:
      row.community_id === null || row.community_code === null
        ? null
        : {
            id: row.community_id,
            code: row.community_code,
            nameZh: row.community_name_zh ?? '',
            nameEn: row.community_name_en ?? '',
          },
    facts: row.facts,
    claims: row.claims,
    registeredAt: row.registered_at,
    acceptedAt: row.accepted_at,
    outcomeAt: row.outcome_at,
    refusalReason: row.refusal_reason,
    routesTold: row.routes_told ? (JSON.parse(row.routes_told) as (typeof OTHER_ROUTES)[number][]) : [],
  };
}

/** The signed-in resident's own applications, newest first. */
export async function listMyMediations(db: Db, actor: Actor): Promise<MyMediationList> {
  const resident = requireResident(actor);
  return { items: (await selectMyMediations(db, resident.userId)).map(present) };
}

/** One of the resident's own applications; anyone else's answers as missing. */
export async function getMyMediation(db: Db, actor: Actor, id: number): Promise<MyMediation> {
  const resident = requireResident(actor);
  const row = (await selectMyMediations(db, resident.userId, id))[0];
  if (!row) throw new AppError('record.not_found');
  return present(row);
}
