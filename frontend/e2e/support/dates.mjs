// The dates where a calendar trips, at which the reporting workflow must pass (the server's clock set by
// BANHAT_NOW). One server per date: workflow.test.mjs runs the whole workflow through the pages at one of
// them, awards.test.mjs the awards at another, and calendar.test.mjs the workflow's steps over the API, and
// the reporter's deadlines in Chromium, at each of the others. Each date costs a seed (~6 s of CPU, made once
// per run and shared by the servers on that date: support/server.mjs).
export const CALENDAR_DATES = [
  '2026-12-05', // December: every period of the plan's first year is past due (30/11), H1 long closed
  '2026-06-21', // the day after the first half-year's due date (20/06)
  '2026-11-30T23:59:00+07:00', // the last minute of the annual due date, in Vietnam
  '2027-01-01T00:00:00+07:00', // the first minute of a new year in Vietnam (still 31/12 in UTC)
  '2030-12-31', // the last day of the plan
  '2031-06-01', // after the plan: no period of the plan takes reports any more
];

/**
 * The dates of the page-by-page tests (fixed dates also keep their screenshots comparable run to run);
 * BANHAT_E2E_WORKFLOW_DATE and BANHAT_E2E_AWARDS_DATE override them, empty for the real clock.
 */
export const WORKFLOW_DATE = process.env.BANHAT_E2E_WORKFLOW_DATE ?? '2026-06-21';
// The plan's last day: annual results are awarded at the year's end, every year of the plan behind.
export const AWARDS_DATE = process.env.BANHAT_E2E_AWARDS_DATE ?? '2030-12-31';

/** BANHAT_E2E_DATES=2027-01-01,2031-06-01 runs the API path on those dates instead (all of them). */
export const API_PATH_DATES =
  process.env.BANHAT_E2E_DATES?.split(',').map((d) => d.trim()).filter(Boolean) ??
  CALENDAR_DATES.filter((date) => date !== WORKFLOW_DATE && date !== AWARDS_DATE);
