import { z } from 'zod';
import { localDateOf } from '../../platform/time.ts';

/** A calendar month, `YYYY-MM`, no later than the current (Beijing) month. */
export const MonthParam = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
      ctx.addIssue({ code: 'custom', input: value, message: 'month', params: { i18n: 'month' } });
      return;
    }
    if (value > localDateOf(new Date()).slice(0, 7))
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: 'month_not_future',
        params: { i18n: 'month_not_future' },
      });
  });

export const MonthlyReportQuery = z.object({
  /** The unit whose subtree the report covers; defaults to the widest unit the caller reaches. */
  unitId: z.coerce.number().int().positive().optional(),
  /** The month reported on; defaults to last month (the latest complete one). */
  month: MonthParam.optional(),
});
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuery>;
