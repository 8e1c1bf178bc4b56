import { type Actor, allow, reaches, scopeOf } from '../../platform/access.ts';

/** A staff account as policies see it: the paths of the units its roles are bound to. */
export interface UserResource {
  unitPaths: string[];
}

/** Root-level scope (the whole district): the only scope that reaches accounts holding no role. */
export function hasRootScope(actor: Actor, action: string): boolean {
  return scopeOf(actor, action).some((p) => p.split('/').length === 3);
}

function reachesUser(actor: Actor, action: string, user: UserResource): boolean {
  if (user.unitPaths.length === 0) return hasRootScope(actor, action);
  return user.unitPaths.some((p) => reaches(actor, action, p));
}

allow<UserResource>('user.read', (actor, user) => reachesUser(actor, 'user.read', user));
allow<UserResource>('user.manage', (actor, user) => reachesUser(actor, 'user.manage', user));
/** Binding a role at a unit: the actor must manage accounts at that unit. */
allow<{ unitPath: string }>('user.grant_role', (actor, unit) => reaches(actor, 'user.manage', unit.unitPath));
allow<{ unitPath: string }>('apikey.manage', (actor, key) => reaches(actor, 'apikey.manage', key.unitPath));
