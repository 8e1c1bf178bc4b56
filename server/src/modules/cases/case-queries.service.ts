import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { abilitiesOf, loadVisibleCase } from './case-core.ts';
import { CASE_RECORD } from './cases.policy.ts';
import { presentDetail, presentEvents } from './cases.present.ts';
import {
  listAttachments,
  listCallbacks,
  listEvents,
  listExtensions,
  listLinkedCases,
  selectCaseSummaries,
} from './cases.repo.ts';
import type { CaseDetail } from './cases.schema.ts';

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
      linked: await listLinkedCases(db, ctx.actor, row),
      abilities: abilitiesOf(ctx.actor, loaded),
      clock: { calendar: await getWorkCalendar(db), now: nowIso() },
    },
    ctx.actor,
  );
}

/** The case's full history, oldest first. */
export async function getCaseEvents(db: Db, viewer: Actor, id: number) {
  await loadVisibleCase(db, viewer, id);
  return { items: presentEvents(await listEvents(db, id)) };
}
