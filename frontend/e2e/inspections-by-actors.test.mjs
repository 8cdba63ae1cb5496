// Inspections by an actor other than the standing body, end to end in Chromium against the real server and
// a fresh demo database: the People's Committee of phường Phố Hiến (kiemtra.xa, UBX-001) inspects its own
// commune police (CAX-001) and records a finding, which deducts nothing until the standing body confirms it
// in a confirmation dialog; then the unit's score drops. Both pages pass the axe-core check. The server's
// clock is set to the plan's last day (support/dates.mjs); the period is made over the API around it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, DEMO_PASSWORD } from './support/server.mjs';
import { launchBrowser, login, newPage, signIn } from './support/browser.mjs';
import { Api, createPeriod, report, saveValues, serverClock, vnDate } from './support/api.mjs';
import { AWARDS_DATE } from './support/dates.mjs';
import { SHOTS, checkPage } from './support/pages.mjs';

const UNIT = 'CAX-001';
const UNIT_NAME = 'Công an phường Phố Hiến';
const COMMITTEE_NAME = 'UBND phường Phố Hiến';
const DEDUCTION = 5;
const TOPIC = 'Kiểm tra thái độ phục vụ Nhân dân, giải quyết thủ tục hành chính';
const FINDING = 'Cán bộ tiếp công dân chậm trả lời hồ sơ cư trú';

let server;
let browser;
let admin;
let reporter;
let committee; // the commune's People's Committee, in the browser
let reviewer; // the standing body, in the browser
let today;
let period;

async function fillDate(input, text) {
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

/** The unit's total, read by the standing body (a committee's inspector reads no other unit's explained score). */
async function unitTotal() {
  const response = await reviewer.request.get(`/api/v1/scores/${period}/${UNIT}`);
  assert.equal(response.status(), 200, await response.text());
  return Number((await response.json()).total);
}

describe('inspections by a commune committee, confirmed by the standing body', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ now: AWARDS_DATE });
    browser = await launchBrowser();
    admin = await Api.login(server.baseURL, 'admin');
    ({ today } = await serverClock(admin));
    reporter = await Api.login(server.baseURL, 'baocao.cax');
    // A period open today, holding today's inspection, in which the unit's report is approved.
    ({ code: period } = await createPeriod(admin, today, { code: 'KT-XA', name: 'Kỳ kiểm tra của UBND xã' }));
    await saveValues(reporter, period, UNIT);
    await report.submit(reporter, period, UNIT);
    committee = await newPage(browser, server.baseURL, undefined, { bypassCSP: true });
    reviewer = await newPage(browser, server.baseURL, undefined, { bypassCSP: true });
    await signIn(reviewer, 'reviewer');
    await report.approve(Api.of(reviewer), period, UNIT);
    await login(committee, 'kiemtra.xa', DEMO_PASSWORD);
  });

  after(async () => {
    await admin?.dispose();
    await reporter?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('records the committee finding as proposed, and the score drops once the standing body confirms it', async () => {
    const before = await unitTotal();
    assert.ok(before > DEDUCTION, `the unit has a score to lose (${before})`);

    // The committee lands on its inspections and may pick only the commune police it oversees.
    await committee.getByRole('heading', { name: 'Kiểm tra chuyên đề' }).waitFor();
    await committee.goto(`/inspections?period=${period}`);
    const plan = committee.locator('.ant-card', { hasText: 'Lập kế hoạch kiểm tra' });
    await plan.getByRole('combobox', { name: 'Đơn vị' }).click();
    const options = committee.locator('.ant-select-item-option');
    await options.first().waitFor();
    assert.deepEqual(await options.allInnerTexts(), [`${UNIT_NAME} (${UNIT})`]);
    await committee.getByTitle(`${UNIT_NAME} (${UNIT})`).click();
    await plan.getByLabel('Chuyên đề').fill(TOPIC);
    await fillDate(plan.getByLabel('Ngày dự kiến'), vnDate(today));
    await plan.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await committee.getByText('Đã lập kế hoạch kiểm tra').waitFor();

    const row = committee.locator('tr', { hasText: TOPIC });
    await row.getByText(COMMITTEE_NAME).waitFor();
    await row.getByRole('button', { name: 'Đã kiểm tra' }).click();
    const dialog = committee.getByRole('dialog');
    await fillDate(dialog.getByLabel('Ngày kiểm tra'), vnDate(today));
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await committee.getByText('Đã ghi nhận ngày kiểm tra').waitFor();

    await row.getByRole('button', { name: /Expand row|Mở rộng/i }).click();
    const form = committee.getByRole('form', { name: 'Thêm kết luận kiểm tra' });
    await form.getByLabel('Nội dung kết luận').fill(FINDING);
    await form.getByLabel('Điểm trừ').fill(String(DEDUCTION));
    await form.getByRole('button', { name: 'Ghi kết luận' }).click();
    await committee.getByText('Đã ghi kết luận, chờ Cơ quan Thường trực xác nhận trước khi trừ điểm').waitFor();
    await committee.locator('.ant-card', { hasText: FINDING }).getByText('Chờ xác nhận', { exact: true }).waitFor();
    await row.getByText('1 chờ xác nhận').waitFor();
    assert.equal(await unitTotal(), before, 'a proposed finding deducts nothing');
    await checkPage(committee, '50-inspections-committee');

    // Out of its reach (another commune's police), the committee is told the unit is not found.
    const other = await Api.of(committee).status('POST', '/api/v1/inspections', { unit: 'CAX-002', topic: 'x', planned_on: today });
    assert.equal(other, 404);

    // The standing body sees what awaits it, and confirms after reading the consequence.
    await reviewer.goto(`/inspections?pending=1&period=${period}`);
    const pending = reviewer.locator('tr', { hasText: TOPIC });
    await pending.getByText(COMMITTEE_NAME).waitFor();
    await pending.getByRole('button', { name: /Expand row|Mở rộng/i }).click();
    const card = reviewer.locator('.ant-card', { hasText: FINDING });
    await card.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    const confirm = reviewer.locator('.ant-modal-confirm');
    await confirm.getByText(`${UNIT_NAME} bị trừ ${DEDUCTION} điểm`, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await reviewer.getByText('Đã xác nhận kết luận, điểm của đơn vị đã được tính lại').waitFor();

    assert.equal(await unitTotal(), before - DEDUCTION, 'the confirmed finding deducted its points');
    await reviewer.goto(`/inspections?period=${period}`);
    const decided = reviewer.locator('tr', { hasText: TOPIC });
    await decided.getByText(`−${DEDUCTION}`).waitFor();
    await decided.getByRole('button', { name: /Expand row|Mở rộng/i }).click();
    await reviewer.locator('.ant-card', { hasText: FINDING }).getByText('Đã xác nhận', { exact: true }).waitFor();
    await checkPage(reviewer, '51-inspections-confirmed');

    // The unit's page explains the deduction.
    await reviewer.goto(`/units/${UNIT}?period=${period}`);
    await reviewer.getByText(new RegExp(`Kiểm tra chuyên đề ngày ${vnDate(today)}: ${FINDING}`)).first().waitFor();
  });
});
