import { pinyin, polyphonic } from 'pinyin-pro';
import { z } from 'zod';

/**
 * A Chinese name as a keyboard finds it: the whole pinyin (`zaosheng`) and its initials (`zs`), in
 * lower case without tones, ü written v (as pinyin keyboards type it), other letters and digits kept.
 */
export const PinyinKeys = z.object({ full: z.string(), initials: z.string() });
export type PinyinKeys = z.infer<typeof PinyinKeys>;

// Names are few (a taxonomy, an organisation) and read on every list: computing them costs ~0.1 ms each.
const MAX_CACHED = 5000;
const cache = new Map<string, PinyinKeys>();
const OPTIONS = { toneType: 'none', type: 'array', v: true } as const;

const letters = (text: string) =>
  text
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]/g, '');

/** Does `syllable` spell `hint` from `at`? A v (ü) may be written u, as English names often do. */
function spells(syllable: string, hint: string, at: number): boolean {
  if (at + syllable.length > hint.length) return false;
  for (let i = 0; i < syllable.length; i++) {
    const want = syllable[i];
    const got = hint[at + i];
    if (want !== got && !(want === 'v' && got === 'u')) return false;
  }
  return true;
}

/**
 * The readings of the name's first characters that its romanised name spells out from its start,
 * as many characters as it spells (江厦 is jiangxia in "Jiangxia Subdistrict", though 厦 alone
 * reads sha; 街道 is translated, not spelled).
 */
function readingsSpelledBy(readings: string[][], hint: string): string[] {
  const walk = (i: number, at: number): string[] => {
    let best: string[] = [];
    for (const reading of readings[i] ?? []) {
      if (reading === '' || !spells(reading, hint, at)) continue;
      const spelled = [reading, ...walk(i + 1, at + reading.length)];
      if (spelled.length > best.length) best = spelled;
    }
    return best;
  };
  return walk(0, 0);
}

/**
 * The search keys of a name (`建筑施工噪声` → `jianzhushigongzaosheng`, `jzsgzs`). A character with
 * several readings takes the one its words suggest, unless `romanised` (a place's pinyin name such
 * as "Jiangxia Subdistrict") spells another.
 */
export function pinyinKeys(name: string, romanised?: string): PinyinKeys {
  const key = `${name}\u0000${romanised ?? ''}`;
  const known = cache.get(key);
  if (known) return known;
  let syllables = pinyin(name, OPTIONS).map(letters);
  if (romanised) {
    const candidates = polyphonic(name, OPTIONS).map((list, i) => [
      syllables[i] ?? '',
      ...list.map(letters).filter((r) => r !== syllables[i]),
    ]);
    const spelled = readingsSpelledBy(candidates, letters(romanised));
    syllables = [...spelled, ...syllables.slice(spelled.length)];
  }
  const keys = { full: syllables.join(''), initials: syllables.map((s) => s.charAt(0)).join('') };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, keys);
  return keys;
}
