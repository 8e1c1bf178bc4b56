import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import type { FiguresSummary } from '../figures/figures.schema.ts';
import { buildHistory } from '../figures/figures.test-history.ts';
import { createFiguresTestApp, figuresTestKit } from '../figures/figures.test-support.ts';

/** Every page's text, each page's pieces joined in reading order. */
async function pdfText(body: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return pages.join('\n');
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

// The history worked out on paper is in figures.test-history.ts (cases C1…C14, March and April 2026).
describe(`monthly report PDF on ${testEngine}`, () => {
  let t: TestApp;
  const { get, ok } = figuresTestKit(() => t);

  beforeAll(async () => {
    t = await createFiguresTestApp();
    await buildHistory(t.database.db);
  });
  afterAll(async () => t.close());

  it('writes a street’s March in Chinese with the figures the summary API gives', async () => {
    const gl = await unitId(t, 'GL');
    const res = await get('leader', `/api/reports/monthly.pdf?unitId=${gl}&month=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('monthly-report-GL-2026-03.pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('鼓楼街道群众诉求办理情况月报');
    expect(text).toContain('2026年3月');
    const s = await ok<FiguresSummary>(
      'leader',
      `/api/figures/summary?unitId=${gl}&from=2026-03-01&to=2026-04-01`,
    );
    const rates = s.figures.rates;
    for (const key of [
      'response',
      'onTime',
      'resolution',
      'satisfaction',
      'oneTimeResolution',
      'firstContactResolution',
    ] as const) {
      expect(text, key).toContain(percent(rates[key].rate));
      expect(text, key).toContain(`${rates[key].numerator} / ${rates[key].denominator}`);
    }
    // Worked out on paper (figures.test.ts): 6 registered; one-time resolution 2 of 3.
    expect(text).toContain('本月共受理群众诉求 6 件');
    expect(text).toContain('66.7%');
    // The streets' communities side by side, the categories and the misrouting unit.
    expect(text).toContain('各社区对比');
    expect(text).toContain('中山社区');
    expect(text).toContain('垃圾清运与环境卫生');
    expect(text).toContain('江厦街道综合执法组'); // C4's return
    // Handling time of GL's March: C1 54 h, C2 176 h, C5 278.5 h.
    expect(text).toContain('169.5');
  });

  it('audits every download', async () => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'report.monthly')
      .execute();
    const res = await get('leader', '/api/reports/monthly.pdf?month=2026-04');
    expect(res.statusCode).toBe(200);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'record_type', 'record_id', 'after'])
      .where('action', '=', 'report.monthly')
      .execute();
    expect(entries).toHaveLength(before.length + 1);
    expect(entries.at(-1)).toMatchObject({
      record_type: 'unit',
      record_id: String(await unitId(t, 'HS')),
    });
    expect(JSON.parse(entries.at(-1)?.after ?? '{}')).toEqual({ month: '2026-04', unit: 'HS' });
  });

  it('keeps a street’s leaders and dispatchers to their own street', async () => {
    const gl = await unitId(t, 'GL');
    const jx = await unitId(t, 'JX');
    expect(
      (await get('gl.dispatcher', `/api/reports/monthly.pdf?unitId=${gl}&month=2026-03`)).statusCode,
    ).toBe(200);
    expect(
      (await get('gl.dispatcher', `/api/reports/monthly.pdf?unitId=${jx}&month=2026-03`)).statusCode,
    ).toBe(404);
    expect((await get('gl.head', `/api/reports/monthly.pdf?unitId=${jx}&month=2026-03`)).statusCode).toBe(
      404,
    );
    // Without figures.read at all: forbidden; without a session: sign in first.
    expect((await get('gl.handler', `/api/reports/monthly.pdf?unitId=${gl}&month=2026-03`)).statusCode).toBe(
      403,
    );
    expect((await get(null, '/api/reports/monthly.pdf?month=2026-03')).statusCode).toBe(401);
  });

  it('refuses a malformed or future month, naming the field', async () => {
    const bad = await get('leader', '/api/reports/monthly.pdf?month=2026-3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'querystring.month', code: 'custom', message: '月份格式应为 YYYY-MM，如 2026-03' },
    ]);
    const future = await get('leader', '/api/reports/monthly.pdf?month=2999-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0]).toMatchObject({
      path: 'querystring.month',
      message: '不能晚于本月',
    });
  });
});

describe('monthly report without its font', () => {
  let t: TestApp;
  const { get } = figuresTestKit(() => t);
  beforeAll(async () => {
    t = await createTestApp({ env: { REPORT_FONT: '/nonexistent/fonts/cjk.ttc' } });
  });
  afterAll(async () => t.close());

  it('answers 503 naming the missing file and how to provide one', async () => {
    const res = await get('leader', '/api/reports/monthly.pdf?month=2026-03');
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'report.font_missing' });
    expect(res.json().error.message).toContain('/nonexistent/fonts/cjk.ttc');
    expect(res.json().error.message).toContain('REPORT_FONT');
  });
});
