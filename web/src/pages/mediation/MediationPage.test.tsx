import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorAnswer, fakeServer } from '../../test/fake-server.ts';
import { MediationPage } from './MediationPage.tsx';
import type { MediationDetail } from './mediation-data.ts';
import { detail, NO_ABILITIES, ORG_TREE, posts, renderAt, type } from './mediation-testing.tsx';

const EVENTS = {
  items: [
    {
      id: 1,
      at: '2026-11-20T02:00:00.000Z',
      actor: '中山和好屋调解员',
      action: 'open_from_case',
      fromStatus: 'applied',
      toStatus: 'applied',
      note: null,
      data: {},
    },
  ],
};

function renderCase(
  body: () => MediationDetail,
  routes: Parameters<typeof fakeServer>[0] = {},
  language: 'zh-CN' | 'en' = 'zh-CN',
) {
  const server = fakeServer({
    'GET /api/mediation/5': () => ({ status: 200, body: body() }),
    'GET /api/mediation/5/events': () => ({ status: 200, body: EVENTS }),
    'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
    'GET /api/mediation/mediators': () => ({ status: 200, body: { items: [] } }),
    ...routes,
  });
  renderAt(<MediationPage />, { url: '/admin/mediation/5', route: '/admin/mediation/:id', language });
  return server;
}

const toolbar = () => screen.findByRole('toolbar', { name: '可执行的操作' });

describe('mediation case page', { timeout: 20_000 }, () => {
  it('shows the header, parties and history, and only the actions the server allows', async () => {
    renderCase(() =>
      detail({
        status: 'in_progress',
        acceptedAt: '2026-11-20T03:00:00.000Z',
        dueAt: '2026-12-20T03:00:00.000Z',
        mediators: [{ userId: 20, name: '中山和好屋调解员', lead: true }],
        abilities: { ...NO_ABILITIES, record: true, outcome: true, attach: true, agreement: true },
      }),
    );
    const bar = await toolbar();
    const names = within(bar)
      .getAllByRole('button')
      .map((b) => b.textContent?.replace(/\s/g, ''));
    expect(names).toEqual(['记录调解', '记录调查', '结案']);
    expect(screen.getByRole('heading', { name: /HSM2026000005/ })).toBeTruthy();
    expect(screen.getByText('调解中')).toBeTruthy();
    expect(screen.getAllByText('中山社区和好屋').length).toBeGreaterThan(0);
    expect(screen.getAllByText('中山和好屋调解员').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'HS20261120000007' }).getAttribute('href')).toBe(
      '/admin/cases/7',
    );
    expect(screen.getByText('13805740002')).toBeTruthy();
    expect(screen.getByText('由工单转入调解')).toBeTruthy();
    expect(screen.getByRole('link', { name: /下载卷宗/ }).getAttribute('href')).toBe(
      '/api/mediation/5/file.pdf',
    );
  });

  it('says a labour dispute past 15 days may go to arbitration', async () => {
    renderCase(() =>
      detail({
        status: 'in_progress',
        disputeType: 'labour',
        acceptedAt: '2026-11-01T03:00:00.000Z',
        dueAt: '2026-11-16T03:00:00.000Z',
        overdue: true,
        arbitrationOpen: true,
      }),
    );
    expect(await screen.findByText(/15 日内未调解达成协议，当事人可以依法申请劳动争议仲裁/)).toBeTruthy();
    expect(screen.getByText('可申请劳动仲裁')).toBeTruthy();
    expect(screen.getByText(/劳动争议：15 日内未达成协议的/)).toBeTruthy();
  });

  it('accepts with the version the user saw', async () => {
    let reads = 0;
    const { calls } = renderCase(
      () => {
        reads += 1;
        return detail({ abilities: { ...NO_ABILITIES, accept: true, refuse: true } });
      },
      {
        'POST /api/mediation/5/accept': () => ({
          status: 200,
          body: detail({ status: 'accepted', version: 4 }),
        }),
      },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /^\S*\s*受\s*理$/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('受理后调解期限为 30 日。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/accept')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/accept')[0]?.body).toEqual({ version: 3 });
    expect(await screen.findByText('已受理，调解期限开始计算')).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
  });

  it('will not refuse without a reason and the routes told, then sends both', async () => {
    const { calls } = renderCase(
      () => detail({ abilities: { ...NO_ABILITIES, accept: true, refuse: true } }),
      {
        'POST /api/mediation/5/refuse': () => ({ status: 200, body: detail({ status: 'refused' }) }),
      },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /不予受理/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('请选择已告知当事人的其他途径')).toBeTruthy();
    expect(posts(calls, '/api/mediation/5/refuse')).toHaveLength(0);
    type(within(dialog).getByLabelText('不予受理的理由'), '一方已向法院起诉');
    fireEvent.click(within(dialog).getByLabelText('诉讼'));
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/refuse')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/refuse')[0]?.body).toEqual({
      reason: '一方已向法院起诉',
      otherRoutes: ['litigation'],
      version: 3,
    });
  });

  it('records a session in Beijing time, attendees one a line', async () => {
    const { calls } = renderCase(
      () => detail({ status: 'accepted', abilities: { ...NO_ABILITIES, record: true } }),
      { 'POST /api/mediation/5/records': () => ({ status: 200, body: detail({ status: 'in_progress' }) }) },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /记录调解/ }));
    const dialog = await screen.findByRole('dialog');
    type(within(dialog).getByLabelText('参加人员'), '王秀英（申请人）\n\n李建国（被申请人）');
    type(within(dialog).getByLabelText('笔录'), '双方陈述，分歧在赔偿金额');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/records')).toHaveLength(1));
    const body = posts(calls, '/api/mediation/5/records')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'session',
      place: '中山社区和好屋',
      attendees: ['王秀英（申请人）', '李建国（被申请人）'],
      record: '双方陈述，分歧在赔偿金额',
      version: 3,
    });
    expect(body.heldAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
  });

  it('closes as failed only with the routes told, and keeps "agreed" for a signed agreement', async () => {
    const { calls } = renderCase(
      () => detail({ status: 'in_progress', abilities: { ...NO_ABILITIES, outcome: true } }),
      { 'POST /api/mediation/5/outcome': () => ({ status: 200, body: detail({ status: 'failed' }) }) },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /结\s*案/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('须先签署调解协议，才能以“达成协议”结案。')).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: '达成协议' }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('仲裁'));
    type(within(dialog).getByLabelText('结案说明'), '双方分歧过大');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/outcome')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/outcome')[0]?.body).toEqual({
      outcome: 'failed',
      note: '双方分歧过大',
      otherRoutes: ['arbitration'],
      version: 3,
    });
  });

  it('names the mediators, one leading, and a joint organisation', async () => {
    const { calls } = renderCase(
      () =>
        detail({
          status: 'accepted',
          disputeType: 'labour',
          mediators: [{ userId: 20, name: '中山和好屋调解员', lead: true }],
          abilities: { ...NO_ABILITIES, assign: true },
        }),
      {
        'GET /api/mediation/mediators': () => ({
          status: 200,
          body: {
            items: [
              {
                userId: 31,
                name: '劳动调解员',
                unit: { id: 62, nameZh: '区劳动争议联合调解中心', nameEn: 'Labour centre' },
                employment: 'full_time',
                specialties: ['劳动争议'],
                active: true,
                version: 1,
                canEdit: false,
              },
            ],
          },
        }),
        'POST /api/mediation/5/assign': () => ({ status: 200, body: detail() }),
      },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /指派调解员/ }));
    const dialog = await screen.findByRole('dialog');
    const mediators = within(dialog).getByRole('combobox', { name: '调解员' });
    fireEvent.mouseDown(mediators);
    fireEvent.click(
      await screen.findByText('劳动调解员 · 区劳动争议联合调解中心', {
        selector: '.ant-select-item-option-content',
      }),
    );
    fireEvent.click(
      await within(dialog).findByRole('radio', { name: '劳动调解员 · 区劳动争议联合调解中心' }),
    );
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '联合调解组织' }));
    fireEvent.click(
      await screen.findByText('区劳动争议联合调解中心', { selector: '.ant-select-item-option-content' }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/5/assign')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/5/assign')[0]?.body).toEqual({
      mediators: [
        { userId: 20, lead: false },
        { userId: 31, lead: true },
      ],
      jointUnitIds: [62],
      version: 3,
    });
  });

  it('reloads and says so when someone else changed the case (409)', async () => {
    let reads = 0;
    renderCase(
      () => {
        reads += 1;
        return reads === 1
          ? detail({ abilities: { ...NO_ABILITIES, accept: true } })
          : detail({ status: 'accepted', version: 4 });
      },
      {
        'POST /api/mediation/5/accept': errorAnswer(409, 'mediation.conflict', {
          'zh-CN': '该调解案件刚被他人修改（当前状态「已受理」），请刷新后重试',
          en: 'changed',
        }),
      },
    );
    fireEvent.click(within(await toolbar()).getByRole('button', { name: /^\S*\s*受\s*理$/ }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /提\s*交/ }));
    expect(
      await screen.findByText('该调解案件刚被他人修改（当前状态「已受理」），请刷新后重试'),
    ).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
    await waitFor(() => expect(screen.queryByRole('toolbar')).toBeNull());
  });

  it('uploads evidence with its description in one request', async () => {
    const { calls } = renderCase(
      () => detail({ status: 'in_progress', abilities: { ...NO_ABILITIES, attach: true } }),
      {
        'POST /api/mediation/5/attachments': () => ({ status: 200, body: detail() }),
      },
    );
    const description = await screen.findByLabelText('证据说明（可选）');
    type(description, '漏水照片');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], '漏水.png', { type: 'image/png' })] } });
    await waitFor(() => expect(posts(calls, '/api/mediation/5/attachments')).toHaveLength(1));
    expect(await screen.findByText('已上传 1 个证据文件')).toBeTruthy();
  });

  it('shows a hidden case like a missing one', async () => {
    fakeServer({
      'GET /api/mediation/5': errorAnswer(404, 'record.not_found', {
        'zh-CN': '记录不存在',
        en: 'Not found',
      }),
      'GET /api/mediation/5/events': errorAnswer(404, 'record.not_found', {
        'zh-CN': '记录不存在',
        en: 'Not found',
      }),
    });
    renderAt(<MediationPage />, { url: '/admin/mediation/5', route: '/admin/mediation/:id' });
    expect(await screen.findByText('找不到这条记录，或您无权查看')).toBeTruthy();
    expect(screen.getByRole('button', { name: '返回调解案件' })).toBeTruthy();
  });

  it('speaks English', async () => {
    renderCase(() => detail({ abilities: { ...NO_ABILITIES, accept: true, refuse: true } }), {}, 'en');
    const bar = await screen.findByRole('toolbar', { name: 'Actions' });
    expect(within(bar).getByRole('button', { name: /Accept/ })).toBeTruthy();
    expect(within(bar).getByRole('button', { name: /Refuse/ })).toBeTruthy();
    expect(screen.getByText('Applied')).toBeTruthy();
    expect(screen.getByText('Opened from a case')).toBeTruthy();
    expect(screen.getAllByText('Zhongshan Reconciliation Room').length).toBeGreaterThan(0);
  });
});
