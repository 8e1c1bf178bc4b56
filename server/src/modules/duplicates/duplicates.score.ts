import { words } from '../../platform/segment.ts';

/**
 * How alike two reports are, from their words: pure functions, no database. Place names and filler
 * are left out first, so two reports from the same street about different things do not look alike
 * for naming the street, and "市民来电反映" in every hotline text counts for nothing.
 */

/** Filler of residents' and agents' texts: words that say nothing about the problem. */
const FILLER = new Set([
  ...'的 了 着 过 吗 呢 吧 啊 呀 哦 嘛 么 和 与 及 或 也 都 就 还 又 再 才 很 太 挺 好 最 更 在 是 有 没 不 我 你 他 她 它 们 这 那 个 些 把 被 给 让 对 从 到 向 往 里 上 下 中 内 外 前 后 边 一 请 说 会 能 要 想 去 来'.split(
    ' ',
  ),
  ...'我们 你们 他们 我家 自己 大家 这个 那个 这里 那里 这边 那边 这些 那些 一个 一些 有个 有点 什么 怎么 为什么 怎么办 没有 已经 还是 就是 但是 而且 因为 所以 如果 然后 现在 目前 今天 昨天 一直 经常 总是 非常 特别 真的 实在 希望 尽快 马上 赶紧 及时 麻烦 帮忙 谢谢 感谢 处理 解决 问题 情况 事情 反映 投诉 举报 咨询 来电 市民 居民 群众 本人 相关 部门 有关 单位 政府 社区 街道 小区 附近 门口 旁边 对面 位置 地方 地址 号楼 单元 一下 一下子 好几天 几天 多次 晚上 白天 早上 上午 下午 中午 每天 最近 之前 以前 前几天 这几天 一段时间 很多 严重 影响 造成 导致 出现 发现 存在 无人 没人 不管'.split(
    ' ',
  ),
]);

/** Words naming a place by their ending (roads, lanes, numbers, buildings), not the problem at it. */
const PLACE_ENDING = /(路|街|巷|弄|号|幢|栋|室|村|苑|园|庭|府|湾|城|小区|社区|街道|大厦|广场|花园|新村)$/u;
/** Place words that are also problem words: kept. */
const PLACE_LIKE_PROBLEMS = new Set(['马路', '道路', '路面', '路灯', '街灯', '楼道', '花园']);

const DIGITS = /^[\p{N}a-z]+$/u;

/** The content words of a text: no filler, no digits or house numbers, no place names. */
export function contentWords(text: string, placeWords: ReadonlySet<string> = new Set()): string[] {
  return words(text).filter(
    (w) =>
      !FILLER.has(w) &&
      !DIGITS.test(w) &&
      !placeWords.has(w) &&
      (PLACE_LIKE_PROBLEMS.has(w) || !PLACE_ENDING.test(w) || w.length === 1),
  );
}

/** The words of place names (a community, a compound, an address), to leave out of the comparison. */
export function placeWordsOf(names: Array<string | null | undefined>): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const w of words(name)) if (!PLACE_LIKE_PROBLEMS.has(w)) out.add(w);
  }
  return out;
}

/** Words ending like a road that are not one. */
const NOT_ROADS = new Set([
  ...'沿街 上街 逛街 街道 步行街 一条街 满街 马路 过马路 大马路 道路 公路 小路 大路 一路 沿路 走路 修路 堵路 过路 上路 问路 里弄'.split(
    ' ',
  ),
]);
/** How a road or a compound name ends: what a house or building number follows. */
const SPOT_ENDING = /(路|街|巷|弄|里|村|苑|园|寓|厦|坊|庄|湾|城|府|庭|小区|花园|新村|公寓|大厦)$/u;
const ROAD_ENDING = /(路|街|巷)$/u;
/** What follows a number when it is a house, building or room number. */
const NUMBERED = new Set(['号', '幢', '栋', '弄', '室', '单元', '号楼']);
const HAN = /^\p{Script=Han}+$/u;

/** The spots a report names: numbered addresses (`公园路#3号`), their roads and compounds, and roads named alone. */
export interface Spots {
  /** Road or compound of each numbered address: what tells two addresses apart. */
  bases: Set<string>;
  numbers: Set<string>;
  roads: Set<string>;
}

/** The name ending at token `end` (公园路, or 前 + 丰街 as jieba may cut it), at least three characters. */
function nameEndingAt(ws: string[], end: number): string | null {
  let name = ws[end] as string;
  if (!HAN.test(name) || !SPOT_ENDING.test(name) || NOT_ROADS.has(name)) return null;
  for (let j = end - 1; [...name].length < 3 && j >= 0; j--) {
    const w = ws[j] as string;
    if (!HAN.test(w) || [...w].length > 2) break;
    name = `${w}${name}`;
  }
  return [...name].length >= 3 ? name : null;
}

/**
 * The spots a report names in its text and address: house and building numbers with the road or
 * compound before them (公园路3号, 中山小区2幢), and roads named alone. Street and community names
 * are not spots: many places share them.
 */
export function spotsOf(texts: Array<string | null | undefined>): Spots {
  const spots: Spots = { bases: new Set(), numbers: new Set(), roads: new Set() };
  for (const text of texts) {
    if (!text) continue;
    const ws = words(text);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as string;
      const next = ws[i + 1];
      if (/^\p{N}+$/u.test(w) && next !== undefined && NUMBERED.has(next)) {
        const base = i > 0 ? nameEndingAt(ws, i - 1) : null;
        if (base) {
          spots.bases.add(base);
          spots.numbers.add(`${base}${w}${next}`);
        }
      } else if (ROAD_ENDING.test(w)) {
        const road = nameEndingAt(ws, i);
        if (road && ROAD_ENDING.test(road)) spots.roads.add(road);
      }
    }
  }
  return spots;
}

/**
 * The spots two reports both name (the same house number, else the same road or compound), and
 * whether both give numbered addresses on different roads or compounds: then they are different places.
 */
export function spotMatch(a: Spots, b: Spots): { shared: string[]; conflict: boolean } {
  const numbers = [...a.numbers].filter((n) => b.numbers.has(n));
  const aNames = new Set([...a.bases, ...a.roads]);
  const names = [...new Set([...b.bases, ...b.roads])].filter((n) => aNames.has(n));
  const sharedBase = [...a.bases].some((x) => b.bases.has(x));
  return {
    shared: numbers.length > 0 ? numbers : names,
    conflict: a.bases.size > 0 && b.bases.size > 0 && !sharedBase,
  };
}

/** A text made ready to compare: its content words, their characters and the character pairs they hold. */
export interface Fingerprint {
  words: Map<string, number>;
  chars: Set<string>;
  pairs: Set<string>;
}

/** A one-character word weighs less: 坑, 吵, 臭 say something, but less than 井盖 or 噪音. */
function weight(word: string): number {
  return [...word].length >= 2 ? 1 : 0.5;
}

export function fingerprint(contentWordList: string[]): Fingerprint {
  const map = new Map<string, number>();
  for (const w of contentWordList) map.set(w, weight(w));
  // Characters and character pairs catch what segmentation splits differently: 井盖松动 and 井盖松了
  // share 井盖 as a word, but also 松 as a character and 盖松 as a pair.
  const chars = [...contentWordList.join('')];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  return { words: map, chars: new Set(chars), pairs };
}

function setCosine(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.sqrt(a.size * b.size);
}

/** The raw overlap of words and characters at which two independent descriptions read as the same. */
const SAME_TEXT = 0.5;

/** Similarity of two reports (0–1) and the words they share, heaviest first. */
export function similarity(a: Fingerprint, b: Fingerprint): { value: number; shared: string[] } {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const shared: string[] = [];
  for (const [w, wa] of a.words) {
    na += wa * wa;
    const wb = b.words.get(w);
    if (wb !== undefined) {
      dot += wa * wb;
      shared.push(w);
    }
  }
  for (const wb of b.words.values()) nb += wb * wb;
  const wordCosine = na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
  shared.sort((x, y) => weight(y) - weight(x) || [...y].length - [...x].length);
  const raw = 0.4 * wordCosine + 0.35 * setCosine(a.chars, b.chars) + 0.25 * setCosine(a.pairs, b.pairs);
  // Two people never describe a problem in the same words: half the measure is already "the same".
  return { value: Math.round(Math.min(1, raw / SAME_TEXT) * 1000) / 1000, shared };
}

/** Categories often confused for one another, beyond their group: noise or a leak is also a neighbours' quarrel. */
const CONFUSABLE: string[][] = [
  ['EN02', 'DI01'],
  ['HO02', 'DI01'],
  ['HO02', 'UT01', 'UT04'],
  ['UM05', 'UT04'],
  ['PS02', 'UT03'],
  ['PS03', 'UM08'],
  ['UM03', 'MK03'],
  ['EN03', 'EN04'],
  ['HO01', 'CM01'],
];

export type CategoryMatch = 'same' | 'neighbour' | 'other' | 'unknown';

export function categoryMatch(
  a: { code: string; group: string } | null,
  b: { code: string; group: string } | null,
): CategoryMatch {
  if (!a || !b) return 'unknown';
  if (a.code === b.code) return 'same';
  if (a.group === b.group) return 'neighbour';
  return CONFUSABLE.some((set) => set.includes(a.code) && set.includes(b.code)) ? 'neighbour' : 'other';
}

/** Metres between two points (haversine; the district is small enough for any formula). */
export function metresBetween(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Within this many metres a report counts as nearby. */
export const NEARBY_METRES = 300;
/** Within this many metres two reports are at the same spot. */
export const SAME_SPOT_METRES = 100;

export interface PlaceMatch {
  sameCompound: boolean;
  sameCommunity: boolean;
  metres: number | null;
  /** Spots both reports name (公园路3号, or the road alone). */
  sharedSpots: string[];
  /** Both name roads, and none in common: different places, whatever their community. */
  conflict: boolean;
  /** Where both are is known (a community or a point): a far one is then somewhere else. */
  bothKnown: boolean;
}

/**
 * How close two places are (0–1): the same compound, spot or address 1, 300 m away 0.5, the same
 * community 0.7. When the two name different spots only a point within 100 m still counts.
 */
export function placeCloseness(p: PlaceMatch): number {
  if (p.conflict) return p.metres !== null && p.metres <= SAME_SPOT_METRES ? 1 : 0;
  let value = 0;
  if (p.sameCompound) value = 1;
  if (p.sharedSpots.length > 0) value = Math.max(value, p.sameCommunity || p.metres !== null ? 1 : 0.8);
  if (p.metres !== null && p.metres <= NEARBY_METRES) {
    const near =
      p.metres <= SAME_SPOT_METRES
        ? 1
        : 1 - (0.5 * (p.metres - SAME_SPOT_METRES)) / (NEARBY_METRES - SAME_SPOT_METRES);
    value = Math.max(value, near);
  }
  if (p.sameCommunity) value = Math.max(value, 0.7);
  return value;
}

const CATEGORY_VALUE: Record<CategoryMatch, number> = { same: 1, neighbour: 0.6, unknown: 0.4, other: 0 };

/** Cases registered longer ago than this are not offered. */
export const WINDOW_DAYS = 30;

/**
 * The likelihood (0–1) that two reports are about the same problem: mostly their words, then the
 * category, the place and how recent the earlier one is.
 */
export function duplicateScore(input: {
  similarity: number;
  category: CategoryMatch;
  place: PlaceMatch;
  ageDays: number;
}): number {
  const recency = Math.max(0, 1 - Math.max(0, input.ageDays) / WINDOW_DAYS);
  const score =
    0.45 * input.similarity +
    0.25 * CATEGORY_VALUE[input.category] +
    0.2 * placeCloseness(input.place) +
    0.1 * recency;
  return Math.round(score * 1000) / 1000;
}

/** Worth showing to an agent or dispatcher: alike enough, and either near or very alike in the same category. */
export function isLikelyDuplicate(input: {
  score: number;
  similarity: number;
  category: CategoryMatch;
  place: PlaceMatch;
}): boolean {
  if (input.score < 0.45) return false;
  const near = placeCloseness(input.place) > 0;
  // Far apart or at different spots is another problem; only a report whose place is unknown may
  // be the same one anywhere in the district, if it reads the same in the same category.
  if (!near)
    return (
      !input.place.bothKnown && !input.place.conflict && input.category === 'same' && input.similarity >= 0.8
    );
  if (input.category === 'other') return input.similarity >= 0.7;
  return input.similarity >= (input.category === 'same' ? 0.2 : 0.35);
}

/**
 * So alike that a portal or Open311 report is held for a dispatcher as a suspected duplicate: same
 * category, same compound or community or within 100 m, and words clearly alike.
 */
export function isObviousDuplicate(input: {
  score: number;
  similarity: number;
  category: CategoryMatch;
  place: PlaceMatch;
}): boolean {
  const { place } = input;
  const samePlace =
    (!place.conflict && (place.sameCompound || place.sameCommunity)) ||
    (place.metres !== null && place.metres <= SAME_SPOT_METRES);
  return input.category === 'same' && samePlace && input.similarity >= 0.6 && input.score >= 0.75;
}
