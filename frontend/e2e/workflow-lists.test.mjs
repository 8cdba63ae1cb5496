// The reporting workflow's lists and safeguards, in Chromium against the real server on the workflow's date
// (a file beside workflow.test.mjs, so that both run at once): another unit's report stays closed, search
// ignores diacritics and the export carries it, locking a period states its consequence, and an ended
// session leads back to the login page. Each test makes its own period from the server's clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './support/server.mjs';
import { login, newPage, onlyRowsWith, signIn } from './support/browser.mjs';
import { Api } from './support/api.mjs';
import { openSessions, OTHER_UNIT, periodToday } from './support/workflow.mjs';

let sessions;
let server;
let browser;
let reporter; // pages, signed in through the login form
let reviewer;

const period = (situation) => periodToday(sessions.admin, situation);

describe('reporting workflow: lists, searches and safeguards', () => {
  before(async () => {
    sessions = await openSessions();
    ({ server, browser, reporter, reviewer } = sessions);
  });

  after(() => sessions?.close());

  it('does not let a reporter open another unit\'s report', async () => {
    const { code } = await period();
    const api = await reporter.request.get(`/api/v1/submissions/${code}/${OTHER_UNIT}`);
    assert.ok([403, 404].includes(api.status()), `API answers ${api.status()}`);
    await reporter.goto(`/reports/${code}/${OTHER_UNIT}`);
    await reporter.getByText('Không tải được dữ liệu').waitFor();
    assert.equal(await reporter.getByLabel('KL-01 số đạt').count(), 0, 'no form for another unit');
  });

  it('finds "Phố Hiến" on the reporting-status board by typing "pho hien", and exports what it shows', async () => {
    const { code } = await period();
    await reviewer.goto(`/status?period=${code}`);
    await reviewer.getByText('Theo đơn vị').waitFor();
    await reviewer.getByText('Tất cả', { exact: true }).click();
    const board = reviewer.locator('.ant-card', { hasText: 'Theo đơn vị' });
    const search = reviewer.waitForResponse((r) => r.url().includes('/reporting-status') && new URL(r.url()).searchParams.get('q') === 'pho hien');
    await reviewer.getByLabel('Tìm đơn vị').fill('pho hien'); // searched after a pause in typing, no Enter
    await search;
    await board.getByText('UBND phường Phố Hiến').waitFor();
    await onlyRowsWith(board.locator('.ant-table-tbody tr.ant-table-row'), 'Phố Hiến');
    const names = (await board.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts()).sort();
    assert.deepEqual(names, ['Công an phường Phố Hiến', 'UBND phường Phố Hiến']);

    const [download] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.getByRole('link', { name: /Xuất Excel/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `tinh-hinh-bao-cao-${code}.xlsx`);
    assert.match(download.url(), /q=pho\+hien/);
  });

  it('finds units without diacritics and states the consequence before locking a period', async () => {
    const open = await period();
    const page = await newPage(browser, server.baseURL);
    await signIn(page, 'admin');
    // The server folds case and diacritics: "pho hien" finds both units of phường Phố Hiến, nothing else.
    await page.goto('/admin/units');
    await page.getByText('Công an phường Phố Hiến').waitFor();
    const search = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === 'pho hien');
    await page.getByLabel('Tìm đơn vị').fill('pho hien');
    await page.getByLabel('Tìm đơn vị').press('Enter');
    await search;
    await page.getByText('UBND phường Phố Hiến').waitFor();
    await onlyRowsWith(page.locator('.ant-table-tbody tr.ant-table-row'), 'Phố Hiến');
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    const names = (await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts()).sort();
    assert.deepEqual(names, ['Công an phường Phố Hiến', 'UBND phường Phố Hiến']);

    // Locking says how many units' scores it freezes; unlocking is the undo.
    const { units } = await Api.of(page).get(`/api/v1/periods/${open.code}/reporting-status`);
    await page.goto('/admin/periods');
    const row = page.locator('tr', { hasText: open.name });
    await row.getByRole('button', { name: 'Khóa' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(`Khóa kỳ sẽ chốt điểm của ${units.length} đơn vị`, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Khóa kỳ' }).click();
    await row.getByText('Đã khóa').waitFor();
    await row.getByRole('button', { name: 'Mở khóa' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Mở khóa' }).click();
    await row.getByText('Đang mở').waitFor();
    await page.context().close();
  });

  it('sends a user whose session has ended back to the login page', async () => {
    // A session of its own: the other tests' pages keep theirs.
    const page = await newPage(browser, server.baseURL);
    await login(page, 'baocao.cax', DEMO_PASSWORD);
    await page.goto('/ranking?period=2026-H1');
    await page.getByText('Xếp hạng thi đua').waitFor();
    // The page's own requests done first, so that the request below is the one told the session ended.
    await page.locator('tr a[href^="/units/"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.context().clearCookies();
    await page.getByLabel('Kỳ báo cáo').click();
    await page.locator('.ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    assert.match(page.url(), /\/login$/);
    await page.context().close();
  });
});
