// Runs every end-to-end file (e2e/*.test.mjs), four at a time, the longest first: `node --test e2e/` starts
// them in name order, which left the two longest to start last and finish a minute after the others.
// The order below is from `npm run e2e` on the 2-core machine (docs/testing.md); a file not named runs after
// them, in name order.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

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
// (tests/e2e_forks.py, support/server.mjs): each `uv run banhat serve` cost ~3 s of CPU to start. It stops
// the servers still running and exits when its stdin closes.
const scratch = mkdtempSync(join(tmpdir(), 'banhat-e2e-forks-'));
const socketPath = join(scratch, 'forks.sock');
const forks = spawn('uv', ['run', '--frozen', '--quiet', 'python', '-m', 'tests.e2e_forks', socketPath], {
  cwd: join(dir, '..', '..'),
  stdio: ['pipe', 'inherit', 'inherit'],
});
forks.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
while (!existsSync(socketPath)) {
  if (forks.exitCode !== null) throw new Error(`tests.e2e_forks exited with ${forks.exitCode}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.env.BANHAT_E2E_FORKS = socketPath; // the test files' processes inherit it

run({ files, concurrency: CONCURRENCY })
  .on('test:fail', () => {
    process.exitCode = 1;
  })
  .on('end', () => forks.stdin.end())
  .compose(spec)
  .pipe(process.stdout);
