import { allow } from '../../platform/access.ts';

/** A notification as the rules see it: whose inbox it is in. */
export interface NotificationResource {
  userId: number;
}

/** The inbox is for staff; residents hear about their cases by SMS. */
allow<null>('notification.inbox', (actor) => actor.type === 'staff');
/** A notification is seen and marked read only by the one it was written for. */
allow<NotificationResource>(
  'notification.read',
  (actor, n) => actor.type === 'staff' && actor.userId === n.userId,
);
