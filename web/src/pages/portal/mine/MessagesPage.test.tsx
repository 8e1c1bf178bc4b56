import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../../test/fake-server.ts';
import { myCase } from '../fixtures.ts';
import { renderPortal, signedIn } from '../testing.tsx';

const NEWS = {
  id: 501,
  kind: 'reporter.resolved',
  caseId: 123,
  message:
    '您反映的「楼下垃圾桶三天没人清运」（编号 HS20261129000123）已办结，近期将有工作人员回访，请留意来电。',
  params: { trackingNo: 'HS20261129000123', title: '楼下垃圾桶三天没人清运' },
  createdAt: '2026-11-28T03:00:00.000Z',
  readAt: null,
};

describe('messages', () => {
  it('lists the news of my requests; opening one marks it read and shows the request', async () => {
    let read = false;
    fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': () => ({
        status: 200,
        body: {
          items: [{ ...NEWS, readAt: read ? '2026-11-29T00:00:00Z' : null }],
          nextAfter: null,
          unreadCount: read ? 0 : 1,
        },
      }),
      'POST /api/notifications/501/read': () => {
        read = true;
        return { status: 200, body: { ...NEWS, readAt: '2026-11-29T00:00:00Z' } };
      },
      'GET /api/portal/cases/HS20261129000123': () => ({ status: 200, body: myCase() }),
    });
    renderPortal('/messages');
    expect(await screen.findByRole('link', { name: '消息，1 条未读' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /未读.*已办结/ }));
    expect(await screen.findByRole('heading', { level: 1, name: '诉求详情' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('link', { name: '消息' })).toBeTruthy());
  });
});
