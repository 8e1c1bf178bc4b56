import { sql } from 'kysely';
import { backfillSearchIndex } from '../../modules/search/search.index.ts';
import { isPostgres, type MigrationDb } from '../schema-helpers.ts';

/**
 * Full-text search over cases: one row of segmented words per case (see modules/search/search.index.ts).
 * SQLite: a contentless FTS5 table whose rows can be deleted and replaced, rowid = case id, the
 * unicode61 tokenizer splitting only at the spaces and punctuation between jieba's words, so a
 * two-character word (低保, 扰民) is one token; `scope` holds the case's scope marks. PostgreSQL: a
 * tsvector per case (words and marks) under a GIN index.
 * Every case already present is indexed here, in batches.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .createTable('case_search')
      .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
      .addColumn('terms', sql`tsvector`, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_search_terms').on('case_search').using('gin').column('terms').execute();
  } else {
    await sql`create virtual table case_search using fts5(
        title, body, scope, content = '', contentless_delete = 1, tokenize = 'unicode61'
      )`.execute(db);
  }
  await backfillSearchIndex(db);
}
