import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createApi, type MeView } from '../../api/index.ts';
import { createI18n, type Language, rememberedLanguage } from '../../i18n/index.ts';
import { type Call, errorAnswer, fakeServer } from '../../test/fake-server.ts';

const notSignedIn = errorAnswer(401, 'auth.required', { 'zh-CN': '请先登录', en: 'Please sign in' });
const healthy = () => ({ status: 200, body: { status: 'ok', database: 'sqlite' } });
const wrongPassword = errorAnswer(401, 'auth.invalid_credentials', {
  'zh-CN': '用户名或密码错误',
  en: 'Wrong username or password',
});

const admin: MeView = {
  user: {
    id: 1,
    kind: 'staff',
    username: 'admin',
    displayName: '系统管理员',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: '2026-11-29T06:30:00.000Z',
    roles: [
      { id: 7, role: 'admin', unit: { id: 1, code: 'HS', nameZh: '海曙区', nameEn: 'Haishu District' } },
      {
        id: 8,
        role: 'mediator',
        unit: { id: 9, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' },
      },
    ],
    version: 1,
  },
  actions: ['audit.read', 'org.manage', 'users.manage'],
  csrfToken: 'csrf-from-me',
};

/** The app at /about, where the start page lives (residents get the portal at /). */
function renderApp(language: Language = rememberedLanguage()) {
  window.history.pushState({}, '', '/about');
  const i18n = createI18n(language);
  const api = createApi(() => i18n.language);
  render(<App api={api} i18n={i18n} />);
  return i18n;
}

async function signIn(username: string, password: string) {
  fireEvent.change(await screen.findByLabelText(/用户名|Username/), { target: { value: username } });
  fireEvent.change(screen.getByLabelText(/密码|Password/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /^(登录|Sign in)$/ }));
}

describe('start page', () => {
  it('introduces Shequ in Chinese and shows the live server status', async () => {
    fakeServer({ 'GET /api/auth/me': notSignedIn, 'GET /healthz': healthy });
    renderApp();

    expect(await screen.findByRole('heading', { level: 1, name: '居民的事，一站办好' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '归口分流' })).toBeTruthy();
    expect(await screen.findByText('运行正常')).toBeTruthy();
    expect(screen.getByText('数据库：内置 SQLite')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'API 文档' }).getAttribute('href')).toBe('/docs');
    expect(screen.getByRole('link', { name: 'OpenAPI 描述' }).getAttribute('href')).toBe('/openapi.json');
  });

  it('says so when the server cannot be reached', async () => {
    fakeServer({
      'GET /api/auth/me': notSignedIn,
      'GET /healthz': () => ({
        status: 503,
        body: { error: { code: 'server.unavailable', message: '服务暂不可用' } },
      }),
    });
    renderApp();
    expect(await screen.findByText('暂时无法连接服务器')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新检查' })).toBeTruthy();
  });

  it('switches to English and back, remembers the choice and localises dates', async () => {
    fakeServer({ 'GET /api/auth/me': notSignedIn, 'GET /healthz': healthy });
    renderApp();
    const year = String(new Date().getFullYear());
    expect(await screen.findByText(new RegExp(`今天是 ${year}年`))).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: "Every resident's concern, handled in one place",
      }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Staff sign-in' })).toBeTruthy();
    expect(await screen.findByText('Running normally')).toBeTruthy();
    expect(screen.getByText(new RegExp(`^Today is \\w+day, \\w+ \\d+, ${year}$`))).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(document.title).toBe('Shequ · One-stop service and governance platform');
    expect(rememberedLanguage()).toBe('en');

    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByRole('heading', { name: '工作人员登录' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('zh-CN'));
    expect(rememberedLanguage()).toBe('zh-CN');
  });

  it('starts in the language chosen on the last visit', async () => {
    fakeServer({ 'GET /api/auth/me': notSignedIn, 'GET /healthz': healthy });
    localStorage.setItem('shequ.language', 'en');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Staff sign-in' })).toBeTruthy();
  });
});

describe('staff sign-in', () => {
  it("shows the server's message in the UI language, asking in that language", async () => {
    const { calls } = fakeServer({
      'GET /api/auth/me': notSignedIn,
      'GET /healthz': healthy,
      'POST /api/auth/login': wrongPassword,
    });
    renderApp();

    await signIn('admin', 'not-the-password');
    const alert = await screen.findByText('用户名或密码错误');
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    const login = calls.find((c) => c.path === '/api/auth/login') as Call;
    expect(login.body).toEqual({ username: 'admin', password: 'not-the-password' });
    expect(login.headers.get('Accept-Language')).toBe('zh-CN');
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('heading', { name: 'Staff sign-in' });
    expect(screen.queryByText('用户名或密码错误')).toBeNull(); // a Chinese message on an English page would confuse
    await signIn('admin', 'still-wrong');
    expect(await screen.findByText('Wrong username or password')).toBeTruthy();
    expect(
      calls
        .filter((c) => c.path === '/api/auth/login')
        .at(-1)
        ?.headers.get('Accept-Language'),
    ).toBe('en');
  });

  it('explains a locked account (423) and how to get it unlocked', async () => {
    fakeServer({
      'GET /api/auth/me': notSignedIn,
      'GET /healthz': healthy,
      'POST /api/auth/login': errorAnswer(423, 'auth.locked', {
        'zh-CN': '登录失败次数过多，账号已锁定，请 15 分钟后再试',
        en: 'Too many failed sign-ins; the account is locked for 15 more minutes',
      }),
    });
    renderApp();
    await signIn('admin', 'x');
    expect(await screen.findByText('登录失败次数过多，账号已锁定，请 15 分钟后再试')).toBeTruthy();
    expect(screen.getByText('如需尽快解锁，请联系本单位系统管理员。')).toBeTruthy();
  });

  it('asks for both fields without calling the server', async () => {
    const { calls } = fakeServer({ 'GET /api/auth/me': notSignedIn, 'GET /healthz': healthy });
    renderApp();
    await signIn('admin', '');
    expect(await screen.findByText('请填写用户名和密码')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/auth/login')).toBe(false);
  });

  it('tells the user when the network is down', async () => {
    const { fetchMock } = fakeServer({ 'GET /api/auth/me': notSignedIn, 'GET /healthz': healthy });
    renderApp();
    await screen.findByText('运行正常');
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await signIn('admin', 'secret');
    expect(await screen.findByText('无法连接服务器，请检查网络后重试')).toBeTruthy();
  });

  it('shows who signed in with translated roles and units, and signs out with the CSRF token', async () => {
    let signedIn = false;
    const { calls } = fakeServer({
      'GET /api/auth/me': (call) => (signedIn ? { status: 200, body: admin } : notSignedIn(call)),
      'GET /healthz': healthy,
      'POST /api/auth/login': () => {
        signedIn = true;
        return { status: 200, body: { csrfToken: 'csrf-from-login', user: admin.user } };
      },
      'POST /api/auth/logout': () => {
        signedIn = false;
        return { status: 200, body: { signedOut: true } };
      },
    });
    renderApp();

    await signIn('admin', 'Shequ@demo2026');
    const card = (await screen.findByRole('heading', { name: '您好，系统管理员' })).closest(
      'section',
    ) as HTMLElement;
    const roles = within(card)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(roles).toEqual(['系统管理员海曙区', '调解员中山社区']);
    expect(within(card).getByText('可使用 3 项功能')).toBeTruthy();
    expect(within(card).getByText('账号：admin')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('您好，系统管理员');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await within(card).findByText('Administrator')).toBeTruthy();
    expect(within(card).getByText('Haishu District')).toBeTruthy();
    expect(within(card).getByText('Zhongshan Community')).toBeTruthy();
    expect(within(card).getByText('3 features available')).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Staff sign-in' })).toBeTruthy();
    const logout = calls.find((c) => c.path === '/api/auth/logout') as Call;
    expect(logout.headers.get('X-CSRF-Token')).toBe('csrf-from-me');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Username')));
  });

  it('recognises a session that is already open', async () => {
    fakeServer({ 'GET /api/auth/me': () => ({ status: 200, body: admin }), 'GET /healthz': healthy });
    renderApp();
    expect(await screen.findByRole('heading', { name: '您好，系统管理员' })).toBeTruthy();
    expect(screen.queryByLabelText('密码')).toBeNull();
  });
});
