import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations take Kysely<any> by Kysely's own contract: they run against whatever schema exists.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not today's Database type
export type MigrationDb = Kysely<any>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key the database assigns: identity on PostgreSQL, rowid alias on SQLite. */
export function withId<T extends string>(db: MigrationDb, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Blocks UPDATE and DELETE on a table at the database level, so an append-only log stays so. */
export async function makeAppendOnly(db: MigrationDb, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function shequ_append_only() returns trigger language plpgsql as $$
         begin raise exception 'table % is append-only', TG_TABLE_NAME; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_append_only before update or delete on ${table}
         for each row execute function shequ_append_only()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql
      .raw(
        `create trigger ${table}_no_${op} before ${op} on ${table}
         begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  }
}
