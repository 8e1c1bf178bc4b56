// What the workbench journeys share: a signed-in browser of a staff member's own, antd's quirks, the
// side menu, and README pictures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';

export const password = process.env.SHEQU_E2E_PASSWORD ?? '';
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** antd writes a space between the two characters of a two-character button (登 录): match either way. */
export function label(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);
}

/** A browser of this staff member's own, signed in to the workbench at `path`. */
export async function signedIn(
  browser: Browser,
  username: string,
  path = '/admin',
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('account-menu')).toBeVisible();
  return { context, page };
}

/** Picks a radio button by its text (antd hides the input itself behind its label). */
export async function choose(scope: Page | Locator, name: string): Promise<void> {
  const radio = scope.getByRole('radio', { name, exact: true });
  await radio.locator('xpath=ancestor::label[1]').click();
  await expect(radio).toBeChecked();
}

/** The side menu's link to a page. */
export function menuLink(page: Page, name: string): Locator {
  return page.getByRole('menu').getByRole('link', { name, exact: true });
}

export const screenshots = process.env.SHEQU_SCREENSHOTS === '1';
const SHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** A picture for the README, of the page as it is now. */
export async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({
    path: path.join(SHOTS, `${name}.png`),
    fullPage,
    animations: 'disabled',
    caret: 'hide',
  });
}
