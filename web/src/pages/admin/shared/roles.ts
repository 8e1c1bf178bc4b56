import type { RoleName } from '../api.ts';

/** Every role, in the order the server lists them (most powerful first). */
export const ROLE_NAMES: readonly RoleName[] = [
  'admin',
  'leader',
  'supervisor',
  'agent',
  'dispatcher',
  'handler',
  'unit_head',
  'community_worker',
  'mediator',
  'social_worker',
  'employment_manager',
  'team_leader',
  'volunteer',
];

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
