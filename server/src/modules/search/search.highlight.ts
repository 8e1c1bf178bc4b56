import { indexWords, normaliseText, words } from '../../platform/segment.ts';

/** A piece of a snippet: plain text, or a word the search matched. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Where the searched words lie in a text: [start, end) character ranges, in order. */
function hitRanges(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  const norm = normaliseText(text);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (const word of words(text)) {
    const at = norm.indexOf(word, from);
    if (at < 0) continue;
    from = at + word.length;
    if (terms.has(word)) {
      ranges.push([at, at + word.length]);
      continue;
    }
    // The index also holds the shorter words inside a long one (低保户 → 低保): mark just that part.
    if (word.length <= 2) continue;
    for (const term of terms) {
      const inner = word.indexOf(term);
      if (inner >= 0 && indexWords(word).includes(term)) {
        ranges.push([at + inner, at + inner + term.length]);
        break;
      }
    }
  }
  return ranges;
}

/**
 * A short snippet of `text` around its first matched word (about `width` characters, … where cut),
 * with every matched word inside marked; null when no searched word is in the text. Matching is by
 * jieba's words, as the index matches: 低保 is marked in 低保户 but not in 降低保费.
 */
export function highlight(text: string, terms: ReadonlySet<string>, width = 60): Segment[] | null {
  const ranges = hitRanges(text, terms);
  const first = ranges[0];
  if (!first) return null;
  // Offsets are into the normalised text; show the original when normalising kept every offset.
  const norm = normaliseText(text);
  const shown = norm.length === text.length ? text : norm;
  const start = Math.max(0, Math.min(first[0] - Math.floor(width / 3), shown.length - width));
  const end = Math.min(shown.length, start + width);
  const segments: Segment[] = [];
  const push = (s: string, hit: boolean) => {
    if (s === '') return;
    const last = segments.at(-1);
    if (last && last.hit === hit) last.text += s;
    else segments.push({ text: s, hit });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= at || a >= end) continue;
    push(shown.slice(at, Math.max(at, a)), false);
    push(shown.slice(Math.max(at, a), Math.min(b, end)), true);
    at = Math.min(b, end);
  }
  push(shown.slice(at, end).replace(/\s+/g, ' '), false);
  if (end < shown.length) push('…', false);
  return segments;
}
