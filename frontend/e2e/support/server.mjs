// Starts the real backend for a browser test: a fresh SQLite database in a temporary directory,
// migrated and demo-seeded, serving the production build of the SPA on a free port.
//
// startServer({ now }) puts the server on a given date: BANHAT_NOW (an ISO 8601 instant, or a date meaning
// its noon in Vietnam) reaches the seed and the server, whose clock starts there and advances in real time.
import { execFile, spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const FRONTEND = fileURLToPath(new URL('../../', import.meta.url));
const REPO = join(FRONTEND, '..');
export const DEMO_PASSWORD = process.env.BANHAT_DEMO_PASSWORD ?? 'BaNhat@2026';
const run = promisify(execFile);

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
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer at ${baseURL}`);
}

/** An instant for BANHAT_NOW: instants pass as they are, a bare date means noon that day in Vietnam. */
export function instant(now) {
  return /^\d{4}-\d{2}-\d{2}$/.test(now) ? `${now}T12:00:00+07:00` : now;
}

async function banhat(env, ...args) {
  try {
    await run('uv', ['run', '--quiet', 'banhat', ...args], { cwd: REPO, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    // The message has stderr when the command ran, and says why when it could not start (no uv on PATH).
    throw new Error(`banhat ${args.join(' ')} failed: ${error.message.slice(-1500)}`);
  }
}

// The migrated, empty schema does not depend on the date: migrated once and copied for every server. It is
// kept in node_modules/.cache (like other tools' caches) under a hash of the migrations, so the test files
// of a run, and later runs, share it; a changed migration makes a new one.
const CACHE = join(FRONTEND, 'node_modules', '.cache', 'banhat-e2e');

function migrationsHash() {
  const hash = createHash('sha256');
  const files = [join(REPO, 'alembic.ini'), ...readdirSync(join(REPO, 'migrations'), { recursive: true })
    .map((f) => join(REPO, 'migrations', f))
    .filter((f) => f.endsWith('.py') || f.endsWith('.mako'))
    .sort()];
  for (const file of files) hash.update(file.slice(REPO.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

let template;
function migratedTemplate() {
  template ??= (async () => {
    const file = join(CACHE, `schema-${migrationsHash()}.sqlite3`);
    if (existsSync(file)) return file;
    mkdirSync(CACHE, { recursive: true });
    const dir = mkdtempSync(join(CACHE, 'migrating-'));
    try {
      const fresh = join(dir, 'banhat.sqlite3');
      await banhat({ ...process.env, DATABASE_URL: `sqlite:///${fresh}`, BANHAT_EVIDENCE_DIR: join(dir, 'evidence') }, 'migrate');
      renameSync(fresh, file); // atomic: a concurrent test file sees the whole schema or none
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return file;
  })();
  return template;
}

/** Builds the SPA when there is no build, or when a source is newer than it (a stale build tests old code). */
function ensureBuild(dist) {
  const built = join(dist, 'index.html');
  const newest = () =>
    Math.max(
      ...['index.html', 'package-lock.json', 'vite.config.ts'].map((f) => statSync(join(FRONTEND, f)).mtimeMs),
      ...readdirSync(join(FRONTEND, 'src'), { recursive: true }).map((f) => statSync(join(FRONTEND, 'src', f)).mtimeMs),
    );
  if (!existsSync(built) || statSync(built).mtimeMs < newest()) {
    execFileSync('npm', ['run', 'build'], { cwd: FRONTEND, stdio: 'inherit' });
  }
}

export async function startServer({ now } = {}) {
  const dist = join(FRONTEND, 'dist');
  ensureBuild(dist);
  const schema = await migratedTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'banhat-e2e-'));
  const database = join(dir, 'banhat.sqlite3');
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${database}`,
    BANHAT_EVIDENCE_DIR: join(dir, 'evidence'),
    BANHAT_FRONTEND_DIST: dist,
    // No pool of recompute processes (about 250 MB each) whatever the developer's environment says.
    BANHAT_RECOMPUTE_PROCESSES: '0',
  };
  if (now) env.BANHAT_NOW = instant(now);
  else delete env.BANHAT_NOW;
  try {
    copyFileSync(schema, database);
    await banhat(env, 'seed', '--demo');
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
