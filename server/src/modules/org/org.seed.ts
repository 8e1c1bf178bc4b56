import type { Db } from '../../db/database.ts';

/** Loads the demo district (Haishu) into an empty database. */
export async function seedDemoOrganisation(_db: Db): Promise<void> {
  throw new Error('not built yet (issue #2)');
}
