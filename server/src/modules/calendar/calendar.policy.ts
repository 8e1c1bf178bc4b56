import { allow, scopeOf } from '../../platform/access.ts';

/** The record type of calendar changes in the audit log: a year's schedule, or the working hours. */
export const CALENDAR_YEAR_RECORD = 'calendar_year';
export const SETTING_RECORD = 'setting';

// Every member of staff works to the same deadlines, so anyone on the staff may see the calendar.
allow<null>('calendar.read', (actor) => actor.type === 'staff' || actor.type === 'system');

// The calendar is one for the whole installation, so holding `calendar.manage` anywhere is enough;
// the operator's CLI acts with the server's own authority (actor type system).
allow<null>(
  'calendar.manage',
  (actor) => actor.type === 'system' || scopeOf(actor, 'calendar.manage').length > 0,
);
