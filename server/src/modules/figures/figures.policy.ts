import { allow, reaches } from '../../platform/access.ts';

/** A unit whose subtree's figures are asked for. */
export interface FiguresUnitResource {
  unitPath: string;
}

/** Reading the figures of a unit's subtree: a role with `figures.read` that reaches the unit. */
allow<FiguresUnitResource>('figures.read', (actor, unit) => reaches(actor, 'figures.read', unit.unitPath));
