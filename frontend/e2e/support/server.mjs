// Starts the real backend for a browser test: a fresh SQLite database in a temporary directory,
// migrated and demo-seeded, serving the production build of the SPA on a free port.
//
// startServer({ now }) puts the server on a given date: BANHAT_NOW (an ISO 8601 instant, or a date meaning
// its noon in Vietnam) reaches the seed and the server, whose clock starts there and advances in real time.
import { execFile, spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
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

async function waitUntilUp(baseURL, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running()) throw new Error('server exited');
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

/** Runs `banhat ARGS` with `env`: forked by the run's fork server when there is one, else `uv run banhat`. */
async function banhat(env, ...args) {
  if (process.env.BANHAT_E2E_FORKS) {
    const dir = mkdtempSync(join(tmpdir(), 'banhat-command-'));
    const log = join(dir, 'stderr.log');
    try {
      writeFileSync(log, '');
      const { status } = await askForkServer(process.env.BANHAT_E2E_FORKS, { command: args, env, log });
      if (status !== 0) throw new Error(`banhat ${args.join(' ')} failed (exit ${status}): ${readFileSync(log, 'utf8').slice(-1500)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    await run('uv', ['run', '--quiet', 'banhat', ...args], { cwd: REPO, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    // The message has stderr when the command ran, and says why when it could not start (no uv on PATH).
    throw new Error(`banhat ${args.join(' ')} failed: ${error.message.slice(-1500)}`);
  }
}

/**
 * Starts the fork server (tests/e2e_forks.py) that this process and the test files it starts (they inherit
 * `BANHAT_E2E_FORKS`) ask for their servers and `banhat` commands: each `uv run banhat` imported the backend
 * anew, ~3 s of CPU for a server and ~2 s for a seed. `stop()` ends it, and it stops the servers left.
 */
export async function startForkServer() {
  const scratch = mkdtempSync(join(tmpdir(), 'banhat-e2e-forks-'));
  const socketPath = join(scratch, 'forks.sock');
  const forks = spawn('uv', ['run', '--frozen', '--quiet', 'python', '-m', 'tests.e2e_forks', socketPath], {
    cwd: REPO,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => forks.once('exit', resolve)).then(() => rmSync(scratch, { recursive: true, force: true }));
  while (!existsSync(socketPath)) {
    if (forks.exitCode !== null) throw new Error(`tests.e2e_forks exited with ${forks.exitCode}`);
    await sleep(50);
  }
  process.env.BANHAT_E2E_FORKS = socketPath;
  return {
    async stop() {
      forks.stdin.end();
      await exited;
    },
  };
}

// Migrating and seeding cost ~8 s of CPU a server, and most test files start theirs on a date another file
// uses too (support/dates.mjs). So a seeded database is made once per date and copied for every server on
// that date. The copies live in node_modules/.cache (like other tools' caches), named after a hash of
// everything that shapes them (the backend's code, the catalog, the migrations, the locked dependencies)
// and of the date: the test files of a run share them, a later run reuses them until the code changes.
const CACHE = join(FRONTEND, 'node_modules', '.cache', 'banhat-e2e');
const SHAPING = ['alembic.ini', 'pyproject.toml', 'uv.lock', 'api', 'migrations'];

let codeHash;
function backendHash() {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  for (const entry of SHAPING) {
    const path = join(REPO, entry);
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true }).map((f) => join(path, f)).filter((f) => !f.includes('__pycache__') && statSync(f).isFile())
      : [path];
    for (const file of files.sort()) hash.update(file.slice(REPO.length)).update(readFileSync(file));
  }
  codeHash = hash.digest('hex').slice(0, 16);
  return codeHash;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while the process that took a lock still runs (a killed test run leaves its lock behind). */
function holderAlive(lock) {
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `file` with `make(tmpFile)` once, whichever test file of the run asks first: the others wait for it
 * (the lock is a file created exclusively, holding the maker's pid).
 */
async function onceAcrossProcesses(file, make) {
  mkdirSync(CACHE, { recursive: true });
  const lock = `${file}.lock`;
  while (!existsSync(file)) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      if (!holderAlive(lock)) rmSync(lock, { force: true });
      await sleep(200);
      continue;
    }
    const dir = mkdtempSync(join(CACHE, 'making-'));
    try {
      const made = join(dir, 'banhat.sqlite3');
      await make(made, dir);
      renameSync(made, file); // atomic: a waiting test file sees the whole database or none
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(lock, { force: true });
    }
  }
  return file;
}

/** The settings of a `banhat` command on a database; its evidence folder beside it. */
function commandEnv(database, dir, now) {
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${database}`,
    BANHAT_EVIDENCE_DIR: join(dir, 'evidence'),
    // No pool of recompute processes (about 250 MB each) whatever the developer's environment says.
    BANHAT_RECOMPUTE_PROCESSES: '0',
    // A test's API callers (support/api.mjs) sit idle while its browser works, for minutes at times, and
    // Playwright's request context does not retry a request the server reset by closing the idle
    // connection at that instant (an ECONNRESET seen in two runs): connections outlive the server.
    BANHAT_KEEP_ALIVE_SECONDS: '3600',
  };
  if (now) env.BANHAT_NOW = now;
  else delete env.BANHAT_NOW;
  return env;
}

/** The migrated, empty schema: it does not depend on the date, so every date's seed starts from a copy. */
const migratedSchema = () =>
  onceAcrossProcesses(join(CACHE, `schema-${backendHash()}.sqlite3`), (database, dir) =>
    banhat(commandEnv(database, dir), 'migrate'));

/** The seeded demo database of a date (a BANHAT_NOW instant, or the real clock's day in Vietnam). */
async function seededDatabase(now) {
  const schema = await migratedSchema();
  const day = now ?? `today-${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}`;
  const key = createHash('sha256').update(backendHash()).update(day).digest('hex').slice(0, 16);
  return onceAcrossProcesses(join(CACHE, `demo-${key}.sqlite3`), async (database, dir) => {
    copyFileSync(schema, database);
    await banhat(commandEnv(database, dir, now), 'seed', '--demo');
  });
}

/**
 * Seeds the databases of `dates` (BANHAT_NOW values; undefined for the real clock) one after another, ahead
 * of the test files that start servers on them (e2e/prepare.mjs).
 */
export async function prepareSeeds(dates) {
  for (const now of dates) await seededDatabase(now ? instant(now) : undefined);
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

/** `banhat serve` in a process of its own (a group, for stopping what it started too), its stderr kept. */
function spawnServer(env, port) {
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
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    running,
    log: () => log,
    async stop() {
      if (running()) {
        process.kill(-child.pid, 'SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
  };
}

/** The fork server's answer to `request` (tests/e2e_forks.py): a server's pid, or a command's exit status. */
function askForkServer(socketPath, request) {
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = connect(socketPath)
      .setEncoding('utf8')
      .on('data', (chunk) => (reply += chunk))
      .on('error', reject)
      .on('end', () => {
        try {
          resolve(JSON.parse(reply));
        } catch {
          const asked = request.command ? `banhat ${request.command.join(' ')}` : `a server on port ${request.port}`;
          reject(new Error(`the fork server did not answer ${asked} (reply: ${JSON.stringify(reply)})`));
        }
      });
    socket.end(`${JSON.stringify(request)}\n`);
  });
}

/**
 * `banhat serve` forked from the fork server, which imported the backend once: a process of its own all the
 * same (its session, environment, database and port), its stderr in a file of the server's directory.
 */
async function forkServer(env, port, dir) {
  const logFile = join(dir, 'server.log');
  writeFileSync(logFile, '');
  const { pid } = await askForkServer(process.env.BANHAT_E2E_FORKS, { port, env, log: logFile });
  // The fork server reaps its children at once, so a pid that ended is soon gone (ESRCH).
  const running = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error.code !== 'ESRCH';
    }
  };
  return {
    running,
    log: () => readFileSync(logFile, 'utf8').slice(-20_000),
    async stop() {
      const deadline = Date.now() + 10_000;
      if (running()) process.kill(-pid, 'SIGTERM'); // a group leader (setsid), like a spawned server
      while (running()) {
        if (Date.now() > deadline) process.kill(-pid, 'SIGKILL');
        await sleep(50);
      }
    },
  };
}

export async function startServer({ now } = {}) {
  const dist = join(FRONTEND, 'dist');
  ensureBuild(dist);
  const seeded = await seededDatabase(now && instant(now));
  const dir = mkdtempSync(join(tmpdir(), 'banhat-e2e-'));
  const database = join(dir, 'banhat.sqlite3');
  const env = { ...commandEnv(database, dir, now && instant(now)), BANHAT_FRONTEND_DIST: dist };
  copyFileSync(seeded, database);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = process.env.BANHAT_E2E_FORKS ? await forkServer(env, port, dir) : spawnServer(env, port);
  try {
    await waitUntilUp(baseURL, server);
  } catch (error) {
    await server.stop();
    const message = `${error.message}\n${server.log()}`; // before the log goes with the directory
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  }
  return {
    baseURL,
    log: server.log,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
