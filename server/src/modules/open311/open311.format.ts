import { XMLBuilder } from 'fast-xml-parser';
import { CHINA_OFFSET_MS } from '../../platform/time.ts';

/** The two answer formats of GeoReport v2, picked by the path's extension. */
export type Format = 'xml' | 'json';

/** Content types exactly as older Open311 clients compare them. */
export const CONTENT_TYPE: Record<Format, string> = { xml: 'text/xml', json: 'application/json' };

/** One error of the spec's error list. */
export interface Open311Error {
  code: number;
  description: string;
}

/** A value of an answer: text, numbers, booleans, nested records and lists; null/undefined as empty. */
export type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

/** A list under its XML root and item element names; JSON is the bare list. */
export interface ListShape {
  root: string;
  item: string;
}

/** Renders a list as GeoReport's XML (`<root><item>…</item></root>`) or as a JSON array. */
export function renderList(format: Format, shape: ListShape, items: Record<string, Value>[]): string {
  if (format === 'json') return JSON.stringify(items.map(jsonOf));
  return xmlDocument({ [shape.root]: { [shape.item]: items.map((item) => xmlOf(item)) } });
}

/** Renders one record under its XML root, or as a JSON object. */
export function renderObject(format: Format, root: string, record: Record<string, Value>): string {
  if (format === 'json') return JSON.stringify(jsonOf(record));
  return xmlDocument({ [root]: xmlOf(record) });
}

/** The spec's error answer: `<errors><error><code/><description/></error></errors>` or a JSON list. */
export function renderErrors(format: Format, errors: Open311Error[]): string {
  return renderList(
    format,
    { root: 'errors', item: 'error' },
    errors.map((e) => ({ code: e.code, description: e.description })),
  );
}

function xmlDocument(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree)}`;
}

/** JSON keeps nulls as null; nested lists of XML wrappers (`{ value: [...] }`) become bare lists. */
function jsonOf(value: Value): unknown {
  if (Array.isArray(value)) return value.map(jsonOf);
  if (value && typeof value === 'object') {
    if (XML_LIST in value) return jsonOf((value as Record<string, Value>)[XML_LIST] as Value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonOf(v)]));
  }
  return value ?? null;
}

/** XML: empty elements for missing values; a wrapped list repeats its item element. */
function xmlOf(value: Value): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlOf);
  if (typeof value === 'object') {
    if (XML_LIST in value) {
      const { [XML_LIST]: items, [XML_ITEM]: item } = value as Record<string, Value>;
      const list = (items as Value[]).map(xmlOf);
      return list.length === 0 ? '' : { [String(item)]: list };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlOf(v)]));
  }
  return String(value);
}

const XML_LIST = '__list';
const XML_ITEM = '__item';

/** A nested list: in XML each entry is an `<item>` element inside the field, in JSON a plain array. */
export function nestedList(item: string, items: Value[]): Value {
  return { [XML_LIST]: items, [XML_ITEM]: item };
}

/** ISO 8601 in Beijing time with its offset, `2026-11-29T09:30:00+08:00`; null stays null. */
export function beijingTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
