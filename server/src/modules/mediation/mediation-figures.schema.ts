import { z } from 'zod';
import { MonthParam } from '../reports/reports.schema.ts';
import { DisputeType } from './mediation.schema.ts';

const LocalDate = z.iso.date();

/** The unit whose subtree is counted: a district, a street, a community or one organisation. */
const UnitParam = z.coerce.number().int().positive().optional();

export const MediationFiguresQuery = z
  .object({
    /** Defaults to the widest unit whose mediation cases the caller may read. */
    unitId: UnitParam,
    /** First local (Beijing) day of the period; defaults to the first day of this month. */
    from: LocalDate.optional(),
    /** First local day after the period; defaults to the first day of next month. */
    to: LocalDate.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.from >= q.to)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        input: q.to,
        message: 'the period must end after it starts',
        params: { i18n: 'period_order' },
      });
  });
export type MediationFiguresQuery = z.infer<typeof MediationFiguresQuery>;

export const MediationMonthQuery = z.object({
  unitId: UnitParam,
  /** The month reported on, `YYYY-MM`; defaults to last month (the latest complete one). */
  month: MonthParam.optional(),
});
export type MediationMonthQuery = z.infer<typeof MediationMonthQuery>;

/** A ratio with its parts; `rate` is a fraction 0..1 to 4 decimals, null when nothing was counted. */
export const FigureRate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
});
export type FigureRate = z.infer<typeof FigureRate>;

/**
 * The figures of a set of mediation cases over a period. Each count falls in the period by its own
 * event: `received` by registration, the outcomes by when the case ended.
 */
export const MediationFigureRow = z.object({
  /** Cases registered in the period (every channel). */
  received: z.number().int(),
  /** Cases ended in the period, by outcome. */
  agreed: z.number().int(),
  failed: z.number().int(),
  withdrawn: z.number().int(),
  refused: z.number().int(),
  /** Success rate: agreed / concluded (agreed + failed) among the cases ended in the period. */
  success: FigureRate,
  /** Mean days from acceptance to outcome of the accepted cases ended in the period; null if none. */
  averageDays: z.number().nullable(),
  /**
   * Disputes kept from escalating: cases ended in the period by a signed agreement that held, as
   * far as the records know when the figures are read: no later mediation case of the same dispute
   * type names one of its parties again, no follow-up found the agreement not performed, and no
   * court refused to confirm it.
   */
  keptFromEscalating: z.number().int(),
});
export type MediationFigureRow = z.infer<typeof MediationFigureRow>;

const FiguresUnit = z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const MediationFigures = z.object({
  unit: FiguresUnit,
  period: z.object({ from: z.string(), to: z.string() }),
  total: MediationFigureRow,
  byDisputeType: z.array(
    MediationFigureRow.extend({ disputeType: DisputeType, nameZh: z.string(), nameEn: z.string() }),
  ),
  /** Each mediation organisation of the subtree (and any other leading a counted case), by code. */
  byOrganisation: z.array(MediationFigureRow.extend({ organisation: FiguresUnit })),
  /** Cases registered before the period's end and not ended by then. */
  openAtEnd: z.number().int(),
});
export type MediationFigures = z.infer<typeof MediationFigures>;
