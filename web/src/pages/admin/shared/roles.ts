import type { RoleName } from '../api.ts';

/** Every role, in the order the server lists them (most powerful first); a role the server adds
 * and this list lacks fails the type check. */
const ROLE_ORDER: Record<RoleName, number> = {
  admin: 0,
  leader: 1,
  supervisor: 2,
  agent: 3,
  dispatcher: 4,
  handler: 5,
  unit_head: 6,
  community_worker: 7,
  mediator: 8,
  social_worker: 9,
  employment_manager: 10,
  team_leader: 11,
  volunteer: 12,
};

export const ROLE_NAMES: readonly RoleName[] = (Object.keys(ROLE_ORDER) as RoleName[]).sort(
  (a, b) => ROLE_ORDER[a] - ROLE_ORDER[b],
);

/**
 * Roles that reach their unit's whole street or district rather than only the unit's subtree (a
 * help-line centre or command centre sits beside the streets it serves): see the server's access.ts.
 */
export const JURISDICTION_ROLES: ReadonlySet<RoleName> = new Set<RoleName>([
  'agent',
  'dispatcher',
  'supervisor',
  'leader',
]);
