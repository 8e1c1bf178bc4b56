import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type Actor, scopeOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { type ListRow, narrowList, presentListRows } from '../cases/case-lists.service.ts';
import type { CaseListQuery } from '../cases/cases.schema.ts';
import { highlight } from './search.highlight.ts';
import { ftsQuery, isPostgres, marksQuery, NOTE_ACTIONS, queryWords, viewerMarks } from './search.index.ts';
import type { Highlight, SearchItem, SearchQuery, SearchResult } from './search.schema.ts';

/**
 * The matching cases' ids with their rank (lower is better), among those carrying one of the
 * viewer's scope marks (a superset of what the viewer may read): the newest `limit` matches ranked
 * (null: every match ranked). Ranking is the costly part: a common word (垃圾) matches one case in
 * eight, and ranking all of a million cases' matches takes ~50 ms where the newest 2,000 take ~5 ms.
 * A derived table with a LIMIT is never merged into the outer query, so the engine starts from the
 * few matches and looks each case up by id, instead of walking the viewer's cases and asking the
 * index about each one.
 */
function candidates(db: Db, terms: string[], marks: string[], limit: number | null) {
  if (isPostgres(db)) {
    const words = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
    const matches = sql`select case_id, terms from case_search
      where terms @@ (${words} && ${marksQuery(marks)}::tsquery)`;
    return sql<{ case_id: number; rank: number }>`(select case_id, -ts_rank(terms, ${words}) as rank
      from (${matches} order by case_id desc limit ${limit === null ? sql`all` : sql`${limit}`}) m)`.as('s');
  }
  // bm25 is negative, better matches lower; words in the title count twice, the marks not at all.
  return sql<{
    case_id: number;
    rank: number;
  }>`(select rowid as case_id, bm25(case_search, 2.0, 1.0, 0.0) as rank
    from case_search where case_search match ${ftsQuery(terms, marks)}
    order by rowid desc limit ${limit ?? -1})`.as('s');
}

/** The newest matches ranked first, before the viewer's scope and filters; widened to all if too few pass. */
const FIRST_CANDIDATES = 2000;

/**
 * Cases the viewer may read whose text holds every word of `q` (jieba's words, so 低保 finds 低保户
 * but not 降低保费), narrowed by the worklist's filters, best match first (bm25 / ts_rank, then
 * newest) among the newest 2,000 matches, a page at a time, each with snippets of the fields that
 * matched. A `q` that is a tracking number finds that case first. Staff only.
 */
export async function searchCases(db: Db, viewer: Actor, query: SearchQuery): Promise<SearchResult> {
  if (viewer.type !== 'staff') throw new AppError('access.denied');
  const { q, limit, offset, ...filters } = query;
  const listQuery: CaseListQuery = { ...filters, view: 'all', sort: 'newest', limit };
  const terms = queryWords(q);
  const marks = viewerMarks(
    ['case.read', 'case.handle', 'case.dispatch', 'case.supervise'].flatMap((a) => scopeOf(viewer, a)),
    viewer.userId,
  );

  const exact =
    offset === 0 && /^[0-9A-Za-z-]{4,40}$/.test(q)
      ? await (await narrowList(db, viewer, listQuery))
          .where('c.tracking_no', '=', q.toUpperCase())
          .executeTakeFirst()
      : undefined;

  let rows: ListRow[] = [];
  if (terms.length > 0) {
    const ranked = async (cap: number | null) =>
      (await narrowList(db, viewer, listQuery))
        .innerJoin(candidates(db, terms, marks, cap), 's.case_id', 'c.id')
        .orderBy('s.rank')
        .orderBy('c.registered_at', 'desc')
        .orderBy('c.id', 'desc')
        .offset(offset)
        .limit(limit + 1)
        .execute();
    const cap = Math.max(FIRST_CANDIDATES, (offset + limit + 1) * 20);
    rows = await ranked(cap);
    // Fewer than a page passed the scope and filters: the best matches of this viewer may lie further down.
    if (rows.length <= limit) rows = await ranked(null);
  }
  if (exact) rows = [exact, ...rows.filter((r) => r.id !== exact.id)];
  const page = rows.slice(0, limit);
  const items = await presentListRows(db, page);
  const snippets = await highlightsOf(
    db,
    page.map((r) => r.id),
    new Set(terms),
  );
  return {
    items: items.map((item): SearchItem => ({ ...item, highlights: snippets.get(item.id) ?? [] })),
    nextOffset: rows.length > limit ? offset + limit : null,
  };
}

const MAX_HIGHLIGHTS = 3;

/** Snippets of the fields of each case that hold a searched word: description, address, resolution, notes. */
async function highlightsOf(db: Db, ids: number[], terms: Set<string>): Promise<Map<number, Highlight[]>> {
  const result = new Map<number, Highlight[]>();
  if (ids.length === 0 || terms.size === 0) return result;
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'description', 'address', 'resolution'])
    .where('id', 'in', ids)
    .execute();
  const notes = await db
    .selectFrom('case_events')
    .select(['case_id', 'note'])
    .where('case_id', 'in', ids)
    .where('action', 'in', NOTE_ACTIONS)
    .where('note', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  for (const c of cases) {
    const fields: Array<[Highlight['field'], string | null]> = [
      ['description', c.description],
      ['address', c.address],
      ['resolution', c.resolution],
      ...notes
        .filter((n) => n.case_id === c.id)
        .map((n): [Highlight['field'], string | null] => ['note', n.note]),
    ];
    const found: Highlight[] = [];
    for (const [field, text] of fields) {
      if (found.length >= MAX_HIGHLIGHTS) break;
      const segments = text ? highlight(text, terms) : null;
      if (segments) found.push({ field, segments });
    }
    result.set(c.id, found);
  }
  return result;
}
