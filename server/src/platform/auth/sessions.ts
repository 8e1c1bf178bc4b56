import type { Db } from '../../db/database.ts';
import { type Actor, JURISDICTION_ROLES, type Role } from '../access.ts';
import { addMinutes, nowIso } from '../time.ts';
import { randomToken, sha256 } from './crypto.ts';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/** Only write last_seen_at when it is this stale, so reads stay reads. */
const TOUCH_AFTER_MS = 60_000;

/** Starts a session for a user; the token goes into the cookie, only its hash into the database. */
export async function createSession(
  db: Db,
  userId: number,
  meta: { ip: string | null; userAgent: string | null },
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: addMinutes(now, policy.maxHours * 60),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/** The live session behind a cookie token, or null when unknown, expired, idle too long or the user is inactive. */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const now = Date.now();
  const idleLimit = Date.parse(session.last_seen_at) + policy.idleMinutes * 60_000;
  if (Date.parse(session.expires_at) <= now || idleLimit <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const actor = await loadActor(db, session.user_id);
  if (!actor) return null;
  if (now - Date.parse(session.last_seen_at) > TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return { sessionId: id, csrfToken: session.csrf_token, actor };
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function destroyUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The actor a signed-in user acts as: staff with their roles (on active units), or a resident. */
export async function loadActor(db: Db, userId: number): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'display_name', 'phone', 'person_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) return null;
  if (user.kind === 'resident') {
    return {
      type: 'resident',
      userId: user.id,
      name: user.display_name,
      phone: user.phone ?? '',
      personId: user.person_id,
    };
  }
  const roles = await db
    .selectFrom('role_bindings as rb')
    .innerJoin('units as u', 'u.id', 'rb.unit_id')
    .select(['rb.role', 'rb.unit_id', 'u.path'])
    .where('rb.user_id', '=', userId)
    .where('u.active', '=', 1)
    .orderBy('rb.id')
    .execute();
  // Streets and districts above the bound units, deepest first: a grant's jurisdiction is the first
  // that holds it. Only the hotline and command roles need them, so most requests skip the query.
  const ancestorIds = [
    ...new Set(
      roles
        .filter((r) => JURISDICTION_ROLES.has(r.role as Role))
        .flatMap((r) => r.path.split('/').filter(Boolean).map(Number)),
    ),
  ];
  const jurisdictions =
    ancestorIds.length === 0
      ? []
      : (
          await db
            .selectFrom('units')
            .select(['path', 'depth'])
            .where('id', 'in', ancestorIds)
            .where('kind', 'in', ['district', 'street'])
            .orderBy('depth', 'desc')
            .execute()
        ).map((u) => u.path);
  return {
    type: 'staff',
    userId: user.id,
    name: user.display_name,
    roles: roles.map((r) => ({
      role: r.role as Role,
      unitId: r.unit_id,
      unitPath: r.path,
      jurisdictionPath: jurisdictions.find((j) => r.path.startsWith(j)) ?? r.path,
    })),
  };
}
