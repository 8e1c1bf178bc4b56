import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A role held at a unit. Most roles reach that unit's subtree; the roles in JURISDICTION_ROLES reach
 * the whole jurisdiction (the nearest street or district at or above the unit), because a help-line
 * centre or a command centre sits beside the streets it serves, not above them.
 */
export interface RoleGrant {
  role: Role;
  unitId: number;
  unitPath: string;
  /** Path of the nearest street or district at or above the unit (the unit's own path if none). */
  jurisdictionPath?: string;
}

/** Roles whose reach is their unit's jurisdiction rather than its subtree. */
export const JURISDICTION_ROLES: ReadonlySet<Role> = new Set<Role>([
  'agent',
  'dispatcher',
  'supervisor',
  'leader',
]);

/** The subtree a grant reaches: its jurisdiction for hotline and command roles, its unit otherwise. */
export function grantReach(grant: RoleGrant): string {
  return JURISDICTION_ROLES.has(grant.role) ? (grant.jurisdictionPath ?? grant.unitPath) : grant.unitPath;
}

export type Actor =
  | { type: 'staff'; userId: number; name: string; roles: RoleGrant[] }
  | { type: 'resident'; userId: number; name: string; phone: string; personId: number | null }
  | { type: 'apikey'; keyId: number; name: string; unitId: number; unitPath: string }
  | { type: 'system'; name: string }
  | { type: 'anonymous' };

/** Mediators, social workers and employment managers: they keep their own clients' files whole. */
const SPECIALIST_ACTIONS = [
  'org.read',
  'person.read',
  'person.manage',
  'person.view_phone',
  'person.view_id_number',
  'case.read',
  'case.handle',
  'case.note',
  'case.view_reporter',
] as const;

/**
 * What each role may do, and therefore which actions reach which subtree. A policy rule asks
 * `reaches(actor, action, unitPath)`; a list asks `scopeOf(actor, action)`: both read this table,
 * so a list and a read of one record can never disagree.
 */
const ROLE_ACTIONS: Record<Role, readonly string[]> = {
  admin: [
    'org.read',
    'org.manage',
    'user.read',
    'user.manage',
    'apikey.manage',
    'audit.read',
    'person.read',
    'person.manage',
    'person.grant',
    'category.manage',
    'calendar.manage',
    'case.read',
    'figures.read',
    'mediation.read',
    'mediation.manage_mediators',
  ],
  leader: ['org.read', 'user.read', 'person.read', 'case.read', 'figures.read', 'mediation.read'],
  supervisor: [
    'org.read',
    'user.read',
    'person.read',
    'audit.read',
    'case.read',
    'case.supervise',
    'figures.read',
    'mediation.read',
  ],
  agent: [
    'org.read',
    'person.read',
    'person.manage',
    'person.view_phone',
    'case.register',
    'case.read',
    'case.answer',
    'case.callback',
    'case.withdraw',
    'case.note',
    'case.view_reporter',
  ],
  dispatcher: [
    'org.read',
    'user.read',
    'person.read',
    'case.register',
    'case.read',
    'case.dispatch',
    'case.decide_extension',
    'case.merge',
    'case.callback',
    'case.withdraw',
    'case.note',
    'case.view_reporter',
    'figures.read',
  ],
  handler: [
    'org.read',
    'person.read',
    'person.view_phone',
    'case.read',
    'case.handle',
    'case.note',
    'case.view_reporter',
  ],
  unit_head: [
    'org.read',
    'user.read',
    'person.read',
    'person.view_phone',
    'case.read',
    'case.handle',
    'case.note',
    'case.view_reporter',
    'figures.read',
    'mediation.read',
    'mediation.manage_mediators',
  ],
  community_worker: [
    'org.read',
    'person.read',
    'person.manage',
    'person.view_phone',
    'case.register',
    'case.read',
    'case.handle',
    'case.note',
    'case.view_reporter',
  ],
  // Mediators read, register and handle the mediation cases of the organisation they work at.
  mediator: [...SPECIALIST_ACTIONS, 'mediation.read', 'mediation.register', 'mediation.handle'],
  social_worker: SPECIALIST_ACTIONS,
  employment_manager: SPECIALIST_ACTIONS,
  team_leader: ['org.read', 'person.read', 'case.register'],
  volunteer: ['org.read', 'case.register'],
};

export function roleActions(role: Role): readonly string[] {
  return ROLE_ACTIONS[role];
}

/** The unit subtrees (path prefixes) in which the actor may perform the action; empty = nowhere. */
export function scopeOf(actor: Actor, action: string): string[] {
  if (actor.type !== 'staff') return [];
  const paths = actor.roles.filter((g) => ROLE_ACTIONS[g.role].includes(action)).map(grantReach);
  // Drop paths already covered by a shorter one, so queries stay small.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** True when one of the actor's roles grants the action at a unit whose subtree holds unitPath. */
export function reaches(actor: Actor, action: string, unitPath: string): boolean {
  return scopeOf(actor, action).some((prefix) => unitPath.startsWith(prefix));
}

/** SQL condition: the path column lies inside one of the scope's subtrees (false for an empty scope). */
export function pathWithin<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scope: string[],
): Expression<SqlBool> {
  if (scope.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(
    scope.map((prefix) => sql<SqlBool>`${sql.ref(column)} like ${`${escapeLike(prefix)}%`} escape '\\'`),
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Rule<R> = (actor: Actor, resource: R) => boolean;
const registry = new Map<string, Rule<never>>();

/**
 * Registers who may perform `action` on a resource. Each module declares its rules in its
 * `<domain>.policy.ts`; an action with no rule is denied to everyone.
 */
export function allow<R>(action: string, rule: Rule<R>): void {
  if (registry.has(action)) throw new Error(`policy for ${action} defined twice`);
  registry.set(action, rule as Rule<never>);
}

/** Deny by default: true only when a registered rule says yes. */
export function can<R>(actor: Actor, action: string, resource: R): boolean {
  const rule = registry.get(action) as Rule<R> | undefined;
  return rule ? rule(actor, resource) : false;
}

export function isStaff(actor: Actor): actor is Extract<Actor, { type: 'staff' }> {
  return actor.type === 'staff';
}

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'staff':
    case 'resident':
    case 'apikey':
    case 'system':
      return actor.name;
    default:
      return 'anonymous';
  }
}

export function actorId(actor: Actor): number | null {
  if (actor.type === 'staff' || actor.type === 'resident') return actor.userId;
  if (actor.type === 'apikey') return actor.keyId;
  return null;
}
