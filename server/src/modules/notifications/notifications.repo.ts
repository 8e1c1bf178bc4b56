import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, NotificationTable } from '../../db/types.ts';
import type { Role } from '../../platform/access.ts';

type Conn = Kysely<Database>;
export type NotificationRow = Selectable<NotificationTable>;

export async function insertNotifications(conn: Conn, rows: Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length > 0) await conn.insertInto('notifications').values(rows).execute();
}

/** Active staff holding one of the roles at exactly this unit (not below it). */
export async function findStaffBoundAt(
  conn: Conn,
  unitId: number,
  roles: readonly Role[],
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await conn
    .selectFrom('role_bindings as rb')
    .innerJoin('users as u', 'u.id', 'rb.user_id')
    .select('u.id')
    .distinct()
    .where('rb.unit_id', '=', unitId)
    .where('rb.role', 'in', roles)
    .where('u.kind', '=', 'staff')
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** One user's notifications, newest first, older than the keyset cursor. */
export async function listUserNotifications(
  conn: Conn,
  userId: number,
  filter: { unread?: boolean | undefined; after?: number | undefined; limit: number },
): Promise<NotificationRow[]> {
  let query = conn.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (filter.unread) query = query.where('read_at', 'is', null);
  if (filter.after) query = query.where('id', '<', filter.after);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function countUnread(conn: Conn, userId: number): Promise<number> {
  const row = await conn
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (keeping the first read time); undefined if not theirs. */
export async function markUserNotificationRead(
  conn: Conn,
  userId: number,
  id: number,
  at: string,
): Promise<NotificationRow | undefined> {
  await conn
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return conn
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markAllUserNotificationsRead(conn: Conn, userId: number, at: string): Promise<number> {
  const result = await conn
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
