import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AssignmentState } from '../../db/types.ts';
import { type Actor, can, pathWithin, scopeOf } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { addLocalDays, startOfLocalDay } from '../../platform/time.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import { abilitiesOf, loadVisibleCase } from './case-core.ts';
import { CASE_RECORD, whereCaseVisibleTo } from './cases.policy.ts';
import { presentDetail, presentEvents, presentSummary } from './cases.present.ts';
import {
  listAttachments,
  listCallbacks,
  listEvents,
  listExtensions,
  selectCaseSummaries,
} from './cases.repo.ts';
import type { CaseDetail, CaseList, CaseListQuery } from './cases.schema.ts';

/** One case as the viewer may see it, with its assignments, extensions, callbacks and files; reads of sensitive cases are audited. */
export async function getCaseDetail(db: Db, ctx: AuditContext, id: number): Promise<CaseDetail> {
  const loaded = await loadVisibleCase(db, ctx.actor, id);
  const { row } = loaded;
  const summary = await selectCaseSummaries(db).where('c.id', '=', id).executeTakeFirstOrThrow();
  const reporter =
    row.reporter_id === null
      ? null
      : ((await db
          .selectFrom('persons')
          .select(['name', 'phone'])
          .where('id', '=', row.reporter_id)
          .executeTakeFirst()) ?? null);
  const others = await db
    .selectFrom('case_reporters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  if (row.sensitive === 1 && ctx.actor.type === 'staff') {
    await db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, ctx, { action: 'case.read_sensitive', recordType: CASE_RECORD, recordId: id }),
      );
  }
  return presentDetail(
    {
      summary,
      row,
      resource: loaded.resource,
      reporter,
      otherReporters: Number(others.n),
      assignments: loaded.all,
      extensions: await listExtensions(db, id),
      callbacks: await listCallbacks(db, id),
      attachments: await listAttachments(db, id),
      abilities: abilitiesOf(ctx.actor, loaded),
    },
    ctx.actor,
  );
}

/** The case's full history, oldest first. */
export async function getCaseEvents(db: Db, viewer: Actor, id: number) {
  await loadVisibleCase(db, viewer, id);
  return { items: presentEvents(await listEvents(db, id)) };
}

interface Cursor {
  v: string | null;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (typeof c.id === 'number' && (typeof c.v === 'string' || c.v === null)) return c;
  } catch {}
  throw new AppError('request.invalid', { fields: 'querystring.cursor' }, [
    { path: 'querystring.cursor', code: 'invalid', message: 'cursor', i18n: 'cursor' },
  ]);
}

/**
 * A worklist, a page at a time: every list is the viewer's visible cases (the read rule in SQL) narrowed
 * by the view — a unit's inbox, the triage queue, the callback queue, the supervisor's watch list,
 * my own registrations — and the filters. Keyset pagination on (sort value, id).
 */
export async function listCases(db: Db, viewer: Actor, query: CaseListQuery): Promise<CaseList> {
  if (viewer.type === 'anonymous' || viewer.type === 'system') throw new AppError('auth.required');
  let q = selectCaseSummaries(db).where(whereCaseVisibleTo(viewer));
  const now = new Date().toISOString();

  switch (query.view) {
    case 'inbox': {
      const scope = await inboxScope(db, viewer, query.unitId);
      const states: AssignmentState[] =
        (
          {
            to_sign: ['dispatched'],
            in_progress: ['accepted'],
            due_soon: ['dispatched', 'accepted'],
            overdue: ['dispatched', 'accepted'],
          } as Record<string, AssignmentState[]>
        )[query.tab ?? 'to_sign'] ?? [];
      // Driven from the few live assignments of the unit, not from the whole case table: being sent to
      // one's unit already passes the read rule (it needs handling reach, which the scope is).
      q = selectCaseSummaries(db).where((eb) =>
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('case_assignments as a')
            .select('a.case_id')
            .where(
              'a.state',
              'in',
              query.tab === undefined ? (['dispatched', 'accepted'] as AssignmentState[]) : states,
            )
            .where((e) => pathWithin(e, 'a.unit_path', scope)),
        ),
      );
      if (query.tab === 'due_soon') q = q.where('c.sla_state', '=', 'due_soon');
      if (query.tab === 'overdue') q = q.where('c.sla_state', '=', 'overdue');
      break;
    }
    case 'triage':
      if (scopeOf(viewer, 'case.dispatch').length === 0) throw new AppError('access.denied');
      q = q
        .where('c.status', '=', 'received')
        .where((eb) => pathWithin(eb, 'c.location_path', scopeOf(viewer, 'case.dispatch')));
      break;
    case 'callback':
      if (scopeOf(viewer, 'case.callback').length === 0) throw new AppError('access.denied');
      q = q.where('c.status', '=', 'resolved');
      break;
    case 'watch':
      if (scopeOf(viewer, 'case.supervise').length === 0) throw new AppError('access.denied');
      q = q
        .where('c.status', 'in', ['received', 'dispatched', 'accepted', 'resolved'])
        .where((eb) =>
          eb.or([eb('c.supervised', '=', 1), eb('c.sla_state', '!=', 'none'), eb('c.return_count', '>', 1)]),
        );
      break;
    case 'mine':
      q =
        viewer.type === 'resident'
          ? q.where('c.resident_user_id', '=', viewer.userId)
          : q.where('c.registered_by', '=', viewer.type === 'staff' ? viewer.userId : -1);
      break;
    default:
      break;
  }

  if (query.status?.length) q = q.where('c.status', 'in', query.status);
  if (query.category?.length) q = q.where('cat.code', 'in', query.category);
  if (query.channel?.length) q = q.where('c.channel', 'in', query.channel);
  if (query.streetId) q = q.where('c.street_id', '=', query.streetId);
  if (query.communityId) q = q.where('c.community_id', '=', query.communityId);
  if (query.from) q = q.where('c.registered_at', '>=', startOfLocalDay(query.from));
  if (query.to) q = q.where('c.registered_at', '<', startOfLocalDay(addLocalDays(query.to, 1)));
  if (query.overdue !== undefined) {
    q = query.overdue
      ? q.where('c.status', 'in', ['dispatched', 'accepted']).where('c.resolve_due_at', '<', now)
      : q.where((eb) => eb.or([eb('c.resolve_due_at', 'is', null), eb('c.resolve_due_at', '>=', now)]));
  }
  if (query.reporterPhone) {
    if (scopeOf(viewer, 'case.view_reporter').length === 0) throw new AppError('access.denied');
    const phone = query.reporterPhone;
    q = q.where((eb) =>
      eb.or([
        eb('c.reporter_id', 'in', eb.selectFrom('persons').select('id').where('phone', '=', phone)),
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('case_reporters as cr')
            .innerJoin('persons as p', 'p.id', 'cr.person_id')
            .select('cr.case_id')
            .where('p.phone', '=', phone),
        ),
      ]),
    );
  }

  const column = query.sort === 'due' ? 'c.resolve_due_at' : 'c.registered_at';
  const descending = query.sort === 'newest';
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    const op = descending ? '<' : '>';
    q = q.where((eb) =>
      cursor.v === null
        ? eb.and([eb(column, 'is', null), eb('c.id', op, cursor.id)])
        : eb.or([
            eb(column, op, cursor.v),
            eb.and([eb(column, '=', cursor.v), eb('c.id', op, cursor.id)]),
            ...(query.sort === 'due' ? [eb(column, 'is', null)] : []),
          ]),
    );
  }
  const direction = descending ? 'desc' : 'asc';
  // Cases without a deadline sort last when ordering by deadline, on both engines.
  if (query.sort === 'due') q = q.orderBy(sql`case when c.resolve_due_at is null then 1 else 0 end`);
  const rows = await q
    .orderBy(column, direction)
    .orderBy('c.id', direction)
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSummary),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ v: query.sort === 'due' ? last.resolve_due_at : last.registered_at, id: last.id })
        : null,
  };
}

/** The unit subtrees whose inbox the viewer reads: one unit they handle for, or all of them. */
async function inboxScope(db: Db, viewer: Actor, unitId: number | undefined): Promise<string[]> {
  const handle = scopeOf(viewer, 'case.handle');
  if (handle.length === 0) throw new AppError('access.denied');
  if (unitId === undefined) return handle;
  const unit = await findPlacedUnit(db, unitId);
  if (!unit || !can(viewer, 'case.handle', { unitPath: unit.path })) throw new AppError('record.not_found');
  return [unit.path];
}
