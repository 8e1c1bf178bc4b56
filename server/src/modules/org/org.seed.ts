import fs from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { BBox, FunctionCode, type ImportUnit, type OrgDocument, UnitCode, UnitKind } from './org.schema.ts';
import { rectangle } from './org-geo.ts';
import { importOrganisation } from './org-import.ts';

/** One unit of a template list: named with `{district}`, `{street}` or `{community}` placeholders. */
const TemplateUnit = z.object({
  function: FunctionCode,
  zh: z.string().min(1),
  en: z.string().min(1),
  kind: UnitKind.optional(),
  aliases: z.array(z.string()).optional(),
});
type TemplateUnit = z.infer<typeof TemplateUnit>;

const Community = z.union([z.string().min(1), z.object({ zh: z.string().min(1), en: z.string().min(1) })]);

/** The shape of an organisation description such as seed/haishu-org.json. */
export const OrgDescription = z.object({
  district: z.object({ code: UnitCode, zh: z.string(), en: z.string(), bbox: BBox }),
  districtUnits: z.array(TemplateUnit).default([]),
  centers: z.array(TemplateUnit).default([]),
  utilities: z.array(TemplateUnit).default([]),
  streetUnits: z.array(TemplateUnit).default([]),
  communityUnits: z.array(TemplateUnit).default([]),
  streets: z.array(
    z.object({ code: UnitCode, zh: z.string(), en: z.string(), area: BBox, communities: z.array(Community) }),
  ),
  namedUnits: z
    .array(
      z.object({
        community: z.string(),
        street: UnitCode.optional(),
        function: FunctionCode,
        zh: z.string(),
        en: z.string(),
        kind: UnitKind.optional(),
      }),
    )
    .default([]),
});
export type OrgDescription = z.infer<typeof OrgDescription>;

/** The kind a unit of a function usually is; anything else is a department. An entry's `kind` wins. */
const KIND_BY_FUNCTION: Record<string, UnitKind> = {
  SUNSHINE_HOME: 'center',
  MEDIATION: 'workroom',
  WORKROOM: 'workroom',
  SOCIAL_WORK: 'studio',
  SOCIAL_WORK_STUDIO: 'studio',
  SERVICE_TEAM: 'team',
};

/** Chinese administrative suffixes, their English words, and whether the stem is a usable short name. */
const SUFFIXES: { zh: string; en: string }[] = [
  { zh: '街道', en: 'Subdistrict' },
  { zh: '社区', en: 'Community' },
  { zh: '镇', en: 'Town' },
  { zh: '乡', en: 'Township' },
  { zh: '区', en: 'District' },
  { zh: '县', en: 'County' },
];

function stemOf(name: string): string | null {
  const suffix = SUFFIXES.find((s) => name.endsWith(s.zh));
  const stem = suffix ? name.slice(0, -suffix.zh.length) : null;
  return stem && stem.length >= 2 ? stem : null;
}

/** A Chinese name in pinyin as place names are written: one word, capitalised, `'` before a, o, e (Shui'an). */
export function romanise(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

interface Named {
  code: string;
  zh: string;
  en: string;
}

/**
 * Builds an import document from an organisation description. Unit codes: the district by its code
 * (`HS`); district departments, centers and utilities `<DISTRICT>-<FUNCTION>`; streets by their code;
 * street units `<STREET>-<FUNCTION>`; communities `<STREET><NN>` in listed order; community units
 * `<COMMUNITY>-<FUNCTION>`; named units `<COMMUNITY>-<FUNCTION>-<n>`, numbered per community and function.
 * Communities split their street's rectangle into equal vertical strips, so together they tile it.
 */
export function buildOrgDocument(description: OrgDescription): OrgDocument {
  const units: ImportUnit[] = [];
  const push = (u: Omit<ImportUnit, 'aliases' | 'area' | 'active'> & Partial<ImportUnit>) =>
    units.push({ aliases: [], area: null, active: true, ...u });
  const kindOf = (t: { function: string; kind?: UnitKind | undefined }) =>
    t.kind ?? KIND_BY_FUNCTION[t.function] ?? 'department';
  const fromTemplate = (parent: Named, placeholder: string, t: TemplateUnit, kind: UnitKind) =>
    push({
      code: `${parent.code}-${t.function}`,
      parentCode: parent.code,
      kind,
      function: t.function,
      nameZh: fill(t.zh, { [placeholder]: parent.zh }),
      nameEn: fill(t.en, { [placeholder]: parent.en }),
      aliases: t.aliases ?? [],
    });

  const d = description.district;
  const districtStem = stemOf(d.zh);
  const district: Named = { code: d.code, zh: d.zh, en: d.en };
  push({
    code: d.code,
    parentCode: null,
    kind: 'district',
    function: null,
    nameZh: d.zh,
    nameEn: d.en,
    aliases: districtStem ? [districtStem] : [],
    area: rectangle(d.bbox),
  });
  for (const t of description.districtUnits) fromTemplate(district, 'district', t, t.kind ?? 'department');
  for (const t of description.centers) fromTemplate(district, 'district', t, t.kind ?? 'center');
  for (const t of description.utilities) fromTemplate(district, 'district', t, t.kind ?? 'utility');

  const communitiesByName = new Map<string, Named[]>();
  for (const s of description.streets) {
    const streetStem = stemOf(s.zh);
    const suffix = SUFFIXES.find((x) => s.zh.endsWith(x.zh) && !s.en.endsWith(x.en));
    const street: Named = { code: s.code, zh: s.zh, en: suffix ? `${s.en} ${suffix.en}` : s.en };
    push({
      code: s.code,
      parentCode: d.code,
      kind: 'street',
      function: null,
      nameZh: street.zh,
      nameEn: street.en,
      aliases: streetStem ? [streetStem] : [],
      area: rectangle(s.area),
    });
    for (const t of description.streetUnits) fromTemplate(street, 'street', t, kindOf(t));

    const [minLng, minLat, maxLng, maxLat] = s.area;
    const width = (maxLng - minLng) / Math.max(s.communities.length, 1);
    s.communities.forEach((c, i) => {
      const short = typeof c === 'string' ? (stemOf(c) ?? c) : (stemOf(c.zh) ?? c.zh);
      // Reuse a romanisation the description already gives for the same characters (江厦 → Jiangxia).
      const enShort = typeof c === 'string' ? (short === streetStem ? s.en : romanise(short)) : c.en;
      const community: Named = {
        code: `${s.code}${String(i + 1).padStart(2, '0')}`,
        zh: `${short}社区`,
        en: `${enShort} Community`,
      };
      const west = Math.round((minLng + i * width) * 1e6) / 1e6;
      const east =
        i === s.communities.length - 1 ? maxLng : Math.round((minLng + (i + 1) * width) * 1e6) / 1e6;
      push({
        code: community.code,
        parentCode: s.code,
        kind: 'community',
        function: null,
        nameZh: community.zh,
        nameEn: community.en,
        aliases: [short],
        area: rectangle([west, minLat, east, maxLat]),
      });
      for (const t of description.communityUnits) fromTemplate(community, 'community', t, kindOf(t));
      communitiesByName.set(short, [...(communitiesByName.get(short) ?? []), community]);
      communitiesByName.set(`${s.code}:${short}`, [community]);
    });
  }

  const counters = new Map<string, number>();
  for (const n of description.namedUnits) {
    const short = stemOf(n.community) ?? n.community;
    const found = communitiesByName.get(n.street ? `${n.street}:${short}` : short) ?? [];
    const community = found[0];
    if (!community || found.length > 1) {
      throw new Error(
        `named unit ${n.zh}: community ${n.community} is ${found.length ? 'ambiguous' : 'unknown'}`,
      );
    }
    const key = `${community.code}-${n.function}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    push({
      code: `${key}-${number}`,
      parentCode: community.code,
      kind: kindOf(n),
      function: n.function,
      nameZh: fill(n.zh, { community: community.zh }),
      nameEn: fill(n.en, { community: community.en }),
    });
  }
  return { format: 'shequ.org', version: 1, units };
}

const SEED: AuditContext = { actor: { type: 'system', name: 'seed' }, ip: null, requestId: null };
const DEMO_FILE = new URL('./seed/haishu-org.json', import.meta.url);

/** Loads the demo district (seed/haishu-org.json) into an empty database, through the import. */
export async function seedDemoOrganisation(db: Db): Promise<void> {
  const description = OrgDescription.parse(JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')));
  await importOrganisation(db, SEED, buildOrgDocument(description));
}
