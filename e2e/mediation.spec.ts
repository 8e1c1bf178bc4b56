import { expect, type Locator, type Page, test } from '@playwright/test';
import { label, password, signedIn } from './support.ts';

// People's mediation in the staff workbench, the "Done when" path: a neighbour dispute phoned
// into the help line goes to 中山社区和好屋, whose mediator turns it into a mediation case, holds two
// sessions, drafts and signs the agreement (its PDF downloadable), sees the judicial-confirmation
// window, and closes the case as agreed: the help-line case is resolved with the outcome.

/** The open dialog with this title, once it has settled. */
async function dialogOf(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveClass(/ant-zoom-appear/);
  return dialog;
}

/** Submits the dialog with its OK button and waits for it to close, saying why when it does not. */
async function submit(dialog: Locator, button = '提交'): Promise<void> {
  await dialog.getByRole('button', { name: label(button) }).click();
  try {
    await expect(dialog).toBeHidden();
  } catch (error) {
    throw new Error(`the dialog stayed open: ${await dialog.textContent().catch(() => '(gone)')}`, {
      cause: error,
    });
  }
}

/** Types a date into an antd date picker and commits it. */
async function fillDate(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** A mobile number of a prefix the demo never draws: the caller is new. */
const CALLER = `192${String(Date.now()).slice(-8)}`;

test('a neighbour dispute from the help line is mediated at 中山社区和好屋 to a signed agreement', async ({
  browser,
  request,
}) => {
  // The call: the help line registers it as a neighbour dispute; the rules send it to the community's room.
  const login = await request.post('/api/auth/login', { data: { username: 'agent', password } });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const filed = await request.post('/api/cases', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: {
      channel: 'hotline',
      kind: 'dispute',
      categoryCode: 'DI01',
      description: '楼上住户装修后卫生间漏水到楼下，多次协商未果，希望社区帮忙调解。',
      location: { address: '海曙区鼓楼街道中山社区公园路3号' },
      reporter: { name: '王秀英', phone: CALLER },
    },
  });
  expect(filed.ok(), await filed.text()).toBe(true);
  const source = (await filed.json()) as {
    id: number;
    trackingNo: string;
    leadUnit: { nameZh: string } | null;
  };
  expect(source.leadUnit?.nameZh).toBe('中山社区和好屋');

  // The room's mediator opens the case and sends it to people's mediation, the caller as applicant.
  const { context, page } = await signedIn(browser, 'gl01.mediator', `/admin/cases/${source.id}`);
  await expect(page.getByText(`工单编号 ${source.trackingNo}`)).toBeVisible();
  await page.getByRole('button', { name: /转人民调解/ }).click();
  let dialog = await dialogOf(page, '转人民调解');
  await expect(dialog.getByLabel('是本工单的反映人（王秀英）')).toBeChecked();
  await dialog.getByLabel('姓名').last().fill('李建国');
  await dialog.getByLabel('申请事项').fill('请求楼上住户修复防水层并赔偿损失 3000 元');
  await submit(dialog);
  await expect(page).toHaveURL(/\/admin\/mediation\/\d+$/);
  const heading = page.getByRole('heading', { level: 3, name: /HSM\d{10}/ });
  await expect(heading).toBeVisible();
  const number = /HSM\d{10}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
  await expect(page.getByText('待受理')).toBeVisible();
  await expect(page.getByRole('link', { name: source.trackingNo })).toBeVisible();

  // Accepted: the 30-day limit starts, the mediator leads.
  const bar = page.getByRole('toolbar', { name: '可执行的操作' });
  await bar.getByRole('button', { name: /(^|\s)受\s*理$/ }).click();
  await submit(await dialogOf(page, '受理'));
  await expect(page.getByText('已受理', { exact: true }).first()).toBeVisible();

  // Two sessions.
  for (const record of ['双方陈述，分歧在赔偿金额', '双方同意修复防水并赔偿 2000 元']) {
    await bar.getByRole('button', { name: '记录调解' }).click();
    dialog = await dialogOf(page, '记录调解');
    await dialog.getByLabel('参加人员').fill('王秀英（申请人）\n李建国（被申请人）');
    await dialog.getByLabel('笔录').fill(record);
    await submit(dialog);
    await expect(page.getByText(record)).toBeVisible();
  }
  await expect(page.getByText('调解中').first()).toBeVisible();

  // The agreement: drafted, then signed with a follow-up on performance.
  await page.getByRole('button', { name: '起草调解协议' }).click();
  dialog = await dialogOf(page, '起草调解协议');
  await dialog.getByLabel('纠纷的主要事实').fill('301室卫生间防水层老化，致201室卫生间顶部渗水');
  await dialog.getByLabel('争议事项').fill('漏水责任\n赔偿金额');
  await dialog.getByLabel('各方当事人的责任').fill('李建国对漏水负全部责任');
  await dialog.getByLabel('达成协议的内容').fill('李建国于12月10日前修复防水层\n李建国赔偿王秀英 2000 元');
  await dialog.getByLabel('履行方式').fill('现金当面支付，和好屋见证');
  await fillDate(dialog.getByLabel('履行期限'), '2026-12-10');
  await submit(dialog);
  await expect(page.getByText('调解协议书 第 1 份')).toBeVisible();
  await page.getByRole('button', { name: /签\s*署/ }).click();
  dialog = await dialogOf(page, '签署调解协议（第 1 份）');
  await dialog.getByLabel('第 1 次回访事项').fill('核实防水修复和赔偿支付');
  await submit(dialog, '签署');
  await expect(page.getByText('已签署', { exact: true })).toBeVisible();
  // The judicial-confirmation window shows with its last day.
  await expect(page.getByText(/当事人可在 \d{4}-\d{2}-\d{2} 前共同向人民法院申请司法确认/)).toBeVisible();

  // The agreement's PDF downloads.
  const pdfHref = await page.getByRole('link', { name: '下载第 1 份协议 PDF' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref ?? '');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Closed as agreed: the help-line case is resolved with the outcome.
  await bar.getByRole('button', { name: /结\s*案/ }).click();
  dialog = await dialogOf(page, '结案');
  await dialog.getByLabel('结案说明').fill('双方达成调解协议并当场签字');
  await submit(dialog);
  await expect(page.getByText('达成协议', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: source.trackingNo }).click();
  await expect(page).toHaveURL(`/admin/cases/${source.id}`);
  await expect(page.getByText('已办结').first()).toBeVisible();
  await expect(page.getByText(new RegExp(`经调解达成协议（${number}）`)).first()).toBeVisible();
  await context.close();
});
