import { describe, expect, it } from 'vitest';
import { checkDraft, type ScheduleDraft, summarise, toBody, toDraft } from './schedule.ts';

const spring2026 = [
  { date: '2026-02-14', kind: 'workday' as const, name: '春节', source: 'library' as const },
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
    date: `2026-02-${d}`,
    kind: 'holiday' as const,
    name: '春节',
    source: 'library' as const,
  })),
  { date: '2026-02-28', kind: 'workday' as const, name: '春节', source: 'library' as const },
  { date: '2026-01-01', kind: 'holiday' as const, name: '元旦', source: 'library' as const },
];

describe('a year schedule in periods', () => {
  it('groups consecutive days of one holiday into a period, and expands it back day by day', () => {
    const draft = toDraft(spring2026, '国办发明电〔2025〕7号');
    expect(draft.holidays).toEqual([
      { name: '元旦', from: '2026-01-01', to: '2026-01-01' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    ]);
    expect(draft.workdays).toEqual([
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
    ]);
    const { body, holidayRows, workdayRows } = toBody(draft);
    expect(body.holidays).toHaveLength(10);
    expect(body.holidays[1]).toEqual({ date: '2026-02-15', name: '春节' });
    expect(holidayRows).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(workdayRows).toEqual([0, 1]);
    expect(body.note).toBe('国办发明电〔2025〕7号');
    expect(summarise(draft)).toEqual({ daysOff: 10, weekdaysOff: 7, makeUpDays: 2 });
  });

  it('accepts a correct schedule', () => {
    expect(checkDraft(2026, toDraft(spring2026))).toEqual([]);
  });

  it('points at each wrong row with the reason', () => {
    const draft: ScheduleDraft = {
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '', from: '2027-01-03', to: '2027-01-04' },
        { name: '春节', from: '2026-02-06', to: '2026-02-12' },
        { name: '周末', from: '2027-03-06', to: '2027-03-07' },
        { name: '国庆节', from: '2027-10-07', to: '2027-10-01' },
        { name: '清明节', from: '', to: '' },
      ],
      workdays: [
        { name: '元旦', date: '2027-01-05' },
        { name: '元旦', date: '2027-01-02' },
        { name: '春节', date: '2027-02-20' },
        { name: '春节', date: '2027-02-20' },
      ],
      note: '',
    };
    expect(checkDraft(2027, draft)).toEqual([
      { list: 'holidays', row: 1, field: 'name', code: 'name_required' },
      { list: 'holidays', row: 1, field: 'dates', code: 'overlap', params: { other: 1 } },
      { list: 'holidays', row: 2, field: 'dates', code: 'not_in_year', params: { year: 2027 } },
      { list: 'holidays', row: 3, field: 'dates', code: 'only_weekend' },
      { list: 'holidays', row: 4, field: 'dates', code: 'reversed' },
      { list: 'holidays', row: 5, field: 'dates', code: 'dates_required' },
      { list: 'workdays', row: 0, field: 'date', code: 'workday_not_weekend' },
      { list: 'workdays', row: 1, field: 'date', code: 'workday_in_holiday', params: { other: 1 } },
      { list: 'workdays', row: 3, field: 'date', code: 'duplicate', params: { other: 3 } },
    ]);
  });
});
