import { allow, scopeOf } from '../../platform/access.ts';

// The audit log spans every unit, so only a district-wide role may read it.
allow<null>('audit.read', (actor) => scopeOf(actor, 'audit.read').some((p) => p.split('/').length === 3));
