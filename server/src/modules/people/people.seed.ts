import type { Db } from '../../db/database.ts';

/** A handful of demo persons in several streets. */
export async function seedDemoPersons(_db: Db): Promise<void> {}
