// Suggests a request category from a resident's own words, before they have to learn the taxonomy.
// For now a plain match without word segmentation: Chinese text is cut into overlapping character
// pairs, which catches most words (路灯, 漏水, 装修) without a dictionary, and each pair counts by how
// rare it is among the categories. Issue #8 brings real segmentation and synonyms: it replaces
// `termsOf` (and may replace the weights) behind the same `rankCategories` contract.

/** What the matcher reads of a category: its names and its plain-language description. */
export interface MatchableCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
}

export interface RankedCategory<C extends MatchableCategory> {
  category: C;
  /** Higher is a better match; only meaningful against other scores of the same text. */
  score: number;
}

/** Characters that carry no meaning of their own in a pair (particles, pronouns). */
const FILLER = new Set([...'的了是我你他她它们这那和与及或等也都很就还着过吧吗呢啊呀么嘛哦']);
const HAN = /\p{Script=Han}+/gu;
const LATIN = /[a-z0-9]+/g;
/** English words too common to tell categories apart. */
const ENGLISH_FILLER = new Set('the and for with not are was our from there has'.split(' '));

/**
 * The terms a text is matched by: every pair of neighbouring Chinese characters (without filler
 * characters) and every Latin word of three letters or more, lower-cased, a plural `s` dropped.
 */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  const normal = text.normalize('NFKC').toLowerCase();
  for (const run of normal.match(HAN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const a = chars[i] as string;
      const b = chars[i + 1] as string;
      if (!FILLER.has(a) && !FILLER.has(b)) terms.add(a + b);
    }
  }
  for (const word of normal.match(LATIN) ?? []) {
    if (word.length < 3 || ENGLISH_FILLER.has(word)) continue;
    terms.add(word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);
  }
  return terms;
}

/** A term in a category's name says more than one in its description. */
const NAME_WEIGHT = 1.5;
/**
 * Words residents use whatever the matter (where they live, when it happens): rare among the
 * categories, so without this they would count as strongly as 路灯 or 漏水.
 */
const EVERYDAY_TERMS = new Set(
  '小区 社区 门口 楼下 楼上 附近 家里 居民 问题 反映 情况 现在 已经 每天 天天 时候 晚上 白天 一个 好几 几天 不行 希望 解决 坏了'.split(
    ' ',
  ),
);
const EVERYDAY_WEIGHT = 0.25;
/**
 * A suggestion needs at least this share of the score of one term that a single category has: less
 * is a common pair or two, more likely chance than meaning.
 */
const MIN_SHARE = 0.6;
/** Far behind the best match, a category is noise next to it. */
const MIN_OF_BEST = 0.4;

/**
 * The categories that best match a text, best first, at most `limit`: each term shared by the text
 * and a category adds its rarity among all the categories (log of how few have it), more if it is in
 * the name. Categories matching only by chance, or far behind the best, are left out, so an unclear
 * text gets no suggestion and a clear one few.
 */
export function rankCategories<C extends MatchableCategory>(
  text: string,
  categories: readonly C[],
  limit = 3,
): RankedCategory<C>[] {
  const wanted = termsOf(text);
  if (wanted.size === 0 || categories.length === 0) return [];
  const indexed = categories.map((category) => ({
    category,
    name: termsOf(`${category.nameZh} ${category.nameEn}`),
    all: termsOf(
      `${category.nameZh} ${category.nameEn} ${category.descriptionZh ?? ''} ${category.descriptionEn ?? ''}`,
    ),
  }));
  const frequency = new Map<string, number>();
  for (const { all } of indexed)
    for (const term of all) if (wanted.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const rarity = (term: string) => Math.log(1 + categories.length / (frequency.get(term) ?? 1));
  const minScore = MIN_SHARE * Math.log(1 + categories.length);

  const ranked = indexed
    .map(({ category, name, all }) => {
      let score = 0;
      for (const term of wanted)
        if (all.has(term))
          score +=
            rarity(term) *
            (name.has(term) ? NAME_WEIGHT : 1) *
            (EVERYDAY_TERMS.has(term) ? EVERYDAY_WEIGHT : 1);
      return { category, score: Math.round(score * 100) / 100 };
    })
    .filter((r) => r.score >= minScore)
    .sort((a, b) => b.score - a.score || a.category.code.localeCompare(b.category.code));
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((r) => r.score >= best * MIN_OF_BEST).slice(0, limit);
}
