import type { MigrationDb } from '../schema-helpers.ts';

/**
 * How the reporter wants to hear back (portal: SMS, a phone call, or not at all). Null on cases
 * registered before it was asked, and on channels that do not ask.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('cases').addColumn('contact_preference', 'text').execute();
}
