// Finding a category or a community the way an agent types on a call: a few Chinese characters, the
// pinyin initials (`zs` for 噪声), the start of the pinyin, English words or the code.

/** Something a picker can find: its names, its pinyin and, optionally, its parent's. */
export interface Findable {
  code: string;
  nameZh: string;
  nameEn: string;
  pinyin: { full: string; initials: string };
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** How well one word of the query names the item: 0 best, null not at all. */
function rankWord(word: string, item: Findable): number | null {
  const zh = item.nameZh;
  const { full, initials } = item.pinyin;
  if (zh.startsWith(word) || initials.startsWith(word) || full.startsWith(word)) return 0;
  if (item.code.toLowerCase() === word) return 0;
  if (zh.includes(word) || initials.includes(word)) return 1;
  const en = normalise(item.nameEn);
  if (en.startsWith(word) || full.includes(word)) return 2;
  if (en.includes(word) || item.code.toLowerCase().startsWith(word)) return 3;
  return null;
}

/**
 * How well a query finds an item: every word must name the item or its parent (`城管 垃圾`); lower
 * is better, a hit on the item itself before a hit on its parent only, a short name before a long
 * one; null when it does not match.
 */
export function matchRank(query: string, item: Findable, parent?: Findable): number | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  let total = 0;
  for (const word of words) {
    const own = rankWord(word, item);
    const inParent = parent ? rankWord(word, parent) : null;
    if (own === null && inParent === null) return null;
    total += own ?? 10 + (inParent ?? 0);
  }
  // Between equal hits the shorter name wins: the words typed make up more of it.
  return total + item.nameZh.length / 1000;
}
