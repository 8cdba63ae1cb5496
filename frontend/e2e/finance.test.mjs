// Sở Tài chính and Văn phòng UBND tỉnh end to end, in Chromium against the real server and a fresh demo
// database: `taichinh` signs in, appraises one budget line and returns another with a reason; the standing
// body sees both and resubmits the returned one revised; `vpubnd` reads the estimate without any action
// and urges the units that have not reported. The server's clock is the plan's last day
// (support/dates.mjs), so every year of the estimate (2026-2030) is behind it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, DEMO_PASSWORD } from './support/server.mjs';
import { DESKTOP, PHONE, launchBrowser, login, newPage, signIn } from './support/browser.mjs';
import { Api, serverClock } from './support/api.mjs';
import { AWARDS_DATE } from './support/dates.mjs';
import { checkPage, SHOTS } from './support/pages.mjs';

const CONFERENCE = 'Hội nghị sơ kết phong trào “Ba nhất” (thử nghiệm tài chính)';
const BANNERS = 'Pano, khẩu hiệu tuyên truyền (thử nghiệm tài chính)';

let server;
let browser;
let admin; // API only: reads the audit log
let reviewer; // API only: enters the budget lines
let year;

/** The detail table's row of a line, on the budget page. */
const lineRow = (page, description) => page.locator('tr', { hasText: description });

async function budgetLine(api, description) {
  const budget = await api.get(`/api/v1/budget?year=${year}`);
  return budget.lines.find((line) => line.description === description);
}

describe('the budget appraisal by Sở Tài chính and the urging by Văn phòng UBND tỉnh', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ now: AWARDS_DATE });
    browser = await launchBrowser();
    admin = await Api.login(server.baseURL, 'admin');
    reviewer = await Api.login(server.baseURL, 'reviewer');
    const { today } = await serverClock(admin);
    year = Math.min(Math.max(Number(today.slice(0, 4)), 2026), 2030);
    await reviewer.post('/api/v1/budget/items', { year, unit: 'CAT', description: CONFERENCE, amount: 50_000_000 });
    await reviewer.post('/api/v1/budget/items', { year, unit: 'SBN-03', description: BANNERS, amount: 20_000_000 });
  });

  after(async () => {
    await admin?.dispose();
    await reviewer?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('lets taichinh appraise one line and return another, and the standing body see and resubmit it', async () => {
    const finance = await newPage(browser, server.baseURL, DESKTOP, { bypassCSP: true });
    await login(finance, 'taichinh', DEMO_PASSWORD);
    // Sở Tài chính's home is the estimate it appraises.
    await finance.waitForURL(/\/budget/);
    assert.match(await finance.getByRole('menu').innerText(), /Dự toán kinh phí/);
    await finance.goto(`/budget?year=${year}`);

    const conference = lineRow(finance, CONFERENCE);
    await conference.getByText('Chờ thẩm định').waitFor();
    await conference.getByRole('button', { name: 'Thẩm định' }).click();
    let dialog = finance.getByRole('dialog');
    await dialog.getByText('Số đề nghị 50.000.000').waitFor();
    const amount = dialog.getByLabel('Số thẩm định (đồng)');
    await amount.fill('');
    await amount.fill('42000000');
    await dialog.getByRole('button', { name: 'Xác nhận thẩm định' }).click();
    await finance.getByText('Đã thẩm định khoản dự toán').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await conference.getByText('Đã thẩm định').waitFor();
    assert.match(await conference.innerText(), /42\.000\.000/);

    const banners = lineRow(finance, BANNERS);
    await banners.getByRole('button', { name: 'Trả lại' }).click();
    dialog = finance.getByRole('dialog');
    // No reason, no return: the form says what is missing, in Vietnamese.
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.getByText('Nhập lý do trả lại').waitFor();
    await dialog.getByLabel('Lý do').fill('Chưa có thuyết minh số lượng và đơn giá');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await finance.getByText('Đã trả lại khoản dự toán').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await banners.getByText('Sở Tài chính trả lại').waitFor();
    await banners.getByText('Chưa có thuyết minh số lượng và đơn giá').waitFor();
    const appraisedTotal = await finance.getByTestId('budget-appraised-total').innerText();
    await checkPage(finance, '50-finance-budget', { axe: true });

    const xlsx = await finance.request.get(`/api/v1/budget/export.xlsx?year=${year}`);
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

    // The standing body sees the appraisal, and revises and resubmits the returned line.
    const standingBody = await newPage(browser, server.baseURL);
    await signIn(standingBody, 'reviewer');
    await standingBody.goto(`/budget?year=${year}`);
    const seen = lineRow(standingBody, CONFERENCE);
    await seen.getByText('Đã thẩm định').waitFor();
    assert.match(await seen.innerText(), /42\.000\.000/);
    assert.equal(await standingBody.getByTestId('budget-appraised-total').innerText(), appraisedTotal);
    assert.equal(await seen.getByRole('button', { name: 'Thẩm định' }).count(), 0, 'only Sở Tài chính appraises');
    const returned = lineRow(standingBody, BANNERS);
    await returned.getByText('Chưa có thuyết minh số lượng và đơn giá').waitFor();
    await returned.getByRole('button', { name: 'Sửa và gửi lại' }).click();
    dialog = standingBody.getByRole('dialog');
    const proposed = dialog.getByLabel('Số đề nghị (đồng)');
    await proposed.fill('');
    await proposed.fill('15000000');
    await dialog.getByRole('button', { name: 'Gửi lại' }).click();
    await standingBody.getByText('Đã gửi lại khoản dự toán').waitFor();
    await returned.getByText('Chờ thẩm định').waitFor();
    assert.match(await returned.innerText(), /15\.000\.000/);

    const line = await budgetLine(reviewer, CONFERENCE);
    const audit = await admin.get(`/api/v1/audit?entity=budget_item&entity_key=${line.id}`);
    const appraised = audit.find((entry) => entry.action === 'budget.appraise');
    assert.equal(appraised?.actor, 'taichinh');
    assert.equal(appraised?.after.appraised_amount, 42_000_000);
    await standingBody.context().close();
    await finance.context().close();

    // The page fits a phone too (the tables scroll inside themselves).
    const phone = await newPage(browser, server.baseURL, PHONE);
    await signIn(phone, 'taichinh');
    await phone.goto(`/budget?year=${year}`);
    await lineRow(phone, CONFERENCE).getByText('Đã thẩm định').waitFor();
    await checkPage(phone, '50-phone-finance-budget', { axe: false });
    await phone.context().close();
  });

  it('lets vpubnd read the estimate without acting on it, and urge the units that have not reported', async () => {
    const office = await newPage(browser, server.baseURL, DESKTOP, { bypassCSP: true });
    await login(office, 'vpubnd', DEMO_PASSWORD);
    const menu = await office.getByRole('menu').innerText();
    for (const entry of ['Tình hình báo cáo', 'Xếp hạng', 'Dự toán kinh phí', 'Đôn đốc']) assert.match(menu, new RegExp(entry));
    assert.doesNotMatch(menu, /Hàng chờ duyệt/, 'no review: province_office writes no score');

    await office.goto(`/budget?year=${year}`);
    await lineRow(office, CONFERENCE).getByText('Đã thẩm định').waitFor();
    assert.equal(await office.getByRole('button', { name: 'Thẩm định' }).count(), 0);
    assert.equal(await office.getByRole('button', { name: 'Sửa và gửi lại' }).count(), 0);

    await office.goto('/reminders?period=2026-H1&days=7');
    const send = office.getByRole('button', { name: /Gửi nhắc nhở \(\d+\)/ });
    await send.waitFor();
    await checkPage(office, '51-province-office-reminders', { axe: true });
    await send.click();
    const confirm = office.locator('.ant-modal-confirm');
    const sent = office.waitForResponse((r) => r.url().endsWith('/api/v1/reminders/send'), { timeout: 60_000 });
    await confirm.getByRole('button', { name: /Gửi \d+ nhắc nhở/ }).click();
    const answer = await sent;
    assert.equal(answer.status(), 200, `POST /reminders/send: ${answer.status()} ${await answer.text()}`);
    await office.getByText(/Đã gửi \d+ thông báo/).waitFor();
    await office.context().close();
  });
});
