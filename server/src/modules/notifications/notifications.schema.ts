import { z } from 'zod';

export const NotificationListQuery = z.object({
  /** Only notifications not yet read. */
  unread: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Keyset cursor: the `nextAfter` of the previous page (newest first, so older than this id). */
  after: z.coerce.number().int().positive().optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationParams = z.object({ id: z.coerce.number().int().positive() });

export const NotificationView = z.object({
  id: z.number(),
  kind: z.string(),
  caseId: z.number().nullable(),
  /** The notification as one sentence in the request's language. */
  message: z.string(),
  /** What the message was formatted from (trackingNo, title, …), for links and custom display. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.object({
  items: z.array(NotificationView),
  nextAfter: z.number().nullable(),
  /** Unread notifications in the whole inbox, whatever the filter and page. */
  unreadCount: z.number(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkAllReadResult = z.object({ marked: z.number() });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResult>;
