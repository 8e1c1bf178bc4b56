import { z } from 'zod';
import { PinyinKeys } from '../../platform/pinyin.ts';

export const UNIT_KINDS = [
  'district',
  'street',
  'community',
  'compound',
  'grid',
  'department',
  'center',
  'utility',
  'workroom',
  'studio',
  'team',
] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

/** Stable identifier of a unit (`GL01`, `HS-HOUSING`, `JX01-SERVICE_TEAM-1`): other records and tests name units by it. */
export const UnitCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);

/** What a unit does (ENFORCEMENT, HOUSING, …): category routes resolve against it. */
export const FunctionCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Z][A-Z0-9_]*$/);

export const UnitName = z.string().trim().min(1).max(200);
export const Aliases = z.array(z.string().trim().min(1).max(100)).max(50);

const Position = z.tuple([z.number(), z.number()]);
export type Position = z.infer<typeof Position>;

function isValidRing(ring: Position[]): boolean {
  if (ring.length < 4) return false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) return false;
  if (new Set(ring.map(([lng, lat]) => `${lng},${lat}`)).size < 3) return false;
  return ring.every(([lng, lat]) => lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90);
}

/** GeoJSON Polygon coordinates `[[[lng, lat], …]]`: an outer ring, then any holes; each ring closed. */
export const PolygonCoordinates = z
  .array(z.array(Position).max(10_000))
  .min(1)
  .max(100)
  .superRefine((rings, ctx) => {
    rings.forEach((ring, i) => {
      if (!isValidRing(ring)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          params: { i18n: 'polygon' },
          message: 'must be a closed polygon of [lng, lat] points',
        });
      }
    });
  });
export type PolygonCoordinates = z.infer<typeof PolygonCoordinates>;

/** [minLng, minLat, maxLng, maxLat] */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

export const UnitRef = z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const UnitView = z.object({
  id: z.number(),
  code: z.string(),
  parentId: z.number().nullable(),
  kind: z.string(),
  function: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  path: z.string(),
  depth: z.number(),
  aliases: z.array(z.string()),
  areaM2: z.number().nullable(),
  bbox: BBox.nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the viewer may do to this unit, so the UI shows only buttons that will work. */
  abilities: z.object({ manage: z.boolean() }),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitDetail = UnitView.extend({
  area: PolygonCoordinates.nullable(),
  parent: UnitRef.nullable(),
  childCount: z.number(),
  activeChildCount: z.number(),
  descendantCount: z.number(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const UnitListQuery = z.object({
  kind: UnitKind.optional(),
  parentId: z.coerce.number().int().positive().optional(),
  function: FunctionCode.optional(),
  q: z.string().trim().min(1).max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.coerce.number().int().min(0).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const UnitList = z.object({ items: z.array(UnitView), nextAfter: z.number().nullable() });

export interface TreeNode {
  id: number;
  code: string;
  kind: string;
  function: string | null;
  nameZh: string;
  nameEn: string;
  active: boolean;
  children: TreeNode[];
}
export const TreeNode: z.ZodType<TreeNode> = z
  .object({
    id: z.number(),
    code: z.string(),
    kind: z.string(),
    function: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    active: z.boolean(),
    get children() {
      return z.array(TreeNode);
    },
  })
  .meta({ id: 'OrgTreeNode' });

export const TreeQuery = z.object({
  rootId: z.coerce.number().int().positive().optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
});
export const Tree = z.object({ roots: z.array(TreeNode) });

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const CreateUnitBody = z.object({
  code: UnitCode,
  parentId: z.number().int().positive(),
  kind: UnitKind,
  function: FunctionCode.nullable().default(null),
  nameZh: UnitName,
  nameEn: UnitName,
  aliases: Aliases.default([]),
  area: PolygonCoordinates.nullable().default(null),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.object({
  version: z.number().int().positive(),
  nameZh: UnitName.optional(),
  nameEn: UnitName.optional(),
  function: FunctionCode.nullable().optional(),
  aliases: Aliases.optional(),
  area: PolygonCoordinates.nullable().optional(),
});
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const MoveUnitBody = z.object({
  version: z.number().int().positive(),
  parentId: z.number().int().positive(),
});
export const VersionBody = z.object({ version: z.number().int().positive() });

export const PointQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export const PointResolution = z.object({
  unit: UnitRef.extend({ kind: z.string() }).nullable(),
  community: UnitRef.nullable(),
  street: UnitRef.nullable(),
});
export type PointResolution = z.infer<typeof PointResolution>;

export const AddressQuery = z.object({ text: z.string().trim().min(1).max(500) });
export const AddressMatch = z.object({
  text: z.string(),
  unit: UnitRef.extend({ kind: z.string() }),
  via: z.enum(['name', 'alias']),
});
export const AddressResolution = z.object({
  community: UnitRef.nullable(),
  street: UnitRef.nullable(),
  /**
   * high: a full community or compound name (or a short one backed by the street's full name), not
   * contradicted; medium: a short name backed by the street's short name, a compound's short name, or
   * a street alone by its full name; low: a lone short name, or names that disagree.
   */
  confidence: z.enum(['high', 'medium', 'low']),
  /** The text also names a street or community that disagrees with the community found. */
  conflict: z.boolean(),
  matches: z.array(AddressMatch),
});
export type AddressResolution = z.infer<typeof AddressResolution>;
export const AddressAnswer = z.object({ result: AddressResolution.nullable() });

/** A street or community with its Chinese name's pinyin, so a picker finds `中山社区` by `zssq`. */
const PublicPlace = UnitRef.extend({ pinyin: PinyinKeys });
export const PublicCommunities = z.object({
  streets: z.array(PublicPlace.extend({ communities: z.array(PublicPlace) })),
});

/** One unit of an import/export document: identified by code, placed by its parent's code. */
export const ImportUnit = z.object({
  code: UnitCode,
  parentCode: UnitCode.nullable().default(null),
  kind: UnitKind,
  function: FunctionCode.nullable().default(null),
  nameZh: UnitName,
  nameEn: UnitName,
  aliases: Aliases.default([]),
  area: PolygonCoordinates.nullable().default(null),
  active: z.boolean().default(true),
});
export type ImportUnit = z.infer<typeof ImportUnit>;

/**
 * The organisation as a document (`GET /api/org/export`, `POST /api/org/import`, `shequ seed --org`):
 * `{ "format": "shequ.org", "version": 1, "units": [ { code, parentCode, kind, function, nameZh,
 * nameEn, aliases, area, active } ] }`. Units are matched by code: an import creates the new ones,
 * updates (and moves) the known ones and leaves units it does not mention alone.
 */
export const OrgDocument = z.object({
  format: z.literal('shequ.org'),
  version: z.literal(1),
  units: z.array(ImportUnit).min(1).max(20_000),
});
export type OrgDocument = z.infer<typeof OrgDocument>;
export type OrgDocumentInput = z.input<typeof OrgDocument>;

export const ImportResult = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
export type ImportResult = z.infer<typeof ImportResult>;
