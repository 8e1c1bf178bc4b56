import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/types.ts';
import { type Actor, can, type Role, scopeOf } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/identity.ts';
import { nowIso } from '../../platform/time.ts';
import { hasRootScope } from './accounts.policy.ts';
import type { UserView } from './accounts.schema.ts';
import { findRoles, listStaff, type RoleRow, type UserFilter, visibleStaff } from './users.repo.ts';

export function presentUser(user: UserRow, roles: RoleRow[]): UserView {
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    displayName: user.display_name,
    phone: maskPhone(user.phone),
    active: user.active === 1,
    locked: user.locked_until != null && user.locked_until > nowIso(),
    lastLoginAt: user.last_login_at,
    roles: roles
      .filter((r) => r.user_id === user.id)
      .map((r) => ({
        id: r.id,
        role: r.role as Role,
        unit: { id: r.unit_id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en },
      })),
    version: user.version,
  };
}

/** The signed-in user as they see themselves (their own phone unmasked). */
export async function describeSelf(db: Db, userId: number): Promise<UserView> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const view = presentUser(user, await findRoles(db, [userId]));
  return { ...view, phone: user.phone };
}

/** Staff accounts the viewer may see, a page at a time (keyset on id). */
export async function listUsers(db: Db, viewer: Actor, filter: Omit<UserFilter, 'now'>) {
  const scope = scopeOf(viewer, 'user.read');
  if (scope.length === 0) throw new AppError('access.denied');
  const rows = await listStaff(db, scope, hasRootScope(viewer, 'user.read'), {
    ...filter,
    now: nowIso(),
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const roles = await findRoles(
    db,
    page.map((u) => u.id),
  );
  return {
    items: page.map((u) => presentUser(u, roles)),
    nextAfter: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One staff account, or not-found when it does not exist or lies outside the viewer's scope. */
export async function getUser(db: Db, viewer: Actor, id: number): Promise<UserView> {
  const { user, roles } = await loadVisibleUser(db, viewer, id);
  return presentUser(user, roles);
}

async function loadVisibleUser(
  db: Db,
  viewer: Actor,
  id: number,
): Promise<{ user: UserRow; roles: RoleRow[] }> {
  const scope = scopeOf(viewer, 'user.read');
  const user = await visibleStaff(db, scope, hasRootScope(viewer, 'user.read'))
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!user) throw new AppError('record.not_found');
  return { user, roles: await findRoles(db, [id]) };
}

async function requireManageable(db: Db, viewer: Actor, id: number): Promise<UserView> {
  const { user, roles } = await loadVisibleUser(db, viewer, id);
  if (!can(viewer, 'user.manage', { unitPaths: roles.map((r) => r.path) }))
    throw new AppError('access.denied');
  return presentUser(user, roles);
}

async function unitForGrant(db: Db, viewer: Actor, unitId: number): Promise<void> {
  const unit = await db
    .selectFrom('units')
    .select(['path', 'active'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit || unit.active !== 1) {
    throw new AppError('request.invalid', { fields: 'unitId' }, [
      { path: 'body.roles.unitId', code: 'not_found', message: 'unit' },
    ]);
  }
  if (!can(viewer, 'user.grant_role', { unitPath: unit.path })) throw new AppError('access.denied');
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: { role: Role; unitId: number }[];
}

/** Creates a staff account with its roles; the creator must manage accounts at every role's unit. */
export async function createUser(db: Db, ctx: AuditContext, input: CreateUserInput): Promise<UserView> {
  for (const r of input.roles) await unitForGrant(db, ctx.actor, r.unitId);
  const id = await provisionUser(db, ctx, input);
  return getUser(db, ctx.actor, id);
}

/**
 * Creates a staff account without asking who may: for the operator's CLI, which acts with the
 * authority of whoever runs commands on the server. Audited all the same.
 */
export async function provisionUser(db: Db, ctx: AuditContext, input: CreateUserInput): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('record.duplicate', { field: 'username' });
    const user = await trx
      .insertInto('users')
      .values({
        kind: 'staff',
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        active: 1,
        failed_logins: 0,
        is_demo: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unique = [...new Map(input.roles.map((r) => [`${r.role}@${r.unitId}`, r])).values()];
    for (const r of unique) {
      await trx
        .insertInto('role_bindings')
        .values({ user_id: user.id, role: r.role, unit_id: r.unitId, created_at: now })
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'user.create',
      recordType: 'user',
      recordId: user.id,
      after: { username: input.username, displayName: input.displayName, roles: unique },
    });
    return user.id;
  });
}

/** Renames, deactivates or reactivates an account; the version guards against lost updates. */
export async function updateUser(
  db: Db,
  ctx: AuditContext,
  id: number,
  input: { version: number; displayName?: string | undefined; active?: boolean | undefined },
): Promise<UserView> {
  const before = await requireManageable(db, ctx.actor, id);
  await db.transaction().execute(async (trx) => {
    const changes: { display_name?: string; active?: number } = {};
    if (input.displayName !== undefined) changes.display_name = input.displayName;
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    const res = await trx
      .updateTable('users')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: nowIso() }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('record.conflict');
    if (input.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'user.update',
      recordType: 'user',
      recordId: id,
      before: { displayName: before.displayName, active: before.active },
      after: { displayName: input.displayName ?? before.displayName, active: input.active ?? before.active },
    });
  });
  return getUser(db, ctx.actor, id);
}

export async function addRole(
  db: Db,
  ctx: AuditContext,
  id: number,
  role: Role,
  unitId: number,
): Promise<UserView> {
  await requireManageable(db, ctx.actor, id);
  await unitForGrant(db, ctx.actor, unitId);
  await db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('role_bindings')
      .select('id')
      .where('user_id', '=', id)
      .where('role', '=', role)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (exists) return;
    const binding = await trx
      .insertInto('role_bindings')
      .values({ user_id: id, role, unit_id: unitId, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'user.role_add',
      recordType: 'user',
      recordId: id,
      after: { bindingId: binding.id, role, unitId },
    });
  });
  return getUser(db, ctx.actor, id);
}

export async function removeRole(
  db: Db,
  ctx: AuditContext,
  id: number,
  bindingId: number,
): Promise<UserView> {
  const user = await requireManageable(db, ctx.actor, id);
  const binding = user.roles.find((r) => r.id === bindingId);
  if (!binding) throw new AppError('record.not_found');
  await unitForGrant(db, ctx.actor, binding.unit.id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('role_bindings').where('id', '=', bindingId).where('user_id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'user.role_remove',
      recordType: 'user',
      recordId: id,
      before: { bindingId, role: binding.role, unitId: binding.unit.id },
    });
  });
  return getUser(db, ctx.actor, id);
}

/** Sets a new password, lifts any lockout and signs the account out everywhere. */
export async function resetPassword(
  db: Db,
  ctx: AuditContext,
  id: number,
  password: string,
): Promise<UserView> {
  await requireManageable(db, ctx.actor, id);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        failed_logins: 0,
        locked_until: null,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
      }))
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'user.password_reset', recordType: 'user', recordId: id });
  });
  return getUser(db, ctx.actor, id);
}

export async function unlockUser(db: Db, ctx: AuditContext, id: number): Promise<UserView> {
  await requireManageable(db, ctx.actor, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'user.unlock', recordType: 'user', recordId: id });
  });
  return getUser(db, ctx.actor, id);
}
