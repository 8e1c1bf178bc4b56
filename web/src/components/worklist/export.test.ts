import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { CaseListItem } from '../../api/http.ts';
import type { Language } from '../../i18n/index.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { buildWorkbook, type Page } from '../lists/export-xlsx.ts';
import { exportFileName } from './CaseWorklist.tsx';
import { type ColumnContext, type ColumnKey, caseColumns } from './columns.tsx';
import { caseItem } from './testing.tsx';

function context(language: Language): ColumnContext {
  const i18n = createWorkbenchI18n(language);
  return {
    t: i18n.t as unknown as TFunction<['inbox', 'dispatch', 'callbacks', 'common']>,
    language,
    compact: false,
  };
}

async function exported(language: Language, keys: ColumnKey[], pages: Page<CaseListItem>[]) {
  const all = caseColumns(context(language));
  const fetchPage = vi.fn(
    async (cursor: string | null) => pages[cursor === null ? 0 : Number(cursor)] as Page<CaseListItem>,
  );
  const progress: number[] = [];
  const { data, rows } = await buildWorkbook<CaseListItem>({
    fileName: 'x.xlsx',
    sheetName: '待办工单',
    columns: keys.flatMap((k) => all[k].export),
    fetchPage,
    onProgress: (n) => progress.push(n),
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data);
  const sheet = book.worksheets[0];
  const values: unknown[][] = [];
  sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  return { rows, values, fetchPage, progress, sheet };
}

describe('worklist export', () => {
  it('walks every page until there is no next cursor and writes each case once, headers in Chinese', async () => {
    const pages: Page<CaseListItem>[] = [
      {
        items: [caseItem({ id: 1, trackingNo: 'HS1' }), caseItem({ id: 2, trackingNo: 'HS2' })],
        nextCursor: '1',
      },
      { items: [caseItem({ id: 3, trackingNo: 'HS3', urgent: true, supervised: true })], nextCursor: '2' },
      {
        items: [caseItem({ id: 4, trackingNo: 'HS4', status: 'resolved', outcome: 'explained' })],
        nextCursor: null,
      },
    ];
    const { rows, values, fetchPage, progress, sheet } = await exported(
      'zh-CN',
      ['trackingNo', 'title', 'status', 'place', 'deadline', 'outcome'],
      pages,
    );
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, '1', '2']);
    expect(rows).toBe(4);
    expect(progress).toEqual([2, 3, 4]);
    expect(sheet?.name).toBe('待办工单');
    expect(values[0]).toEqual([
      '工单编号',
      '标题',
      '标记',
      '状态',
      '街道',
      '社区',
      '办理时限',
      '剩余时间',
      '办结结果',
    ]);
    expect(values.slice(1).map((r) => r[0])).toEqual(['HS1', 'HS2', 'HS3', 'HS4']);
    expect(values[1]?.slice(3, 6)).toEqual(['已签收', '鼓楼街道', '中山社区']);
    expect(values[1]?.[7]).toBe('剩余 2.5 工作小时');
    expect(values[3]?.[2]).toBe('紧急、督办');
    // A resolved case has no time left to count, and shows the unit's outcome.
    expect(values[4]?.[7]).toBe('');
    expect(values[4]?.[8]).toBe('已解释说明');
  });

  it('writes the columns in English when the UI is English, with the return and the extension asked', async () => {
    const unit = {
      id: 39,
      code: 'GL-ENFORCEMENT',
      nameZh: '鼓楼街道综合执法组',
      nameEn: 'Gulou Enforcement Team',
    };
    const { values } = await exported(
      'en',
      ['trackingNo', 'triageReason', 'lastReturn', 'extension'],
      [
        {
          items: [
            caseItem({
              status: 'received',
              triageReason: 'returned',
              lastReturn: { unit, at: null, reason: '非本单位职责' },
              pendingExtension: {
                id: 1,
                unit,
                days: 3,
                reason: '需协调',
                requestedAt: '2026-11-28T05:00:00Z',
              },
            }),
          ],
          nextCursor: null,
        },
      ],
    );
    expect(values[0]).toEqual([
      'Tracking no.',
      'Why in triage',
      'Returned by',
      'Return reason',
      'Returned at',
      'Requested by',
      'Days asked',
      'Reason given',
      'Requested at',
    ]);
    expect(values[1]?.slice(0, 4)).toEqual([
      'HS20261129000001',
      'Returned by the unit',
      'Gulou Enforcement Team',
      '非本单位职责',
    ]);
    expect(values[1]?.[6]).toBe(3);
  });

  it('names the file after the list and the day', () => {
    expect(exportFileName('待办工单-待签收', new Date(2026, 10, 29))).toBe('待办工单-待签收-2026-11-29.xlsx');
    expect(exportFileName('a/b', new Date(2026, 0, 2))).toBe('a_b-2026-01-02.xlsx');
  });
});
