import { z } from 'zod';
import { daysBetween, type Interval, MAX_SERIES_DAYS, resolvePeriod } from './figures.period.ts';

/** A local (Beijing) calendar date; the ISO format check also refuses 30 February. */
export const LocalDateParam = z.iso.date();

export const BREAKDOWNS = ['street', 'community', 'category', 'channel', 'unit'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const INTERVALS = ['day', 'week', 'month'] as const satisfies readonly Interval[];

const periodFields = {
  /** The unit whose subtree is counted; defaults to the widest unit the caller reaches. */
  unitId: z.coerce.number().int().positive().optional(),
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

export const FiguresQuery = z.object(periodFields).superRefine(checkPeriod(() => undefined));
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
  figures: FiguresNow,
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
  by: z.enum(BREAKDOWNS),
  /** One row per group; `key` null collects cases without a street, community, category or unit. */
  rows: z.array(z.object({ key: GroupKey.nullable(), figures: FiguresNow })),
});
export type FiguresBreakdown = z.infer<typeof FiguresBreakdown>;

export const FiguresSeries = z.object({
  unit: FiguresUnit,
  period: PeriodView,
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
    }),
  ),
});
export type FiguresSeries = z.infer<typeof FiguresSeries>;
