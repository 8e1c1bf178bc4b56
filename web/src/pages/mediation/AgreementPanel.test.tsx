import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fake-server.ts';
import { AgreementPanel } from './AgreementPanel.tsx';
import type { MediationDetail } from './mediation-data.ts';
import { agreement, detail, NO_ABILITIES, posts, renderAt, type, typeDate } from './mediation-testing.tsx';

const MEDIATING = { ...NO_ABILITIES, record: true, agreement: true, outcome: true };
const AFTER = { ...NO_ABILITIES, agreement: true, followup: true, confirmation: true };

const SIGNED = agreement({
  status: 'signed',
  editable: false,
  signedAt: '2026-11-24T06:00:00.000Z',
  confirmationDueOn: '2099-12-24',
  followups: [
    {
      id: 8,
      dueOn: '2099-12-11',
      what: '核实防水修复和赔偿支付',
      remindedAt: null,
      doneAt: null,
      doneBy: null,
      method: null,
      result: null,
      note: null,
    },
  ],
});

function renderPanel(d: MediationDetail, language: 'zh-CN' | 'en' = 'zh-CN') {
  const done: MediationDetail[] = [];
  const panel = (
    <AgreementPanel
      detail={d}
      onDone={async (next) => {
        done.push(next);
      }}
      onStale={async () => {}}
    />
  );
  renderAt(panel, { url: '/admin/mediation/5', route: '/admin/mediation/:id', language });
  return done;
}

describe('agreement editor', { timeout: 20_000 }, () => {
  it('drafts an agreement from the case, lists typed one item a line', async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/5/agreements': () => ({
        status: 200,
        body: detail({ agreements: [agreement()] }),
      }),
    });
    const done = renderPanel(detail({ status: 'in_progress', abilities: MEDIATING }));
    expect(screen.getByText('还没有调解协议')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /起草调解协议/ }));
    const dialog = await screen.findByRole('dialog');
    // The facts start as the case's own.
    expect((within(dialog).getByLabelText('纠纷的主要事实') as HTMLTextAreaElement).value).toBe(
      '楼上住户装修后卫生间漏水到楼下',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect((await within(dialog).findAllByText('请填写此项')).length).toBeGreaterThan(0);
    expect(posts(calls, '/api/mediation/5/agreements')).toHaveLength(0);
    type(within(dialog).getByLabelText('争议事项'), '漏水责任\n\n赔偿金额 ');
    type(within(dialog).getByLabelText('各方当事人的责任'), '李建国对漏水负全部责任');
    type(
      within(dialog).getByLabelText('达成协议的内容'),
      '李建国于12月10日前修复防水层\n李建国赔偿王秀英 2000 元',
    );
    type(within(dialog).getByLabelText('履行方式'), '现金当面支付');
    typeDate(within(dialog).getByLabelText('履行期限'), '2026-12-10');
    fireEvent.click(within(dialog).getByRole('radio', { name: '口头协议' }));
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/agreements')).toHaveLength(1));
    const body = posts(calls, '/api/mediation/5/agreements')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      form: 'oral',
      facts: '楼上住户装修后卫生间漏水到楼下',
      issues: ['漏水责任', '赔偿金额'],
      responsibilities: ['李建国对漏水负全部责任'],
      terms: ['李建国于12月10日前修复防水层', '李建国赔偿王秀英 2000 元'],
      performanceMethod: '现金当面支付',
      performanceDueOn: '2026-12-10',
      place: '中山社区和好屋',
      version: 3,
    });
    expect(body.concludedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.supersedesId).toBeUndefined();
    await waitFor(() => expect(done).toHaveLength(1));
  });

  it('edits and signs a draft, scheduling a follow-up', async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/5/agreements/40/sign': () => ({
        status: 200,
        body: detail({ agreements: [SIGNED] }),
      }),
    });
    renderPanel(detail({ status: 'in_progress', abilities: MEDIATING, agreements: [agreement()] }));
    expect(screen.getByText('草稿')).toBeTruthy();
    expect(screen.getByRole('button', { name: /编\s*辑/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: '下载第 1 份协议 PDF' }).getAttribute('href')).toBe(
      '/api/mediation/5/agreements/40.pdf',
    );
    // One draft at a time: no second draft while this one is open.
    expect(screen.queryByRole('button', { name: /起草调解协议/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /签\s*署/ }));
    const dialog = await screen.findByRole('dialog');
    type(within(dialog).getByLabelText('第 1 次回访事项'), '核实防水修复和赔偿支付');
    fireEvent.click(within(dialog).getByRole('button', { name: /签\s*署/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/agreements/40/sign')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/agreements/40/sign')[0]?.body).toEqual({
      version: 3,
      followups: [{ dueOn: '2026-12-10', what: '核实防水修复和赔偿支付' }],
    });
  });

  it('keeps a signed agreement read-only and supersedes it with a new draft', async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/5/agreements': () => ({ status: 200, body: detail() }),
    });
    renderPanel(detail({ status: 'agreed', abilities: AFTER, agreements: [SIGNED] }));
    expect(screen.getByText('已签署')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /编\s*辑/ })).toBeNull();
    // A change to a signed agreement is a new one superseding it, not a second one beside it.
    expect(screen.queryByRole('button', { name: /起草调解协议/ })).toBeNull();
    expect(screen.getByText('当事人可在 2099-12-24 前共同向人民法院申请司法确认')).toBeTruthy();
    expect(screen.getByText('2099-12-11 · 核实防水修复和赔偿支付')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /替\s*代/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/已签署的协议不能修改/)).toBeTruthy();
    const terms = within(dialog).getByLabelText('达成协议的内容') as HTMLTextAreaElement;
    expect(terms.value).toBe('李建国于12月10日前修复防水层\n李建国赔偿王秀英 2000 元');
    type(terms, '李建国于12月20日前修复防水层\n李建国赔偿王秀英 2000 元');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/agreements')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/agreements')[0]?.body).toMatchObject({
      supersedesId: 40,
      terms: ['李建国于12月20日前修复防水层', '李建国赔偿王秀英 2000 元'],
      performanceDueOn: '2026-12-10',
      concludedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it("records the application for judicial confirmation and the court's answer", async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/5/agreements/40/confirmation': () => ({ status: 200, body: detail() }),
    });
    renderPanel(detail({ status: 'agreed', abilities: AFTER, agreements: [SIGNED] }));
    fireEvent.click(screen.getByRole('button', { name: /记录申请司法确认/ }));
    const dialog = await screen.findByRole('dialog');
    type(within(dialog).getByLabelText('人民法院'), '海曙区人民法院');
    type(within(dialog).getByLabelText('文书编号'), '（2026）浙0203民特123号');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/agreements/40/confirmation')).toHaveLength(1));
    const body = posts(calls, '/api/mediation/5/agreements/40/confirmation')[0]?.body as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({ version: 3, court: '海曙区人民法院', reference: '（2026）浙0203民特123号' });
    expect(body.appliedAt).toMatch(/\+08:00$/);
    expect(body.answer).toBeUndefined();
  });

  it('records a performance follow-up', async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/5/followups/8': () => ({ status: 200, body: detail() }),
    });
    renderPanel(detail({ status: 'agreed', abilities: AFTER, agreements: [SIGNED] }));
    fireEvent.click(screen.getByRole('button', { name: /记录回访/ }));
    const dialog = await screen.findByRole('dialog');
    type(within(dialog).getByLabelText('回访方式'), '上门');
    type(within(dialog).getByLabelText('回访情况'), '防水已修复，赔偿已付清');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/followups/8')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/followups/8')[0]?.body).toEqual({
      version: 3,
      method: '上门',
      result: 'performed',
      note: '防水已修复，赔偿已付清',
    });
  });

  it('speaks English', async () => {
    fakeServer({});
    renderPanel(detail({ status: 'agreed', abilities: AFTER, agreements: [SIGNED] }), 'en');
    expect(screen.getByText('Agreement no. 1')).toBeTruthy();
    expect(screen.getAllByText('Signed').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /Supersede/ })).toBeTruthy();
    expect(
      screen.getByText('The parties may apply to the court for judicial confirmation until 2099-12-24'),
    ).toBeTruthy();
  });
});
