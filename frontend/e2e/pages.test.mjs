// Every main page of every role, at a desktop and a phone size, in Chromium against the real server and a
// fresh demo database: each page renders its data, fits its viewport, has one h1 and (the pages marked
// 'axe') no serious or critical axe-core violation. A file of its own, so that it runs beside the workflow
// (`npm run e2e` runs several files at once) instead of after it. Also the scheme editor, end to end: a draft,
// an indicator retired after its confirmation, the preview listing the change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from './support/server.mjs';
import { DESKTOP, launchBrowser, newPage, PHONE, signIn } from './support/browser.mjs';
import { checkPage, SHOTS } from './support/pages.mjs';
import { Api, createPeriod, report, saveValues, serverClock } from './support/api.mjs';
import { WORKFLOW_DATE } from './support/dates.mjs';

const UNIT = 'CAX-001'; // the demo reporter baocao.cax belongs to it
// Sessions checked at once: a tab renders while the others wait on the server (PAGE_TABS to compare).
const TABS = Number(process.env.PAGE_TABS ?? 4);

let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Each assigned as it comes, so that `after` closes whichever started when the other failed.
  await Promise.all([
    startServer({ now: WORKFLOW_DATE }).then((started) => (server = started)),
    launchBrowser().then((launched) => (browser = launched)),
  ]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('every main page', () => {
  it('fits a desktop and a phone, readable and accessible', async () => {
    const [admin, reporter, reviewer] = await Promise.all(
      ['admin', 'baocao.cax', 'reviewer'].map((user) => Api.login(server.baseURL, user)),
    );
    const { today } = await serverClock(admin);
    const scored = await createPeriod(admin, today);
    await saveValues(reporter, scored.code, UNIT);
    await report.submit(reporter, scored.code, UNIT);
    await report.approve(reviewer, scored.code, UNIT);
    const draft = await createPeriod(admin, today);
    await Promise.all([admin, reporter, reviewer].map((api) => api.dispose()));

    // Each role's main pages, with text that shows the page has its data; 'axe' marks the pages axe-core
    // checks (at both sizes: about a second each, so not every page).
    const pages = {
      'baocao.cax': [
        ['/', 'reporter-home', 'Công an phường Phố Hiến', 'axe'],
        [`/reports/${draft.code}/${UNIT}`, 'reporter-report', draft.name, 'axe'],
        ['/notifications', 'reporter-notifications'],
        [`/in/${scored.code}/${UNIT}`, 'reporter-print', 'THỦ TRƯỞNG ĐƠN VỊ'],
        ['/models', 'reporter-models'],
      ],
      reviewer: [
        [`/status?period=${scored.code}`, 'reviewer-status', 'Theo cụm, khối thi đua', 'axe'],
        [`/review?period=${scored.code}`, 'reviewer-queue', undefined, 'axe'],
        [`/review/${scored.code}/${UNIT}`, 'reviewer-review', 'Điểm và giải trình'],
        [`/ranking?period=${scored.code}&group=CAX`, 'reviewer-ranking', 'Công an phường Phố Hiến', 'axe'],
        ['/reminders', 'reviewer-reminders'],
        ['/inspections', 'reviewer-inspections', undefined, 'axe'],
        ['/awards', 'reviewer-awards'],
        ['/admin/schemes', 'reviewer-schemes', undefined, 'axe'],
        ['/baselines', 'reviewer-baselines', undefined, 'axe'],
        ['/cong-khai', 'public', undefined, 'axe'],
      ],
      leader: [
        ['/charts?period=2026-H1', 'leader-charts', 'Phân bố xếp loại'],
        [`/units/${UNIT}?period=${scored.code}`, 'leader-unit', 'Điểm của kỳ', 'axe'],
        // The printable A4 report of the unit (its screen view: the print itself is checked below).
        [`/in/${scored.code}/${UNIT}`, 'leader-print', 'THỦ TRƯỞNG ĐƠN VỊ', 'axe'],
      ],
      admin: [
        ['/admin/units', 'admin-units', 'Công an phường Phố Hiến'],
        ['/admin/users', 'admin-users', 'baocao.cax', 'axe'],
        ['/admin/periods', 'admin-periods', scored.name],
        ['/audit', 'admin-audit'],
        ['/tokens', 'admin-tokens', 'Chưa có mã truy cập', 'axe'],
        ['/webhooks', 'admin-webhooks', undefined, 'axe'],
      ],
    };
    const failures = [];
    const sessions = [['desktop', DESKTOP], ['phone', PHONE]].flatMap(([viewportName, viewport]) =>
      Object.entries(pages).map(([username, paths]) => async () => {
        const page = await newPage(browser, server.baseURL, viewport, { bypassCSP: true });
        await signIn(page, username);
        for (const [path, name, loaded, axe] of paths) {
          const shotName = `40-${viewportName}-${name}`;
          try {
            await page.goto(path);
            await page.locator('h1').first().waitFor({ timeout: 10_000 });
            if (loaded) await page.getByText(loaded).first().waitFor({ timeout: 10_000 });
            await checkPage(page, shotName, { axe: axe === 'axe' });
          } catch (error) {
            failures.push(`${shotName}: ${error.message.split('\n')[0]}`);
            await page.screenshot({ path: `${SHOTS}${shotName}-failed.png`, fullPage: true }).catch(() => {});
          }
        }
        await page.context().close();
      }),
    );
    for (let next = 0; next < sessions.length; next += TABS) {
      await Promise.all(sessions.slice(next, next + TABS).map((session) => session()));
    }
    assert.equal(failures.length, 0, failures.join('\n'));

    // The printable report on paper: print media hides the app's header and menu, and Chromium's PDF of it
    // has A4 pages (595 x 842 pt) from the page's own @page rule.
    const printing = await newPage(browser, server.baseURL, DESKTOP);
    await signIn(printing, 'leader');
    await printing.goto(`/in/${scored.code}/${UNIT}`);
    await printing.getByText('THỦ TRƯỞNG ĐƠN VỊ').waitFor({ timeout: 10_000 });
    await printing.emulateMedia({ media: 'print' });
    assert.equal(await printing.locator('.ant-layout-header').isVisible(), false, 'no app header on paper');
    assert.equal(await printing.getByRole('button', { name: 'In báo cáo' }).isVisible(), false, 'no toolbar on paper');
    await printing.screenshot({ path: `${SHOTS}40-print-media-leader-print.png`, fullPage: true });
    const pdf = await printing.pdf({ path: `${SHOTS}40-print-report.pdf`, preferCSSPageSize: true });
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    assert.ok(boxes.length >= 1, 'the PDF has pages');
    for (const [, width, height] of boxes) assert.deepEqual([Math.round(width), Math.round(height)], [595, 842]);
    await printing.context().close();
  });

  it('load with no request leaving the server: the SPA and the API documentation work air-gapped', async () => {
    // A provincial intranet has no internet: every request to another origin is refused and recorded.
    const context = await browser.newContext({ baseURL: server.baseURL, viewport: DESKTOP, locale: 'vi-VN' });
    const own = new URL(server.baseURL).origin;
    const outside = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === own) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.goto('/api/v1/docs');
    // Swagger UI (its script and style served by the server) drew the contract: its title and the first
    // operations (it draws the rest as the page scrolls).
    await page.locator('.swagger-ui .info .title', { hasText: 'Ba Nhất API' }).waitFor({ timeout: 20_000 });
    await page.locator('.swagger-ui .opblock', { hasText: '/api/v1/scores/{period}' }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}41-api-docs-offline.png` });
    await context.close();
    assert.deepEqual(outside, [], 'no request left the server');
  });
});

describe('the scheme editor', () => {
  it('drafts a version, retires an indicator after its confirmation, and the preview lists the change', async () => {
    const page = await newPage(browser, server.baseURL, DESKTOP, { bypassCSP: true });
    await signIn(page, 'reviewer');
    await page.goto('/admin/schemes');
    await page.getByLabel('Mã phiên bản mới').fill('2027.5');
    await page.getByRole('button', { name: 'Tạo bản dự thảo từ phiên bản đang áp dụng' }).click();
    await page.getByText('Sửa bản dự thảo 2027.5').waitFor();

    await page.getByRole('button', { name: 'Bỏ chỉ tiêu GD-09' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Các kỳ đang chấm theo phiên bản khác, kể cả các kỳ đã khóa, giữ nguyên chỉ tiêu này.').waitFor();
    await dialog.getByRole('button', { name: 'Bỏ chỉ tiêu', exact: true }).click();
    await page.getByRole('list', { name: 'Thay đổi chưa lưu' }).getByText(/^Bỏ chỉ tiêu GD-09 – /).waitFor();
    await page.getByRole('button', { name: 'Lưu bản dự thảo' }).click();
    await page.getByText('Đã lưu bản dự thảo 2027.5.').waitFor();

    const changes = page.getByRole('list', { name: 'Thay đổi so với phiên bản 2027.1' });
    assert.deepEqual((await changes.getByRole('listitem').allTextContents()).map((line) => line.split(' – ')[0]), ['Bỏ chỉ tiêu GD-09']);
    await page.getByLabel('Kỳ xem trước').click();
    await page.getByTitle('Sơ kết 06 tháng đầu năm 2026').last().click();
    await page.getByText(/^\d+ trên \d+ đơn vị đổi xếp loại, \d+ đơn vị đổi thứ hạng so với phiên bản 2026\.1\.$/).waitFor({ timeout: 30_000 });
    await checkPage(page, '42-desktop-reviewer-scheme-draft', { axe: true });
    await page.context().close();

    // The editor with its draft open fits a phone too (the page check above ran before any draft).
    const phone = await newPage(browser, server.baseURL, PHONE);
    await signIn(phone, 'reviewer');
    await phone.goto('/admin/schemes');
    await phone.getByText('Sửa bản dự thảo 2027.5').waitFor();
    await phone.getByText('Thêm chỉ tiêu', { exact: true }).click();
    await phone.getByText('Chỉ tiêu mới', { exact: true }).click();
    await checkPage(phone, '42-phone-reviewer-scheme-draft', { axe: false });
    await phone.context().close();
  });
});
