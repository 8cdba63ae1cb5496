// Starts the real backend for a browser test: a fresh SQLite database in a temporary directory,
// migrated and demo-seeded, serving the production build of the SPA on a free port.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND = fileURLToPath(new URL('../../', import.meta.url));
const REPO = join(FRONTEND, '..');
export const DEMO_PASSWORD = process.env.BANHAT_DEMO_PASSWORD ?? 'BaNhat@2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(baseURL, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseURL}/api/v1/auth/me`);
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer at ${baseURL}`);
}

export async function startServer() {
  const dist = join(FRONTEND, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: FRONTEND, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'banhat-e2e-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${join(dir, 'banhat.sqlite3')}`,
    BANHAT_EVIDENCE_DIR: join(dir, 'evidence'),
    BANHAT_FRONTEND_DIST: dist,
  };
  const run = (...args) => {
    try {
      execFileSync('uv', ['run', '--quiet', 'banhat', ...args], { cwd: REPO, env, stdio: 'pipe' });
    } catch (error) {
      throw new Error(`banhat ${args.join(' ')} failed:\n${String(error.stderr).slice(-1500)}`);
    }
  };
  try {
    run('migrate');
    run('seed', '--demo');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn('uv', ['run', '--quiet', 'banhat', 'serve', '--port', String(port)], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-20_000);
  });
  try {
    await waitUntilUp(baseURL, child);
  } catch (error) {
    process.kill(-child.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${error.message}\n${log}`);
  }
  return {
    baseURL,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
