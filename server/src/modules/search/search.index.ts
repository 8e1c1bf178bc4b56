import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { indexWords, words } from '../../platform/segment.ts';

/**
 * The full-text index of cases, `case_search`, one row per case: the words (jieba, search mode) of
 * its title in one part and of its description, address, resolution and notes in the other. SQLite
 * keeps it in a contentless FTS5 table (rowid = case id) whose unicode61 tokenizer splits on the
 * spaces between the words and keeps each Chinese word whole; PostgreSQL in a GIN-indexed tsvector
 * (title weighted A, the rest B). This file only reads and writes the index: it knows no case rules,
 * so the cases module can keep it current inside its own transactions.
 *
 * Each row also carries scope marks: every unit on the paths of the case's place, lead unit and
 * assignments, and who registered it. A search first keeps the matches carrying one of the viewer's
 * marks, a superset of the cases the viewer may read, so a handler of one unit does not rank every
 * match in the district before the exact read rule runs on the few left.
 */

type Executor = Kysely<Database>;

/** History entries whose text is searchable: notes, contacts with the reporter, a co-unit's report. */
export const NOTE_ACTIONS = ['note', 'contact', 'report_part'] as const;

/** The searchable text of one case. */
export interface SearchText {
  title: string;
  description: string;
  address: string | null;
  resolution: string | null;
  notes: readonly string[];
  /** Unit paths of the place, the lead unit and every assignment (`/1/31/39/`), and the registrar. */
  paths: readonly (string | null)[];
  registeredBy: number | null;
}

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const joinWords = (texts: readonly (string | null)[]): string =>
  texts
    .filter((t): t is string => !!t)
    .flatMap((t) => indexWords(t))
    .join(' ');

/** A unit's scope mark (`u39`) and a registrar's (`r15`). */
const unitMark = (id: string | number) => `u${id}`;
const registrarMark = (userId: number) => `r${userId}`;

/** The marks of a case: each unit on its paths once, and its registrar. */
export function scopeMarks(paths: readonly (string | null)[], registeredBy: number | null): string[] {
  const ids = new Set(paths.flatMap((p) => (p ?? '').split('/').filter(Boolean)));
  return [...[...ids].map(unitMark), ...(registeredBy === null ? [] : [registrarMark(registeredBy)])];
}

/**
 * The marks a viewer's cases carry at least one of: the last unit of each scope path (a path lies in
 * `/1/31/` exactly when unit 31 is on it) and the viewer as registrar.
 */
export function viewerMarks(scopePaths: readonly string[], userId: number): string[] {
  const ids = scopePaths.map((p) => p.split('/').filter(Boolean).at(-1)).filter((id) => id !== undefined);
  return [...new Set(ids)].map(unitMark).concat(registrarMark(userId));
}

/** The index's parts of a case: its title's words, the words of the rest, its scope marks, space-joined. */
export function searchTerms(text: SearchText): { title: string; body: string; scope: string } {
  return {
    title: joinWords([text.title]),
    body: joinWords([text.description, text.address, text.resolution, ...text.notes]),
    scope: scopeMarks(text.paths, text.registeredBy).join(' '),
  };
}

function rowValues(db: Executor, caseId: number, text: SearchText): RawBuilder<unknown> {
  const t = searchTerms(text);
  // PostgreSQL: the marks go in as lexemes, not parsed text, with a prefix no parsed word can have.
  return isPostgres(db)
    ? sql`(${caseId}, setweight(to_tsvector('simple', ${t.title}), 'A') || setweight(to_tsvector('simple', ${t.body}), 'B')
        || array_to_tsvector(${t.scope === '' ? [] : t.scope.split(' ').map((m) => `@${m}`)}::text[]))`
    : sql`(${caseId}, ${t.title}, ${t.body}, ${t.scope})`;
}

const BATCH = 500;

/** Adds new cases to the index in multi-row statements (the demo generator and the backfill). */
export async function insertSearchRows(
  db: Executor,
  rows: readonly { caseId: number; text: SearchText }[],
): Promise<void> {
  const pg = isPostgres(db);
  for (let start = 0; start < rows.length; start += BATCH) {
    const values = sql.join(rows.slice(start, start + BATCH).map((r) => rowValues(db, r.caseId, r.text)));
    await (pg
      ? sql`insert into case_search (case_id, terms) values ${values}`
      : sql`insert into case_search (rowid, title, body, scope) values ${values}`
    ).execute(db);
  }
}

/** Writes one case's row anew (one delete and one insert, or one upsert), in the caller's transaction. */
export async function writeSearchRow(db: Executor, caseId: number, text: SearchText): Promise<void> {
  if (isPostgres(db)) {
    await sql`insert into case_search (case_id, terms) values ${rowValues(db, caseId, text)}
      on conflict (case_id) do update set terms = excluded.terms`.execute(db);
    return;
  }
  await sql`delete from case_search where rowid = ${caseId}`.execute(db);
  await sql`insert into case_search (rowid, title, body, scope) values ${rowValues(db, caseId, text)}`.execute(
    db,
  );
}

/** The notes of cases whose ids lie in [from, to], by case, oldest first. */
async function notesOf(db: Executor, from: number, to: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('case_events')
    .select(['case_id', 'note'])
    .where('case_id', '>=', from)
    .where('case_id', '<=', to)
    .where('action', 'in', NOTE_ACTIONS)
    .where('note', 'is not', null)
    .orderBy('case_id')
    .orderBy('id')
    .execute();
  const notes = new Map<number, string[]>();
  for (const r of rows) {
    const list = notes.get(r.case_id) ?? [];
    list.push(r.note as string);
    notes.set(r.case_id, list);
  }
  return notes;
}

/** The unit paths of the assignments of cases whose ids lie in [from, to], by case. */
async function assignmentPathsOf(db: Executor, from: number, to: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('case_assignments')
    .select(['case_id', 'unit_path'])
    .where('case_id', '>=', from)
    .where('case_id', '<=', to)
    .execute();
  const paths = new Map<number, string[]>();
  for (const r of rows) {
    const list = paths.get(r.case_id) ?? [];
    list.push(r.unit_path);
    paths.set(r.case_id, list);
  }
  return paths;
}

const CASE_TEXT = [
  'id',
  'title',
  'description',
  'address',
  'resolution',
  'location_path',
  'lead_unit_path',
  'registered_by',
] as const;

type CaseTextRow = Pick<
  Database['cases'],
  'title' | 'description' | 'address' | 'resolution' | 'location_path' | 'lead_unit_path' | 'registered_by'
> & { id: number };

function textOf(r: CaseTextRow, notes: Map<number, string[]>, assigned: Map<number, string[]>): SearchText {
  return {
    title: r.title,
    description: r.description,
    address: r.address,
    resolution: r.resolution,
    notes: notes.get(r.id) ?? [],
    paths: [r.location_path, r.lead_unit_path, ...(assigned.get(r.id) ?? [])],
    registeredBy: r.registered_by,
  };
}

/**
 * Re-reads one case (its row, notes and assignments) and writes its index row, in the caller's
 * transaction: after any change of its text, place or units.
 */
export async function indexCase(db: Executor, caseId: number): Promise<void> {
  const row = await db.selectFrom('cases').select(CASE_TEXT).where('id', '=', caseId).executeTakeFirst();
  if (!row) return;
  const text = textOf(row, await notesOf(db, caseId, caseId), await assignmentPathsOf(db, caseId, caseId));
  await writeSearchRow(db, caseId, text);
}

/**
 * Indexes every case not yet in the index, in batches of ids, each batch its own transaction where
 * the engine allows (SQLite); on PostgreSQL the migration's transaction holds them all.
 */
export async function backfillSearchIndex(
  db: Executor,
  onProgress?: (done: number) => void,
  batchSize = 5000,
): Promise<number> {
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(CASE_TEXT)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    const last = rows.at(-1);
    if (!last) return done;
    const write = async (trx: Executor) => {
      const first = rows[0]?.id ?? 0;
      const notes = await notesOf(trx, first, last.id);
      const assigned = await assignmentPathsOf(trx, first, last.id);
      await insertSearchRows(
        trx,
        rows.map((r) => ({ caseId: r.id, text: textOf(r, notes, assigned) })),
      );
    };
    if (db.isTransaction || isPostgres(db)) await write(db);
    else await db.transaction().execute(write);
    after = last.id;
    done += rows.length;
    onProgress?.(done);
  }
}

/** The words of a search, as the index holds them: jieba's precise words, each once. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q))];
}

/**
 * FTS5 query text: every word, as a quoted string (never read as an operator), in the title or the
 * body; with marks, also one of them in the scope column.
 */
export function ftsQuery(terms: readonly string[], marks?: readonly string[]): string {
  const words = `{title body} : (${terms.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ')})`;
  return marks ? `${words} AND scope : (${marks.join(' OR ')})` : words;
}

/** PostgreSQL tsquery text of scope marks (lexemes as stored, no parser involved). */
export function marksQuery(marks: readonly string[]): string {
  return marks.map((m) => `'@${m}'`).join(' | ');
}

/**
 * `c.id` is among the cases holding every word (none: no case), for narrowing a worklist; the
 * caller joins nothing and keeps its own order.
 */
export function caseHasWords(db: Executor, terms: readonly string[]): RawBuilder<SqlBool> {
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  return isPostgres(db)
    ? sql<SqlBool>`c.id in (select case_id from case_search where terms @@ plainto_tsquery('simple', ${terms.join(' ')}))`
    : sql<SqlBool>`c.id in (select rowid from case_search where case_search match ${ftsQuery(terms)})`;
}

/** Columns of a case the index holds, directly or as scope marks (a dispatch changes the lead unit). */
const TEXT_COLUMNS = [
  'title',
  'description',
  'address',
  'resolution',
  'location_path',
  'lead_unit_path',
] as const;

/** Whether an action may have changed what the index holds of a case: a column above, or a note. */
export function changesSearchText(changes: object, event: { action: string; note?: string | null }): boolean {
  return (
    TEXT_COLUMNS.some((c) => c in changes) ||
    (!!event.note && (NOTE_ACTIONS as readonly string[]).includes(event.action))
  );
}
