import type { MigrationDb } from '../schema-helpers.ts';

/**
 * A case from the portal or Open311 that looks like one already open is held for a dispatcher to
 * confirm (merge) or dismiss: `suspected_duplicate_of_id` points at the earlier case until then.
 * Duplicate look-ups read recent cases of one compound or around a point: indexed so they stay
 * bounded however many cases the district holds.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('cases').addColumn('suspected_duplicate_of_id', 'integer').execute();
  await db.schema
    .createIndex('cases_suspected_duplicate_of')
    .on('cases')
    .column('suspected_duplicate_of_id')
    .execute();
  await db.schema
    .createIndex('cases_place_unit')
    .on('cases')
    .columns(['place_unit_id', 'registered_at'])
    .execute();
}
