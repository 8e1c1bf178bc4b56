import type { Db } from '../../db/database.ts';
import type { MediationAgreementRow, MediationAgreementTable } from '../../db/types.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { addLocalDays, localDateOf } from '../../platform/time.ts';
import { insertAgreement, insertFollowup, updateAgreement, updateFollowup } from './mediation.repo.ts';
import type {
  AgreementBody,
  AgreementUpdateBody,
  ConfirmationBody,
  FollowupBody,
  SignBody,
} from './mediation.schema.ts';
import { actOnMediation, invalidField, invalidState, requireHandler, type Trx } from './mediation-core.ts';

/** 人民调解法 第三十三条: the parties may apply for judicial confirmation within 30 days of the agreement taking effect. */
export const CONFIRMATION_WINDOW_DAYS = 30;
/** Days before the window closes when the lead mediator is reminded. */
export const CONFIRMATION_REMINDER_DAYS = [7, 2] as const;

const WHILE_MEDIATING = new Set(['accepted', 'in_progress', 'agreed']);

async function findAgreement(trx: Trx, caseId: number, agreementId: number): Promise<MediationAgreementRow> {
  const row = await trx
    .selectFrom('mediation_agreements')
    .selectAll()
    .where('id', '=', agreementId)
    .where('mediation_case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('record.not_found');
  return row;
}

function staffId(ctx: AuditContext): number | null {
  return ctx.actor.type === 'staff' ? ctx.actor.userId : null;
}

/** Drafts an agreement, possibly one that will supersede a signed one once it is signed itself. */
export async function createAgreement(
  db: Db,
  ctx: AuditContext,
  id: number,
  body: AgreementBody,
): Promise<number> {
  let agreementId = 0;
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const { row } = loaded;
    if (!WHILE_MEDIATING.has(row.status)) throw invalidState(row.status, 'agreement');
    if (body.supersedesId !== undefined) {
      const old = await findAgreement(trx, id, body.supersedesId).catch(() => {
        throw invalidField('supersedesId', 'not_found', 'agreement_not_signed');
      });
      if (old.status !== 'signed') throw invalidField('supersedesId', 'invalid', 'agreement_not_signed');
    }
    // One agreement in force or in the making at a time: a second draft beside a draft, or a new one
    // beside a signed agreement it does not supersede, would leave the parties two to perform.
    const live = await trx
      .selectFrom('mediation_agreements')
      .select(['id', 'status'])
      .where('mediation_case_id', '=', id)
      .where('status', 'in', ['draft', 'signed'])
      .execute();
    if (live.some((a) => a.status === 'draft'))
      throw invalidField('supersedesId', 'conflict', 'agreement_draft_open');
    const signed = live.find((a) => a.status === 'signed');
    if (signed && body.supersedesId !== signed.id)
      throw invalidField('supersedesId', 'required', 'agreement_supersede_signed');
    const last = await trx
      .selectFrom('mediation_agreements')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('mediation_case_id', '=', id)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    agreementId = await insertAgreement(trx, {
      mediation_case_id: id,
      seq,
      form: body.form,
      status: 'draft',
      facts: body.facts,
      issues: JSON.stringify(body.issues),
      responsibilities: JSON.stringify(body.responsibilities),
      terms: JSON.stringify(body.terms),
      performance_method: body.performanceMethod,
      performance_due_on: body.performanceDueOn,
      concluded_on: body.concludedOn,
      place: body.place ?? null,
      supersedes_id: body.supersedesId ?? null,
      superseded_by_id: null,
      signed_at: null,
      signed_by: null,
      confirmation_due_on: null,
      confirmation_reminded_7: 0,
      confirmation_reminded_2: 0,
      confirmation_applied_at: null,
      court_name: null,
      court_answer: null,
      court_answered_at: null,
      court_reference: null,
      court_note: null,
      created_by: staffId(ctx),
      created_at: now,
      updated_at: now,
    });
    return {
      changes: {},
      event: {
        action: 'agreement_draft',
        data: { agreementId, seq, form: body.form, supersedesId: body.supersedesId ?? null },
      },
    };
  });
  return agreementId;
}

/** Edits a draft; a signed agreement never changes (a change is a new agreement superseding it). */
export async function updateAgreementDraft(
  db: Db,
  ctx: AuditContext,
  id: number,
  agreementId: number,
  body: AgreementUpdateBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const agreement = await findAgreement(trx, id, agreementId);
    if (agreement.status !== 'draft') throw new AppError('mediation.agreement_signed');
    if (!WHILE_MEDIATING.has(loaded.row.status)) throw invalidState(loaded.row.status, 'agreement');
    const changes: Partial<MediationAgreementTable> = { updated_at: now };
    if (body.form !== undefined) changes.form = body.form;
    if (body.facts !== undefined) changes.facts = body.facts;
    if (body.issues !== undefined) changes.issues = JSON.stringify(body.issues);
    if (body.responsibilities !== undefined) changes.responsibilities = JSON.stringify(body.responsibilities);
    if (body.terms !== undefined) changes.terms = JSON.stringify(body.terms);
    if (body.performanceMethod !== undefined) changes.performance_method = body.performanceMethod;
    if (body.performanceDueOn !== undefined) changes.performance_due_on = body.performanceDueOn;
    if (body.concludedOn !== undefined) changes.concluded_on = body.concludedOn;
    if (body.place !== undefined) changes.place = body.place;
    await updateAgreement(trx, agreementId, changes);
    return {
      changes: {},
      event: {
        action: 'agreement_edit',
        data: { agreementId, fields: Object.keys(changes).filter((k) => k !== 'updated_at') },
      },
    };
  });
}

/**
 * The parties and mediators sign (or, for an oral agreement, confirm) a draft: it is fixed from now
 * on, the 30-day judicial-confirmation window opens, performance follow-ups are scheduled, and an
 * agreement it supersedes is marked so.
 */
export async function signAgreement(
  db: Db,
  ctx: AuditContext,
  id: number,
  agreementId: number,
  body: SignBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    if (!WHILE_MEDIATING.has(loaded.row.status)) throw invalidState(loaded.row.status, 'agreement');
    const agreement = await findAgreement(trx, id, agreementId);
    if (agreement.status !== 'draft') throw new AppError('mediation.agreement_signed');
    const signedOn = localDateOf(now);
    const confirmationDueOn = addLocalDays(signedOn, CONFIRMATION_WINDOW_DAYS);
    await updateAgreement(trx, agreementId, {
      status: 'signed',
      signed_at: now,
      signed_by: staffId(ctx),
      confirmation_due_on: confirmationDueOn,
      updated_at: now,
    });
    if (agreement.supersedes_id !== null) {
      const old = await findAgreement(trx, id, agreement.supersedes_id);
      if (old.status !== 'signed') throw invalidField('supersedesId', 'invalid', 'agreement_not_signed');
      await updateAgreement(trx, old.id, {
        status: 'superseded',
        superseded_by_id: agreementId,
        updated_at: now,
      });
    }
    // Performance is checked by the deadline at least, even when nobody scheduled a follow-up.
    const followups = body.followups.length
      ? body.followups
      : [{ dueOn: agreement.performance_due_on, what: '核实协议履行情况' }];
    for (const f of followups)
      await insertFollowup(trx, {
        mediation_case_id: id,
        agreement_id: agreementId,
        due_on: f.dueOn,
        what: f.what,
        reminded_at: null,
        done_at: null,
        done_by: null,
        method: null,
        result: null,
        result_note: null,
        created_at: now,
      });
    return {
      changes: {},
      event: {
        action: 'agreement_sign',
        data: {
          agreementId,
          form: agreement.form,
          confirmationDueOn,
          supersedes: agreement.supersedes_id,
          followups: followups.map((f) => f.dueOn),
        },
      },
    };
  });
}

/** Records a performance follow-up: how it was checked and whether the terms were performed. */
export async function recordFollowup(
  db: Db,
  ctx: AuditContext,
  id: number,
  followupId: number,
  body: FollowupBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const followup = await trx
      .selectFrom('mediation_followups')
      .selectAll()
      .where('id', '=', followupId)
      .where('mediation_case_id', '=', id)
      .executeTakeFirst();
    if (!followup) throw new AppError('record.not_found');
    if (followup.done_at !== null) throw invalidState(loaded.row.status, 'followup');
    await updateFollowup(trx, followupId, {
      done_at: now,
      done_by: staffId(ctx),
      method: body.method,
      result: body.result,
      result_note: body.note,
    });
    return {
      changes: {},
      event: { action: 'followup', note: body.note, data: { followupId, result: body.result } },
    };
  });
}

/** Records the application for judicial confirmation of a signed agreement and, when known, the court's answer. */
export async function recordConfirmation(
  db: Db,
  ctx: AuditContext,
  id: number,
  agreementId: number,
  body: ConfirmationBody,
): Promise<void> {
  await actOnMediation(db, ctx, id, body.version, async (trx, loaded, now) => {
    requireHandler(ctx.actor, loaded);
    const agreement = await findAgreement(trx, id, agreementId);
    if (agreement.status !== 'signed') throw invalidState(loaded.row.status, 'confirmation');
    await updateAgreement(trx, agreementId, {
      confirmation_applied_at: body.appliedAt,
      court_name: body.court,
      court_answer: body.answer ?? null,
      court_answered_at: body.answeredAt ?? null,
      court_reference: body.reference ?? null,
      court_note: body.note ?? null,
      updated_at: now,
    });
    return {
      changes: {},
      event: {
        action: 'confirmation',
        note: body.note ?? null,
        data: { agreementId, court: body.court, answer: body.answer ?? 'pending' },
      },
    };
  });
}
