import fs from 'node:fs';
import { z } from 'zod';
import { CASE_KINDS, CHANNELS, type Channel } from './cases.schema.ts';
import { type Random, WeightedTable } from './cases.seed-random.ts';

/**
 * The words of the demo cases: descriptions from per-category templates with slots, what units write
 * when they resolve, return and extension reasons, callback comments, reporters' names and mobile
 * numbers. The texts live in seed/descriptions.json; this module fills them in.
 */

const TEXTS_FILE = new URL('./seed/descriptions.json', import.meta.url);

const Texts = z.array(z.string());
/** A description template, optionally only for one kind of demand (praise, suggestion…). */
const TemplateText = z.union([z.string(), z.object({ kind: z.enum(CASE_KINDS), text: z.string() })]);
const Weights = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(keys), z.number().min(0));

const CaseTextsFile = z.object({
  slots: z.record(z.string(), z.union([Texts, z.record(z.string(), Texts)])),
  names: z.object({ surnames: Texts.min(1), given: Texts.min(1) }),
  labels: z.object({
    agent: z.string(),
    dispatcher: z.string(),
    supervisor: z.string(),
    app: z.string(),
    communityStaff: z.string(),
    resident: z.string(),
    unknownCategory: z.string(),
  }),
  streetWeights: z.record(z.string(), z.number().positive()),
  groups: z.record(
    z.string(),
    z.object({ channels: Weights(CHANNELS), explained: Texts.min(1), notSolvable: Texts.min(1) }),
  ),
  categories: z.record(
    z.string(),
    z
      .object({
        weight: z.number().positive(),
        kinds: Weights(CASE_KINDS),
        urgent: z.number().min(0).max(1).optional(),
        peakMonths: z.array(z.number().int().min(1).max(12)).optional(),
        /** Descriptions, each with the resolution of the same index. */
        templates: z.array(TemplateText).min(1),
        resolutions: Texts.min(1),
        /** Questions (kind enquiry), each with the answer of the same index. */
        enquiries: Texts.optional(),
        answers: Texts.optional(),
      })
      .refine((c) => c.templates.length === c.resolutions.length, 'one resolution per template')
      .refine((c) => (c.enquiries?.length ?? 0) === (c.answers?.length ?? 0), 'one answer per enquiry')
      .refine(
        (c) => c.kinds.enquiry === undefined || (c.enquiries?.length ?? 0) > 0,
        'enquiries for kind enquiry',
      ),
  ),
  texts: z.object({
    returnReasons: Texts.min(1),
    extensionReasons: Texts.min(1),
    extensionNotes: Texts.min(1),
    superviseComments: Texts.min(1),
    withdrawReasons: Texts.min(1),
    mergeNotes: Texts.min(1),
    dispatchNotes: Texts.min(1),
    coReports: Texts.min(1),
    callbackSatisfied: Texts.min(1),
    callbackBasic: Texts.min(1),
    callbackDissatisfied: Texts.min(1),
    callbackUnanswered: Texts.min(1),
    repeatPrefixes: Texts.min(1),
    answers: Texts.min(1),
  }),
});
type CaseTextsFile = z.infer<typeof CaseTextsFile>;
export type TextList = keyof CaseTextsFile['texts'];
export type Label = keyof CaseTextsFile['labels'];

/** A template cut into literal text and slot names, so filling it is a loop over parts. */
type Template = (string | { slot: string })[];

function compile(template: string): Template {
  const parts: Template = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ slot: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** Per-category demo tuning read from the texts file: how common, which kinds, how often urgent. */
export interface CategoryProfile {
  weight: number;
  kinds: WeightedTable<string>;
  urgent: number;
  peakMonths: ReadonlySet<number>;
}

/** Which template a description came from, so its resolution (or answer) matches it. */
export interface TextPick {
  enquiry: boolean;
  index: number;
}

/** A filled-in description, with the place details it names (road, number, compound) for the address. */
export interface Description {
  text: string;
  pick: TextPick;
  named: Record<string, string>;
}

interface CompiledCategory {
  templates: { kind: string | null; parts: Template }[];
  enquiries: Template[];
}

/** Slots whose first value a description keeps, so the case's address names the same place. */
const PLACE_SLOTS = new Set(['road', 'no', 'compound', 'bldg']);

const NUMBER_SLOTS: Record<string, (r: Random) => string> = {
  no: (r) => String(r.int(1, 399)),
  bldg: (r) => String(r.int(1, 32)),
  unit: (r) => String(r.int(1, 6)),
  floor: (r) => String(r.int(6, 18)),
  room: (r) => `${r.int(1, 18)}0${r.int(1, 4)}`,
  amount: (r) => String(r.int(10, 300) * 100),
  months: (r) => `${r.int(2, 6)}个月`,
  count: (r) => String(r.int(3, 30)),
  age: (r) => String(r.int(40, 56)),
  elder: (r) => String(r.int(75, 95)),
  bus: (r) => `${r.int(1, 800)}路`,
};

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

/** A well-mixed 32-bit hash of an integer, so neighbouring indexes get unrelated names. */
function mix(i: number, salt: number): number {
  let z = (i * 0x9e3779b1 + salt) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The mobile number of the i-th demo reporter: distinct for every i below 3 billion (the 8 digits are
 * a bijection of i / prefixes modulo 10^8), shaped like a mainland mobile number.
 */
export function reporterMobile(i: number): string {
  const prefix = MOBILE_PREFIXES[i % MOBILE_PREFIXES.length] as string;
  const rest = (Math.floor(i / MOBILE_PREFIXES.length) * 48_271 + 20_261_129) % 100_000_000;
  return `${prefix}${String(rest).padStart(8, '0')}`;
}

/** The title the intake gives a case without one: its description's first 30 characters. */
export function titleOf(description: string): string {
  const chars = [...description.replace(/\s+/g, ' ')];
  return chars.length <= 30 ? chars.join('') : `${chars.slice(0, 30).join('')}…`;
}

/** The demo case texts, loaded and compiled once. */
export class CaseTexts {
  readonly #file: CaseTextsFile;
  readonly #compiled = new Map<string, CompiledCategory>();
  readonly #compiledTexts = new Map<string, Template>();

  constructor(file: unknown = JSON.parse(fs.readFileSync(TEXTS_FILE, 'utf8'))) {
    this.#file = CaseTextsFile.parse(file);
    for (const [code, c] of Object.entries(this.#file.categories)) {
      this.#compiled.set(code, {
        templates: c.templates.map((t) =>
          typeof t === 'string'
            ? { kind: null, parts: compile(t) }
            : { kind: t.kind, parts: compile(t.text) },
        ),
        enquiries: (c.enquiries ?? []).map(compile),
      });
    }
  }

  /** How the demo draws cases of a category; null when the texts file does not know it. */
  profileOf(code: string): CategoryProfile | null {
    const c = this.#file.categories[code];
    if (!c) return null;
    return {
      weight: c.weight,
      kinds: new WeightedTable(Object.entries(c.kinds) as [string, number][]),
      urgent: c.urgent ?? 0.02,
      peakMonths: new Set(c.peakMonths ?? []),
    };
  }

  /** Channel weights of a category group (the hotline alone when the group is unknown). */
  channelsOf(group: string): Partial<Record<Channel, number>> {
    return this.#file.groups[group]?.channels ?? { hotline: 1 };
  }

  /** The name of the i-th demo reporter. */
  reporterName(i: number): string {
    const { surnames, given } = this.#file.names;
    return `${surnames[mix(i, 17) % surnames.length]}${given[mix(i, 91) % given.length]}`;
  }

  /** A label for an actor with no account of their own, `{slots}` filled from `values`. */
  label(name: Label, values: Record<string, string> = {}): string {
    return this.#file.labels[name].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  }

  streetWeight(code: string): number {
    return this.#file.streetWeights[code] ?? 1;
  }

  /**
   * A resident's description of a demand of the kind in the category, in the named street: a question
   * for an enquiry, else a template for that kind (or one for any kind).
   */
  describe(
    r: Random,
    code: string,
    kind: string,
    street: { code: string; nameZh: string } | null,
  ): Description {
    const c = this.#compiled.get(code);
    if (!c)
      return {
        text: this.label('unknownCategory', { category: code }),
        pick: { enquiry: false, index: -1 },
        named: {},
      };
    if (kind === 'enquiry' && c.enquiries.length > 0) {
      const index = r.int(0, c.enquiries.length - 1);
      return { ...this.#fill(r, c.enquiries[index] as Template, street), pick: { enquiry: true, index } };
    }
    const ofKind = c.templates.flatMap((t, i) => (t.kind === kind ? [i] : []));
    const anyKind = c.templates.flatMap((t, i) => (t.kind === null ? [i] : []));
    const choices = ofKind.length > 0 ? ofKind : anyKind.length > 0 ? anyKind : c.templates.map((_, i) => i);
    const index = r.pick(choices);
    const template = c.templates[index] as { parts: Template };
    return { ...this.#fill(r, template.parts, street), pick: { enquiry: false, index } };
  }

  /** What the lead unit writes when it resolves the case: the resolution (or answer) of its template. */
  resolution(r: Random, code: string, group: string, outcome: string, pick: TextPick): string {
    const g = this.#file.groups[group];
    if (outcome === 'explained' && g) return r.pick(g.explained);
    if (outcome === 'not_solvable' && g) return r.pick(g.notSolvable);
    return this.answer(r, code, pick);
  }

  /** The answer to the demand: the text paired with its template, or a general one. */
  answer(r: Random, code: string, pick: TextPick): string {
    const c = this.#file.categories[code];
    const own = pick.enquiry ? c?.answers?.[pick.index] : c?.resolutions[pick.index];
    return own ? this.#fill(r, this.#compiledText(own), null).text : r.pick(this.#file.texts.answers);
  }

  #compiledText(text: string): Template {
    let template = this.#compiledTexts.get(text);
    if (!template) {
      template = compile(text);
      this.#compiledTexts.set(text, template);
    }
    return template;
  }

  pick(r: Random, list: TextList): string {
    return r.pick(this.#file.texts[list]);
  }

  /**
   * The address of a case: in its community, on the road (and number, or compound) its description
   * names when it names one; vaguer when only the street, or nothing, is known.
   */
  address(
    r: Random,
    district: string,
    street: { code: string; nameZh: string } | null,
    community: { nameZh: string } | null,
    named: Record<string, string>,
  ): string {
    const compound = named.compound;
    const road = named.road ?? (compound ? undefined : this.#slot(r, 'road', street));
    const spot = road
      ? `${road}${named.no ?? r.int(1, 399)}号`
      : `${compound}${named.bldg ? `${named.bldg}幢` : ''}`;
    if (!street) return `${road ?? compound}附近`;
    if (!community) return `${district}${street.nameZh}${road ?? compound}附近`;
    return `${district}${street.nameZh}${community.nameZh}${spot}`;
  }

  #fill(r: Random, template: Template, street: { code: string; nameZh: string } | null) {
    let text = '';
    let previous = '';
    const named: Record<string, string> = {};
    for (const part of template) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      let value = this.#slot(r, part.slot, street);
      // "{road}与{road}交叉口": two different roads.
      if (value === previous) value = this.#slot(r, part.slot, street);
      previous = value;
      if (PLACE_SLOTS.has(part.slot) && named[part.slot] === undefined) named[part.slot] = value;
      text += value;
    }
    return { text, named };
  }

  #slot(r: Random, slot: string, street: { code: string; nameZh: string } | null): string {
    const number = NUMBER_SLOTS[slot];
    if (number) return number(r);
    if (slot === 'street') return street?.nameZh ?? '街道';
    const values = this.#file.slots[slot];
    if (!values) return '';
    if (Array.isArray(values)) return r.pick(values);
    const list = (street && values[street.code]) || values.any || Object.values(values)[0] || [''];
    return r.pick(list);
  }
}
