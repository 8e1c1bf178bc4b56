import type { ReadStream } from 'node:fs';
import type { Db } from '../../db/database.ts';
import { actorLabel, can } from '../../platform/access.ts';
import { openAttachment, type StoredFile } from '../../platform/attachments.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { actOnCase, ENDED_STATUSES, invalidState, loadVisibleCase } from './case-core.ts';

/** May the actor add files: staff who may annotate it, or the resident who reported it. */
function mayAttach(
  ctx: AuditContext,
  resource: Parameters<typeof can>[2] & { residentUserIds: number[] },
): boolean {
  const { actor } = ctx;
  if (actor.type === 'resident') return resource.residentUserIds.includes(actor.userId);
  return can(actor, 'case.note', resource);
}

/** Records already-stored files on an open case, with one history entry naming them. */
export async function attachFiles(
  db: Db,
  ctx: AuditContext,
  id: number,
  files: Array<StoredFile & { fileName: string }>,
): Promise<void> {
  await actOnCase(db, ctx, id, undefined, async (trx, loaded, now) => {
    if (!mayAttach(ctx, loaded.resource)) throw new AppError('access.denied');
    if (ENDED_STATUSES.has(loaded.row.status)) throw invalidState(loaded.row.status, 'attach');
    for (const f of files) {
      await trx
        .insertInto('case_attachments')
        .values({
          case_id: id,
          sha256: f.sha256,
          file_name: f.fileName,
          mime_type: f.mimeType,
          size: f.size,
          uploaded_by: ctx.actor.type === 'staff' || ctx.actor.type === 'resident' ? ctx.actor.userId : null,
          uploaded_label: actorLabel(ctx.actor),
          uploaded_at: now,
        })
        .execute();
    }
    return {
      changes: {},
      event: {
        action: 'attach',
        data: { files: files.map((f) => ({ name: f.fileName, sha256: f.sha256 })) },
      },
    };
  });
}

/** One attachment's content, when the viewer may read its case. */
export async function readAttachment(
  db: Db,
  ctx: AuditContext,
  dataDir: string,
  caseId: number,
  attachmentId: number,
): Promise<{ stream: ReadStream; fileName: string; mimeType: string; size: number }> {
  await loadVisibleCase(db, ctx.actor, caseId);
  const row = await db
    .selectFrom('case_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const stream = row ? openAttachment(dataDir, row.sha256) : null;
  if (!row || !stream) throw new AppError('record.not_found');
  return { stream, fileName: row.file_name, mimeType: row.mime_type, size: row.size };
}
