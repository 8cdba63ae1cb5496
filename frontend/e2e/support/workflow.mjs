// What the reporting-workflow files share (workflow.test.mjs and workflow-lists.test.mjs, two files so that
// they run at once): a server on the workflow's date, an administrator over the API who makes the periods,
// and a reporter's and a reviewer's pages signed in through the login form.
import { startServer, DEMO_PASSWORD } from './server.mjs';
import { launchBrowser, login, newPage } from './browser.mjs';
import { Api, createPeriod, serverClock } from './api.mjs';
import { WORKFLOW_DATE } from './dates.mjs';

export const UNIT = 'CAX-001'; // the demo reporter baocao.cax belongs to it
export const OTHER_UNIT = 'CAX-002';

/** Everything a workflow test works with; `close` ends what started, even when a later step failed. */
export async function openSessions() {
  const sessions = {
    async close() {
      await this.admin?.dispose();
      await this.browser?.close();
      await this.server?.stop();
    },
  };
  try {
    sessions.server = await startServer({ now: WORKFLOW_DATE });
    sessions.browser = await launchBrowser();
    sessions.admin = await Api.login(sessions.server.baseURL, 'admin');
    sessions.reporter = await newPage(sessions.browser, sessions.server.baseURL);
    sessions.reviewer = await newPage(sessions.browser, sessions.server.baseURL);
    await login(sessions.reporter, 'baocao.cax', DEMO_PASSWORD);
    await login(sessions.reviewer, 'reviewer', DEMO_PASSWORD);
  } catch (error) {
    await sessions.close();
    throw error;
  }
  return sessions;
}

/** A new period accepting reports today on the server's clock (or past due, locked: see createPeriod). */
export async function periodToday(admin, situation = 'open') {
  const { today } = await serverClock(admin);
  return createPeriod(admin, today, { situation });
}
