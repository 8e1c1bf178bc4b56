import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { describeIssues } from '../../platform/validation.ts';
import {
  AttributeList,
  CategoryCode,
  type ImportResult,
  RouteText,
  type TaxonomyDocumentInput,
} from './categories.schema.ts';
import { importTaxonomy } from './categories-import.ts';

const Text = z.string().trim().min(1);

/**
 * The shape of a taxonomy description such as seed/taxonomy.json: groups and categories with short
 * keys (`group`, `zh`, `en`), display order = order in the file. Optional keys default as on create.
 */
export const TaxonomyDescription = z.object({
  about: z.string().optional(),
  groups: z.array(z.object({ code: CategoryCode, zh: Text, en: Text })),
  categories: z.array(
    z.object({
      code: CategoryCode,
      group: CategoryCode,
      zh: Text,
      en: Text,
      descriptionZh: Text.optional(),
      descriptionEn: Text.optional(),
      route: RouteText.nullable().default(null),
      review: z.boolean().default(false),
      resolveWorkdays: z.number().int(),
      urgentHours: z.number().int(),
      sensitive: z.boolean().default(false),
      attributes: AttributeList.optional(),
    }),
  ),
});
export type TaxonomyDescription = z.infer<typeof TaxonomyDescription>;

/** Extra fields laid over a description by category code (seed/demo-attributes.json). */
export const AttributeOverlay = z.object({
  about: z.string().optional(),
  attributes: z.record(CategoryCode, AttributeList),
});

/** Builds an import document from a description; overlay attributes replace a category's own. */
export function buildTaxonomyDocument(
  description: TaxonomyDescription,
  overlay: Record<string, z.input<typeof AttributeList>> = {},
): TaxonomyDocumentInput {
  return {
    format: 'shequ.taxonomy',
    version: 1,
    groups: description.groups.map((g, i) => ({ code: g.code, nameZh: g.zh, nameEn: g.en, sort: i + 1 })),
    categories: description.categories.map((c, i) => ({
      code: c.code,
      groupCode: c.group,
      nameZh: c.zh,
      nameEn: c.en,
      descriptionZh: c.descriptionZh ?? null,
      descriptionEn: c.descriptionEn ?? null,
      route: c.route,
      review: c.review,
      resolveWorkdays: c.resolveWorkdays,
      urgentHours: c.urgentHours,
      sensitive: c.sensitive,
      attributes: overlay[c.code] ?? c.attributes ?? [],
      sort: i + 1,
    })),
  };
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error.issues, 'document', 'en');
  throw new AppError('request.invalid', { fields: details.map((d) => d.path).join(', ') }, details);
}

/**
 * Either form a district may hand over: an export document (`format: "shequ.taxonomy"`) as it is,
 * or a description like seed/taxonomy.json, turned into one.
 */
export function toTaxonomyDocument(document: unknown): unknown {
  if (document !== null && typeof document === 'object' && 'format' in document) return document;
  return buildTaxonomyDocument(parseOrThrow(TaxonomyDescription, document));
}

const SEED: AuditContext = { actor: { type: 'system', name: 'seed' }, ip: null, requestId: null };

/** Loads a taxonomy (either form) through the import; running it again changes nothing. */
export async function seedTaxonomy(db: Db, document: unknown): Promise<ImportResult> {
  return importTaxonomy(db, SEED, toTaxonomyDocument(document));
}

const TAXONOMY_FILE = new URL('./seed/taxonomy.json', import.meta.url);
const DEMO_ATTRIBUTES_FILE = new URL('./seed/demo-attributes.json', import.meta.url);

function readJson(file: URL): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Loads the demo taxonomy (seed/taxonomy.json) with the example fields of seed/demo-attributes.json. */
export async function seedDemoTaxonomy(db: Db): Promise<ImportResult> {
  const description = parseOrThrow(TaxonomyDescription, readJson(TAXONOMY_FILE));
  const overlay = parseOrThrow(AttributeOverlay, readJson(DEMO_ATTRIBUTES_FILE));
  return importTaxonomy(db, SEED, buildTaxonomyDocument(description, overlay.attributes));
}
