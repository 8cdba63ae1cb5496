// Runs every end-to-end file (e2e/*.test.mjs), four at a time, the longest first: `node --test e2e/` starts
// them in name order, which left the two longest to start last and finish a minute after the others.
// The order below is from `npm run e2e` on the 2-core machine (docs/testing.md); a file not named runs after
// them, in name order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { startForkServer } from './support/server.mjs';

const LONGEST_FIRST = ['pages', 'workflow', 'calendar', 'awards', 'pages-phone', 'workflow-lists', 'finance'];
const CONCURRENCY = 4; // eight at once gained nothing over four (docs/testing.md)

const dir = fileURLToPath(new URL('.', import.meta.url));
const rank = (file) => {
  const at = LONGEST_FIRST.indexOf(file.replace('.test.mjs', ''));
  return at === -1 ? LONGEST_FIRST.length : at;
};
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.test.mjs'))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .map((file) => join(dir, file));

// The test files' servers are forked from one Python process that has imported the backend once
// (support/server.mjs, `startForkServer`).
const forks = await startForkServer();

run({ files, concurrency: CONCURRENCY })
  .on('test:fail', () => {
    process.exitCode = 1;
  })
  .on('end', () => forks.stop())
  .compose(spec)
  .pipe(process.stdout);
