import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';
import { type Actor, can, type Role } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { isValidMobile } from '../../platform/identity.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { nowIso } from '../../platform/time.ts';
import { SMS_SEND_JOB, type SmsSendPayload } from './notifications.jobs.ts';
import {
  type InboxKind,
  type MessageParams,
  type NotificationKind,
  type ReporterSmsKind,
  type ResidentNewsKind,
  renderNotification,
  renderReporterSms,
} from './notifications.messages.ts';
import './notifications.policy.ts';
import {
  countUnread,
  findStaffBoundAt,
  insertNotifications,
  listUserNotifications,
  markAllUserNotificationsRead,
  markUserNotificationRead,
  type NotificationRow,
} from './notifications.repo.ts';
import type {
  MarkAllReadResult,
  NotificationList,
  NotificationListQuery,
  NotificationView,
} from './notifications.schema.ts';

export type {
  InboxKind,
  MessageParams,
  NotificationKind,
  ReporterSmsKind,
  ResidentNewsKind,
} from './notifications.messages.ts';

/** The roles that hear about a unit's cases when no roles are named: everyone who handles or leads there. */
export const UNIT_NOTIFY_ROLES: readonly Role[] = [
  'handler',
  'unit_head',
  'dispatcher',
  'community_worker',
  'mediator',
  'social_worker',
  'employment_manager',
];

// Inbox rows are written straight into the caller's transaction rather than through a job: they
// are one INSERT, commit or vanish with the change, and the inbox is read from this same table.
// What leaves the database (SMS) goes through the job queue.

/** Puts one notification into each listed user's inbox, inside the caller's transaction (repeats ignored). */
export async function notifyUsers(
  trx: Transaction<Database>,
  userIds: number[],
  kind: InboxKind,
  caseId: number | null,
  params: MessageParams,
): Promise<void> {
  const createdAt = nowIso();
  const json = JSON.stringify(params);
  await insertNotifications(
    trx,
    [...new Set(userIds)].map((userId) => ({
      user_id: userId,
      kind,
      case_id: caseId,
      params: json,
      created_at: createdAt,
    })),
  );
}

/**
 * Notifies the active staff bound directly at the unit (not its sub-units) with one of the roles
 * (default UNIT_NOTIFY_ROLES), inside the caller's transaction.
 */
export async function notifyUnit(
  trx: Transaction<Database>,
  unitId: number,
  kind: NotificationKind,
  caseId: number | null,
  params: MessageParams,
  options: { roles?: Role[] } = {},
): Promise<void> {
  const userIds = await findStaffBoundAt(trx, unitId, options.roles ?? UNIT_NOTIFY_ROLES);
  await notifyUsers(trx, userIds, kind, caseId, params);
}

/**
 * Queues a Chinese SMS to a case's reporter, sent by the job worker once the caller's transaction
 * commits; does nothing when the reporter left no mobile number (a fixed line takes no SMS).
 */
export async function notifyReporter(
  trx: Transaction<Database>,
  message: { phone: string | null | undefined; kind: ReporterSmsKind; params: MessageParams },
): Promise<void> {
  if (!message.phone || !isValidMobile(message.phone)) return;
  const payload: SmsSendPayload = {
    phone: message.phone,
    kind: message.kind,
    text: renderReporterSms(message.kind, message.params, 'zh-CN'),
  };
  await enqueueJob(trx, SMS_SEND_JOB, payload);
}

/**
 * Puts news of their case into the portal inbox of the residents who reported it, inside the caller's
 * transaction: what their SMS says, kept where they can read it again (and where it reaches them even
 * when they asked not to be texted).
 */
export async function notifyResidents(
  trx: Transaction<Database>,
  userIds: number[],
  kind: ResidentNewsKind,
  caseId: number,
  params: MessageParams,
): Promise<void> {
  await notifyUsers(trx, userIds, kind, caseId, params);
}

/** The signed-in staff member or resident whose inbox this is; machine clients are refused. */
function inboxOwner(actor: Actor): number {
  if ((actor.type !== 'staff' && actor.type !== 'resident') || !can(actor, 'notification.inbox', null))
    throw new AppError('access.denied');
  return actor.userId;
}

function presentNotification(row: NotificationRow, lang: Lang): NotificationView {
  const params = parseParams(row.params);
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    message: renderNotification(row.kind, params, lang),
    params,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

function parseParams(json: string): MessageParams {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string | number] =>
        ['string', 'number'].includes(typeof e[1]),
      ),
    );
  } catch {
    return {};
  }
}

/** The viewer's own notifications, newest first, a page at a time, with the inbox's unread count. */
export async function listInbox(
  db: Db,
  viewer: Actor,
  query: NotificationListQuery,
  lang: Lang,
): Promise<NotificationList> {
  const userId = inboxOwner(viewer);
  const rows = await listUserNotifications(db, userId, {
    unread: query.unread,
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page
      .filter((row) => can(viewer, 'notification.read', { userId: row.user_id }))
      .map((row) => presentNotification(row, lang)),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    unreadCount: await countUnread(db, userId),
  };
}

/** Marks one of the viewer's notifications read (repeats keep the first time); anyone else's is not found. */
export async function markNotificationRead(
  db: Db,
  viewer: Actor,
  id: number,
  lang: Lang,
): Promise<NotificationView> {
  const userId = inboxOwner(viewer);
  const row = await markUserNotificationRead(db, userId, id, nowIso());
  if (!row || !can(viewer, 'notification.read', { userId: row.user_id }))
    throw new AppError('record.not_found');
  return presentNotification(row, lang);
}

/** Marks every unread notification of the viewer read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, viewer: Actor): Promise<MarkAllReadResult> {
  const userId = inboxOwner(viewer);
  return { marked: await markAllUserNotificationsRead(db, userId, nowIso()) };
}
