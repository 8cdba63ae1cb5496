// Accounts imported without an initial password, end to end in Chromium against the real server and a fresh
// demo database: the administrator imports two accounts and gets their activation codes once; the first
// owner follows the login page's link to the activation form, chooses a password (twice) and is signed in,
// then signs in again with it through the login form; the administrator sees the second account "Chưa kích
// hoạt" and issues it a new code, shown once in a dialog.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from './support/server.mjs';
import { DESKTOP, PHONE, launchBrowser, login, newPage, signIn } from './support/browser.mjs';
import { Api } from './support/api.mjs';
import { checkPage, SHOTS } from './support/pages.mjs';

const PASSWORD = 'KichHoat@2026';
const ACCOUNTS = 'Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Mật khẩu ban đầu\n'
  + 'canbo.kichhoat,Nguyễn Thị Kích Hoạt,leader,,\n'
  + 'canbo.chuakichhoat,Trần Văn Chờ,reporter,CAX-001,\n';

let server;
let browser;
let admin;
let codes;

describe('activating an imported account', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    admin = await Api.login(server.baseURL, 'admin');
    const imported = await admin.fetch('POST', '/api/v1/imports/users', {
      multipart: { file: { name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from(ACCOUNTS) } },
    });
    const report = await imported.json();
    assert.equal(report.created, 2);
    codes = Object.fromEntries(report.activation_codes.map((entry) => [entry.username, entry.code]));
  });

  after(async () => {
    await admin?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('lets the owner activate the account through the form and sign in with the new password', async () => {
    const page = await newPage(browser, server.baseURL, DESKTOP, { bypassCSP: true });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Kích hoạt tài khoản' }).click();
    await page.waitForURL(/\/kich-hoat$/);
    await checkPage(page, 'activation-desktop');
    const phone = await newPage(browser, server.baseURL, PHONE, { bypassCSP: true });
    await phone.goto('/kich-hoat');
    await phone.getByRole('heading', { name: 'Kích hoạt tài khoản' }).waitFor();
    await checkPage(phone, 'activation-phone');
    await phone.context().close();

    await page.getByLabel('Tên đăng nhập').fill('canbo.kichhoat');
    await page.getByLabel('Mã kích hoạt').fill('ma-sai');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill('KhacHan@2026');
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
    await page.getByText('Hai mật khẩu không khớp').waitFor();
    await page.getByLabel('Nhập lại mật khẩu mới').fill(PASSWORD);
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
    // A wrong code is refused in Vietnamese, without saying whether the account exists.
    await page.getByText('Mã kích hoạt không đúng, đã được dùng hoặc đã hết hạn.').first().waitFor();

    await page.getByLabel('Mã kích hoạt').fill(codes['canbo.kichhoat']);
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
    await page.getByTestId('current-user').waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /Nguyễn Thị Kích Hoạt/);

    const again = await newPage(browser, server.baseURL);
    await login(again, 'canbo.kichhoat', PASSWORD);
    await again.context().close();
    await page.context().close();
  });

  it('shows the administrator the account not yet activated and issues it a new code once', async () => {
    const page = await newPage(browser, server.baseURL);
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    const row = page.locator('tr', { hasText: 'canbo.chuakichhoat' });
    await row.getByText('Chưa kích hoạt').waitFor();
    await row.getByRole('button', { name: 'Cấp mã kích hoạt mới' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('chỉ hiển thị một lần').waitFor();
    const code = (await dialog.locator('code').innerText()).trim();
    assert.ok(code.length >= 22 && code !== codes['canbo.chuakichhoat'], code);
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.context().close();

    const owner = await newPage(browser, server.baseURL);
    const old = await owner.request.post('/api/v1/auth/activate', {
      data: { username: 'canbo.chuakichhoat', code: codes['canbo.chuakichhoat'], password: PASSWORD },
    });
    assert.equal(old.status(), 422);
    const activated = await owner.request.post('/api/v1/auth/activate', {
      data: { username: 'canbo.chuakichhoat', code, password: PASSWORD },
    });
    assert.equal(activated.status(), 204);
    await owner.context().close();
  });
});
