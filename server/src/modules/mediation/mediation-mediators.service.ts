import type { Db } from '../../db/database.ts';
import { type Actor, can, scopeOf } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';
import { findPlacedUnit } from '../org/org.service.ts';
import type { MediatorProfileBody } from './mediation.schema.ts';
import { mediationUnit } from './mediation-intake.service.ts';
import {
  findProfile,
  insertProfile,
  listMediatorStaff,
  type MediatorStaffRow,
  updateProfileAtVersion,
} from './mediation-mediators.repo.ts';

function present(row: MediatorStaffRow, viewer: Actor) {
  return {
    userId: row.user_id,
    name: row.display_name,
    unit: { id: row.unit_id, nameZh: row.unit_name_zh, nameEn: row.unit_name_en },
    /** Null until a unit head has filled in the profile. */
    employment: row.employment ?? null,
    specialties: row.specialties ? (JSON.parse(row.specialties) as string[]) : [],
    active: row.user_active === 1 && row.active !== 0,
    /** Null until the profile exists; send it back when editing. */
    version: row.version ?? null,
    canEdit: can(viewer, 'mediation.manage_mediators', { unitPath: row.unit_path }),
  };
}

/**
 * The mediators of the organisations the viewer manages or reads, with their profiles: unit heads and
 * administrators to edit them, mediators to pick colleagues for a case. A mediator may also list the
 * mediators of any other mediation organisation (`unitId`), to name them on a case mediated jointly.
 */
export async function listMediatorProfiles(db: Db, ctx: AuditContext, unitId?: number) {
  const viewer = ctx.actor;
  const scope = [...scopeOf(viewer, 'mediation.manage_mediators'), ...scopeOf(viewer, 'mediation.read')];
  if (scope.length === 0) throw new AppError('access.denied');
  const unit = unitId === undefined ? null : await findPlacedUnit(db, unitId);
  const inScope = unit !== null && scope.some((p) => unit.path.startsWith(p));
  const jointPartner =
    unit !== null &&
    !inScope &&
    scopeOf(viewer, 'mediation.handle').length > 0 &&
    (await mediationUnit(db, ctx, unit.id, 'unitId').then(
      () => true,
      () => false,
    ));
  const paths = unit ? (inScope || jointPartner ? [unit.path] : []) : scope;
  const rows = paths.length ? await listMediatorStaff(db, paths) : [];
  // A mediator bound at two organisations in reach is listed once.
  const byUser = new Map<number, MediatorStaffRow>();
  for (const r of rows) if (!byUser.has(r.user_id)) byUser.set(r.user_id, r);
  return { items: [...byUser.values()].map((r) => present(r, viewer)) };
}

/** Sets a mediator's employment, specialties and whether they take cases; version-checked once it exists. */
export async function updateMediatorProfile(
  db: Db,
  ctx: AuditContext,
  userId: number,
  body: MediatorProfileBody,
) {
  return db.transaction().execute(async (trx) => {
    const staff = (await listMediatorStaff(trx, ['/'])).filter((r) => r.user_id === userId);
    if (staff.length === 0) throw new AppError('record.not_found');
    const reach = (action: string) => staff.some((s) => can(ctx.actor, action, { unitPath: s.unit_path }));
    // Someone who cannot see the mediator in the list is told there is no such mediator.
    if (!reach('mediation.manage_mediators'))
      throw new AppError(reach('mediation.read_unit') ? 'access.denied' : 'record.not_found');
    const now = nowIso();
    const values = {
      employment: body.employment,
      specialties: JSON.stringify(body.specialties),
      active: body.active ? 1 : 0,
      updated_by: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
      updated_at: now,
    };
    const before = await findProfile(trx, userId);
    if (!before) {
      await insertProfile(trx, { user_id: userId, version: 1, ...values });
    } else if (!(await updateProfileAtVersion(trx, userId, body.version ?? before.version, values))) {
      throw new AppError('record.conflict');
    }
    await recordAudit(trx, ctx, {
      action: 'mediation.mediator_profile',
      recordType: 'mediator_profile',
      recordId: userId,
      before: before
        ? { employment: before.employment, specialties: before.specialties, active: before.active }
        : null,
      after: { employment: values.employment, specialties: values.specialties, active: values.active },
    });
    const [row] = (await listMediatorStaff(trx, ['/'])).filter((r) => r.user_id === userId);
    return present(row as MediatorStaffRow, ctx.actor);
  });
}
