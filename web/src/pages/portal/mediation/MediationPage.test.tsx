import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, fakeServer } from '../../../test/fake-server.ts';
import { noMessages, renderPortal, signedIn, signedOut } from '../testing.tsx';
import type { MyMediationView } from './mediation-api.ts';

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

function application(over: Partial<MyMediationView> = {}): MyMediationView {
  return {
    id: 5,
    number: 'HSM2026000005',
    status: 'applied',
    disputeType: 'neighbour',
    organisation: {
      id: 40,
      code: 'GL01-MEDIATION',
      nameZh: '中山社区和好屋',
      nameEn: 'Zhongshan Reconciliation Room',
    },
    community: { id: 9, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan' },
    facts: '楼上漏水',
    claims: '修好防水',
    registeredAt: '2026-11-29T02:00:00.000Z',
    acceptedAt: null,
    outcomeAt: null,
    refusalReason: null,
    routesTold: [],
    ...over,
  };
}

function server(extra: Record<string, (call: Call) => { status: number; body?: unknown }> = {}) {
  return fakeServer({
    'GET /api/auth/me': signedIn,
    'GET /api/notifications?limit=20': noMessages,
    'GET /api/org/public/communities': () => ({ status: 200, body: COMMUNITIES }),
    'GET /api/portal/cases': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /api/portal/mediations': () => ({ status: 200, body: { items: [] } }),
    ...extra,
  });
}

async function fillIn() {
  fireEvent.click(await screen.findByRole('radio', { name: /邻里纠纷/ }));
  fireEvent.change(await screen.findByLabelText('街道'), { target: { value: '3' } });
  fireEvent.change(screen.getByLabelText('社区'), { target: { value: '9' } });
  fireEvent.change(screen.getByLabelText('对方姓名或称呼'), { target: { value: '楼上301室住户' } });
  fireEvent.change(screen.getByLabelText('发生了什么'), { target: { value: '楼上装修后漏水到我家' } });
  fireEvent.change(screen.getByLabelText('您希望怎么解决'), { target: { value: '修好防水，赔偿损失' } });
}

describe('applying for mediation on the portal', () => {
  it('is offered on the home page, and asks a signed-out visitor to sign in first', async () => {
    server();
    renderPortal('/');
    const link = await screen.findByRole('link', { name: /申请调解/ });
    expect(link.getAttribute('href')).toBe('/mediation');

    fakeServer({ 'GET /api/auth/me': signedOut });
    renderPortal('/mediation');
    expect(await screen.findByRole('heading', { level: 1, name: '手机号登录' })).toBeTruthy();
  });

  it('says what is missing, then sends the application and shows its number and who received it', async () => {
    const { calls } = server({
      'POST /api/portal/mediations': () => ({ status: 201, body: application() }),
    });
    renderPortal('/mediation');
    fireEvent.click(await screen.findByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('请选择纠纷的类别')).toBeTruthy();
    expect(screen.getByText('请选择街道和社区')).toBeTruthy();
    expect(screen.getByText('请说说您希望怎么解决')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await fillIn();
    fireEvent.change(screen.getByLabelText('对方电话（知道的话）'), { target: { value: '13805749902' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));

    expect(await screen.findByTestId('mediation-no')).toHaveProperty('textContent', 'HSM2026000005');
    expect(screen.getByText('已送到：中山社区和好屋')).toBeTruthy();
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/api/portal/mediations');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({
      disputeType: 'neighbour',
      communityId: 9,
      otherParty: { name: '楼上301室住户', phone: '13805749902' },
      facts: '楼上装修后漏水到我家',
      claims: '修好防水，赔偿损失',
    });
    expect(sent[0]?.headers.get('X-CSRF-Token')).toBe('csrf-resident');
    expect(screen.getByRole('link', { name: '查看我的申请' }).getAttribute('href')).toBe('/mine');
  });

  it("shows the server's words under the field it refused", async () => {
    server({
      'POST /api/portal/mediations': () => ({
        status: 400,
        body: {
          error: {
            code: 'request.invalid',
            message: '请求数据有误',
            details: [{ path: 'body.communityId', code: 'invalid', message: '该单位不是调解组织' }],
          },
        },
      }),
    });
    renderPortal('/mediation');
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('该单位不是调解组织')).toBeTruthy();
    expect(screen.getByLabelText('社区').getAttribute('aria-invalid')).toBe('true');
  });

  it('lists the applications among the resident’s requests with their status', async () => {
    server({
      'GET /api/portal/mediations': () => ({
        status: 200,
        body: { items: [application({ status: 'accepted', acceptedAt: '2026-11-29T03:00:00.000Z' })] },
      }),
    });
    renderPortal('/mine');
    const section = (await screen.findByRole('heading', { name: '我的调解申请' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(section).getByText('已受理')).toBeTruthy();
    expect(within(section).getByText('邻里纠纷 · 中山社区和好屋')).toBeTruthy();
  });

  it('speaks English: the form, and a refusal with the other routes', async () => {
    server({
      'GET /api/portal/mediations': () => ({
        status: 200,
        body: {
          items: [
            application({
              status: 'refused',
              refusalReason: 'already before a court',
              routesTold: ['litigation', 'arbitration'],
            }),
          ],
        },
      }),
    });
    renderPortal('/mediation', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Apply for mediation' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /Labour dispute/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send the application' })).toBeTruthy();

    renderPortal('/mine', 'en');
    const section = (await screen.findByRole('heading', { name: 'My applications for mediation' })).closest(
      'section',
    ) as HTMLElement;
    expect(within(section).getByText('Not taken on')).toBeTruthy();
    expect(within(section).getByText('Not taken on because: already before a court')).toBeTruthy();
    expect(within(section).getByText('You can still settle it by going to court, arbitration')).toBeTruthy();
  });
});
