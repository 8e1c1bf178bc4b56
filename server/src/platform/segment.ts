import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for search, routing suggestions and duplicate detection: one jieba
 * instance per process (its dictionary takes ~0.3 s to load, so it loads on first use). Chinese has
 * no spaces, and a character-trigram index misses two-character words (噪音, 低保, 扰民); jieba
 * cuts 楼上天天半夜拖椅子 into 楼上 / 天天 / 半夜 / 拖 / 椅子.
 */

let instance: Jieba | null = null;

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    // Words of this domain the general dictionary lacks or splits: kept whole so they match whole.
    instance.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 2000 n`).join('\n')));
  }
  return instance;
}

const DOMAIN_WORDS = [
  '低保',
  '低保户',
  '特困',
  '扰民',
  '井盖',
  '店招',
  '占道',
  '群租',
  '飞线',
  '飞线充电',
  '楼道',
  '物业费',
  '油烟',
  '网格员',
  '12345',
  '81890',
];

/** A token worth matching on: it has a letter, a digit or a Chinese character (not punctuation or space). */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** Text as matched: full-width forms folded (ＡＢＣ１２ → abc12), lower case, no line breaks. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The words of a text, in order (jieba's precise mode), without punctuation or spaces. */
export function words(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cut(normaliseText(text), true)
    .filter((w) => MEANINGFUL.test(w))
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/**
 * The words a search index keeps for a text: precise-mode words plus the shorter words inside long
 * ones (中华人民共和国 also gives 中华, 人民, 共和国), so a search for the shorter word finds it.
 */
export function indexWords(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cutForSearch(normaliseText(text), true)
    .filter((w) => MEANINGFUL.test(w))
    .map((w) => w.trim())
    .filter((w) => w !== '');
}
