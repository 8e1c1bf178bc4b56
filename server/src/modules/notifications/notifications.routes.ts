import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSignedIn } from '../../platform/http.ts';
import {
  MarkAllReadResult,
  NotificationList,
  NotificationListQuery,
  NotificationParams,
  NotificationView,
} from './notifications.schema.ts';
import { listInbox, markAllNotificationsRead, markNotificationRead } from './notifications.service.ts';

/** The inbox: what happened to the cases of one's units (staff) or to one's own reports (residents), in the reader's language. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['notifications'];

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) => listInbox(db, requireSignedIn(request), request.query, request.lang),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: NotificationParams,
        response: { 200: NotificationView },
      },
    },
    async (request) => markNotificationRead(db, requireSignedIn(request), request.params.id, request.lang),
  );

  app.post(
    '/read-all',
    {
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: MarkAllReadResult } },
    },
    async (request) => markAllNotificationsRead(db, requireSignedIn(request)),
  );
};
