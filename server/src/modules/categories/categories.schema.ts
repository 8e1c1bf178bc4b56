import { z } from 'zod';
import { PinyinKeys } from '../../platform/pinyin.ts';
import { FunctionCode } from '../org/org.schema.ts';

/** Where a route looks for its unit, relative to the case's location (see the taxonomy's `about`). */
export const ROUTE_SCOPES = ['district', 'street', 'community', 'center', 'utility'] as const;
export const RouteScope = z.enum(ROUTE_SCOPES);
export type RouteScope = z.infer<typeof RouteScope>;

/** A category's default handler: the unit with `function` found at `scope` of the case's location. */
export interface Route {
  scope: RouteScope;
  function: string;
}

function routeOf(text: string): Route | null {
  const [scope, fn, ...rest] = text.split(':');
  const parsedScope = RouteScope.safeParse(scope);
  if (rest.length > 0 || !parsedScope.success || !FunctionCode.safeParse(fn).success) return null;
  return { scope: parsedScope.data, function: fn as string };
}

/** Parses `SCOPE:FUNCTION` (`street:ENFORCEMENT`); throws on text that RouteText would refuse. */
export function parseRoute(text: string): Route {
  const route = routeOf(text.trim());
  if (!route) throw new Error(`not a category route: ${text}`);
  return route;
}

/** A route as stored and sent: `SCOPE:FUNCTION`, the error naming the field in the caller's language. */
export const RouteText = z
  .string()
  .trim()
  .max(100)
  .refine((text) => routeOf(text) !== null, { params: { i18n: 'category_route' } });

/**
 * Stable identifier of a category or group (`UM01`, `CM`): other records, imports and integrations
 * name categories by it. Upper case, so it can never collide with `/export` or `/groups` in URLs.
 */
export const CategoryCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Z0-9][A-Z0-9_.-]*$/);

const Name = z.string().trim().min(1).max(200);
const Description = z.string().trim().min(1).max(2000).nullable();
const Label = z.string().trim().min(1).max(500);

export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export const AttributeDatatype = z.enum(ATTRIBUTE_DATATYPES);
export type AttributeDatatype = z.infer<typeof AttributeDatatype>;
const LIST_DATATYPES: readonly AttributeDatatype[] = ['singlevaluelist', 'multivaluelist'];

export const AttributeValue = z.object({
  key: z.string().trim().min(1).max(64),
  nameZh: Name,
  nameEn: Name,
});
export type AttributeValue = z.infer<typeof AttributeValue>;

/** One issue per repeated value at `path(i)`, so the error names the second occurrence. */
function flagDuplicates(
  values: string[],
  ctx: z.core.$RefinementCtx,
  path: (i: number) => (string | number)[],
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', path: path(i), params: { i18n: 'duplicate' }, input: value });
    seen.add(value);
  });
}

const attributeFields = {
  /** Key of the case's value (`body.attributes.<code>`); unique within the category. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  datatype: AttributeDatatype,
  required: z.boolean().default(false),
  /** Open311's `variable`: this model has only attributes that take the reporter's input. */
  variable: z.literal(true).default(true),
  descriptionZh: Label,
  descriptionEn: Label,
  datatypeDescription: Label.optional(),
  /** The choices of a list attribute; absent for the other datatypes. */
  values: z.array(AttributeValue).max(200).optional(),
};

/** The values a list attribute must have, and the other datatypes must not. */
function checkValues(
  a: { datatype: AttributeDatatype; values?: AttributeValue[] | undefined },
  ctx: z.core.$RefinementCtx,
) {
  if (LIST_DATATYPES.includes(a.datatype)) {
    if (a.values === undefined) {
      ctx.addIssue({ code: 'invalid_type', expected: 'array', input: undefined, path: ['values'] });
    } else if (a.values.length === 0) {
      ctx.addIssue({
        code: 'too_small',
        origin: 'array',
        minimum: 1,
        inclusive: true,
        input: a.values,
        path: ['values'],
      });
    } else {
      flagDuplicates(
        a.values.map((v) => v.key),
        ctx,
        (i) => ['values', i, 'key'],
      );
    }
  } else if (a.values !== undefined) {
    ctx.addIssue({ code: 'unrecognized_keys', keys: ['values'], input: a, path: ['values'] });
  }
}

/**
 * An extra field of a category, after Open311 GeoReport v2's service attributes. `order` sorts the
 * fields for display; when it is left out, the position in the list is used.
 */
export const AttributeInput = z
  .object({ ...attributeFields, order: z.number().int().min(0).max(10_000).optional() })
  .superRefine(checkValues);
export type AttributeInput = z.input<typeof AttributeInput>;

/** An attribute as stored and presented: `order` filled in. */
export const Attribute = z.object({ ...attributeFields, order: z.number().int() });
export type Attribute = z.infer<typeof Attribute>;

export const AttributeList = z
  .array(AttributeInput)
  .max(50)
  .superRefine((list, ctx) =>
    flagDuplicates(
      list.map((a) => a.code),
      ctx,
      (i) => [i, 'code'],
    ),
  );

const Limits = {
  /** Working days to resolve after dispatch (Chinese statutory calendar). */
  resolveWorkdays: z.number().int().min(1).max(365),
  /** Calendar hours to resolve when the case is marked urgent. */
  urgentHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
};
const Sort = z.number().int().min(0).max(1_000_000);

export const CreateCategoryBody = z.object({
  code: CategoryCode,
  groupCode: CategoryCode,
  nameZh: Name,
  nameEn: Name,
  descriptionZh: Description.default(null),
  descriptionEn: Description.default(null),
  /** Null sends every case of the category to the dispatchers' triage queue. */
  route: RouteText.nullable(),
  /** True: a dispatcher reviews every case of the category before it goes out. */
  review: z.boolean().default(false),
  ...Limits,
  /** Sensitive cases are shown only to those who need them (e.g. support for special groups). */
  sensitive: z.boolean().default(false),
  attributes: AttributeList.default([]),
  /** Position in its group; after the group's last category when left out. */
  sort: Sort.optional(),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z.object({
  version: z.number().int().positive(),
  groupCode: CategoryCode.optional(),
  nameZh: Name.optional(),
  nameEn: Name.optional(),
  descriptionZh: Description.optional(),
  descriptionEn: Description.optional(),
  route: RouteText.nullable().optional(),
  review: z.boolean().optional(),
  resolveWorkdays: Limits.resolveWorkdays.optional(),
  urgentHours: Limits.urgentHours.optional(),
  sensitive: z.boolean().optional(),
  attributes: AttributeList.optional(),
  sort: Sort.optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

export const VersionBody = z.object({ version: z.number().int().positive() });
export const CodeParams = z.object({ code: CategoryCode });

export const CreateGroupBody = z.object({
  code: CategoryCode,
  nameZh: Name,
  nameEn: Name,
  /** After the last group when left out. */
  sort: Sort.optional(),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

/** Deactivating a group hides it and all its categories from the public list. */
export const UpdateGroupBody = z.object({
  nameZh: Name.optional(),
  nameEn: Name.optional(),
  sort: Sort.optional(),
  active: z.boolean().optional(),
});
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

export const ListQuery = z.object({
  /** Also inactive groups and categories, with routes and versions: managers only. */
  includeInactive: z.enum(['true', 'false']).default('false'),
});

/**
 * A category as a viewer sees it. Everyone gets what is needed to pick a category and fill in its
 * fields; `route`, `review`, `sort` and `version` are sent only to those who manage categories.
 */
export const CategoryView = z.object({
  code: z.string(),
  groupCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** The Chinese name's pinyin, so pickers find `噪声` by typing `zs` or `zaosheng`. */
  pinyin: PinyinKeys,
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  sensitive: z.boolean(),
  resolveWorkdays: z.number(),
  urgentHours: z.number(),
  attributes: z.array(Attribute),
  active: z.boolean(),
  route: z.string().nullable().optional(),
  review: z.boolean().optional(),
  sort: z.number().optional(),
  version: z.number().optional(),
  abilities: z.object({ manage: z.boolean() }),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const GroupView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number(),
  active: z.boolean(),
});
export type GroupView = z.infer<typeof GroupView>;

export const Catalogue = z.object({
  groups: z.array(GroupView.extend({ pinyin: PinyinKeys, categories: z.array(CategoryView) })),
});
export type Catalogue = z.infer<typeof Catalogue>;

export const ImportGroup = z.object({
  code: CategoryCode,
  nameZh: Name,
  nameEn: Name,
  sort: Sort.default(0),
  active: z.boolean().default(true),
});
export type ImportGroup = z.infer<typeof ImportGroup>;

export const ImportCategory = CreateCategoryBody.extend({
  route: RouteText.nullable().default(null),
  sort: Sort.default(0),
  active: z.boolean().default(true),
});
export type ImportCategory = z.infer<typeof ImportCategory>;

/**
 * The taxonomy as a document (`GET /api/categories/export`, `POST /api/categories/import`,
 * `shequ category export|import`). Groups and categories are matched by code: an import creates the
 * new ones, updates the changed ones and leaves those it does not mention alone.
 */
export const TaxonomyDocument = z
  .object({
    format: z.literal('shequ.taxonomy'),
    version: z.literal(1),
    groups: z.array(ImportGroup).max(1000),
    categories: z.array(ImportCategory).max(10_000),
  })
  .superRefine((doc, ctx) => {
    flagDuplicates(
      doc.groups.map((g) => g.code),
      ctx,
      (i) => ['groups', i, 'code'],
    );
    flagDuplicates(
      doc.categories.map((c) => c.code),
      ctx,
      (i) => ['categories', i, 'code'],
    );
  });
export type TaxonomyDocument = z.infer<typeof TaxonomyDocument>;
export type TaxonomyDocumentInput = z.input<typeof TaxonomyDocument>;

export const ImportQuery = z.object({
  /** Check the document and count what would change, without changing anything. */
  dryRun: z.enum(['true', 'false']).default('false'),
});

const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
/** Categories counted at the top level, groups under `groups`. */
export const ImportResult = Counts.extend({ groups: Counts, dryRun: z.boolean() });
export type ImportResult = z.infer<typeof ImportResult>;

/** What the case engine needs of a category (`findCategoryByCode`, `findCategoryById`). */
export interface CategoryInfo {
  id: number;
  code: string;
  groupCode: string;
  nameZh: string;
  nameEn: string;
  /** Null: every case of the category goes to triage. */
  route: Route | null;
  /** Every case goes to the dispatchers' triage queue for review first. */
  review: boolean;
  resolveWorkdays: number;
  urgentHours: number;
  sensitive: boolean;
  /** False when the category or its group is deactivated: no new cases should use it. */
  active: boolean;
  attributes: Attribute[];
}
