// Nominations and narratives end to end, in Chromium against the real server and a fresh demo database: a
// unit nominates an individual with a PDF dossier, the standing body accepts the nomination into an award
// proposal, Sở Nội vụ forwards it and records the Chairman's decision, and the decision keeps the dossier;
// a unit writes its narrative of the 2028 review. The server's clock is the plan's last day
// (support/dates.mjs), so the annual period made here is in the past and can be locked for awards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from './support/server.mjs';
import { launchBrowser, newPage, signIn } from './support/browser.mjs';
import { Api, addDays, createPeriod, report, saveValues, serverClock, vnDate } from './support/api.mjs';
import { AWARDS_DATE } from './support/dates.mjs';
import { SHOTS, checkPage } from './support/pages.mjs';

const UNIT = 'CAX-001';
const NOMINEE = 'Nguyễn Văn An';
const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';
// A real PDF (the server checks the type by content, not by name).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const DIFFICULTY = 'Thiếu camera an ninh tại 03 tổ dân phố giáp ranh.';

let server;
let browser;
let admin;
let reporterApi;
let today;

/** A locked annual period in which the unit reported every indicator as met and was approved: eligible. */
async function lockedAnnualPeriod() {
  const year = Math.min(Math.max(Number(today.slice(0, 4)), 2026), 2030);
  const created = await createPeriod(admin, today, {
    kind: 'year', code: `${year}-Y-DN`, name: `Báo cáo năm ${year} (đề nghị khen thưởng)`,
    start: `${year}-01-01`, end: `${year}-12-31`, due: addDays(today, 20),
  });
  await saveValues(reporterApi, created.code, UNIT);
  await report.submit(reporterApi, created.code, UNIT);
  const reviewer = await Api.login(server.baseURL, 'reviewer');
  await report.approve(reviewer, created.code, UNIT);
  await reviewer.dispose();
  await admin.post(`/api/v1/periods/${created.code}/lock`);
  return created;
}

async function fillDate(input, text) {
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

describe('nominations and narratives', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ now: AWARDS_DATE });
    browser = await launchBrowser();
    admin = await Api.login(server.baseURL, 'admin');
    reporterApi = await Api.login(server.baseURL, 'baocao.cax');
    ({ today } = await serverClock(admin));
  });

  after(async () => {
    await admin?.dispose();
    await reporterApi?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('lets a unit nominate an individual with a PDF dossier that reaches a decision keeping the dossier', async () => {
    const period = await lockedAnnualPeriod();

    const unit = await newPage(browser, server.baseURL, undefined, { bypassCSP: true });
    await signIn(unit, 'baocao.cax');
    await unit.goto('/nominations');
    const form = unit.getByRole('form', { name: 'Đề nghị khen thưởng' });
    await form.getByRole('combobox', { name: 'Kỳ xét khen thưởng' }).click();
    await form.getByRole('combobox', { name: 'Kỳ xét khen thưởng' }).fill('đề nghị khen thưởng');
    await unit.getByTitle(period.name).click();
    await form.getByTitle(period.name).waitFor(); // chosen (the list of options is outside the form)
    await form.getByLabel('Họ và tên').fill(NOMINEE);
    await form.getByLabel('Chức vụ').fill('Đại úy, Phó Trưởng Công an phường');
    await form.getByLabel('Tóm tắt thành tích').fill('Trực tiếp bắt giữ 02 đối tượng trộm cắp tài sản; vận động 15 hộ giao nộp vũ khí.');
    await form.locator('input[type=file]').setInputFiles({ name: 'ho-so-khen-thuong.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByText('ho-so-khen-thuong.pdf').waitFor();
    await checkPage(unit, '50-unit-nomination-form');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await unit.getByText('Đã gửi đề nghị khen thưởng đến Cơ quan Thường trực').waitFor();
    const own = unit.locator('tr', { hasText: NOMINEE });
    await own.getByText('Đã gửi, chờ xem xét').waitFor();
    await own.getByRole('link', { name: /ho-so-khen-thuong\.pdf/ }).waitFor();

    // The standing body's queue: accepting states what follows, then makes the proposal.
    const reviewer = await newPage(browser, server.baseURL, undefined, { bypassCSP: true });
    await signIn(reviewer, 'reviewer');
    await reviewer.goto('/nominations');
    const queued = reviewer.locator('tr', { hasText: NOMINEE });
    await queued.getByRole('link', { name: /ho-so-khen-thuong\.pdf/ }).waitFor();
    await checkPage(reviewer, '51-reviewer-nominations-queue');
    await queued.getByRole('button', { name: `Tiếp nhận đề nghị ${NOMINEE}` }).click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByText(/Sở Nội vụ thẩm định/).waitFor();
    await dialog.getByLabel('Hình thức khen thưởng').click();
    await reviewer.getByTitle(FORM).click();
    await dialog.getByRole('button', { name: 'Tiếp nhận' }).click();
    await reviewer.getByText('Đã tiếp nhận, lập hồ sơ đề xuất khen thưởng').waitFor();
    await queued.waitFor({ state: 'detached' }); // no longer waiting

    // Sở Nội vụ forwards and records the decision; the proposal shows the unit's dossier.
    const homeAffairs = await newPage(browser, server.baseURL);
    await signIn(homeAffairs, 'noivu');
    await homeAffairs.goto(`/awards?period=${period.code}`);
    const proposal = homeAffairs.locator('tr', { hasText: NOMINEE });
    await proposal.getByRole('button', { name: 'Chuyển trình' }).click();
    await homeAffairs.locator('.ant-popconfirm').getByRole('button', { name: 'Chuyển trình' }).click();
    await proposal.getByText('Đã trình Chủ tịch UBND tỉnh').waitFor();
    await proposal.getByRole('button', { name: 'Ghi quyết định' }).click();
    const decision = homeAffairs.getByRole('dialog');
    await decision.getByLabel('Số quyết định').fill('2151/QĐ-UBND');
    await fillDate(decision.getByLabel('Ngày quyết định'), vnDate(today));
    await decision.getByRole('button', { name: 'Ghi quyết định' }).click();
    await homeAffairs.getByText('Đã ghi quyết định khen thưởng').waitFor();
    await proposal.getByText('Đã quyết định khen thưởng').waitFor();
    const link = proposal.getByRole('link', { name: /ho-so-khen-thuong\.pdf/ });
    const download = await homeAffairs.request.get(await link.getAttribute('href'));
    assert.equal(download.status(), 200);
    assert.deepEqual(Buffer.from(await download.body()), PDF, 'the decision keeps the dossier, byte for byte');
    await homeAffairs.screenshot({ path: `${SHOTS}52-awards-decision-with-dossier.png`, fullPage: true });

    await unit.reload();
    await unit.locator('tr', { hasText: NOMINEE }).getByText(/Đã quyết định khen thưởng \(QĐ số 2151\/QĐ-UBND\)/).waitFor();
    for (const page of [unit, reviewer, homeAffairs]) await page.context().close();
  });

  it('lets a unit write the narrative of the 2028 review, its report there', async () => {
    const unit = await newPage(browser, server.baseURL, undefined, { bypassCSP: true });
    await signIn(unit, 'baocao.cax');
    await unit.goto('/narratives?period=2028-S');
    const form = unit.getByRole('form', { name: 'Báo cáo thuyết minh' });
    await unit.getByText(/báo cáo thuyết minh này là báo cáo của đơn vị/).waitFor();
    await form.getByLabel('Khó khăn, vướng mắc').fill(DIFFICULTY);
    await form.getByLabel('Đề xuất, kiến nghị').fill('Đề nghị hỗ trợ kinh phí lắp đặt camera an ninh.');
    await form.getByRole('button', { name: 'Lưu báo cáo thuyết minh' }).click();
    await unit.getByText('Đã lưu báo cáo thuyết minh').waitFor();
    await form.getByText(/Lưu lần cuối/).waitFor();
    await checkPage(unit, '53-unit-narrative-review');

    const reviewer = await newPage(browser, server.baseURL);
    await signIn(reviewer, 'reviewer');
    await reviewer.goto('/narratives?period=2028-S');
    await reviewer.getByText(DIFFICULTY).waitFor();
    const json = await (await reviewer.request.get('/api/v1/reports/2028-S')).json();
    assert.ok(json.narratives.some((row) => row.difficulties === DIFFICULTY), 'the consolidated report gathers it');
    for (const page of [unit, reviewer]) await page.context().close();
  });
});
