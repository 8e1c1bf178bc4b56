import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createApi } from '../../api/index.ts';
import { createI18n } from '../../i18n/index.ts';
import { fakeServer } from '../../test/fake-server.ts';
import { noMessages, renderPortal, signedIn, signedOut } from './testing.tsx';

describe('the resident portal', () => {
  it('is what / opens: the three things a resident comes for, in Chinese', async () => {
    fakeServer({ 'GET /api/auth/me': signedOut });
    const i18n = createI18n('zh-CN');
    render(<App api={createApi(() => i18n.language)} i18n={i18n} />);
    expect(await screen.findByRole('heading', { level: 1, name: '您好！' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /我要反映.*拍照/ }).getAttribute('href')).toBe('/report');
    expect(screen.getByRole('link', { name: /查询进度/ }).getAttribute('href')).toBe('/track');
    expect(screen.getByRole('link', { name: '工作人员入口' }).getAttribute('href')).toBe('/admin');
    // Signed out: no messages bell.
    expect(screen.queryByRole('link', { name: /^消息/ })).toBeNull();
  });

  it('switches to large type and back, and remembers the choice', async () => {
    fakeServer({ 'GET /api/auth/me': signedOut });
    renderPortal('/');
    const toggle = await screen.findByRole('button', { name: '大字' });
    expect(document.documentElement.classList.contains('portal-root')).toBe(true);
    expect(document.documentElement.classList.contains('portal-large')).toBe(false);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.classList.contains('portal-large')).toBe(true);
    expect(localStorage.getItem('shequ.portal.largeText')).toBe('1');
    fireEvent.click(toggle);
    expect(document.documentElement.classList.contains('portal-large')).toBe(false);
  });

  it('speaks English when asked, and shows a signed-in resident their unread messages', async () => {
    fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': () => ({
        status: 200,
        body: { items: [], nextAfter: null, unreadCount: 3 },
      }),
      'GET /api/portal/cases': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    renderPortal('/');
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello!' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Messages, 3 unread' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
  });

  it('nudges a resident whose resolved requests wait for a rating', async () => {
    fakeServer({
      'GET /api/auth/me': signedIn,
      'GET /api/notifications?limit=20': noMessages,
      'GET /api/portal/cases': () => ({
        status: 200,
        body: {
          items: [
            {
              trackingNo: 'HS1',
              title: 'a',
              status: 'resolved',
              category: null,
              registeredAt: '2026-11-01T00:00:00Z',
              handlingUnit: null,
              awaitingRating: true,
            },
            {
              trackingNo: 'HS2',
              title: 'b',
              status: 'accepted',
              category: null,
              registeredAt: '2026-11-02T00:00:00Z',
              handlingUnit: null,
              awaitingRating: false,
            },
          ],
          nextCursor: null,
        },
      }),
    });
    renderPortal('/');
    expect(await screen.findByRole('link', { name: /您有 1 件诉求已办结，等您评价/ })).toBeTruthy();
  });
});
