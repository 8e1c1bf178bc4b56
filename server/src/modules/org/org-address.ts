import type { Db } from '../../db/database.ts';
import { parseAliases, unitRef } from './org.present.ts';
import { type Executor, selectOrgStamp, selectUnits, type UnitSummaryRow } from './org.repo.ts';
import type { AddressResolution, UnitRef } from './org.schema.ts';
import { pathIds } from './org-resolve.ts';

type Via = 'name' | 'alias';
type PlaceKind = 'street' | 'community' | 'compound';
const PLACE_KINDS: PlaceKind[] = ['street', 'community', 'compound'];

/** A unit an address can name, with the community and street it implies. */
interface Place {
  ref: UnitRef;
  kind: PlaceKind;
  community: UnitRef | null;
  street: UnitRef | null;
}

interface Entry {
  place: Place;
  via: Via;
}

interface Dictionary {
  terms: Map<string, Entry[]>;
  /** Distinct term lengths, longest first. */
  lengths: number[];
}

interface Match {
  start: number;
  end: number;
  text: string;
  entries: Entry[];
}

// A short name followed by a road word is a road (中山 in 中山西路), not the community 中山.
const ROAD_AFTER = /^[东南西北中]?(?:路|大道|街(?!道)|巷|弄|桥)/;

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Builds the term list from the active streets, communities and compounds. */
function buildDictionary(rows: UnitSummaryRow[]): Dictionary {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const terms = new Map<string, Entry[]>();
  const add = (term: string, entry: Entry) => {
    const key = normalise(term);
    if (key.length < 2) return; // one character names too much
    const list = terms.get(key) ?? [];
    if (!list.some((e) => e.place.ref.id === entry.place.ref.id)) list.push(entry);
    terms.set(key, list);
  };
  for (const row of rows) {
    let community: UnitRef | null = null;
    let street: UnitRef | null = null;
    for (const id of pathIds(row.path)) {
      const ancestor = byId.get(id);
      if (ancestor?.kind === 'community') community = unitRef(ancestor);
      if (ancestor?.kind === 'street') street = unitRef(ancestor);
    }
    const place: Place = { ref: unitRef(row), kind: row.kind as PlaceKind, community, street };
    add(row.name_zh, { place, via: 'name' });
    for (const alias of parseAliases(row.aliases)) add(alias, { place, via: 'alias' });
  }
  const lengths = [...new Set([...terms.keys()].map((t) => t.length))].sort((a, b) => b - a);
  return { terms, lengths };
}

const cache = new WeakMap<Executor, { stamp: string; dictionary: Dictionary }>();

/**
 * The names the organisation knows, cached per database handle. One cheap aggregate (count, latest
 * edit, sum of versions) tells whether the units changed since, here or in another process.
 */
async function dictionaryFor(db: Executor): Promise<Dictionary> {
  const stamp = await selectOrgStamp(db);
  const cached = cache.get(db);
  if (cached?.stamp === stamp) return cached.dictionary;
  const dictionary = buildDictionary(await selectUnits(db, { kinds: PLACE_KINDS, active: true }));
  cache.set(db, { stamp, dictionary });
  return dictionary;
}

/** Every occurrence of a known name; then the longest ones win and overlapping shorter ones drop. */
function findMatches(text: string, dictionary: Dictionary): Match[] {
  const found: Match[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const length of dictionary.lengths) {
      const end = start + length;
      if (end > text.length) continue;
      const term = text.slice(start, end);
      const entries = dictionary.terms.get(term);
      if (!entries) continue;
      const roadFollows = ROAD_AFTER.test(text.slice(end));
      const kept = roadFollows ? entries.filter((e) => e.via === 'name') : entries;
      if (kept.length > 0) found.push({ start, end, text: term, entries: kept });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: Match[] = [];
  for (const m of found) {
    if (chosen.every((c) => m.end <= c.start || m.start >= c.end)) chosen.push(m);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

interface Evidence {
  entry: Entry;
  match: Match;
}

function rank(e: Evidence, namedStreets: Set<number>): number[] {
  const consistent = e.entry.place.street != null && namedStreets.has(e.entry.place.street.id);
  return [
    consistent ? 1 : 0,
    e.entry.via === 'name' ? 1 : 0,
    e.entry.place.kind === 'compound' ? 1 : 0,
    e.match.end - e.match.start,
    -e.match.start,
  ];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Finds the community and street a free-text address names, by the full names, short names and
 * compound names of the organisation. A term that names a street is read as the street (鼓楼 alone
 * is 鼓楼街道, not 鼓楼社区); a community implies its street. Null when no known name occurs.
 */
export async function resolveAddress(db: Db, text: string): Promise<AddressResolution | null> {
  return resolveWith(await dictionaryFor(db), text);
}

/**
 * resolveAddress for many texts at once (a batch classification): the organisation's names are read
 * once, and each text is resolved without a query.
 */
export async function addressResolver(db: Db): Promise<(text: string) => AddressResolution | null> {
  const dictionary = await dictionaryFor(db);
  return (text) => resolveWith(dictionary, text);
}

function resolveWith(dictionary: Dictionary, text: string): AddressResolution | null {
  const matches = findMatches(normalise(text), dictionary);
  if (matches.length === 0) return null;

  const streetEvidence: Evidence[] = [];
  const areaEvidence: Evidence[] = [];
  for (const match of matches) {
    const streets = match.entries.filter((e) => e.place.kind === 'street');
    if (streets.length > 0) for (const entry of streets) streetEvidence.push({ entry, match });
    else for (const entry of match.entries) areaEvidence.push({ entry, match });
  }
  const namedStreets = new Set(streetEvidence.map((e) => e.entry.place.ref.id));

  let community: Evidence | null = null;
  let areaStreet: UnitRef | null = null;
  let ambiguous = false;
  const ranked = areaEvidence
    .map((e) => ({ e, r: rank(e, namedStreets) }))
    .sort((a, b) => compareRanks(b.r, a.r));
  const best = ranked[0];
  if (best) {
    // Equally good readings that disagree (two communities share a short name) name no community.
    const tied = ranked.filter((x) => compareRanks(x.r, best.r) === 0).map((x) => x.e.entry.place);
    const communities = new Set(tied.map((p) => p.community?.id ?? null));
    if (communities.size === 1 && best.e.entry.place.community) community = best.e;
    else ambiguous = communities.size > 1;
    if (new Set(tied.map((p) => p.street?.id ?? null)).size === 1) areaStreet = best.e.entry.place.street;
  }

  const streetOfCommunity = community?.entry.place.street ?? null;
  const bestStreet = [...streetEvidence].sort((a, b) =>
    compareRanks(
      [b.entry.via === 'name' ? 1 : 0, b.match.end - b.match.start, -b.match.start],
      [a.entry.via === 'name' ? 1 : 0, a.match.end - a.match.start, -a.match.start],
    ),
  )[0];
  const street = streetOfCommunity ?? bestStreet?.entry.place.ref ?? areaStreet;
  const chosen = community?.entry.place.community?.id;
  const otherCommunity =
    chosen !== undefined &&
    areaEvidence.some(
      (e) =>
        e.match !== community?.match &&
        e.match.entries.every((x) => x.place.community !== null && x.place.community.id !== chosen),
    );
  const conflict =
    otherCommunity ||
    (streetOfCommunity !== null && namedStreets.size > 0 && !namedStreets.has(streetOfCommunity.id));

  let confidence: AddressResolution['confidence'] = 'low';
  if (community && !conflict) {
    const byName = community.entry.via === 'name';
    const streetByName = streetEvidence.some(
      (e) => e.entry.place.ref.id === streetOfCommunity?.id && e.entry.via === 'name',
    );
    const streetBacked = streetOfCommunity !== null && namedStreets.has(streetOfCommunity.id);
    if (byName || streetByName) confidence = 'high';
    else if (streetBacked || community.entry.place.kind === 'compound') confidence = 'medium';
  } else if (!community && bestStreet?.entry.via === 'name' && !ambiguous) {
    confidence = 'medium';
  }

  const used = [...streetEvidence, ...(community ? [community] : areaEvidence)];
  return {
    community: community?.entry.place.community ?? null,
    street,
    confidence,
    conflict,
    matches: used
      .sort((a, b) => a.match.start - b.match.start)
      .map((e) => ({
        text: e.match.text,
        unit: { ...e.entry.place.ref, kind: e.entry.place.kind },
        via: e.entry.via,
      })),
  };
}
