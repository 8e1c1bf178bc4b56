import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, PersonTable, UnitTable } from '../../db/types.ts';
import { type Actor, allow, pathWithin, reaches, scopeOf } from '../../platform/access.ts';

/** The record type persons carry in `record_grants` and in the audit log. */
export const PERSON_RECORD = 'person';

/** A unit as the person rules see it: where a person is (or would be) registered. */
export interface PersonUnitResource {
  unitPath: string;
}

/** A person as the rules see it; `granted` says whether the viewer holds an explicit grant to it. */
export interface PersonResource extends PersonUnitResource {
  confidential: boolean;
  granted: boolean;
}

/**
 * Reading a person: a role with `person.read` at an ancestor of (or at) the person's unit. A confidential
 * person additionally needs an explicit grant, unless the viewer may grant access there (the
 * "authorised role" that assigns workers must be able to find the record it assigns).
 */
allow<PersonResource>(
  'person.read',
  (actor, p) =>
    reaches(actor, 'person.read', p.unitPath) &&
    (!p.confidential || p.granted || reaches(actor, 'person.grant', p.unitPath)),
);
/** Registering a person at a unit, or changing one registered there. */
allow<PersonUnitResource>('person.manage', (actor, unit) => reaches(actor, 'person.manage', unit.unitPath));
/** Assigning workers to a confidential person, and declassifying one. */
allow<PersonUnitResource>('person.grant', (actor, unit) => reaches(actor, 'person.grant', unit.unitPath));
allow<PersonUnitResource>('person.view_phone', (actor, unit) =>
  reaches(actor, 'person.view_phone', unit.unitPath),
);
allow<PersonUnitResource>('person.view_id_number', (actor, unit) =>
  reaches(actor, 'person.view_id_number', unit.unitPath),
);

/** The tables a person query sees: `persons as p` joined to `units as u` on the person's unit. */
export type PersonScopeDb = Database & { p: PersonTable; u: UnitTable };

/**
 * The `person.read` rule above as one SQL condition, for `persons as p` joined to `units as u`.
 * Every list and every single read goes through it (people.repo's `visiblePersons`), so a list
 * and a read can never disagree.
 */
export function whereVisibleTo(viewer: Actor) {
  const readScope = scopeOf(viewer, 'person.read');
  const grantScope = scopeOf(viewer, 'person.grant');
  const userId = viewer.type === 'staff' ? viewer.userId : null;
  return (eb: ExpressionBuilder<PersonScopeDb, 'p' | 'u'>): Expression<SqlBool> => {
    const openOrAllowed = [eb('p.confidential', '=', 0), pathWithin(eb, 'u.path', grantScope)];
    if (userId !== null) openOrAllowed.push(grantedTo(eb, userId));
    return eb.and([pathWithin(eb, 'u.path', readScope), eb.or(openOrAllowed)]);
  };
}

/** SQL: the viewer holds an explicit grant to the person `p`. */
export function grantedTo(
  eb: ExpressionBuilder<PersonScopeDb, 'p' | 'u'>,
  userId: number,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('record_grants as g')
      .select('g.id')
      .where('g.record_type', '=', PERSON_RECORD)
      .whereRef('g.record_id', '=', 'p.id')
      .where('g.user_id', '=', userId),
  );
}
