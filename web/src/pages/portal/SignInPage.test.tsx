import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, errorAnswer, fakeServer } from '../../test/fake-server.ts';
import { isMobile, safeNext } from './SignInPage.tsx';
import { noMessages, RESIDENT, renderPortal, signedOut } from './testing.tsx';

const sent = (demoCode?: string) => () => ({
  status: 200,
  body: { sent: true, expiresInSeconds: 300, retryAfterSeconds: 60, ...(demoCode ? { demoCode } : {}) },
});

describe('signing in with a phone number', () => {
  it('checks the number before asking for a code', async () => {
    const { calls } = fakeServer({ 'GET /api/auth/me': signedOut });
    renderPortal('/sign-in');
    fireEvent.change(await screen.findByLabelText('手机号码'), { target: { value: '1360000' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('请输入正确的 11 位手机号码')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/auth/otp/request')).toBe(false);
    expect(isMobile('136 0000 1234')).toBe(true);
    expect(isMobile('+86 136-0000-1234')).toBe(true); // pasted from a contact card
    expect(isMobile('12600001234')).toBe(false);
  });

  it('shows the code a demo server sends back, signs in with it and goes where the resident was heading', async () => {
    let verified: Call | undefined;
    fakeServer({
      'GET /api/auth/me': signedOut,
      'POST /api/auth/otp/request': sent('482913'),
      'POST /api/auth/otp/verify': (call) => {
        verified = call;
        return { status: 200, body: { csrfToken: 'csrf-new', user: RESIDENT.user } };
      },
      'GET /api/notifications?limit=20': noMessages,
      'GET /api/portal/cases': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    renderPortal('/sign-in?next=/mine');
    expect(await screen.findByText('反映问题前请先登录，方便我们把办理进度告诉您。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '136 0000 1234' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('验证码已发送至 136****1234，5 分钟内有效。')).toBeTruthy();
    expect(screen.getByTestId('demo-code').textContent).toBe('482913');
    expect(screen.getByRole('button', { name: '60 秒后可重发' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: '填入' }));
    expect((screen.getByLabelText('短信验证码') as HTMLInputElement).value).toBe('482913');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { level: 1, name: '我的诉求' })).toBeTruthy();
    expect(verified?.body).toEqual({ phone: '13600001234', code: '482913' });
    expect(screen.getByText('已登录：136****1234')).toBeTruthy();
  });

  it("puts the server's own message under the field it is about", async () => {
    fakeServer({
      'GET /api/auth/me': signedOut,
      'POST /api/auth/otp/request': sent(),
      'POST /api/auth/otp/verify': errorAnswer(401, 'auth.otp_invalid', {
        'zh-CN': '验证码错误或已过期',
        en: 'The code is wrong or has expired',
      }),
    });
    renderPortal('/sign-in');
    fireEvent.change(await screen.findByLabelText('手机号码'), { target: { value: '13600001234' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    await screen.findByText(/验证码已发送/);
    expect(screen.queryByTestId('demo-code')).toBeNull(); // a real server never sends the code back
    fireEvent.change(screen.getByLabelText('短信验证码'), { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('请输入 6 位数字验证码')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('短信验证码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    const message = await screen.findByText('验证码错误或已过期');
    await waitFor(() =>
      expect(screen.getByLabelText('短信验证码').getAttribute('aria-describedby')).toContain(message.id),
    );
  });

  it('goes only to pages of this site after signing in', () => {
    expect(safeNext('/report')).toBe('/report');
    expect(safeNext('//evil.example/x')).toBe('/mine');
    expect(safeNext('https://evil.example')).toBe('/mine');
    expect(safeNext(null)).toBe('/mine');
  });
});
