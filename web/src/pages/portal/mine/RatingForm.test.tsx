import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, fakeServer } from '../../../test/fake-server.ts';
import { myCase } from '../fixtures.ts';
import { noMessages, renderPortal, signedIn } from '../testing.tsx';
import { reopens } from './RatingForm.tsx';

const PATH = '/mine/HS20261129000123';
const API = '/api/portal/cases/HS20261129000123';

describe('rating a resolved request', () => {
  it('knows which answers send the request back', () => {
    expect(reopens('dissatisfied', false)).toBe(true);
    expect(reopens('dissatisfied', true)).toBe(false);
    expect(reopens('basically_satisfied', false)).toBe(false);
    expect(reopens(null, false)).toBe(false);
  });

  it('asks for both answers before sending anything', async () => {
    const { calls } = fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': noMessages,
      [`GET ${API}`]: () => ({ status: 200, body: myCase() }),
    });
    renderPortal(PATH);
    expect(await screen.findByText('已清运，并增加清运频次')).toBeTruthy(); // the unit's result comes first
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('请选择满意程度和是否解决')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('warns that dissatisfied and unsolved reopens it, sends the rating, and says it was passed on again', async () => {
    let rated: Call | undefined;
    fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': noMessages,
      [`GET ${API}`]: () => ({ status: 200, body: myCase() }),
      [`POST ${API}/rating`]: (call) => {
        rated = call;
        const view = myCase({
          status: 'dispatched',
          outcome: null,
          resolution: null,
          abilities: { rate: false, attach: true },
          myRating: {
            rating: 'dissatisfied',
            solved: false,
            comment: '还是满的',
            at: '2026-11-29T08:00:00Z',
            reopened: true,
          },
        });
        view.steps.push({
          step: 'reopened',
          at: '2026-11-29T08:00:00Z',
          unit: view.handlingUnit,
          outcome: null,
          intoTrackingNo: null,
        });
        return { status: 200, body: view };
      },
    });
    renderPortal(PATH);
    fireEvent.click(await screen.findByRole('radio', { name: '不满意' }));
    expect(screen.queryByText('提交后，这件事会重新交给办理单位继续处理。')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '没解决' }));
    expect(screen.getByText('提交后，这件事会重新交给办理单位继续处理。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('还想说的话（可不填）'), { target: { value: ' 还是满的 ' } });
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));

    expect(
      await screen.findByText(
        '已收到您的评价。问题还没解决，已重新交鼓楼街道综合执法组办理，我们会继续跟进。',
      ),
    ).toBeTruthy();
    expect(rated?.body).toEqual({ version: 6, rating: 'dissatisfied', solved: false, comment: '还是满的' });
    expect(screen.queryByRole('button', { name: '提交评价' })).toBeNull();
    expect(screen.getByText('您反映仍未解决，已重新交鼓楼街道综合执法组办理')).toBeTruthy();
    expect(screen.getByText('不满意 · 没解决')).toBeTruthy();
  });

  it('thanks the resident when satisfied, and reloads when someone acted on the request meanwhile', async () => {
    let fresh = false;
    fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': noMessages,
      [`GET ${API}`]: () => ({
        status: 200,
        body: fresh ? myCase({ status: 'closed', abilities: { rate: false, attach: false } }) : myCase(),
      }),
      [`POST ${API}/rating`]: () => {
        fresh = true;
        return {
          status: 409,
          body: {
            error: {
              code: 'case.conflict',
              message: '该工单刚被他人处理（当前状态「已归档」），请刷新后重试',
            },
          },
        };
      },
    });
    renderPortal(PATH);
    fireEvent.click(await screen.findByRole('radio', { name: '满意' }));
    fireEvent.click(screen.getByRole('radio', { name: '解决了' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('这件事刚有了新进展，页面已刷新，请看过后再评价。')).toBeTruthy();
    expect(await screen.findByText('已完结')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交评价' })).toBeNull();
  });
});
