import type { Db } from '../../db/database.ts';
import type { MediationCaseTable } from '../../db/types.ts';
import { can } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf, nowIso } from '../../platform/time.ts';
import { findCaseForMediation, signCaseIn } from '../cases/case-mediation.service.ts';
import { communityAndStreetOf, findPlacedUnit, getUnit, type PlacedUnit } from '../org/org.service.ts';
import { createPersonIn, getPerson } from '../people/people.service.ts';
import { MEDIATION_RECORD } from './mediation.policy.ts';
import { insertMediation, insertParty, nextNumber } from './mediation.repo.ts';
import type { OpenFromCaseBody, PartyInput, RegisterMediationBody } from './mediation.schema.ts';
import { appendEvent, invalidField, type Trx } from './mediation-core.ts';

/** The functions of units that mediate: community rooms, joint and labour centres. */
export const MEDIATION_FUNCTIONS = new Set(['MEDIATION', 'LABOUR_MEDIATION', 'COMMERCIAL_MEDIATION']);

/** A unit that may lead or join a mediation: active, with a mediation function. */
export async function mediationUnit(
  db: Db,
  ctx: AuditContext,
  id: number,
  field: string,
): Promise<PlacedUnit> {
  const unit = await findPlacedUnit(db, id);
  if (!unit || !unit.active) throw invalidField(field, 'not_found', 'unit_not_found');
  const detail = await getUnit(db, ctx.actor, id).catch(() => null);
  if (!detail || !MEDIATION_FUNCTIONS.has(detail.function ?? ''))
    throw invalidField(field, 'invalid', 'not_mediation_unit');
  return unit;
}

/** Existing persons named as parties must be ones the actor may read; checked before the transaction. */
async function checkParties(db: Db, ctx: AuditContext, parties: PartyInput[]): Promise<void> {
  for (const [i, p] of parties.entries()) {
    if (p.represents !== undefined && (p.represents === i || parties[p.represents] === undefined))
      throw invalidField(`parties.${i}.represents`, 'invalid', 'party_index');
    if (p.personId !== undefined) {
      await getPerson(db, ctx, p.personId).catch(() => {
        throw invalidField(`parties.${i}.personId`, 'not_found', 'person_not_found');
      });
    }
  }
}

async function insertParties(
  trx: Trx,
  ctx: AuditContext,
  caseId: number,
  parties: PartyInput[],
  caseReporterId: number | null,
) {
  const ids: number[] = [];
  for (const [i, p] of parties.entries()) {
    if (p.caseReporter && caseReporterId === null)
      throw invalidField(`parties.${i}.caseReporter`, 'invalid', 'no_case_reporter');
    const personId =
      p.personId ??
      (p.caseReporter ? caseReporterId : null) ??
      (await createPersonIn(trx, ctx, { ...(p.person as NonNullable<typeof p.person>), confidential: false }))
        .id;
    ids.push(
      await insertParty(trx, {
        mediation_case_id: caseId,
        person_id: personId,
        role: p.role,
        // Agents are entered after the party they represent or before: resolved below once all exist.
        represents_id: null,
        agent_kind: p.role === 'agent' ? (p.agentKind ?? 'entrusted') : null,
        relation: p.relation ?? null,
        sex: p.sex ?? null,
        age: p.age ?? null,
        ethnicity: p.ethnicity ?? null,
        occupation: p.occupation ?? null,
        sort: i,
      }),
    );
  }
  for (const [i, p] of parties.entries()) {
    if (p.represents === undefined) continue;
    await trx
      .updateTable('mediation_parties')
      .set({ represents_id: ids[p.represents] })
      .where('id', '=', ids[i] as number)
      .execute();
  }
}

/** `<district code>M<yyyy><6-digit sequence>`, numbered per district and year. */
async function drawNumber(trx: Trx, leadPath: string, now: string): Promise<string> {
  const rootId = Number(leadPath.split('/').filter(Boolean)[0]);
  const district = await findPlacedUnit(trx, rootId);
  const code = district?.code ?? 'X';
  const year = localDateOf(now).slice(0, 4);
  const seq = await nextNumber(trx, code, year);
  return `${code}M${year}${String(seq).padStart(6, '0')}`;
}

type NewFields = Omit<
  MediationCaseTable,
  'id' | 'number' | 'status' | 'registered_at' | 'version' | 'created_at' | 'updated_at'
>;

async function createMediation(
  trx: Trx,
  ctx: AuditContext,
  fields: NewFields,
  parties: PartyInput[],
  event: { action: string; data: Record<string, unknown> },
  caseReporterId: number | null = null,
): Promise<number> {
  const now = nowIso();
  const number = await drawNumber(trx, fields.lead_unit_path, now);
  const id = await insertMediation(trx, {
    ...fields,
    number,
    status: 'applied',
    registered_at: now,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await insertParties(trx, ctx, id, parties, caseReporterId);
  const outcome = { changes: {}, event: { ...event, data: { number, ...event.data } } };
  await appendEvent(trx, ctx.actor, { id, status: 'applied' }, outcome, now);
  await recordAudit(trx, ctx, {
    action: `mediation.${event.action}`,
    recordType: MEDIATION_RECORD,
    recordId: id,
    after: { number, status: 'applied', leadUnitId: fields.lead_unit_id, ...event.data },
  });
  return id;
}

function staffId(ctx: AuditContext): number | null {
  return ctx.actor.type === 'staff' ? ctx.actor.userId : null;
}

/**
 * Opens a mediation from a dispute case (group DI, or LB02) that was sent to a mediation organisation:
 * the organisation leads the mediation, signs for the case if it had not yet, and the case stays
 * linked so the mediation's outcome resolves it.
 */
export async function openFromCase(db: Db, ctx: AuditContext, body: OpenFromCaseBody): Promise<number> {
  await checkParties(db, ctx, body.parties);
  return openFromCaseOnce(db, ctx, body).catch((error: unknown) => {
    // Two mediators opening one case at the same moment: the unique index lets one through.
    const code = String((error as { code?: unknown }).code);
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw invalidField('caseId', 'duplicate', 'case_already_mediated');
    throw error;
  });
}

async function openFromCaseOnce(db: Db, ctx: AuditContext, body: OpenFromCaseBody): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const source = await findCaseForMediation(trx, ctx.actor, body.caseId).catch(() => {
      throw invalidField('caseId', 'not_found', 'case_not_found');
    });
    if (source.groupCode !== 'DI' && source.categoryCode !== 'LB02')
      throw invalidField('caseId', 'invalid', 'not_dispute_case');
    if (source.leadUnitId === null || !['dispatched', 'accepted'].includes(source.status))
      throw invalidField('caseId', 'invalid', 'case_not_at_organisation');
    const lead = await mediationUnit(trx, ctx, source.leadUnitId, 'caseId');
    if (!can(ctx.actor, 'mediation.register', { unitPath: lead.path })) throw new AppError('access.denied');
    const existing = await trx
      .selectFrom('mediation_cases')
      .select('id')
      .where('source_case_id', '=', source.id)
      .where('status', 'not in', ['refused', 'withdrawn'])
      .executeTakeFirst();
    if (existing) throw invalidField('caseId', 'duplicate', 'case_already_mediated');
    // Opening the mediation is the organisation taking the case on: it signs for it now if it had not.
    if (source.status === 'dispatched') await signCaseIn(trx, ctx, source.id);
    const placePath = source.locationPath ?? lead.path;
    return createMediation(
      trx,
      ctx,
      {
        lead_unit_id: lead.id,
        lead_unit_path: lead.path,
        source_case_id: source.id,
        channel: 'case',
        dispute_type: body.disputeType,
        facts: body.facts ?? source.description,
        claims: body.claims,
        oral_application: 0,
        oral_record: null,
        street_id: source.streetId,
        community_id: source.communityId,
        place_path: placePath,
        refusal_reason: null,
        routes_told: null,
        outcome_note: null,
        accepted_at: null,
        due_at: null,
        outcome_at: null,
        registered_by: staffId(ctx),
      },
      body.parties,
      { action: 'open_from_case', data: { sourceCase: source.trackingNo } },
      source.reporterId,
    );
  });
}

/** Registers an application made at a mediation organisation (in person, orally recorded, or on the portal). */
export async function registerMediation(
  db: Db,
  ctx: AuditContext,
  body: RegisterMediationBody,
): Promise<number> {
  const lead = await mediationUnit(db, ctx, body.leadUnitId, 'leadUnitId');
  if (!can(ctx.actor, 'mediation.register', { unitPath: lead.path })) throw new AppError('access.denied');
  const place = body.placeUnitId === undefined ? null : await findPlacedUnit(db, body.placeUnitId);
  if (body.placeUnitId !== undefined && (!place || !place.active))
    throw invalidField('placeUnitId', 'not_found', 'unit_not_found');
  await checkParties(db, ctx, body.parties);
  const where = await communityAndStreetOf(db, place?.path ?? lead.path);
  const community = where.community ? await findPlacedUnit(db, where.community.id) : null;
  return db.transaction().execute((trx) =>
    createMediation(
      trx,
      ctx,
      {
        lead_unit_id: lead.id,
        lead_unit_path: lead.path,
        source_case_id: null,
        channel: body.channel,
        dispute_type: body.disputeType,
        facts: body.facts,
        claims: body.claims,
        oral_application: body.oralApplication ? 1 : 0,
        oral_record: body.oralApplication ? (body.oralRecord ?? null) : null,
        street_id: where.street?.id ?? null,
        community_id: where.community?.id ?? null,
        place_path: place?.path ?? community?.path ?? lead.path,
        refusal_reason: null,
        routes_told: null,
        outcome_note: null,
        accepted_at: null,
        due_at: null,
        outcome_at: null,
        registered_by: staffId(ctx),
      },
      body.parties,
      { action: 'register', data: { channel: body.channel, oral: body.oralApplication } },
    ),
  );
}
