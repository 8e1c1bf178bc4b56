import { allow } from '../../platform/access.ts';

/** A notification as the rules see it: whose inbox it is in. */
export interface NotificationResource {
  userId: number;
}

/** Staff hear about the cases of their units; residents, on the portal, about the cases they reported. */
allow<null>('notification.inbox', (actor) => actor.type === 'staff' || actor.type === 'resident');
/** A notification is seen and marked read only by the one it was written for. */
allow<NotificationResource>(
  'notification.read',
  (actor, n) => (actor.type === 'staff' || actor.type === 'resident') && actor.userId === n.userId,
);
