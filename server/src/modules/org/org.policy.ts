import { allow, reaches, scopeOf } from '../../platform/access.ts';

/** A unit as policies see it: where it sits in the tree. */
export interface UnitResource {
  unitPath: string;
}

/**
 * What an import would touch: the current paths of the units it changes, the paths of the
 * existing units it creates units under or moves units to, and whether it creates a new root.
 */
export interface ImportResource {
  unitPaths: string[];
  createsRoot: boolean;
}

// Staff route cases across the whole district, so reading the organisation is not scoped:
// holding `org.read` anywhere shows the whole tree.
allow<null>('org.read', (actor) => scopeOf(actor, 'org.read').length > 0);

/** Managing a unit needs `org.manage` at a unit whose subtree holds it (for a new unit: its parent). */
allow<UnitResource>('org.manage', (actor, unit) => reaches(actor, 'org.manage', unit.unitPath));

// The operator's CLI and the demo seed act with the server's own authority (actor type system);
// everyone else must manage every place the import touches, and only a root-level manager may add a root.
allow<ImportResource>('org.import', (actor, plan) => {
  if (actor.type === 'system') return true;
  const scope = scopeOf(actor, 'org.manage');
  if (scope.length === 0) return false;
  if (plan.createsRoot && !scope.some((p) => p.split('/').length === 3)) return false;
  return plan.unitPaths.every((p) => reaches(actor, 'org.manage', p));
});
