import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, MediationCaseTable } from '../../db/types.ts';
import { type Actor, allow, pathWithin, reaches, scopeOf } from '../../platform/access.ts';

export const MEDIATION_RECORD = 'mediation_case';

/** A mediation case as the rules see it. */
export interface MediationResource {
  leadUnitPath: string;
  jointUnitPaths: string[];
  /** Path of the smallest unit holding the dispute's place. */
  placePath: string;
  registeredBy: number | null;
}

/** The organisations mediating it: the lead one and the joint ones. */
function organisationPaths(m: MediationResource): string[] {
  return [m.leadUnitPath, ...m.jointUnitPaths];
}

/**
 * Reading: the mediators (and heads) of an organisation mediating it, street and district roles whose
 * `mediation.read` reaches its place, and whoever registered it. Residents see nothing here (the
 * portal shows their own applications elsewhere).
 */
allow<MediationResource>('mediation.read', (actor, m) => {
  if (actor.type !== 'staff') return false;
  if (m.registeredBy === actor.userId) return true;
  return (
    organisationPaths(m).some((p) => reaches(actor, 'mediation.read', p)) ||
    reaches(actor, 'mediation.read', m.placePath)
  );
});

/** Accepting, refusing, assigning, sessions, agreements, outcome: mediators of a mediating organisation. */
allow<MediationResource>('mediation.handle', (actor, m) =>
  organisationPaths(m).some((p) => reaches(actor, 'mediation.handle', p)),
);

/** Reading an organisation's mediators and their cases: its mediators, heads above it, district roles. */
allow<{ unitPath: string }>('mediation.read_unit', (actor, u) =>
  reaches(actor, 'mediation.read', u.unitPath),
);

/** Registering a case at an organisation: its mediators. */
allow<{ unitPath: string }>('mediation.register', (actor, u) =>
  reaches(actor, 'mediation.register', u.unitPath),
);

/** Mediator profiles: unit heads and administrators of the mediator's unit (or above it). */
allow<{ unitPath: string }>('mediation.manage_mediators', (actor, u) =>
  reaches(actor, 'mediation.manage_mediators', u.unitPath),
);

/** The tables a mediation query sees: `mediation_cases as m`. */
export type MediationScopeDb = Database & { m: MediationCaseTable };

/** The `mediation.read` rule as one SQL condition, so lists and single reads agree. */
export function whereMediationVisibleTo(viewer: Actor) {
  return (eb: ExpressionBuilder<MediationScopeDb, 'm'>): Expression<SqlBool> => {
    if (viewer.type !== 'staff') return eb.lit(false);
    const read = scopeOf(viewer, 'mediation.read');
    return eb.or([
      eb('m.registered_by', '=', viewer.userId),
      pathWithin(eb, 'm.lead_unit_path', read),
      pathWithin(eb, 'm.place_path', read),
      read.length === 0
        ? eb.lit(false)
        : eb.exists(
            eb
              .selectFrom('mediation_joint_units as j')
              .select('j.id')
              .whereRef('j.mediation_case_id', '=', 'm.id')
              .where((e) => pathWithin(e, 'j.unit_path', read)),
          ),
    ]);
  };
}
