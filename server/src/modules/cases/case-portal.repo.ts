import type { Actor } from '../../platform/access.ts';
import { whereCaseVisibleTo } from './cases.policy.ts';
import { type Executor, selectCaseSummaries } from './cases.repo.ts';

/** A case's summary row by its tracking number, whoever asks (the public view decides what to show). */
export function findSummaryByTrackingNo(db: Executor, trackingNo: string) {
  return selectCaseSummaries(db).where('c.tracking_no', '=', trackingNo).executeTakeFirst();
}

/** The id of the case with this tracking number, if the viewer may read it. */
export async function findVisibleIdByTrackingNo(
  db: Executor,
  viewer: Actor,
  trackingNo: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.tracking_no', '=', trackingNo)
    .where(whereCaseVisibleTo(viewer))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A case's history reduced to what a public step can be built from: never the actor, never the note.
 * Oldest first.
 */
export function listStepEvents(db: Executor, caseId: number) {
  return db
    .selectFrom('case_events as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'e.at',
      'e.action',
      'e.to_status',
      'e.data',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name_zh as unit_name_zh',
      'u.name_en as unit_name_en',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
}
export type StepEventRow = Awaited<ReturnType<typeof listStepEvents>>[number];

/** The viewer's own cases (the read rule in SQL, as every list), newest first, below the cursor id. */
export function listOwnCases(
  db: Executor,
  viewer: Actor,
  page: { limit: number; before?: number | undefined },
) {
  let q = selectCaseSummaries(db).where(whereCaseVisibleTo(viewer));
  if (page.before !== undefined) q = q.where('c.id', '<', page.before);
  return q.orderBy('c.id', 'desc').limit(page.limit).execute();
}

/** Files one user added to a case. */
export function listAttachmentsBy(db: Executor, caseId: number, userId: number) {
  return db
    .selectFrom('case_attachments')
    .select(['id', 'file_name', 'mime_type', 'size', 'uploaded_at'])
    .where('case_id', '=', caseId)
    .where('uploaded_by', '=', userId)
    .orderBy('id')
    .execute();
}

/** The latest answered callback one user gave on a case (a resident's own rating). */
export function findLastRatingBy(db: Executor, caseId: number, userId: number) {
  return db
    .selectFrom('case_callbacks')
    .select(['rating', 'solved', 'comment', 'at', 'reopened'])
    .where('case_id', '=', caseId)
    .where('by_user', '=', userId)
    .where('answered', '=', 1)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * What each of these cases says in the resident's own words: the title, description and address of
 * the case they themselves filed, which for a case their report was merged into is their merged
 * case, not the other reporter's (whose words and address are not theirs to read).
 */
export async function findOwnWords(db: Executor, caseIds: number[], userId: number) {
  if (caseIds.length === 0)
    return new Map<number, { title: string; description: string; address: string | null }>();
  const rows = await db
    .selectFrom('case_reporters as r')
    .innerJoin('cases as s', 's.id', 'r.source_case_id')
    .select(['r.case_id', 's.title', 's.description', 's.address'])
    .where('r.case_id', 'in', caseIds)
    .where('r.resident_user_id', '=', userId)
    .orderBy('r.id')
    .execute();
  const words = new Map<number, { title: string; description: string; address: string | null }>();
  for (const r of rows)
    if (!words.has(r.case_id))
      words.set(r.case_id, { title: r.title, description: r.description, address: r.address });
  return words;
}
