import type { MediatorProfileTable } from '../../db/types.ts';
import { pathWithin } from '../../platform/access.ts';
import type { Executor } from './mediation.repo.ts';

/** Staff holding the mediator role at a unit inside one of the paths, with their profile if any. */
export function listMediatorStaff(db: Executor, paths: string[]) {
  return db
    .selectFrom('role_bindings as rb')
    .innerJoin('users as u', 'u.id', 'rb.user_id')
    .innerJoin('units as n', 'n.id', 'rb.unit_id')
    .leftJoin('mediator_profiles as p', 'p.user_id', 'u.id')
    .select([
      'u.id as user_id',
      'u.display_name',
      'u.active as user_active',
      'n.id as unit_id',
      'n.path as unit_path',
      'n.name_zh as unit_name_zh',
      'n.name_en as unit_name_en',
      'p.employment',
      'p.specialties',
      'p.active',
      'p.version',
    ])
    .where('rb.role', '=', 'mediator')
    .where((eb) => pathWithin(eb, 'n.path', paths))
    .orderBy('n.path')
    .orderBy('u.id')
    .execute();
}
export type MediatorStaffRow = Awaited<ReturnType<typeof listMediatorStaff>>[number];

export function findProfile(db: Executor, userId: number) {
  return db.selectFrom('mediator_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertProfile(trx: Executor, values: MediatorProfileTable): Promise<void> {
  await trx.insertInto('mediator_profiles').values(values).execute();
}

export async function updateProfileAtVersion(
  trx: Executor,
  userId: number,
  version: number,
  changes: Partial<MediatorProfileTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('mediator_profiles')
    .set({ ...changes, version: version + 1 })
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
