import { normaliseText } from '../../platform/segment.ts';

/**
 * Place names the organisation does not list but its cases teach: compounds (孝闻小区, 南苑新村) and
 * roads (药行街, 柳汀街) written in addresses and descriptions of cases whose street is known. A name
 * is learnt for a street when it is seen there often enough and almost never elsewhere; a road that
 * crosses two streets (中山西路) stays unlearnt, so it names no street rather than the wrong one.
 */

/** Words that end a compound's or a road's name. */
const SUFFIXES = [
  '小区',
  '新村',
  '花园',
  '花苑',
  '公寓',
  '家园',
  '大厦',
  '新城',
  '大道',
  '苑',
  '里',
  '路',
  '街',
  '巷',
  '弄',
];
/**
 * What may not follow a suffix for it to end a name: 街道 is a street office, 路灯 a street lamp, 里面
 * inside. (路口, 路边 and 路上 do follow road names: 古林路口 is at 古林路.)
 */
const NOT_AFTER: Record<string, RegExp> = {
  街: /^道/,
  路: /^灯/,
  里: /^[面头边]/,
};
const HAN = /^\p{Script=Han}+$/u;
const MIN_STEM = 2;
const MAX_STEM = 4;

/** Learnt names: name → street code, with how often it was seen there. */
export interface LearntPlaces {
  names: [name: string, street: string, seen: number][];
}

export interface PlaceSample {
  text: string;
  street: string;
}

/** Every candidate name in a text: the two to four characters before a suffix, with the suffix. */
export function candidateNames(text: string): string[] {
  const normal = normaliseText(text).replace(/\s+/g, '');
  const names = new Set<string>();
  for (const suffix of SUFFIXES) {
    let at = normal.indexOf(suffix);
    while (at !== -1) {
      const end = at + suffix.length;
      const notAfter = NOT_AFTER[suffix];
      if (!notAfter?.test(normal.slice(end))) {
        for (let stem = MIN_STEM; stem <= MAX_STEM && at - stem >= 0; stem++) {
          const name = normal.slice(at - stem, end);
          if (HAN.test(name)) names.add(name);
        }
      }
      at = normal.indexOf(suffix, at + 1);
    }
  }
  return [...names];
}

/**
 * Learns names from texts of known streets: kept when seen at least `minSeen` times and at least
 * `minShare` of those times in one street.
 */
export function learnPlaces(samples: readonly PlaceSample[], minSeen = 2, minShare = 0.85): LearntPlaces {
  const seen = new Map<string, Map<string, number>>();
  for (const { text, street } of samples) {
    for (const name of candidateNames(text)) {
      const byStreet = seen.get(name) ?? new Map<string, number>();
      byStreet.set(street, (byStreet.get(street) ?? 0) + 1);
      seen.set(name, byStreet);
    }
  }
  const names: LearntPlaces['names'] = [];
  for (const [name, byStreet] of seen) {
    let total = 0;
    let best: [string, number] = ['', 0];
    for (const [street, n] of byStreet) {
      total += n;
      if (n > best[1]) best = [street, n];
    }
    if (total >= minSeen && best[1] / total >= minShare) names.push([name, best[0], best[1]]);
  }
  return { names: names.sort((a, b) => a[0].localeCompare(b[0])) };
}

export interface PlaceIndex {
  byName: Map<string, { street: string; seen: number }>;
}

export function placeIndex(places: LearntPlaces): PlaceIndex {
  return { byName: new Map(places.names.map(([name, street, seen]) => [name, { street, seen }])) };
}

/**
 * The street a text names by a learnt name, and the name: of the candidate names found, the one
 * seen most often (孝闻小区 rather than 在孝闻小区, which only one text wrote). Null when none is known
 * or the names found point to different streets equally.
 */
export function learntStreetOf(index: PlaceIndex, text: string): { street: string; name: string } | null {
  let best: { street: string; name: string; seen: number } | null = null;
  let tie = false;
  for (const name of candidateNames(text)) {
    const known = index.byName.get(name);
    if (!known) continue;
    if (!best || known.seen > best.seen) {
      tie = false;
      best = { street: known.street, name, seen: known.seen };
    } else if (known.seen === best.seen && known.street !== best.street) tie = true;
  }
  return best && !tie ? { street: best.street, name: best.name } : null;
}
