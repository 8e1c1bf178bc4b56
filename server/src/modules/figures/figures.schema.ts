import { z } from 'zod';
import { daysBetween, type Interval, MAX_SERIES_DAYS, resolvePeriod } from './figures.period.ts';

/** A local (Beijing) calendar date; the ISO format check also refuses 30 February. */
export const LocalDateParam = z.iso.date();

export const BREAKDOWNS = ['street', 'community', 'category', 'channel', 'unit'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const INTERVALS = ['day', 'week', 'month'] as const satisfies readonly Interval[];

/** A leaf category (`EN02`) or a category group (`EN`): only cases of it count. */
export const CategoryFilterParam = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/);

const scopeFields = {
  /** The unit whose subtree is counted; defaults to the widest unit the caller reaches. */
  unitId: z.coerce.number().int().positive().optional(),
  /** Only cases of this category or category group. */
  category: CategoryFilterParam.optional(),
};

const periodFields = {
  ...scopeFields,
  /** First local day of the period; defaults to the first day of the current month. */
  from: LocalDateParam.optional(),
  /** First local day after the period; defaults to the first day of next month. */
  to: LocalDateParam.optional(),
};

/**
 * The period must run forwards and, for a series, stay short enough to draw; the issues carry the
 * i18n keys `period_order` and `period_too_long` of platform/validation.ts.
 */
function checkPeriod(maxDays: (q: { interval?: Interval }) => number | undefined) {
  return (q: { from?: string; to?: string; interval?: Interval }, ctx: z.RefinementCtx) => {
    const valid = (d: string | undefined) => d === undefined || LocalDateParam.safeParse(d).success;
    if (!valid(q.from) || !valid(q.to)) return; // the date format issue already names the field
    const period = resolvePeriod(q.from, q.to, new Date());
    const field = q.to !== undefined ? 'to' : 'from';
    if (period.from >= period.to) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        input: q[field],
        message: 'the period must end after it starts',
        params: { i18n: 'period_order' },
      });
      return;
    }
    const max = maxDays(q);
    if (max !== undefined && daysBetween(period.from, period.to) > max) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        input: q[field],
        message: `the period may cover at most ${max} days`,
        params: { i18n: 'period_too_long', max: String(max) },
      });
    }
  };
}

export const FiguresQuery = z
  .object({
    ...periodFields,
    /** `previous`: also the figures of the period of the same length just before. */
    compare: z.enum(['previous']).optional(),
  })
  .superRefine(checkPeriod(() => undefined));
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const BreakdownQuery = z
  .object({ ...periodFields, by: z.enum(BREAKDOWNS) })
  .superRefine(checkPeriod(() => undefined));
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

export const SeriesQuery = z
  .object({ ...periodFields, interval: z.enum(INTERVALS).default('day') })
  .superRefine(checkPeriod((q) => MAX_SERIES_DAYS[q.interval ?? 'day']));
export type SeriesQuery = z.infer<typeof SeriesQuery>;

/** A ratio with its parts; `rate` is a fraction 0..1 to 4 decimals, null when nothing was counted. */
export const Rate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
});
export type Rate = z.infer<typeof Rate>;

/** Counts behind the rates, each attributed to the period by its own event time (see README). */
export const Volumes = z.object({
  /** Cases registered in the period, whatever became of them. */
  registered: z.number().int(),
  /** Dispatches (lead and co-units) sent in the period, less those withdrawn before anyone could sign. */
  dispatches: z.number().int(),
  /** Dispatches returned as not ours (misroutes) in the period. */
  returns: z.number().int(),
  /** Cases resolved in the period (their latest resolution). */
  resolved: z.number().int(),
  /** Callbacks in the period that reached the reporter. */
  callbacksAnswered: z.number().int(),
  /** Answered callbacks in the period that carry a rating. */
  ratings: z.number().int(),
  /** Cases closed in the period. */
  closed: z.number().int(),
  /** Cases open at the end of the period (merged and withdrawn cases never count). */
  backlog: z.number().int(),
});
export type Volumes = z.infer<typeof Volumes>;

export const Rates = z.object({
  firstContactResolution: Rate,
  response: Rate,
  onTime: Rate,
  resolution: Rate,
  satisfaction: Rate,
  oneTimeResolution: Rate,
  /** 1 − returns / dispatches; the numerator is dispatches − returns, never below 0. */
  routingAccuracy: Rate,
});
export type Rates = z.infer<typeof Rates>;

export const Figures = z.object({ volumes: Volumes, rates: Rates });
export type Figures = z.infer<typeof Figures>;

/** Figures of a period plus what is overdue right now (dispatched or accepted, past the deadline). */
export const FiguresNow = Figures.extend({ overdueNow: z.number().int() });
export type FiguresNow = z.infer<typeof FiguresNow>;

/**
 * How long handling takes and what is being handled now. Hours are calendar hours from registration
 * to the latest resolution, over the cases a unit handled (not answered at intake) resolved in the period.
 */
export const Handling = z.object({
  /** Cases a unit is handling now (dispatched or accepted). */
  now: z.number().int(),
  /** Of those, the ones a supervisor flagged. */
  supervisedNow: z.number().int(),
  /** Cases resolved in the period that a unit handled: what the average is taken over. */
  resolved: z.number().int(),
  /** Their mean hours from registration to resolution, to one decimal; null when there were none. */
  averageHours: z.number().nullable(),
});
export type Handling = z.infer<typeof Handling>;

/** The category or group the figures are narrowed to. */
export const CategoryView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** True for a whole group of categories. */
  group: z.boolean(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const FiguresUnit = z.object({
  id: z.number(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type FiguresUnit = z.infer<typeof FiguresUnit>;

export const PeriodView = z.object({ from: z.string(), to: z.string() });

export const FiguresSummary = z.object({
  unit: FiguresUnit,
  /** `[from, to)` in local dates. */
  period: PeriodView,
  category: CategoryView.nullable(),
  figures: FiguresNow,
  handling: Handling,
  /** With `compare=previous`: the period of the same length just before, and its figures. */
  previous: z
    .object({
      period: PeriodView,
      figures: Figures,
      averageHandlingHours: z.number().nullable(),
    })
    .nullable(),
  /** Cases registered in the period by channel, kind and current status. */
  registeredBy: z.object({
    channel: z.record(z.string(), z.number().int()),
    kind: z.record(z.string(), z.number().int()),
    status: z.record(z.string(), z.number().int()),
  }),
});
export type FiguresSummary = z.infer<typeof FiguresSummary>;

/** A group of a breakdown: a unit or category (with id), or a channel (id null). */
export const GroupKey = z.object({
  id: z.number().nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type GroupKey = z.infer<typeof GroupKey>;

export const FiguresBreakdown = z.object({
  unit: FiguresUnit,
  period: PeriodView,
  category: CategoryView.nullable(),
  by: z.enum(BREAKDOWNS),
  /** One row per group; `key` null collects cases without a street, community, category or unit. */
  rows: z.array(z.object({ key: GroupKey.nullable(), figures: FiguresNow, handling: Handling })),
});
export type FiguresBreakdown = z.infer<typeof FiguresBreakdown>;

export const FiguresSeries = z.object({
  unit: FiguresUnit,
  period: PeriodView,
  category: CategoryView.nullable(),
  interval: z.enum(INTERVALS),
  /** Every bucket of the period, empty ones included; `backlog` is at each bucket's end. */
  buckets: z.array(
    z.object({
      /** `YYYY-MM-DD` (a week is labelled by its Monday) or `YYYY-MM`. */
      label: z.string(),
      /** The bucket's days within the period, `[from, to)`. */
      from: z.string(),
      to: z.string(),
      figures: Figures,
      /** Cases registered in the bucket per channel. */
      registeredByChannel: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type FiguresSeries = z.infer<typeof FiguresSeries>;

export const AreasQuery = z.object(periodFields).superRefine(checkPeriod(() => undefined));
export type AreasQuery = z.infer<typeof AreasQuery>;

/** A polygon as GeoJSON writes one: rings of `[lng, lat]`, the outer ring first. */
export const AreaPolygon = z.array(z.array(z.tuple([z.number(), z.number()])));

export const AreaUnit = FiguresUnit.extend({ kind: z.string() });

export const FiguresAreas = z.object({
  unit: AreaUnit,
  area: AreaPolygon.nullable(),
  period: PeriodView,
  category: CategoryView.nullable(),
  /** What the sub-areas are (a district's streets, a street's communities); null when it has none. */
  level: z.enum(['street', 'community']).nullable(),
  /** The sub-areas in code order, each with its polygon (null when none is on record) and figures. */
  areas: z.array(
    z.object({ unit: AreaUnit, area: AreaPolygon.nullable(), figures: FiguresNow, handling: Handling }),
  ),
});
export type FiguresAreas = z.infer<typeof FiguresAreas>;

export const ATTENTION_LISTS = ['overdue', 'supervised'] as const;

export const AttentionQuery = z.object({
  ...scopeFields,
  /** `overdue`: being handled past the deadline, most overdue first; `supervised`: flagged by a supervisor. */
  list: z.enum(ATTENTION_LISTS),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type AttentionQuery = z.infer<typeof AttentionQuery>;

const Label = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const AttentionCase = z.object({
  id: z.number(),
  trackingNo: z.string(),
  title: z.string(),
  status: z.string(),
  urgent: z.boolean(),
  supervised: z.boolean(),
  escalationLevel: z.number().int(),
  registeredAt: z.string(),
  resolveDueAt: z.string().nullable(),
  /** Calendar minutes past the resolve deadline now; null when not overdue. */
  overdueMinutes: z.number().int().nullable(),
  category: Label.nullable(),
  street: Label.nullable(),
  community: Label.nullable(),
  leadUnit: Label.nullable(),
});
export type AttentionCase = z.infer<typeof AttentionCase>;

export const FiguresCases = z.object({
  unit: FiguresUnit,
  category: CategoryView.nullable(),
  list: z.enum(ATTENTION_LISTS),
  /** Sensitive cases (special groups) are counted in the figures but never listed here. */
  items: z.array(AttentionCase),
});
export type FiguresCases = z.infer<typeof FiguresCases>;
