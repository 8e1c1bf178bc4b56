import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { describeIssues } from '../../platform/validation.ts';
import type { Attribute, CategoryInfo } from './categories.schema.ts';

/** The values of a case's extra fields, by attribute code, as validateCaseAttributes returns them. */
export type CaseAttributeValues = Record<string, string | number | string[]>;

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Blank input (missing, null, empty or white-space text, empty list) counts as not given. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** Form posts (Open311 clients) send numbers as text; accept them as the number they spell. */
function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
}

function listKeys(attribute: Attribute): [string, ...string[]] {
  const keys = (attribute.values ?? []).map((v) => v.key);
  // A list attribute always has values (the schema insists); the placeholder only satisfies z.enum.
  return keys.length > 0 ? (keys as [string, ...string[]]) : [''];
}

/** The schema of one value, given that it is not blank. */
function valueSchema(attribute: Attribute): z.ZodType<string | number | string[]> {
  switch (attribute.datatype) {
    case 'string':
      return z.string().trim().max(500);
    case 'text':
      return z.string().trim().max(10_000);
    case 'number':
      return z.preprocess(numberFromText, z.number());
    case 'datetime':
      // With an offset, so the instant is unambiguous; stored as UTC like every other time.
      return z.iso.datetime({ offset: true }).transform((text) => new Date(text).toISOString());
    case 'singlevaluelist':
      return z.enum(listKeys(attribute));
    case 'multivaluelist':
      return z
        .array(z.enum(listKeys(attribute)))
        .max(200)
        .transform((keys) => [...new Set(keys)]);
  }
}

/**
 * Checks the values a case gives for its category's extra fields: required ones present, each of
 * its datatype (numbers may come as text, datetimes ISO 8601 with an offset, list values among the
 * attribute's keys, multi-value lists as arrays), no codes the category does not define. Returns the
 * values normalised (trimmed text, numbers, UTC datetimes, de-duplicated lists; blanks dropped);
 * otherwise throws AppError('request.invalid') whose details name `<fieldPrefix>.<code>`, with
 * messages in `lang` (the error's own message follows the request's language in any case).
 */
export function validateCaseAttributes(
  category: CategoryInfo,
  input: unknown,
  fieldPrefix = 'body.attributes',
  lang: Lang = 'zh-CN',
): CaseAttributeValues {
  const issues: z.core.$ZodIssue[] = [];
  const values = input ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    issues.push({ code: 'invalid_type', expected: 'object', path: [], message: 'expected object', input });
    throw invalid(issues, fieldPrefix, lang);
  }
  const given = values as Record<string, unknown>;
  const byCode = new Map(category.attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(given)) {
    if (!byCode.has(code)) {
      issues.push({
        code: 'unrecognized_keys',
        keys: [code],
        path: [code],
        message: 'unknown',
        input: given,
      });
    }
  }
  const result: CaseAttributeValues = {};
  for (const attribute of category.attributes) {
    const raw = given[attribute.code];
    if (isBlank(raw)) {
      if (attribute.required) {
        issues.push({
          code: 'custom',
          path: [attribute.code],
          params: { i18n: 'required' },
          message: 'required',
          input: raw,
        });
      }
      continue;
    }
    const parsed = valueSchema(attribute).safeParse(raw);
    if (parsed.success) result[attribute.code] = parsed.data;
    else issues.push(...parsed.error.issues.map((i) => ({ ...i, path: [attribute.code, ...i.path] })));
  }
  if (issues.length > 0) throw invalid(issues, fieldPrefix, lang);
  return result;
}

function invalid(issues: z.core.$ZodIssue[], fieldPrefix: string, lang: Lang): AppError {
  const details = describeIssues(issues, fieldPrefix, lang);
  return new AppError(
    'request.invalid',
    { fields: [...new Set(details.map((d) => d.path))].join(', ') },
    details,
  );
}
