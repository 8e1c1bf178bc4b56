import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, request, test } from '@playwright/test';

// The resident portal on a phone (390 × 844) against the demo district: a resident signs in with the
// code (a demo server shows it on screen: it sends no real texts), reports an overflowing rubbish bin
// with a photo, gets a tracking number, and anyone can follow it by that number without signing in.
// The street's handler resolves it; the resident, not satisfied and not solved, rates it and it goes
// back to the unit; news of each step waits in the resident's messages.

const PHONE = { width: 390, height: 844 };
const password = process.env.SHEQU_E2E_PASSWORD ?? '';
const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'street.png');
const DESCRIPTION = '楼下垃圾桶满了好几天没人清运，气味很大，夏天招苍蝇。';

/** A mobile number nobody else in this run uses (codes may be asked for once a minute per number). */
const phoneNumber = `139${String(Date.now()).slice(-8)}`;

async function signInWithCode(page: Page, phone: string) {
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const code = page.getByTestId('demo-code');
  await expect(code).toHaveText(/^\d{6}$/);
  await page.getByLabel('短信验证码').fill((await code.textContent()) ?? '');
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** 鼓楼街道's cases registered this month, as the leader reads them on the dashboard. */
async function gulouRegistered(page: Page): Promise<number> {
  await page.goto('/admin/dashboard');
  await page.getByRole('button', { name: '查看鼓楼街道' }).click();
  await expect(page.getByText(/^鼓楼街道 · /)).toBeVisible();
  const value = page.getByTestId('volume-registered').locator('.dashboard-volume-value');
  await expect(value).toHaveText(/^\d[\d,]*件$/);
  return Number(((await value.textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function signInStaff(page: Page, username: string) {
  await page.goto('/admin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('account-menu')).toBeVisible();
}

test('a resident reports a problem with a photo, tracks it signed out, and rates the result', async ({
  browser,
  baseURL,
}, testInfo) => {
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();

  // The leader's dashboard before: 鼓楼街道's registrations this month.
  const leaderContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const leader = await leaderContext.newPage();
  await signInStaff(leader, 'leader');
  const before = await gulouRegistered(leader);

  // Reporting needs a signed-in resident: the portal asks, then comes back to the form.
  await page.goto('/');
  await page
    .getByRole('link', { name: /我要反映/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('手机号登录');
  await expect(page.getByText('反映问题前请先登录')).toBeVisible();
  await signInWithCode(page, phoneNumber);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('发生了什么');

  // 1. What happened, with a photo from the phone (made smaller in the browser before it is sent).
  await page.getByLabel('请说说发生了什么').fill(DESCRIPTION);
  await page.locator('input[type=file]').setInputFiles(photo);
  await expect(page.getByRole('img', { name: '第 1 张照片' })).toBeVisible();
  await shot(page, 'portal-1-describe');
  await page.getByRole('button', { name: '下一步' }).click();

  // 2. The kind, suggested from the words.
  const suggested = page.getByRole('radio', { name: /垃圾清运与环境卫生/ });
  await expect(suggested).toBeChecked();
  await shot(page, 'portal-2-category');
  await page.getByRole('button', { name: '下一步' }).click();

  // 3. Where: the community picked from the list.
  await page.getByLabel('街道').selectOption({ label: '鼓楼街道' });
  await page.getByLabel('社区').selectOption({ label: '中山社区' });
  await expect(page.getByText('鼓楼街道 · 中山社区')).toBeVisible();
  await page.getByLabel('详细地点（可不填）').fill('公园路 3 号楼北侧');
  await page.getByRole('button', { name: '下一步' }).click();

  // 4. Check, say how to be contacted, send.
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  await page.getByRole('radio', { name: /短信告知/ }).check();
  await shot(page, 'portal-3-confirm');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('提交成功');
  const trackingNo = (await page.getByTestId('tracking-no').textContent()) ?? '';
  expect(trackingNo).toMatch(/^HS\d{14}$/);
  await expect(page.getByText('已转交：鼓楼街道综合执法组')).toBeVisible();
  await expect(page.getByText('照片没能上传成功')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await shot(page, 'portal-4-done');

  // The street's count on the leader's dashboard moved by one.
  expect(await gulouRegistered(leader)).toBe(before + 1);
  await leaderContext.close();

  // Anyone with the number sees the progress, and nothing of what was written or by whom.
  const stranger = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const public_ = await stranger.newPage();
  await public_.goto('/track');
  await public_.getByLabel('受理编号').fill(trackingNo.toLowerCase());
  await public_.getByRole('button', { name: '查询', exact: true }).click();
  await expect(public_).toHaveURL(new RegExp(`/track/${trackingNo}$`));
  const card = public_.getByRole('article');
  await expect(card.getByText('已转交办理')).toBeVisible();
  await expect(card.getByText('转交鼓楼街道综合执法组办理')).toBeVisible();
  await expect(card.getByText('已受理登记')).toBeVisible();
  const seen = (await public_.locator('main').textContent()) ?? '';
  for (const secret of ['垃圾桶满了', '公园路', phoneNumber, phoneNumber.slice(-4)])
    expect(seen).not.toContain(secret);
  await shot(public_, 'portal-5-track-signed-out');
  await stranger.close();

  // The photo reached the case, and the resident sees it on their own page.
  await page.getByRole('link', { name: '查看办理进度' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('诉求详情');
  await expect(page.getByRole('img', { name: /照片：street\.jpg/ })).toBeVisible();
  const size = await page
    .getByRole('img', { name: /照片：street\.jpg/ })
    .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(size).toEqual([480, 360]); // small already: redrawn as a JPEG, never enlarged

  // The street's handler signs and resolves it (as the workbench would).
  const handler = await request.newContext({ baseURL });
  const login = await handler.post('/api/auth/login', { data: { username: 'gl.handler', password } });
  const csrf = { 'X-CSRF-Token': (await login.json()).csrfToken };
  const found = await (await handler.get(`/api/cases?q=${trackingNo}`)).json();
  const id = found.items[0].id;
  expect((await handler.post(`/api/cases/${id}/sign`, { headers: csrf, data: {} })).status()).toBe(200);
  const resolved = await handler.post(`/api/cases/${id}/resolve`, {
    headers: csrf,
    data: { outcome: 'solved', text: '已清运，并将清运改为每天两次。' },
  });
  expect(resolved.status()).toBe(200);
  await handler.dispose();

  // The resident hears of it, rates it dissatisfied and unsolved, and it goes back to the unit.
  await page.reload();
  await expect(page.getByRole('link', { name: /消息，\d+ 条未读/ })).toBeVisible();
  await expect(page.getByText('已清运，并将清运改为每天两次。')).toBeVisible();
  await page.getByText('不满意', { exact: true }).click();
  await page.getByText('没解决', { exact: true }).click();
  await expect(page.getByText('提交后，这件事会重新交给办理单位继续处理。')).toBeVisible();
  await page.getByLabel('还想说的话（可不填）').fill('第二天又满了。');
  await shot(page, 'portal-6-rating');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(
    page.getByText('已收到您的评价。问题还没解决，已重新交鼓楼街道综合执法组办理，我们会继续跟进。'),
  ).toBeVisible();
  await expect(page.getByText('您反映仍未解决，已重新交鼓楼街道综合执法组办理')).toBeVisible();

  // Messages: the news of each step, newest first.
  await page.getByRole('link', { name: /^消息/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('消息');
  const messages = page.locator('.p-message-text');
  await expect(messages.first()).toContainText('已重新交办');
  await expect(messages.last()).toContainText(`受理编号 ${trackingNo}`);
  await shot(page, 'portal-7-messages');
  await context.close();
});

test('the portal in English on a 360 px phone', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en' });
  await context.addInitScript(() => localStorage.setItem('shequ.language', 'en'));
  const page = await context.newPage();
  await page.goto('/track');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track progress');
  await page.getByLabel('Tracking number').fill('HS-1*');
  await page.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(
    page.getByText('A tracking number has only letters and digits; please check it'),
  ).toBeVisible();
  await page.getByLabel('Tracking number').fill('HS20000101999999');
  await page.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(
    page.getByText('No request numbered HS20000101999999 was found; please check the number.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Mine' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with your phone' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('portal-360-en.png'), fullPage: true });
  await context.close();
});
