import type { Db } from '../../db/database.ts';
import { type Actor, can } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { ENDED_STATUSES, loadVisibleCase } from './case-core.ts';
import { rateCase } from './case-followup.service.ts';
import { presentPublicCase } from './case-portal.present.ts';
import {
  findLastRatingBy,
  findOwnWords,
  findSummaryByTrackingNo,
  findVisibleIdByTrackingNo,
  listAttachmentsBy,
  listOwnCases,
  listStepEvents,
} from './case-portal.repo.ts';
import type { MyCase, MyCaseList, MyCaseListQuery, PublicCase } from './case-portal.schema.ts';
import { contactPreferenceOf } from './cases.present.ts';
import { selectCaseSummaries } from './cases.repo.ts';
import { CaseKind, Outcome, Rating, type RatingBody } from './cases.schema.ts';

/** Where a case is now, for anyone holding its tracking number: status, public steps, the handling unit; no personal data. */
export async function trackCase(db: Db, trackingNo: string): Promise<PublicCase> {
  const summary = await findSummaryByTrackingNo(db, trackingNo);
  if (!summary) throw new AppError('record.not_found');
  return presentPublicCase(summary, await listStepEvents(db, summary.id));
}

/** The portal's own pages are for residents; staff use the workbench. */
function requireResident(actor: Actor): Extract<Actor, { type: 'resident' }> {
  if (actor.type !== 'resident') throw new AppError('access.denied');
  return actor;
}

/** The signed-in resident's own requests, newest first, a page at a time. */
export async function listMyCases(db: Db, viewer: Actor, query: MyCaseListQuery): Promise<MyCaseList> {
  const resident = requireResident(viewer);
  const rows = await listOwnCases(db, resident, { limit: query.limit + 1, before: query.cursor });
  const page = rows.slice(0, query.limit);
  const own = await findOwnWords(
    db,
    page.map((r) => r.id),
    resident.userId,
  );
  return {
    items: page.map((r) => {
      const view = presentPublicCase(r, [], { showUnits: true });
      return {
        trackingNo: r.tracking_no,
        title: own.get(r.id)?.title ?? r.title,
        status: r.status,
        category: view.category,
        registeredAt: r.registered_at,
        handlingUnit: view.handlingUnit,
        awaitingRating: r.status === 'resolved',
      };
    }),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function ownCaseId(db: Db, resident: Actor, trackingNo: string): Promise<number> {
  const id = await findVisibleIdByTrackingNo(db, resident, trackingNo);
  if (id === null) throw new AppError('record.not_found');
  return id;
}

/** One of the signed-in resident's requests: what they told us, its steps, the result, their rating; anyone else's is not found. */
export async function getMyCase(db: Db, viewer: Actor, trackingNo: string): Promise<MyCase> {
  const resident = requireResident(viewer);
  const loaded = await loadVisibleCase(db, resident, await ownCaseId(db, resident, trackingNo));
  const { row } = loaded;
  const summary = await selectCaseSummaries(db).where('c.id', '=', row.id).executeTakeFirstOrThrow();
  const view = presentPublicCase(summary, await listStepEvents(db, row.id), { showUnits: true });
  const rating = await findLastRatingBy(db, row.id, resident.userId);
  const own = (await findOwnWords(db, [row.id], resident.userId)).get(row.id);
  const given = Rating.safeParse(rating?.rating);
  const outcome = Outcome.safeParse(row.outcome);
  const ref = (id: number | null, code: string | null, nameZh: string | null, nameEn: string | null) =>
    id === null || code === null ? null : { id, code, nameZh: nameZh ?? '', nameEn: nameEn ?? '' };
  return {
    ...view,
    id: row.id,
    version: row.version,
    kind: CaseKind.catch('help').parse(row.kind),
    // In the resident's own words: a case their report was merged into keeps the other reporter's.
    title: own?.title ?? row.title,
    description: own?.description ?? row.description,
    address: own ? own.address : row.address,
    street: ref(summary.street_id, summary.street_code, summary.street_name_zh, summary.street_name_en),
    community: ref(
      summary.community_id,
      summary.community_code,
      summary.community_name_zh,
      summary.community_name_en,
    ),
    anonymous: row.anonymous === 1,
    contactPreference: contactPreferenceOf(row),
    outcome: outcome.success ? outcome.data : null,
    resolution: outcome.success ? row.resolution : null,
    resolvedAt: outcome.success ? row.resolved_at : null,
    myRating:
      rating && given.success
        ? {
            rating: given.data,
            solved: rating.solved === 1,
            comment: rating.comment,
            at: rating.at,
            reopened: rating.reopened === 1,
          }
        : null,
    photos: (await listAttachmentsBy(db, row.id, resident.userId)).map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mimeType: f.mime_type,
      size: f.size,
      uploadedAt: f.uploaded_at,
    })),
    abilities: {
      rate: row.status === 'resolved' && can(resident, 'case.rate', loaded.resource),
      attach: !ENDED_STATUSES.has(row.status),
    },
  };
}

/** The resident rates their resolved request (see rateCase); answers with the request as it now is. */
export async function rateMyCase(
  db: Db,
  ctx: AuditContext,
  trackingNo: string,
  body: RatingBody,
): Promise<MyCase> {
  const resident = requireResident(ctx.actor);
  await rateCase(db, ctx, await ownCaseId(db, resident, trackingNo), body);
  return getMyCase(db, resident, trackingNo);
}
