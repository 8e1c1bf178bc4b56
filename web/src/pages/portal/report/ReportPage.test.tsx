import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Call, fakeServer } from '../../../test/fake-server.ts';
import { noMessages, renderPortal, signedIn, signedOut } from '../testing.tsx';

const SUGGESTIONS = {
  suggestions: [
    {
      code: 'UM06',
      groupCode: 'UM',
      nameZh: '路灯照明',
      nameEn: 'Street lighting',
      descriptionZh: '路灯不亮、忽明忽暗、灯杆歪倒',
      descriptionEn: 'Street lights out',
    },
    {
      code: 'PS03',
      groupCode: 'PS',
      nameZh: '交通秩序与违章停车',
      nameEn: 'Traffic order',
      descriptionZh: '汽车乱停占道',
      descriptionEn: 'Cars parked illegally',
    },
  ],
};
const CATALOGUE = {
  groups: [
    {
      code: 'UM',
      nameZh: '城市管理',
      nameEn: 'Urban management',
      sort: 1,
      active: true,
      pinyin: { full: '', initials: '' },
      categories: [
        {
          code: 'UM01',
          groupCode: 'UM',
          nameZh: '垃圾清运与环境卫生',
          nameEn: 'Garbage',
          descriptionZh: '垃圾没人清运',
          descriptionEn: 'Rubbish',
          pinyin: { full: '', initials: '' },
          sensitive: false,
          resolveWorkdays: 3,
          urgentHours: 24,
          attributes: [],
          active: true,
          abilities: { manage: false },
        },
        {
          code: 'UM06',
          groupCode: 'UM',
          nameZh: '路灯照明',
          nameEn: 'Street lighting',
          descriptionZh: '路灯不亮',
          descriptionEn: 'Lights out',
          pinyin: { full: '', initials: '' },
          sensitive: false,
          resolveWorkdays: 3,
          urgentHours: 24,
          attributes: [],
          active: true,
          abilities: { manage: false },
        },
      ],
    },
  ],
};
const COMMUNITIES = {
  streets: [
    {
      id: 3,
      code: 'GL',
      nameZh: '鼓楼街道',
      nameEn: 'Gulou',
      pinyin: { full: '', initials: '' },
      communities: [
        { id: 9, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan', pinyin: { full: '', initials: '' } },
      ],
    },
  ],
};

function server(extra: Record<string, (call: Call) => { status: number; body?: unknown }> = {}) {
  return fakeServer({
    'GET /api/auth/me': signedIn,
    'GET /api/notifications?limit=20': noMessages,
    'POST /api/public/category-suggestions': () => ({ status: 200, body: SUGGESTIONS }),
    'GET /api/categories': () => ({ status: 200, body: CATALOGUE }),
    'GET /api/org/public/communities': () => ({ status: 200, body: COMMUNITIES }),
    ...extra,
  });
}

const next = () => fireEvent.click(screen.getByRole('button', { name: '下一步' }));

describe('reporting a problem', () => {
  beforeEach(() => sessionStorage.clear()); // the form keeps an unsent draft there

  it('sends a signed-out visitor to sign in first, and back here afterwards', async () => {
    fakeServer({ 'GET /api/auth/me': signedOut });
    renderPortal('/report');
    expect(await screen.findByRole('heading', { level: 1, name: '手机号登录' })).toBeTruthy();
    expect(screen.getByText('反映问题前请先登录，方便我们把办理进度告诉您。')).toBeTruthy();
  });

  it('asks for the words first, then suggests a kind from them and lets the resident choose another', async () => {
    const { calls } = server();
    renderPortal('/report');
    await screen.findByRole('heading', { level: 2, name: '发生了什么' });
    next();
    expect(await screen.findByText('请先写几句话，说说发生了什么')).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/api/public/category-suggestions'))).toBe(false);

    fireEvent.change(screen.getByLabelText('请说说发生了什么'), { target: { value: '小区门口的路灯坏了' } });
    next();
    const best = await screen.findByRole('radio', { name: /路灯照明/ });
    expect((best as HTMLInputElement).checked).toBe(true); // the best match is chosen for them
    expect(calls.find((c) => c.path === '/api/public/category-suggestions')?.body).toEqual({
      text: '小区门口的路灯坏了',
    });
    expect(screen.getByRole('radio', { name: /交通秩序与违章停车/ })).toBeTruthy();

    // Browsing the plain-language list leaves out what was already suggested.
    fireEvent.click(screen.getByRole('button', { name: '都不是？按类别查找' }));
    const group = await screen.findByText('城市管理');
    const list = group.closest('details') as HTMLElement;
    expect(within(list).getByRole('radio', { name: /垃圾清运与环境卫生 垃圾没人清运/ })).toBeTruthy();
    expect(within(list).queryByRole('radio', { name: /路灯照明/ })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /我拿不准/ }));
    next();
    expect(await screen.findByRole('heading', { level: 2, name: '在哪里' })).toBeTruthy();
    // The words and choices so far survive a reload of the page.
    expect(JSON.parse(sessionStorage.getItem('shequ.portal.reportDraft') ?? '{}')).toMatchObject({
      description: '小区门口的路灯坏了',
      category: 'unsure',
    });
  });

  it('says so when the words suggest nothing, and requires a choice', async () => {
    server({ 'POST /api/public/category-suggestions': () => ({ status: 200, body: { suggestions: [] } }) });
    renderPortal('/report');
    fireEvent.change(await screen.findByLabelText('请说说发生了什么'), { target: { value: '你好' } });
    next();
    expect(await screen.findByText(/没能从描述里判断出类别/)).toBeTruthy();
    next();
    expect(await screen.findByText('请选择一个类别，或选择“请工作人员帮我分类”')).toBeTruthy();
  });

  it('sends the request once with its key, uploads the photo and shows the tracking number', async () => {
    let uploads = 0;
    const { calls } = server({
      'POST /api/cases': () => ({
        status: 201,
        body: {
          id: 77,
          trackingNo: 'HS20261129000077',
          leadUnit: { id: 4, code: 'HS-MUNICIPAL', nameZh: '区市政管理处', nameEn: 'Municipal Office' },
          contactPreference: 'phone',
        },
      }),
      'POST /api/cases/77/attachments': () => {
        uploads += 1;
        return { status: 200, body: {} };
      },
    });
    renderPortal('/report');
    fireEvent.change(await screen.findByLabelText('请说说发生了什么'), { target: { value: '路灯坏了' } });
    const photo = new File([new Uint8Array([137, 80, 78, 71])], 'lamp.png', { type: 'image/png' });
    fireEvent.change(document.querySelector('input[type=file]') as HTMLInputElement, {
      target: { files: [photo] },
    });
    expect(await screen.findByRole('img', { name: '第 1 张照片' })).toBeTruthy();
    next();
    await screen.findByRole('radio', { name: /路灯照明/ });
    next();
    fireEvent.change(await screen.findByLabelText('街道'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('社区'), { target: { value: '9' } });
    expect(await screen.findByText('鼓楼街道 · 中山社区')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('详细地点（可不填）'), { target: { value: '3号楼门口' } });
    next();
    expect(await screen.findByText('路灯照明')).toBeTruthy();
    expect(screen.getByText('鼓楼街道 · 中山社区 · 3号楼门口')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /可以打电话/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^对办理单位保密我的身份/ }));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));

    expect(await screen.findByTestId('tracking-no')).toHaveProperty('textContent', 'HS20261129000077');
    const registered = calls.filter((c) => c.path === '/api/cases');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.body).toEqual({
      channel: 'portal',
      kind: 'help',
      description: '路灯坏了',
      categoryCode: 'UM06',
      location: { communityId: 9, address: '3号楼门口' },
      contactPreference: 'phone',
      reporter: { anonymous: true },
      urgent: false,
    });
    expect(registered[0]?.headers.get('Idempotency-Key')).toMatch(/^portal-[0-9a-f]{32}$/);
    expect(registered[0]?.headers.get('X-CSRF-Token')).toBe('csrf-resident');
    await waitFor(() => expect(uploads).toBe(1));
    expect(screen.getByText('已转交：区市政管理处')).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看办理进度' }).getAttribute('href')).toBe(
      '/mine/HS20261129000077',
    );
    expect(sessionStorage.getItem('shequ.portal.reportDraft')).toBeNull();
  });

  it("takes the resident back to the step of a field the server refused, with the server's words", async () => {
    server({
      'POST /api/cases': () => ({
        status: 400,
        body: {
          error: {
            code: 'request.invalid',
            message: '请求数据有误',
            details: [
              { path: 'body.location.communityId', code: 'not_found', message: '找不到该单位或已停用' },
            ],
          },
        },
      }),
    });
    renderPortal('/report');
    fireEvent.change(await screen.findByLabelText('请说说发生了什么'), { target: { value: '路灯坏了' } });
    next();
    await screen.findByRole('radio', { name: /路灯照明/ });
    next();
    fireEvent.change(await screen.findByLabelText('街道'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('社区'), { target: { value: '9' } });
    next();
    fireEvent.click(await screen.findByRole('button', { name: '提交' }));
    expect(await screen.findByText('找不到该单位或已停用')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '在哪里' })).toBeTruthy();
  });
});
