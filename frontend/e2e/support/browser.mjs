// Debian's Chromium driven by playwright-core (Playwright's own browser downloads are not available here).
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
