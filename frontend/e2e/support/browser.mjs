// Debian's Chromium driven by playwright-core (Playwright's own browser downloads are not available here):
// its headless shell (package chromium-headless-shell) when installed, else the full browser in headless mode.
// The shell is what Playwright runs headless tests in: the same Blink and V8 without the browser's window
// system, and 18-25% less CPU per test file measured here (docs/testing.md), where Chromium is most of the
// end-to-end run's CPU.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';

const DEBIAN_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUMS.find((path) => existsSync(path)) ?? DEBIAN_CHROMIUMS[1];

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** A page in a context of its own; `bypassCSP` lets a test inject a checker (axe-core) the server's CSP would refuse. */
export async function newPage(browser, baseURL, viewport = DESKTOP, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', reducedMotion: 'reduce', bypassCSP });
  return context.newPage();
}

/** Signs in through the login form, as a user does. */
export async function login(page, username, password) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Signs the page's browser context in over the API (the login form is tested by `login`), quicker. */
export async function signIn(page, username, password = DEMO_PASSWORD) {
  const response = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in ${username}: ${response.status()} ${await response.text()}`);
}

/** Waits until every row of a table (`rows`, a locator) holds `text`. A filter's or search's answer may arrive
 * before React draws it, and the table shows the previous rows until then: a run read all twenty units where
 * the search had found two. */
export async function onlyRowsWith(rows, text) {
  await rows.filter({ hasNotText: text }).first().waitFor({ state: 'detached' });
}
