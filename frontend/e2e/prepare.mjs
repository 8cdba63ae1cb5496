// Seeds the demo database of every date the end-to-end files start servers on (support/dates.mjs, and the
// real clock's day for activation.test.mjs), so that `npm run e2e` finds them made. scripts/test runs it
// beside pytest, whose two workers leave part of a core idle (waiting on servers, PostgreSQL and timers),
// instead of at the start of the end-to-end run, whose files all wait for their first seed at once.
import { prepareSeeds, startForkServer } from './support/server.mjs';
import { AWARDS_DATE, CALENDAR_DATES, WORKFLOW_DATE } from './support/dates.mjs';

const forks = await startForkServer(); // one import of the backend for every seed
try {
  await prepareSeeds([...new Set([WORKFLOW_DATE, AWARDS_DATE, ...CALENDAR_DATES, undefined])]);
} finally {
  await forks.stop();
}
