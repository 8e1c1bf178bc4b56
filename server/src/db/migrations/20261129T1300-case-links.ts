import type { MigrationDb } from '../schema-helpers.ts';

/**
 * The case page lists the duplicates merged into a case and the later cases repeating it: both are
 * lookups by the linked case's id, which must not scan every case.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('cases_merged_into').on('cases').column('merged_into_id').execute();
  await db.schema.createIndex('cases_repeat_of').on('cases').column('repeat_of_id').execute();
}
