// Inspections, awards and the consolidated report end to end, in Chromium against the real server and a
// fresh demo database: an inspection finding lowers a unit's score, the unit is proposed for an award,
// Sở Nội vụ forwards the proposal and records the decision, and the report downloads as a Word file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dayjs from 'dayjs';
import { startServer, DEMO_PASSWORD } from './support/server.mjs';
import { launchBrowser, login, newPage } from './support/browser.mjs';
import { passingValue, reportIndicators } from './support/report.mjs';

const SHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const UNIT = 'CAX-001';
const UNIT_NAME = 'Công an phường Phố Hiến';
// Enough to take a unit at 100 below the 90 of "xuất sắc": the tier must drop, not only the total.
const DEDUCTION = 11;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TODAY = dayjs().format('DD/MM/YYYY');

let server;
let browser;
let reviewer;
let homeAffairs;
let period;

const shot = (page, name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

/** Unsafe API calls from a signed-in page need the CSRF cookie echoed in a header, as the SPA does. */
async function apiCall(page, method, path, body, headers = {}) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'banhat_csrf')?.value ?? '';
  const response = await page.request.fetch(path, { method, data: body, headers: { 'X-CSRF-Token': csrf, ...headers } });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return response;
}

/** The form's passing value in the API's terms (dates as ISO). */
function apiValue(indicator) {
  const value = passingValue(indicator);
  return 'date' in value ? { date: dayjs(value.date, 'DD/MM/YYYY').format('YYYY-MM-DD') } : value;
}

async function fillDate(page, input, text) {
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

async function unitScore(page) {
  return (await page.request.get(`/api/v1/scores/${period}/${UNIT}`)).json();
}

async function unitTotal(page) {
  return Number((await unitScore(page)).total);
}

describe('inspections, awards and reports', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const reporter = await newPage(browser, server.baseURL);
    reviewer = await newPage(browser, server.baseURL);
    homeAffairs = await newPage(browser, server.baseURL);
    await login(reporter, 'baocao.cax', DEMO_PASSWORD);
    await login(reviewer, 'reviewer', DEMO_PASSWORD);
    await login(homeAffairs, 'noivu', DEMO_PASSWORD);

    // The annual period holding today: awards are given on annual results.
    const today = dayjs().format('YYYY-MM-DD');
    const periods = await (await reviewer.request.get('/api/v1/periods')).json();
    period = periods.find((p) => p.code.endsWith('-Y') && p.start <= today && today <= p.end)?.code;
    assert.ok(period, 'the demo data has an annual period holding today');

    // The unit reports every indicator as met (over the API: the form itself is tested elsewhere), then it is approved.
    const indicators = await reportIndicators(reporter, period, UNIT);
    const current = await reporter.request.get(`/api/v1/submissions/${period}/${UNIT}`);
    const values = indicators.map((i) => ({ indicator: i.code, ...apiValue(i) }));
    await apiCall(reporter, 'PUT', `/api/v1/submissions/${period}/${UNIT}/values`, { values }, { 'If-Match': current.headers().etag });
    await apiCall(reporter, 'POST', `/api/v1/submissions/${period}/${UNIT}/submit`);
    await apiCall(reviewer, 'POST', `/api/v1/submissions/${period}/${UNIT}/approve`);
    await reporter.context().close();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the reviewer record an inspection whose finding lowers the unit score and tier', async () => {
    const before = await unitTotal(reviewer);
    assert.ok(before > DEDUCTION, `the unit has a score to lose (${before})`);
    assert.equal((await unitScore(reviewer)).tier, 'XUAT_SAC');

    await reviewer.goto(`/inspections?period=${period}`);
    const plan = reviewer.locator('.ant-card', { hasText: 'Lập kế hoạch kiểm tra' });
    await plan.getByRole('combobox', { name: 'Đơn vị' }).click();
    await plan.getByRole('combobox', { name: 'Đơn vị' }).fill('Phố Hiến');
    await reviewer.getByTitle(`${UNIT_NAME} (${UNIT})`).click();
    await plan.getByLabel('Chuyên đề').fill('Chấp hành chế độ báo cáo, quản lý vũ khí');
    await fillDate(reviewer, plan.getByLabel('Ngày dự kiến'), TODAY);
    await plan.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await reviewer.getByText('Đã lập kế hoạch kiểm tra').waitFor();

    const row = reviewer.locator('tr', { hasText: 'Chấp hành chế độ báo cáo, quản lý vũ khí' });
    await row.getByRole('button', { name: 'Đã kiểm tra' }).click();
    const dialog = reviewer.getByRole('dialog');
    await fillDate(reviewer, dialog.getByLabel('Ngày kiểm tra'), TODAY);
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
    await fillDate(reviewer, reviewer.getByLabel('Hạn khắc phục'), dayjs().add(30, 'day').format('DD/MM/YYYY'));
    await reviewer.getByRole('button', { name: 'Thêm biện pháp' }).click();
    await reviewer.getByText('Đang khắc phục').waitFor();
    await shot(reviewer, '20-inspections');

    await reviewer.getByRole('link', { name: 'Xem điểm và giải trình' }).click();
    await reviewer.getByTestId('score-total').waitFor();
    const after = await unitTotal(reviewer);
    assert.equal(after, before - DEDUCTION, 'the finding deducted its points from the period score');
    const shown = (await reviewer.getByTestId('score-total').innerText()).replace(/^Tổng điểm\s*/, '').trim();
    assert.equal(Number(shown.replace(/\./g, '').replace(',', '.')), after, `the unit page shows the new total (${shown})`);
    await reviewer.getByText(/Kiểm tra chuyên đề ngày/).first().waitFor();
    assert.equal((await unitScore(reviewer)).tier, 'TOT', 'the deduction drops the unit from "xuất sắc" to "tốt"');
    await shot(reviewer, '21-unit-score-after-inspection');

    // A capped bonus for disaster relief lifts it back to "xuất sắc", so the award flow below has a candidate.
    await apiCall(reviewer, 'POST', '/api/v1/bonuses', {
      period, unit: UNIT, points: '10', reason: 'Xung kích hỗ trợ Nhân dân khắc phục thiên tai',
    });
    assert.equal(await unitTotal(reviewer), before - DEDUCTION + 10);
    assert.equal((await unitScore(reviewer)).tier, 'XUAT_SAC');
  });

  it('lets the standing body propose the top unit, Sở Nội vụ forward it and record the decision', async () => {
    await reviewer.goto(`/awards?period=${period}`);
    await reviewer.getByRole('button', { name: `Xét khen thưởng ${UNIT_NAME}` }).click();
    const eligibility = reviewer.getByTestId(`eligibility-${UNIT}`);
    const option = eligibility.locator('.ant-list-item', { hasText: 'Bằng khen của Chủ tịch UBND tỉnh – Tập thể' });
    await option.waitFor();
    assert.match(await option.innerText(), /dự kiến 4\.680\.000/, 'the money estimate is 2.0 x 2,340,000 đ');
    const certificate = eligibility.locator('.ant-list-item', { hasText: 'Giấy khen – Tập thể' });
    assert.match(await certificate.innerText(), /hệ số 0,6, dự kiến 1\.410\.000/, '0.6 x 2,340,000 đ rounded up to 10,000 đ');
    await option.getByRole('button', { name: 'Đề nghị' }).click();
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

    await homeAffairs.goto(`/budget?year=${period.slice(0, 4)}`);
    await homeAffairs.getByTestId('budget-grand-total').getByText(/4\.680\.000/).waitFor();
    const xlsx = await homeAffairs.request.get(`/api/v1/budget/export.xlsx?year=${period.slice(0, 4)}`);
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    await shot(homeAffairs, '24-budget');
  });

  it('shows the consolidated report and downloads it as a Word document', async () => {
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
    // The annual deadline moves to today, so the 60-day reminder window holds it whatever the date of the run.
    const admin = await newPage(browser, server.baseURL);
    await login(admin, 'admin', DEMO_PASSWORD);
    await apiCall(admin, 'PATCH', `/api/v1/periods/${period}`, { due: dayjs().format('YYYY-MM-DD') });
    await admin.context().close();

    await reviewer.goto(`/reminders?period=${period}&days=60`);
    const send = reviewer.getByRole('button', { name: /Gửi nhắc nhở \([1-9]\d*\)/ });
    await send.waitFor();
    await reviewer.getByText('Chưa nộp', { exact: true }).first().waitFor();
    const listed = await (await reviewer.request.get(`/api/v1/reminders?period=${period}&days_before=60`)).json();
    assert.ok(listed.items.some((item) => item.unit.code === 'UBX-001'), 'the unit that has not reported is listed');
    assert.ok(!listed.items.some((item) => item.unit.code === UNIT), 'the unit that reported is not');
    await shot(reviewer, '26-reminders');
    await send.click();
    await reviewer.getByText(/Đã gửi \d+ thông báo/).waitFor();

    const unit = await newPage(browser, server.baseURL);
    await login(unit, 'baocao.xa', DEMO_PASSWORD);
    // The header bell counts the unread notification and opens the list.
    await unit.getByRole('button', { name: 'Thông báo, 1 chưa đọc' }).click();
    await unit.locator('[data-testid^="notification-"]').first().waitFor();
    await shot(unit, '27-notifications');
    await unit.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await unit.getByRole('button', { name: 'Thông báo', exact: true }).waitFor();
    assert.equal(await unit.getByRole('button', { name: 'Đánh dấu đã đọc' }).count(), 0, 'nothing left unread');
  });

  it('renders bonuses, models, the audit log and the public page without login', async () => {
    await reviewer.goto(`/bonuses?period=${period}`);
    await reviewer.getByText(/Mức trần điểm thưởng: 10 điểm/).waitFor();
    await shot(reviewer, '28-bonuses');
    await reviewer.goto('/models');
    await reviewer.getByText('Điển hình tiên tiến', { exact: true }).waitFor();
    await shot(reviewer, '29-models');

    const admin = await newPage(browser, server.baseURL);
    await login(admin, 'admin', DEMO_PASSWORD);
    await admin.goto('/audit');
    await admin.getByLabel('Loại dữ liệu').click();
    await admin.getByTitle('Đề nghị khen thưởng').click();
    await admin.getByText('Quyết định khen thưởng', { exact: true }).first().waitFor();
    const rows = admin.locator('.ant-table-tbody tr.ant-table-row');
    for (const text of await rows.allInnerTexts()) assert.match(text, /Đề nghị khen thưởng/);
    await shot(admin, '30-audit');

    // The public page publishes the latest locked period.
    await apiCall(admin, 'POST', '/api/v1/periods/2026-H1/lock');
    const visitor = await browser.newPage({ baseURL: server.baseURL });
    await visitor.goto('/cong-khai');
    await visitor.getByText('Tỷ lệ đơn vị đã báo cáo').waitFor();
    await visitor.getByRole('img', { name: 'Phân bố xếp loại' }).waitFor();
    await visitor.getByText('Đường dây nóng').waitFor();
    assert.equal(await visitor.getByTestId('current-user').count(), 0, 'no session on the public page');
    await shot(visitor, '31-public');
  });
});
