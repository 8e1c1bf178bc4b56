import { expect, type Page, test } from '@playwright/test';

// The front door: residents land on the portal's home at /; the platform's own page (what Shequ is,
// server status, API links, staff sign-in) lives at /about.

const password = process.env.SHEQU_E2E_PASSWORD ?? '';

async function signIn(page: Page, username: string, secret: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(secret);
  await page.getByLabel('密码').press('Enter'); // Enter submits, as in any form
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('a resident opens the home page on a phone, in Chinese, in large type and in English', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好！');
  await expect(page.getByRole('link', { name: /我要反映/ }).first()).toHaveAttribute('href', '/report');
  await expect(page.getByRole('link', { name: /查询进度/ })).toHaveAttribute('href', '/track');
  await expect(page.getByRole('navigation', { name: '主要栏目' })).toBeVisible();
  // Large-type friendly from the start: the base size is at least 18 px.
  expect(
    await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize)),
  ).toBe(18);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('home-360-zh.png'), fullPage: true });

  // 大字: everything grows, nothing spills sideways, and the choice is kept.
  await page.getByRole('button', { name: '大字' }).click();
  expect(
    await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize)),
  ).toBe(22);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('home-360-zh-large.png'), fullPage: true });
  await page.reload();
  await expect(page.getByRole('button', { name: '大字' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '大字' }).click();

  // English, remembered across a reload, and back to Chinese.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello!');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: /Report a problem/ }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('home-360-en.png'), fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好！');

  // The portal's first load carries neither the workbench's antd nor charts.
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.js')),
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const code = await (await page.request.get(script)).text();
    expect(code, script).not.toContain('data-ant-cssinjs'); // antd's style engine
    expect(code, script).not.toContain('echarts');
  }
});

test('the platform page at /about shows the live server status and signs staff in and out', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await page.getByRole('link', { name: '关于平台' }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page).toHaveTitle('社区 · 一站式服务与治理平台');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民的事，一站办好');
  await expect(page.getByTestId('server-status')).toHaveText('运行正常');
  await expect(page.getByText('数据库：内置 SQLite')).toBeVisible();
  await expect(page.getByRole('link', { name: 'API 文档' })).toHaveAttribute('href', '/docs');
  await expect(page.getByRole('link', { name: '进入居民服务' })).toHaveAttribute('href', '/');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('about-360-zh.png'), fullPage: true });

  // A wrong password: the server's own message, in Chinese.
  await signIn(page, 'admin', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  await expect(page.getByLabel('密码')).toHaveValue('');

  // The demo administrator, then out again: the session is gone on the server too.
  await signIn(page, 'admin', password);
  const account = page.locator('section.account');
  await expect(account.getByRole('heading', { level: 2 })).toHaveText('您好，系统管理员');
  await expect(account.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(account.getByRole('link', { name: '进入工作台' })).toHaveAttribute('href', '/admin');
  await account.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});
