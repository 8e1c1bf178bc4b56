import { normaliseText, words } from '../../platform/segment.ts';

/**
 * What the category model reads of a text: its words (jieba), and every pair of neighbouring Chinese
 * characters. The words carry the meaning (漏水, 噪音, 低保); the pairs catch what segmentation or
 * spelling gets wrong (a typo, 在/再, a word jieba does not know), so a misspelt request still
 * shares most of its features with the well-spelt ones.
 */

/** Words that say nothing about which unit should act: particles, pronouns, courtesy. */
const STOP_WORDS = new Set(
  (
    '的 了 是 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 和 与 及 或 等 也 都 很 就 还 着 过 吧 吗 呢 啊 呀 么 嘛 哦 ' +
    '在 有 被 把 给 对 让 从 到 又 再 才 说 要 会 能 可以 一下 一直 一个 现在 已经 请 您 你好 谢谢 麻烦 帮忙 希望 ' +
    '反映 来电 市民 来电人 称 情况 问题 处理 解决 尽快 相关 部门'
  ).split(' '),
);

const HAN_RUN = /\p{Script=Han}+/gu;
const DIGITS = /^\d+$/;

/** A feature and how often it occurs in the text. */
export type FeatureCounts = Map<string, number>;

/** The features of a text with their counts: `w:<word>` and `c:<two characters>`. */
export function featuresOf(text: string): FeatureCounts {
  const counts: FeatureCounts = new Map();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    add(DIGITS.test(word) ? 'w:#' : `w:${word}`);
  }
  for (const run of normaliseText(text).match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) add(`c:${chars[i]}${chars[i + 1]}`);
  }
  return counts;
}
