import { type MigrationDb, withId } from '../schema-helpers.ts';

/**
 * Trained routing models (category model and learnt place names), one row per training. Stored in
 * the database so every app process suggests with the same model; the newest row is the one in use,
 * older ones stay for comparison until pruned.
 */
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('routing_models'))
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('trained_by', 'text', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('case_samples', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();
}
