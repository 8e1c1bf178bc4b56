// Builds (or finds) the benchmark databases without measuring: `tsx bench/prepare.ts 100000 1000000`.
import { ensureDatabase } from './lib/databases.ts';

const adminUrl = process.env.DATABASE_URL;
for (const arg of process.argv.slice(2)) {
  const db = await ensureDatabase(adminUrl ? 'postgres' : 'sqlite', Number(arg), adminUrl, console.log);
  console.log(`${db.label}: ${db.reused ? 'reused' : `built in ${db.seedSeconds?.toFixed(0)} s`}`);
}
