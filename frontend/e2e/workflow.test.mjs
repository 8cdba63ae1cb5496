// The reporting workflow end to end, in Chromium against the real server and a fresh demo database, the
// server's clock set to one of the dates that trip calendars (support/dates.mjs; calendar.test.mjs runs
// the workflow's steps on the others). Each test builds its own situation over the API, in a period of
// its own dated from the server's clock (open for reports today, past due, locked), so a failure is that
// test's alone and no test depends on the calendar.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillIndicator, passingValue } from './support/report.mjs';
import { Api, report, reportIndicators, saveValues } from './support/api.mjs';
import { openSessions, periodToday, UNIT } from './support/workflow.mjs';

const SHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const FAILED_VETO = 'KL-09'; // "không để mất vũ khí": one occurrence fails a veto indicator
const RETURN_REASON = 'Chỉ tiêu KL-09 cần kèm biên bản kiểm kê vũ khí.';
const EVIDENCE = { name: 'bien-ban-kiem-ke.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

let sessions;
let admin; // API only: makes the periods
let reporter; // pages, signed in through the login form
let reviewer;

const shot = (page, name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

const period = (situation) => periodToday(admin, situation);

/** The unit's report in `code` taken to a step over the API, as the reporter and the reviewer would. */
async function reportUpTo(code, step) {
  const asReporter = Api.of(reporter);
  const asReviewer = Api.of(reviewer);
  const failing = step === 'submitted-failing' || step === 'returned';
  await saveValues(asReporter, code, UNIT, failing ? { [FAILED_VETO]: { count: 1 } } : {});
  await report.submit(asReporter, code, UNIT);
  if (step === 'returned') await report.return(asReviewer, code, UNIT, RETURN_REASON);
}

async function rankingRow(page, code) {
  await page.goto(`/ranking?period=${code}&group=CAX`);
  const row = page.locator('tr', { has: page.locator(`a[href^="/units/${UNIT}"]`) });
  await row.waitFor();
  return {
    rank: (await row.locator('td').first().innerText()).trim(),
    tier: (await page.getByTestId(`tier-${UNIT}`).innerText()).trim(),
    total: (await page.getByTestId(`total-${UNIT}`).innerText()).trim(),
    text: await row.innerText(),
  };
}

describe('reporting workflow', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sessions = await openSessions();
    ({ admin, reporter, reviewer } = sessions);
  });

  after(() => sessions?.close());

  it('shows the reporter their unit, periods and deadlines', async () => {
    const open = await period('open');
    const late = await period('late');
    const locked = await period('locked');
    await reporter.goto('/');
    await assert.doesNotReject(reporter.getByText('Công an phường Phố Hiến').first().waitFor());
    const item = reporter.locator(`[data-period="${open.code}"]`);
    await item.waitFor();
    assert.match(await item.innerText(), /Chưa nộp/);
    assert.match(await item.innerText(), /Còn \d+ ngày|Hạn nộp hôm nay/);
    assert.match(await reporter.locator(`[data-period="${late.code}"]`).innerText(), /Quá hạn \d+ ngày/);
    assert.match(await reporter.locator(`[data-period="${locked.code}"]`).innerText(), /\(đã khóa\)/);
    await shot(reporter, '01-reporter-home');
  });

  it('lets the reporter fill the form, preview the score and submit', async () => {
    const { code } = await period();
    const indicators = await reportIndicators(Api.of(reporter), code, UNIT);
    assert.ok(indicators.length >= 20, `a commune police report has many indicators (${indicators.length})`);
    await reporter.goto('/');
    await reporter.locator(`[data-period="${code}"]`).getByRole('button', { name: 'Nhập số liệu' }).click();
    await reporter.getByLabel(`${FAILED_VETO} số lượng`).waitFor();
    // Vietnamese number input: "1,5" is one and a half (not 15), which a count refuses in words.
    await reporter.getByLabel(`${FAILED_VETO} số lượng`).fill('1,5');
    await reporter.getByLabel(`${FAILED_VETO} số lượng`).blur();
    await reporter.locator(`[data-indicator="${FAILED_VETO}"]`).getByText('Phải là số nguyên').waitFor();
    // Unsaved edits: leaving the page asks first, and staying keeps them.
    await reporter.getByRole('menuitem', { name: 'Xếp hạng' }).click();
    const guard = reporter.getByRole('dialog', { name: 'Rời trang khi chưa lưu?' });
    await guard.waitFor();
    await guard.getByRole('button', { name: 'Ở lại' }).click();
    await guard.waitFor({ state: 'hidden' });
    assert.match(reporter.url(), new RegExp(`/reports/${code}/${UNIT}$`));
    assert.equal(await reporter.getByLabel(`${FAILED_VETO} số lượng`).inputValue(), '1,5');

    for (const indicator of indicators) {
      const value = indicator.code === FAILED_VETO ? { count: 1 } : passingValue(indicator);
      await fillIndicator(reporter, indicator.code, { ...value, note: indicator.code === 'KL-01' ? 'Biên bản ký cam kết ngày 10/01' : undefined });
    }
    // The what-if preview reflects the unsaved values: the failed veto caps the tier.
    const preview = reporter.getByTestId('score-preview');
    await preview.getByText(/Không đạt chỉ tiêu phủ quyết \(KL-09\)/).waitFor();
    assert.match(await preview.getByTestId('score-tier').innerText(), /^Hoàn thành nhiệm vụ$/);
    assert.match(await reporter.getByTestId('preview-badge').innerText(), /Dự kiến: [\d,]+ Hoàn thành$/);
    await shot(reporter, '02-report-form-preview');

    await reporter.getByRole('button', { name: /Nộp báo cáo/ }).click();
    await reporter.getByRole('button', { name: 'Nộp', exact: true }).click();
    await reporter.getByText('Đã nộp báo cáo').waitFor();
    await reporter.getByText('Đã nộp', { exact: true }).first().waitFor();
    assert.equal(await reporter.getByRole('button', { name: /Nộp báo cáo/ }).count(), 0, 'a submitted report is read-only');
  });

  it('ranks the submitted report with its capped tier before review', async () => {
    const { code } = await period();
    await reportUpTo(code, 'submitted-failing');
    const row = await rankingRow(reviewer, code);
    assert.equal(row.tier, 'Hoàn thành');
    assert.match(row.text, /Xếp hạng tạm thời \(chưa duyệt\)/);
    await shot(reviewer, '03-ranking-before-review');
  });

  it('lets the reviewer see the board and queue, then return the report with a reason', async () => {
    const { code } = await period();
    await reportUpTo(code, 'submitted-failing');
    await reviewer.goto(`/status?period=${code}`);
    await reviewer.getByText('Theo cụm, khối thi đua').waitFor();
    await shot(reviewer, '04-status-board');

    await reviewer.goto(`/review?period=${code}`);
    await reviewer.getByRole('link', { name: 'Công an phường Phố Hiến' }).click();
    await reviewer.getByTestId('explained-score').getByText(/Không đạt chỉ tiêu phủ quyết/).waitFor();
    await shot(reviewer, '05-review-side-by-side');

    await reviewer.getByRole('button', { name: /Trả lại/ }).click();
    await reviewer.getByLabel('Lý do').fill(RETURN_REASON);
    await reviewer.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
    await reviewer.getByText('Đã trả lại báo cáo').waitFor();
    await reviewer.getByText('Bị trả lại', { exact: true }).first().waitFor();
  });

  it('shows the reporter the reason; the reporter fixes the value and resubmits', async () => {
    const { code } = await period();
    await reportUpTo(code, 'returned');
    await reporter.goto(`/reports/${code}/${UNIT}`);
    const reason = reporter.getByTestId('return-reason');
    await reason.waitFor();
    assert.match(await reason.innerText(), new RegExp(RETURN_REASON.replace(/[.()]/g, '\\$&')));
    await shot(reporter, '06-returned-report');

    // The unit was told, in the app.
    await reporter.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).waitFor();

    // The corrected value, then its evidence before any save: attaching saves the value with it. The
    // picker offers only accepted types; the file is checked by content on the server (a real PDF header).
    await fillIndicator(reporter, FAILED_VETO, { count: 0, note: 'Đã kiểm kê, không mất vũ khí (biên bản ngày 20/11)' });
    const picker = reporter.locator(`[data-indicator="${FAILED_VETO}"] input[type=file]`);
    assert.match(await picker.getAttribute('accept'), /\.pdf,.*\.docx/);
    await picker.setInputFiles(EVIDENCE);
    await reporter.locator(`[data-indicator="${FAILED_VETO}"]`).getByRole('link', { name: /bien-ban-kiem-ke\.pdf/ }).waitFor();
    const saved = await Api.of(reporter).get(`/api/v1/submissions/${code}/${UNIT}`);
    assert.equal(saved.indicators.find((i) => i.code === FAILED_VETO).value.count, 0, 'the value was saved with its evidence');
    const preview = reporter.getByTestId('score-preview');
    await preview.getByTestId('score-tier').getByText('Hoàn thành xuất sắc nhiệm vụ').waitFor();
    await reporter.getByRole('button', { name: /Nộp báo cáo/ }).click();
    await reporter.getByRole('button', { name: 'Nộp', exact: true }).click();
    await reporter.getByText('Đã nộp báo cáo').waitFor();

    // The reviewer sees what changed since the return: the vetoed value, before and after.
    await reviewer.goto(`/review/${code}/${UNIT}`);
    const changes = reviewer.getByTestId('changes-since-return');
    await changes.getByText(FAILED_VETO, { exact: true }).waitFor();
    assert.match(await changes.locator('tr', { hasText: FAILED_VETO }).innerText(), /1\s+0 \(Đã kiểm kê/);
    await shot(reviewer, '06b-changes-since-return');
  });

  it('lets the reviewer approve, and the ranking follows', async () => {
    const { code } = await period();
    await reportUpTo(code, 'submitted');
    await reviewer.goto(`/review/${code}/${UNIT}`);
    await reviewer.getByRole('button', { name: /Duyệt/ }).click();
    const confirm = reviewer.locator('.ant-modal-confirm');
    await confirm.getByText(/tính vào xếp hạng chính thức/).waitFor();
    await confirm.getByRole('button', { name: 'Duyệt' }).click();
    await reviewer.getByText('Đã duyệt báo cáo').waitFor();
    await reviewer.getByText('Đã duyệt', { exact: true }).first().waitFor();

    const row = await rankingRow(reviewer, code);
    assert.equal(row.tier, 'Xuất sắc');
    assert.equal(row.total, '100');
    assert.equal(row.rank, '1', 'the only approved report of the group ranks first');
    assert.doesNotMatch(row.text, /chưa được duyệt/);
    await shot(reviewer, '07-ranking-after-approval');
  });

  it('lets the reviewer reopen an approved report with a reason, and keeps the history', async () => {
    // The whole story so far: submitted with a failed veto, returned, evidence attached, fixed, approved.
    const { code } = await period();
    const asReporter = Api.of(reporter);
    await reportUpTo(code, 'returned');
    await report.attach(asReporter, code, UNIT, FAILED_VETO, EVIDENCE);
    await saveValues(asReporter, code, UNIT);
    await report.submit(asReporter, code, UNIT);
    await report.approve(Api.of(reviewer), code, UNIT);

    await reviewer.goto(`/review/${code}/${UNIT}`);
    await reviewer.getByRole('button', { name: /Mở lại/ }).click();
    await reviewer.getByLabel('Lý do').fill('Cần bổ sung số liệu GD-02 theo kết quả kiểm tra.');
    await reviewer.getByRole('dialog').getByRole('button', { name: 'Mở lại' }).click();
    await reviewer.getByText('Đã mở lại báo cáo').waitFor();
    await reviewer.getByText('Bị trả lại', { exact: true }).first().waitFor();
    const history = reviewer.locator('.ant-timeline');
    await history.getByText('Mở lại').waitFor();
    const steps = await history.innerText();
    for (const step of ['Nộp báo cáo', 'Trả lại', 'Duyệt', 'Mở lại', 'Đính kèm minh chứng']) {
      assert.ok(steps.includes(step), `history shows "${step}"`);
    }
  });
});
