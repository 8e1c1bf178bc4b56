import type { Db } from './db/database.ts';
import { seedDemoAccounts } from './modules/accounts/accounts.seed.ts';
import { seedDemoTaxonomy } from './modules/categories/categories.seed.ts';
import { seedDemoOrganisation } from './modules/org/org.seed.ts';
import { seedDemoPersons } from './modules/people/people.seed.ts';
import { recordAudit } from './platform/audit.ts';

/** True when the database holds no organisation yet: the first start of a new installation. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Seeds the demo district, its demo accounts and demo persons into an empty database. */
export async function seedDemo(db: Db, password: string): Promise<void> {
  await seedDemoOrganisation(db);
  await seedDemoTaxonomy(db);
  await seedDemoAccounts(db, password);
  await seedDemoPersons(db);
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { actor: { type: 'system', name: 'seed' }, ip: null, requestId: null },
      {
        action: 'system.seed_demo',
        recordType: 'system',
      },
    ),
  );
}
