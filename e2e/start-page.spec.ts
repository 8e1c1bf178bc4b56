import { expect, type Page, test } from '@playwright/test';

const password = process.env.SHEQU_E2E_PASSWORD ?? '';

async function signIn(page: Page, username: string, secret: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(secret);
  await page.getByLabel('密码').press('Enter'); // Enter submits, as in any form
}

test('a visitor reads the start page, switches language, and a staff member signs in and out', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');

  // The Chinese start page, with the live status of the server behind it.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('社区 · 一站式服务与治理平台');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民的事，一站办好');
  await expect(page.getByTestId('server-status')).toHaveText('运行正常');
  await expect(page.getByText('数据库：内置 SQLite')).toBeVisible();
  await expect(page.getByRole('link', { name: 'API 文档' })).toHaveAttribute('href', '/docs');
  await expect(page.getByRole('link', { name: 'OpenAPI 描述' })).toHaveAttribute('href', '/openapi.json');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('start-360-zh.png'), fullPage: true });

  // English, remembered across a reload, and back to Chinese.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    "Every resident's concern, handled in one place",
  );
  await expect(page.getByTestId('server-status')).toHaveText('Running normally');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('start-360-en.png'), fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // A wrong password: the server's own message, in Chinese.
  await signIn(page, 'admin', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  await expect(page.getByLabel('密码')).toHaveValue('');
  await page.screenshot({ path: testInfo.outputPath('wrong-password-360-zh.png'), fullPage: true });

  // The demo administrator.
  await signIn(page, 'admin', password);
  const account = page.locator('section.account');
  await expect(account.getByRole('heading', { level: 2 })).toHaveText('您好，系统管理员');
  await expect(account.getByRole('heading', { level: 2 })).toBeFocused();
  const role = account.getByRole('listitem').first();
  await expect(role.locator('.role')).toHaveText('系统管理员');
  await expect(role.locator('.unit')).toHaveText('海曙区');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('signed-in-360-zh.png'), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: testInfo.outputPath('signed-in-1280-zh.png'), fullPage: true });

  // Sign out: the form is back and the session is gone on the server too.
  await account.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toBeFocused();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});
