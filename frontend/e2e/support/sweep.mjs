// The page sweep: every main page of four roles at one viewport, each page rendering its data, fitting the
// viewport, with one h1 and (the pages marked 'axe') no serious or critical axe-core violation. The desktop
// and the phone sweeps are two test files (pages.test.mjs, pages-phone.test.mjs) so that they run at once.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { startServer } from './server.mjs';
import { DESKTOP, launchBrowser, newPage, PHONE, signIn } from './browser.mjs';
import { checkPage, SHOTS } from './pages.mjs';
import { Api, createPeriod, report, saveValues, serverClock } from './api.mjs';
import { WORKFLOW_DATE } from './dates.mjs';

export const UNIT = 'CAX-001'; // the demo reporter baocao.cax belongs to it
export const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };
// Sessions checked at once: a tab renders while the others wait on the server (PAGE_TABS to compare).
const TABS = Number(process.env.PAGE_TABS ?? 4);

/**
 * A server on the workflow's date and a browser, started together before the file's tests and stopped after
 * them: `started.server` and `started.browser` once the tests run.
 */
export function startedForTheFile() {
  const started = {};
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Each kept as it comes, so that `after` stops whichever started when the other failed.
    await Promise.all([
      startServer({ now: WORKFLOW_DATE }).then((server) => (started.server = server)),
      launchBrowser().then((browser) => (started.browser = browser)),
    ]);
  });
  after(async () => {
    await started.browser?.close();
    await started.server?.stop();
  });
  return started;
}

/** A period with the unit's report approved (scored) and one still empty (draft), opened today. */
export async function sweepPeriods(baseURL) {
  const [admin, reporter, reviewer] = await Promise.all(
    ['admin', 'baocao.cax', 'reviewer'].map((user) => Api.login(baseURL, user)),
  );
  const { today } = await serverClock(admin);
  const scored = await createPeriod(admin, today);
  await saveValues(reporter, scored.code, UNIT);
  await report.submit(reporter, scored.code, UNIT);
  await report.approve(reviewer, scored.code, UNIT);
  const draft = await createPeriod(admin, today);
  await Promise.all([admin, reporter, reviewer].map((api) => api.dispose()));
  return { scored, draft };
}

/** Each role's main pages, with text that shows the page has its data; 'axe' marks the pages axe-core
 * checks (at both sizes: about a second each, so not every page). */
function mainPages({ scored, draft }) {
  return {
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
      // The printable A4 report of the unit (its screen view: pages.test.mjs checks the print itself).
      [`/in/${scored.code}/${UNIT}`, 'leader-print', 'THỦ TRƯỞNG ĐƠN VỊ', 'axe'],
    ],
    admin: [
      ['/admin/units', 'admin-units', 'Công an phường Phố Hiến'],
      ['/admin/users', 'admin-users', 'baocao.cax', 'axe'],
      ['/admin/periods', 'admin-periods', scored.name],
      ['/admin/award-settings', 'admin-award-settings', 'Đường dây nóng', 'axe'],
      ['/audit', 'admin-audit'],
      ['/tokens', 'admin-tokens', 'Chưa có mã truy cập', 'axe'],
      ['/webhooks', 'admin-webhooks', undefined, 'axe'],
    ],
  };
}

/**
 * Opens `path` the way a user moves between pages: the first page of a session is loaded from its address
 * (a deep link), the others inside the running SPA, as its menu does (history's pushState, then the popstate
 * event React Router follows). A reload per page had most of the sweep's CPU go to starting the SPA again.
 * The last page's headings are marked first, so that waiting for an unmarked one waits for the new page.
 */
async function visit(page, path, first) {
  if (first) return page.goto(path);
  await page.evaluate((to) => {
    for (const heading of document.querySelectorAll('h1')) heading.dataset.sweptBefore = '';
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Checks every main page at `viewportName` ('desktop' or 'phone'); returns the failures, one line each. */
export async function sweep(browser, baseURL, viewportName, periods) {
  const failures = [];
  const sessions = Object.entries(mainPages(periods)).map(([username, paths]) => async () => {
    const page = await newPage(browser, baseURL, VIEWPORTS[viewportName], { bypassCSP: true });
    await signIn(page, username);
    for (const [index, [path, name, loaded, axe]] of paths.entries()) {
      const shotName = `40-${viewportName}-${name}`;
      try {
        await visit(page, path, index === 0);
        await page.locator('h1:not([data-swept-before])').first().waitFor({ timeout: 10_000 });
        if (loaded) await page.getByText(loaded).first().waitFor({ timeout: 10_000 });
        await checkPage(page, shotName, { axe: axe === 'axe' });
      } catch (error) {
        failures.push(`${shotName}: ${error.message.split('\n')[0]}`);
        await page.screenshot({ path: `${SHOTS}${shotName}-failed.png`, fullPage: true }).catch(() => {});
      }
    }
    await page.context().close();
  });
  for (let next = 0; next < sessions.length; next += TABS) {
    await Promise.all(sessions.slice(next, next + TABS).map((session) => session()));
  }
  return failures;
}
