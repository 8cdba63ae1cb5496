// Every main page of every role at a desktop size (support/sweep.mjs; pages-phone.test.mjs sweeps them on a
// phone at the same time), in Chromium against the real server and a fresh demo database; the printable
// report on paper; and every page working with no request leaving the server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, newPage, signIn } from './support/browser.mjs';
import { SHOTS } from './support/pages.mjs';
import { startedForTheFile, sweep, sweepPeriods, UNIT } from './support/sweep.mjs';

const started = startedForTheFile();

describe('every main page', () => {
  it('fits a desktop, readable and accessible, and prints on A4', async () => {
    const { scored, draft } = await sweepPeriods(started.server.baseURL);
    const failures = await sweep(started.browser, started.server.baseURL, 'desktop', { scored, draft });
    assert.equal(failures.length, 0, failures.join('\n'));

    // The printable report on paper: print media hides the app's header and menu, and Chromium's PDF of it
    // has A4 pages (595 x 842 pt) from the page's own @page rule.
    const printing = await newPage(started.browser, started.server.baseURL, DESKTOP);
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
    const context = await started.browser.newContext({ baseURL: started.server.baseURL, viewport: DESKTOP, locale: 'vi-VN' });
    const own = new URL(started.server.baseURL).origin;
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
    // operations (it draws the rest as the page scrolls). It parses the whole contract first: more than 20 s
    // once, with three other files' browsers and servers on the same two cores.
    await page.locator('.swagger-ui .info .title', { hasText: 'Ba Nhất API' }).waitFor({ timeout: 60_000 });
    await page.locator('.swagger-ui .opblock', { hasText: '/api/v1/scores/{period}' }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}41-api-docs-offline.png` });
    await context.close();
    assert.deepEqual(outside, [], 'no request left the server');
  });
});

