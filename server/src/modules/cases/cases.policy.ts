import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { CaseTable, Database } from '../../db/types.ts';
import { type Actor, allow, pathWithin, reaches, scopeOf } from '../../platform/access.ts';

export const CASE_RECORD = 'case';

/** A case as the rules see it. */
export interface CaseResource {
  /** Path of the smallest unit holding the place (the district's path when the place is unknown). */
  locationPath: string;
  leadUnitPath: string | null;
  /** Units the case was ever sent to, lead and co, in any round. */
  assignmentPaths: string[];
  registeredBy: number | null;
  residentUserIds: number[];
  sensitive: boolean;
  status: string;
}

/** An assignment as the handling rules see it: the unit it was sent to. */
export interface AssignmentResource {
  unitPath: string;
}

function staffId(actor: Actor): number | null {
  return actor.type === 'staff' ? actor.userId : null;
}

/** The action reaches the case by where it is or who leads it. */
function reachesCase(actor: Actor, action: string, c: CaseResource): boolean {
  return (
    reaches(actor, action, c.locationPath) ||
    (c.leadUnitPath !== null && reaches(actor, action, c.leadUnitPath))
  );
}

/**
 * Reading a case: staff whose `case.read` reaches its place, its lead unit or a unit it was sent to;
 * whoever registered it; the residents who reported it. A sensitive case (special groups) is seen only
 * by those who may handle it at the units it was sent to, its registrar and the dispatchers and
 * supervisors of its area.
 */
allow<CaseResource>('case.read', (actor, c) => {
  if (actor.type === 'resident') return c.residentUserIds.includes(actor.userId);
  if (actor.type !== 'staff') return false;
  if (c.registeredBy === actor.userId) return true;
  if (c.sensitive) {
    return (
      c.assignmentPaths.some((p) => reaches(actor, 'case.handle', p)) ||
      reachesCase(actor, 'case.dispatch', c) ||
      reachesCase(actor, 'case.supervise', c)
    );
  }
  return c.assignmentPaths.some((p) => reaches(actor, 'case.read', p)) || reachesCase(actor, 'case.read', c);
});

/** Registering a case: staff with an intake role, residents on the portal, API clients. */
allow<null>(
  'case.register',
  (actor) =>
    actor.type === 'resident' || actor.type === 'apikey' || scopeOf(actor, 'case.register').length > 0,
);

for (const action of [
  'case.dispatch',
  'case.merge',
  'case.decide_extension',
  'case.callback',
  'case.answer',
  'case.supervise',
]) {
  allow<CaseResource>(action, (actor, c) => reachesCase(actor, action, c));
}
/** Withdrawal: intake roles of the area, or the resident who reported it. */
allow<CaseResource>(
  'case.withdraw',
  (actor, c) =>
    (actor.type === 'resident' && c.residentUserIds.includes(actor.userId)) ||
    reachesCase(actor, 'case.withdraw', c),
);
/**
 * Seeing who reported anonymously: those who call reporters back (help line, dispatchers), not the
 * units handling the case, from whom the reporter asked to stay unknown.
 */
allow<CaseResource>('case.view_anonymous_reporter', (actor, c) => reachesCase(actor, 'case.callback', c));
/** Rating a resolved case on the portal: the residents who reported it. */
allow<CaseResource>(
  'case.rate',
  (actor, c) => actor.type === 'resident' && c.residentUserIds.includes(actor.userId),
);
/** Notes and contact records: anyone with `case.note` over the place, the lead unit or a handling unit. */
allow<CaseResource>(
  'case.note',
  (actor, c) =>
    reachesCase(actor, 'case.note', c) ||
    c.assignmentPaths.some((p) => reaches(actor, 'case.note', p)) ||
    (c.registeredBy !== null && c.registeredBy === staffId(actor)),
);
/** Signing, returning, resolving, reporting a part: a handler of the unit the assignment went to. */
allow<AssignmentResource>('case.handle', (actor, a) => reaches(actor, 'case.handle', a.unitPath));
/** Seeing the reporter's name and number whole. */
allow<CaseResource>(
  'case.view_reporter',
  (actor, c) =>
    reachesCase(actor, 'case.view_reporter', c) ||
    c.assignmentPaths.some((p) => reaches(actor, 'case.view_reporter', p)),
);

/** The tables a case query sees: `cases as c`. */
export type CaseScopeDb = Database & { c: CaseTable };

/**
 * The `case.read` rule as one SQL condition on `cases as c`, so every worklist and every single read
 * agree with the rule above.
 */
export function whereCaseVisibleTo(viewer: Actor) {
  return (eb: ExpressionBuilder<CaseScopeDb, 'c'>): Expression<SqlBool> => {
    if (viewer.type === 'resident') {
      return eb.or([
        eb('c.resident_user_id', '=', viewer.userId),
        eb.exists(
          eb
            .selectFrom('case_reporters as cr')
            .select('cr.id')
            .whereRef('cr.case_id', '=', 'c.id')
            .where('cr.resident_user_id', '=', viewer.userId),
        ),
      ]);
    }
    if (viewer.type !== 'staff') return eb.lit(false);
    const read = scopeOf(viewer, 'case.read');
    const handlingIn = (scope: string[]) =>
      scope.length === 0
        ? eb.lit(false)
        : eb.exists(
            eb
              .selectFrom('case_assignments as a')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .where((e) => pathWithin(e, 'a.unit_path', scope)),
          );
    const byPlace = (scope: string[]) =>
      eb.or([pathWithin(eb, 'c.location_path', scope), pathWithin(eb, 'c.lead_unit_path', scope)]);
    const overseers = [...scopeOf(viewer, 'case.dispatch'), ...scopeOf(viewer, 'case.supervise')];
    return eb.or([
      eb('c.registered_by', '=', viewer.userId),
      eb.and([eb('c.sensitive', '=', 0), eb.or([byPlace(read), handlingIn(read)])]),
      eb.and([
        eb('c.sensitive', '=', 1),
        eb.or([handlingIn(scopeOf(viewer, 'case.handle')), byPlace(overseers)]),
      ]),
    ]);
  };
}
