// Inspections, awards and the consolidated report end to end, in Chromium against the real server and a
// fresh demo database: an inspection finding lowers a unit's score, the unit is proposed for an award,
// Sở Nội vụ forwards the proposal and records the decision, and the report downloads as a Word file.
// The server's clock is set to the plan's last day (support/dates.mjs). Each test makes its own annual
// period with the unit's approved report over the API, dated from the server's clock, so it depends
// neither on another test nor on the calendar.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer, DEMO_PASSWORD } from './support/server.mjs';
import { launchBrowser, login, newPage, onlyRowsWith, signIn } from './support/browser.mjs';
import { Api, addDays, createPeriod, report, saveValues, serverClock, vnDate } from './support/api.mjs';
import { AWARDS_DATE } from './support/dates.mjs';

const SHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const UNIT = 'CAX-001';
const UNIT_NAME = 'Công an phường Phố Hiến';
// Enough to take a unit at 100 below the 90 of "xuất sắc": the tier must drop, not only the total.
const DEDUCTION = 11;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const AWARD = 'BK-CT-UBND'; // Bằng khen của Chủ tịch UBND tỉnh

let server;
let browser;
let admin; // API only: makes the periods
let reporter; // API only: reports (the form is tested in workflow.test.mjs)
let reviewer;
let homeAffairs;
let today; // the server's, yyyy-mm-dd in Vietnam
let TODAY; // the same as the SPA shows and takes it, dd/mm/yyyy
let annualMade = 0;

const shot = (page, name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

/**
 * A new annual period (awards are given on annual results) in which the unit reported every indicator as
 * met and was approved. Tests take different years (`yearsAgo`), so that an inspection finding (which
 * counts in every period holding its date) or an award (the budget sums a year) of one test stays out of
 * another's. The budget covers the plan's years, 2026-2030, so the current year is taken within them.
 */
async function annualPeriodWithApprovedReport({ yearsAgo = 0, due = addDays(today, 20), locked = false } = {}) {
  const year = Math.min(Math.max(Number(today.slice(0, 4)), 2026), 2030) - yearsAgo;
  annualMade += 1;
  const created = await createPeriod(admin, today, {
    kind: 'year', code: `${year}-Y-T${annualMade}`, name: `Báo cáo năm ${year} (thử nghiệm ${annualMade})`,
    start: `${year}-01-01`, end: `${year}-12-31`, due,
  });
  await saveValues(reporter, created.code, UNIT);
  await report.submit(reporter, created.code, UNIT);
  await report.approve(Api.of(reviewer), created.code, UNIT);
  // Only a locked period's results can be proposed for an award.
  if (locked) await admin.post(`/api/v1/periods/${created.code}/lock`);
  return { period: created.code, year };
}

async function fillDate(page, input, text) {
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

async function unitScore(page, period) {
  return (await page.request.get(`/api/v1/scores/${period}/${UNIT}`)).json();
}

async function unitTotal(page, period) {
  return Number((await unitScore(page, period)).total);
}

describe('inspections, awards and reports', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ now: AWARDS_DATE });
    browser = await launchBrowser();
    admin = await Api.login(server.baseURL, 'admin');
    ({ today } = await serverClock(admin));
    TODAY = vnDate(today);
    reporter = await Api.login(server.baseURL, 'baocao.cax');
    reviewer = await newPage(browser, server.baseURL);
    homeAffairs = await newPage(browser, server.baseURL);
    await login(reviewer, 'reviewer', DEMO_PASSWORD);
    await login(homeAffairs, 'noivu', DEMO_PASSWORD);
  });

  after(async () => {
    await admin?.dispose();
    await reporter?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('lets the reviewer record an inspection whose finding lowers the unit score and tier', async () => {
    // A finding deducts from every period holding the inspection date: a past year no other test uses,
    // inspected on this day of that year, keeps the deduction out of the other tests' periods.
    const { period, year } = await annualPeriodWithApprovedReport({ yearsAgo: 4 });
    const inspectedOn = vnDate(`${year}${today.slice(4)}`);
    const before = await unitTotal(reviewer, period);
    assert.ok(before > DEDUCTION, `the unit has a score to lose (${before})`);
    assert.equal((await unitScore(reviewer, period)).tier, 'XUAT_SAC');

    await reviewer.goto(`/inspections?period=${period}`);
    const plan = reviewer.locator('.ant-card', { hasText: 'Lập kế hoạch kiểm tra' });
    await plan.getByRole('combobox', { name: 'Đơn vị' }).click();
    await plan.getByRole('combobox', { name: 'Đơn vị' }).fill('Phố Hiến');
    await reviewer.getByTitle(`${UNIT_NAME} (${UNIT})`).click();
    await plan.getByLabel('Chuyên đề').fill('Chấp hành chế độ báo cáo, quản lý vũ khí');
    await fillDate(reviewer, plan.getByLabel('Ngày dự kiến'), inspectedOn);
    await plan.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await reviewer.getByText('Đã lập kế hoạch kiểm tra').waitFor();

    const row = reviewer.locator('tr', { hasText: 'Chấp hành chế độ báo cáo, quản lý vũ khí' });
    await row.getByRole('button', { name: 'Đã kiểm tra' }).click();
    const dialog = reviewer.getByRole('dialog');
    await fillDate(reviewer, dialog.getByLabel('Ngày kiểm tra'), inspectedOn);
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await reviewer.getByText('Đã ghi nhận ngày kiểm tra').waitFor();

    await row.getByRole('button', { name: /Expand row|Mở rộng/i }).click();
    const finding = reviewer.getByRole('form', { name: 'Thêm kết luận kiểm tra' });
    await finding.getByLabel('Nội dung kết luận').fill('Báo cáo tháng 10 nộp chậm 5 ngày');
    await finding.getByLabel('Điểm trừ').fill(String(DEDUCTION));
    await finding.getByLabel('Chỉ tiêu liên quan').click();
    await finding.getByLabel('Chỉ tiêu liên quan').fill('KL-04');
    await reviewer.getByTitle(/^KL-04 – /).click();
    await finding.getByRole('button', { name: 'Ghi kết luận' }).click();
    await reviewer.getByText('Đã ghi kết luận, điểm của đơn vị đã được tính lại').waitFor();
    await row.getByText(`−${DEDUCTION}`).waitFor();

    const action = reviewer.getByPlaceholder('Biện pháp khắc phục');
    await action.fill('Phân công cán bộ theo dõi, nộp đúng hạn');
    await fillDate(reviewer, reviewer.getByLabel('Hạn khắc phục'), vnDate(addDays(today, 30)));
    await reviewer.getByRole('button', { name: 'Thêm biện pháp' }).click();
    await reviewer.getByText('Đang khắc phục').waitFor();
    await shot(reviewer, '20-inspections');

    await reviewer.getByRole('link', { name: 'Xem điểm và giải trình' }).click();
    await reviewer.getByTestId('score-total').waitFor();
    const after = await unitTotal(reviewer, period);
    assert.equal(after, before - DEDUCTION, 'the finding deducted its points from the period score');
    const shown = (await reviewer.getByTestId('score-total').innerText()).replace(/^Tổng điểm\s*/, '').trim();
    assert.equal(Number(shown.replace(/\./g, '').replace(',', '.')), after, `the unit page shows the new total (${shown})`);
    await reviewer.getByText(/Kiểm tra chuyên đề ngày/).first().waitFor();
    assert.equal((await unitScore(reviewer, period)).tier, 'TOT', 'the deduction drops the unit from "xuất sắc" to "tốt"');
    await shot(reviewer, '21-unit-score-after-inspection');

    // A capped bonus for disaster relief lifts it back to "xuất sắc".
    await Api.of(reviewer).post('/api/v1/bonuses', {
      period, unit: UNIT, points: '10', reason: 'Xung kích hỗ trợ Nhân dân khắc phục thiên tai',
    });
    assert.equal(await unitTotal(reviewer, period), before - DEDUCTION + 10);
    assert.equal((await unitScore(reviewer, period)).tier, 'XUAT_SAC');
  });

  it('lets the standing body propose the top unit, Sở Nội vụ forward it and record the decision', async () => {
    // The only award of its year: the budget below holds this one's money alone.
    const { period, year } = await annualPeriodWithApprovedReport({ locked: true });
    await reviewer.goto(`/awards?period=${period}`);
    await reviewer.getByRole('button', { name: `Xét khen thưởng ${UNIT_NAME}` }).click();
    const eligibility = reviewer.getByTestId(`eligibility-${UNIT}`);
    const option = eligibility.getByRole('listitem').filter({ hasText: 'Bằng khen của Chủ tịch UBND tỉnh – Tập thể' });
    await option.waitFor();
    assert.match(await option.innerText(), /dự kiến 4\.680\.000/, 'the money estimate is 2.0 x 2,340,000 đ');
    const certificate = eligibility.getByRole('listitem').filter({ hasText: 'Giấy khen – Tập thể' });
    assert.match(await certificate.innerText(), /hệ số 0,6, dự kiến 1\.410\.000/, '0.6 x 2,340,000 đ rounded up to 10,000 đ');
    await option.getByRole('button', { name: 'Đề nghị' }).click();
    // The consequence is stated before anything is created.
    const confirm = reviewer.locator('.ant-modal-confirm');
    await confirm.getByText(/Sở Nội vụ thẩm định/).waitFor();
    assert.match(await confirm.innerText(), /Bằng khen của Chủ tịch UBND tỉnh/);
    await confirm.getByRole('button', { name: 'Đề nghị' }).click();
    await reviewer.getByText('Đã lập hồ sơ đề nghị khen thưởng').waitFor();
    const proposal = reviewer.locator('tr', { hasText: 'Bằng khen của Chủ tịch UBND tỉnh' });
    await proposal.getByText('Đã đề xuất').waitFor();
    await shot(reviewer, '22-awards-proposed');

    await homeAffairs.goto(`/awards?period=${period}`);
    const row = homeAffairs.locator('tr', { hasText: 'Bằng khen của Chủ tịch UBND tỉnh' });
    await row.getByRole('button', { name: 'Chuyển trình' }).click();
    await homeAffairs.locator('.ant-popconfirm').getByRole('button', { name: 'Chuyển trình' }).click();
    await row.getByText('Đã trình Chủ tịch UBND tỉnh').waitFor();

    await row.getByRole('button', { name: 'Ghi quyết định' }).click();
    const dialog = homeAffairs.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('125/QĐ-UBND');
    await fillDate(homeAffairs, dialog.getByLabel('Ngày quyết định'), TODAY);
    await dialog.getByRole('button', { name: 'Ghi quyết định' }).click();
    await homeAffairs.getByText('Đã ghi quyết định khen thưởng').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Đã quyết định khen thưởng').waitFor();
    assert.match(await row.innerText(), new RegExp(`QĐ số 125/QĐ-UBND ngày ${TODAY}`));
    assert.match(await row.innerText(), /4\.680\.000/);
    await shot(homeAffairs, '23-awards-decided');

    await homeAffairs.goto(`/budget?year=${year}`);
    await homeAffairs.getByTestId('budget-grand-total').getByText(/4\.680\.000/).waitFor();
    const xlsx = await homeAffairs.request.get(`/api/v1/budget/export.xlsx?year=${year}`);
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    await shot(homeAffairs, '24-budget');
  });

  it('shows the consolidated report and downloads it as a Word document', async () => {
    const { period } = await annualPeriodWithApprovedReport({ yearsAgo: 1, locked: true });
    await Api.of(reviewer).post('/api/v1/award-proposals', { period, unit: UNIT, recipient: 'collective', form: AWARD });
    await reviewer.goto(`/consolidated-reports?period=${period}`);
    await reviewer.getByText('I. Tình hình báo cáo').waitFor();
    await reviewer.locator('.ant-card', { hasText: 'V. Khen thưởng' }).getByText(UNIT_NAME).first().waitFor();
    await shot(reviewer, '25-consolidated-report');

    const [download] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.getByRole('link', { name: /Tải báo cáo \(Word\)/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const file = readFileSync(await download.path());
    assert.equal(file.subarray(0, 2).toString(), 'PK', 'a DOCX is a zip archive');
    assert.ok(file.includes('word/document.xml'), 'the archive holds a Word document body');

    const response = await reviewer.request.get(`/api/v1/reports/${period}/report.docx`);
    assert.equal(response.headers()['content-type'], DOCX_TYPE);
  });

  it('lists units to remind, sends reminders and shows them to the unit', async () => {
    // Due today on the server's clock: inside the 60-day reminder window whatever the date of the run.
    const { period } = await annualPeriodWithApprovedReport({ yearsAgo: 2 });
    await admin.patch(`/api/v1/periods/${period}`, { due: today });

    await reviewer.goto(`/reminders?period=${period}&days=60`);
    const send = reviewer.getByRole('button', { name: /Gửi nhắc nhở \([1-9]\d*\)/ });
    await send.waitFor();
    await reviewer.getByText('Chưa nộp', { exact: true }).first().waitFor();
    const listed = await (await reviewer.request.get(`/api/v1/reminders?period=${period}&days_before=60`)).json();
    assert.ok(listed.items.some((item) => item.unit.code === 'UBX-001'), 'the unit that has not reported is listed');
    assert.ok(!listed.items.some((item) => item.unit.code === UNIT), 'the unit that reported is not');
    await shot(reviewer, '26-reminders');
    await send.click();
    const confirm = reviewer.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: `Gửi nhắc nhở đến ${listed.items.length} đơn vị?` }).waitFor();
    await confirm.getByRole('button', { name: `Gửi ${listed.items.length} nhắc nhở` }).click();
    await reviewer.getByText(/Đã gửi \d+ thông báo/).waitFor();

    const unit = await newPage(browser, server.baseURL);
    await signIn(unit, 'baocao.xa');
    await unit.goto('/');
    // The header bell counts the unread notification and opens the list.
    await unit.getByRole('button', { name: 'Thông báo, 1 chưa đọc' }).click();
    await unit.locator('[data-testid^="notification-"]').first().waitFor();
    await shot(unit, '27-notifications');
    await unit.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await unit.getByRole('button', { name: 'Thông báo', exact: true }).waitFor();
    // Nothing left unread: the list re-renders after the bell (a moment later on a loaded machine).
    await unit.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('renders bonuses, models, the audit log and the public page without login', async () => {
    // A decided award, for the audit log.
    const { period } = await annualPeriodWithApprovedReport({ yearsAgo: 3, locked: true });
    const proposal = await Api.of(reviewer).post('/api/v1/award-proposals', { period, unit: UNIT, recipient: 'collective', form: AWARD });
    await Api.of(homeAffairs).post(`/api/v1/award-proposals/${proposal.id}/forward`);
    await Api.of(homeAffairs).post(`/api/v1/award-proposals/${proposal.id}/decision`, { number: '126/QĐ-UBND', date: today, approved: true });

    await reviewer.goto(`/bonuses?period=${period}`);
    await reviewer.getByText(/Mức trần điểm thưởng: 10 điểm/).waitFor();
    await shot(reviewer, '28-bonuses');
    await reviewer.goto('/models');
    await reviewer.getByText('Điển hình tiên tiến', { exact: true }).waitFor();
    await shot(reviewer, '29-models');

    const adminPage = await newPage(browser, server.baseURL);
    await signIn(adminPage, 'admin');
    await adminPage.goto('/audit');
    await adminPage.getByText('Đăng nhập', { exact: true }).first().waitFor();
    // The page keeps showing the unfiltered rows while it asks for the filtered ones: wait for those.
    const filtered = adminPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.has('entity'));
    await adminPage.getByLabel('Lọc theo loại dữ liệu').click();
    await adminPage.getByTitle('Đề nghị khen thưởng', { exact: true }).click();
    await filtered;
    await adminPage.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await adminPage.getByText('Quyết định khen thưởng', { exact: true }).first().waitFor();
    const rows = adminPage.locator('.ant-table-tbody tr.ant-table-row');
    await onlyRowsWith(rows, 'Đề nghị khen thưởng');
    for (const text of await rows.allInnerTexts()) assert.match(text, /Đề nghị khen thưởng/);
    await shot(adminPage, '30-audit');
    await adminPage.context().close();

    // The public page publishes the latest locked period.
    await admin.post('/api/v1/periods/2026-H1/lock');
    const visitor = await browser.newPage({ baseURL: server.baseURL });
    await visitor.goto('/cong-khai');
    await visitor.getByText('Tỷ lệ đơn vị đã báo cáo').waitFor();
    await visitor.getByRole('img', { name: 'Phân bố xếp loại' }).waitFor();
    await visitor.getByText('Đường dây nóng').waitFor();
    assert.equal(await visitor.getByTestId('current-user').count(), 0, 'no session on the public page');
    await shot(visitor, '31-public');
  });
});
