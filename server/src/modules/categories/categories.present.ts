import type { z } from 'zod';
import type { CategoryRow } from '../../db/types.ts';
import { pinyinKeys } from '../../platform/pinyin.ts';
import type { GroupRow } from './categories.repo.ts';
import {
  type Attribute,
  type AttributeInput,
  type CategoryInfo,
  type CategoryView,
  type GroupView,
  type ImportCategory,
  type ImportGroup,
  parseRoute,
} from './categories.schema.ts';

type ParsedAttribute = z.output<typeof AttributeInput>;

/**
 * Attributes as stored: `order` filled in from the position where it was left out, sorted by it,
 * keys in one fixed order, so equal definitions are equal text (an import can tell "unchanged").
 */
export function normaliseAttributes(list: readonly ParsedAttribute[]): Attribute[] {
  return list
    .map((a, i): Attribute => {
      const out: Attribute = {
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        variable: true,
        order: a.order ?? i + 1,
        descriptionZh: a.descriptionZh,
        descriptionEn: a.descriptionEn,
      };
      if (a.datatypeDescription !== undefined) out.datatypeDescription = a.datatypeDescription;
      if (a.values !== undefined) {
        out.values = a.values.map((v) => ({ key: v.key, nameZh: v.nameZh, nameEn: v.nameEn }));
      }
      return out;
    })
    .sort((x, y) => x.order - y.order);
}

export function attributesColumn(list: readonly ParsedAttribute[]): string {
  return JSON.stringify(normaliseAttributes(list));
}

/** The stored attributes; they were validated on the way in. */
export function parseAttributes(text: string): Attribute[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as Attribute[]) : [];
}

/** A category for a viewer; managers also get the routing and bookkeeping fields. */
export function presentCategory(row: CategoryRow, manage: boolean): CategoryView {
  const view: CategoryView = {
    code: row.code,
    groupCode: row.group_code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    pinyin: pinyinKeys(row.name_zh),
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
    sensitive: row.sensitive === 1,
    resolveWorkdays: row.resolve_workdays,
    urgentHours: row.urgent_hours,
    attributes: parseAttributes(row.attributes),
    active: row.active === 1,
    abilities: { manage },
  };
  if (manage) {
    Object.assign(view, { route: row.route, review: row.review === 1, sort: row.sort, version: row.version });
  }
  return view;
}

export function presentGroup(row: GroupRow): GroupView {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    sort: row.sort,
    active: row.active === 1,
  };
}

/** What the case engine reads; `active` is false when the category or its group is switched off. */
export function categoryInfo(row: CategoryRow, groupActive: boolean): CategoryInfo {
  return {
    id: row.id,
    code: row.code,
    groupCode: row.group_code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    route: row.route === null ? null : parseRoute(row.route),
    review: row.review === 1,
    resolveWorkdays: row.resolve_workdays,
    urgentHours: row.urgent_hours,
    sensitive: row.sensitive === 1,
    active: row.active === 1 && groupActive,
    attributes: parseAttributes(row.attributes),
  };
}

/** A category as an import document carries it (and as the audit log records it). */
export function documentCategory(row: CategoryRow): ImportCategory {
  return {
    code: row.code,
    groupCode: row.group_code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
    route: row.route,
    review: row.review === 1,
    resolveWorkdays: row.resolve_workdays,
    urgentHours: row.urgent_hours,
    sensitive: row.sensitive === 1,
    attributes: parseAttributes(row.attributes),
    sort: row.sort,
    active: row.active === 1,
  };
}

export function documentGroup(row: GroupRow): ImportGroup {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    sort: row.sort,
    active: row.active === 1,
  };
}
