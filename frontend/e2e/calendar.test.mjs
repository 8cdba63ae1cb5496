// The core reporting workflow on the dates where a calendar trips (support/dates.mjs): one server per date
// (BANHAT_NOW reaches the seed and the server), the workflow's steps over the API (workflow.test.mjs goes
// through the pages, on one of the dates), and the reporter's home page in Chromium, whose own clock stays
// the machine's: the SPA must count days from the server's clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, instant, startServer } from './support/server.mjs';
import { launchBrowser, newPage } from './support/browser.mjs';
import { Api, createPeriod, report, saveValues, serverClock } from './support/api.mjs';
import { API_PATH_DATES } from './support/dates.mjs';

const UNIT = 'CAX-001'; // the demo reporter baocao.cax belongs to it
const FAILED_VETO = 'KL-09';
const RETURN_REASON = 'Chỉ tiêu KL-09 cần kèm biên bản kiểm kê vũ khí.';
const DAY = 86_400_000;

/** The date in Vietnam (UTC+7 all year) of an instant. */
const vietnamDate = (at) => new Date(Date.parse(at) + 7 * 3_600_000).toISOString().slice(0, 10);
const daysBetween = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

async function rankingOf(api, period) {
  // A single save is scored in its own transaction; the flag only covers large imports, so this is brief.
  for (let attempt = 0; ; attempt += 1) {
    const ranking = await api.get(`/api/v1/scores/${period}?group=CAX`);
    if (!ranking.scores_pending || attempt === 20) return ranking;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function unitStatus(api, period) {
  const status = await api.get(`/api/v1/periods/${period}/reporting-status?group=CAX`);
  return status.units.find((u) => u.unit === UNIT);
}

let browser;
const browserReady = () => (browser ??= launchBrowser());

after(async () => {
  await (await browser)?.close();
});

// Two dates at a time: a date's tests mostly wait on its server and the browser, and the file would
// otherwise be the last of `npm run e2e` to finish (e2e/run.mjs).
describe('the reporting workflow on any date', { concurrency: 2 }, () => {
  for (const date of API_PATH_DATES) {
    describe(`on ${date}`, () => {
      let server;
      let admin;
      let reporter;
      let reviewer;

      before(async () => {
        server = await startServer({ now: date });
        [admin, reporter, reviewer] = await Promise.all(
          ['admin', 'baocao.cax', 'reviewer'].map((user) => Api.login(server.baseURL, user)),
        );
      });

      after(async () => {
        await Promise.all([admin, reporter, reviewer].map((api) => api?.dispose()));
        await server?.stop();
      });

      it('runs the server on that date, in Vietnam time', async () => {
        const clock = await serverClock(reporter);
        assert.equal(clock.timezone, 'Asia/Ho_Chi_Minh');
        assert.equal(clock.today, vietnamDate(instant(date)), `the server's today (${clock.now})`);
        assert.equal(vietnamDate(clock.now), clock.today);
        const drift = Date.parse(clock.now) - Date.parse(instant(date));
        assert.ok(drift >= 0 && drift < 120_000, `the clock started at BANHAT_NOW and runs on (${drift} ms)`);
      });

      it('fills, submits, returns, resubmits and approves a report, and the ranking follows', async () => {
        const { today } = await serverClock(reporter);
        const { code } = await createPeriod(admin, today, { situation: 'open' });
        assert.equal((await unitStatus(reviewer, code)).timeliness, 'not_yet_due');

        await saveValues(reporter, code, UNIT, { [FAILED_VETO]: { count: 1 } });
        assert.equal((await report.submit(reporter, code, UNIT)).status, 'submitted');
        let row = (await rankingOf(reviewer, code)).items.find((item) => item.unit.code === UNIT);
        assert.equal(row.tier, 'HOAN_THANH', 'the failed veto caps the tier');
        assert.deepEqual(row.veto_failed, [FAILED_VETO]);
        assert.equal(row.submission_status, 'submitted');

        assert.equal((await report.return(reviewer, code, UNIT, RETURN_REASON)).status, 'returned');
        await saveValues(reporter, code, UNIT);
        assert.equal((await report.submit(reporter, code, UNIT)).status, 'submitted');
        assert.equal((await report.approve(reviewer, code, UNIT)).status, 'approved');

        row = (await rankingOf(reviewer, code)).items.find((item) => item.unit.code === UNIT);
        assert.equal(row.tier, 'XUAT_SAC');
        assert.equal(Number(row.total), 100, 'submitted before the due date: no deduction');
        assert.equal(row.rank, 1, 'the only approved report of the group ranks first');
        assert.equal(row.submission_status, 'approved');
        const status = await unitStatus(reviewer, code);
        assert.equal(status.timeliness, 'on_time');
        assert.equal(vietnamDate(status.first_submitted_at), today, 'first submitted today, on the server clock');
      });

      it('counts a report after the due date as late, and keeps a locked period closed', async () => {
        const { today } = await serverClock(reporter);
        const late = await createPeriod(admin, today, { situation: 'late' });
        assert.equal((await unitStatus(reviewer, late.code)).timeliness, 'missing');
        await saveValues(reporter, late.code, UNIT);
        await report.submit(reporter, late.code, UNIT);
        const status = await unitStatus(reviewer, late.code);
        assert.equal(status.timeliness, 'late');
        assert.equal(status.days_late, daysBetween(late.due, today));

        const locked = await createPeriod(admin, today, { situation: 'locked' });
        assert.equal(locked.status, 'locked');
        const current = await reporter.fetch('GET', `/api/v1/submissions/${locked.code}/${UNIT}`);
        const refused = await reporter.status('PUT', `/api/v1/submissions/${locked.code}/${UNIT}/values`, { values: [] }, {
          'If-Match': current.headers().etag,
        });
        assert.equal(refused, 409, 'a locked period takes no values');
      });

      it("shows the reporter's deadlines counted from the server's clock, not the browser's", async () => {
        const { today } = await serverClock(reporter);
        const made = [];
        for (const situation of ['open', 'late', 'locked', 'future']) made.push(await createPeriod(admin, today, { situation }));
        made.push(await createPeriod(admin, today, { situation: 'open', due: today, name: 'Kỳ thử nghiệm hạn nộp hôm nay' }));
        const periods = (await reporter.get('/api/v1/periods')).filter((p) => p.spans.length === 0);
        const submitted = new Map(
          (await reporter.get(`/api/v1/submissions?unit=${UNIT}`))
            .filter((s) => s.first_submitted_at)
            .map((s) => [s.period, s]),
        );

        const page = await newPage(await browserReady(), server.baseURL);
        try {
          await Api.of(page).post('/api/v1/auth/login', { username: 'baocao.cax', password: DEMO_PASSWORD });
          await page.goto('/');
          await page.locator(`[data-period="${made[0].code}"]`).waitFor();
          for (const period of periods) {
            const item = page.locator(`[data-period="${period.code}"]`);
            if (period.start > today) {
              assert.equal(await item.count(), 0, `${period.code} has not begun on ${today}: not listed`);
              continue;
            }
            const text = await item.innerText();
            const days = daysBetween(today, period.due);
            const expected = submitted.has(period.code)
              ? /Nộp lần đầu/
              : days < 0
                ? new RegExp(`Quá hạn ${-days} ngày`)
                : days === 0
                  ? /Hạn nộp hôm nay/
                  : new RegExp(`Còn ${days} ngày`);
            assert.match(text, expected, `${period.code} (due ${period.due}) on ${today}`);
            if (period.status === 'locked') assert.match(text, /\(đã khóa\)/);
          }
          assert.ok(periods.some((p) => p.due === today && p.start <= today), 'a period due today is listed');
        } finally {
          await page.context().close();
        }
      });
    });
  }
});
