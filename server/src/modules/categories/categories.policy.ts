import { allow, scopeOf } from '../../platform/access.ts';

/** A root unit's path has one id in it (`/1/`): the whole jurisdiction hangs below it. */
function isRootPath(path: string): boolean {
  return path.split('/').length === 3;
}

// The taxonomy is district-wide reference data that every street routes by, so only someone who
// holds `category.manage` at the root may change it; the CLI and the seed act as the system.
allow<null>(
  'category.manage',
  (actor) => actor.type === 'system' || scopeOf(actor, 'category.manage').some(isRootPath),
);
