import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The repository root (this file lives in e2e/support). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the suite writes server logs and failure screenshots (ignored by git). */
export const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');

const SERVER_ENTRY = join(ROOT, 'server', 'dist', 'main.js');
const WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html');
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** One row of DATA_DIR/demo-logins.txt. */
export type DemoLogin = {
  role: string;
  username: string;
  password: string;
  /** Base32 TOTP secret, or null for accounts that sign in with a password only. */
  totpSecret: string | null;
  unit: string;
};

export type RunningServer = {
  baseUrl: string;
  /** 'pglite' (embedded, in dataDir) or 'postgres' (a fresh database on DATABASE_URL's server). */
  database: 'pglite' | 'postgres';
  dataDir: string;
  /** A scratch folder for the run, removed on stop. */
  workDir: string;
  logFile: string;
  logins: Record<string, DemoLogin>;
  stop(): Promise<void>;
};

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Parses the demo logins table: columns separated by two or more spaces, a header and a dashed rule first. */
export function parseDemoLogins(text: string): Record<string, DemoLogin> {
  const out: Record<string, DemoLogin> = {};
  const lines = text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean);
  for (const line of lines.slice(2)) {
    // The table ends at the first line that is not a row (the demo tip's receipt follows it).
    if (!/ {2,}/.test(line)) break;
    const [role, username, password, secret, ...unit] = line.split(/ {2,}/);
    if (!role || !username || !password || !secret) throw new Error(`Unexpected line in demo-logins.txt: ${line}`);
    out[username] = { role, username, password, totpSecret: secret === '—' ? null : secret, unit: unit.join('  ') };
  }
  if (Object.keys(out).length === 0) throw new Error('demo-logins.txt lists no accounts');
  return out;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates an empty database on the server named by `adminUrl` (a maintenance database such as `postgres`). */
async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `binh_an_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was ready. Log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `The server did not answer /api/health within ${START_TIMEOUT_MS / 1000} s (${lastProblem}). Log ${logFile}:\n${tail(logFile)}`,
  );
}

/**
 * Starts the built server (`node server/dist/main.js`) on a free loopback port with a fresh data folder and the demo
 * ward. With DATABASE_URL set, the server gets a database of its own, created here on that server and dropped on stop;
 * otherwise it uses the embedded PGlite in the data folder.
 */
export async function startServer(opts: { name?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY) || !existsSync(WEB_INDEX)) {
    throw new Error('The app is not built (server/dist/main.js or web/dist/index.html is missing): run `npm run build` first.');
  }
  const adminUrl = process.env.DATABASE_URL || undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'binh-an-e2e-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const database = adminUrl ? 'postgres' : 'pglite';
  const logFile = join(RESULTS_DIR, `server-${opts.name ?? 'main'}-${database}.log`);

  let db: Awaited<ReturnType<typeof createDatabase>> | undefined;
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (db) await db.drop();
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    if (adminUrl) db = await createDatabase(adminUrl);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: '1',
      LOG_LEVEL: 'warn',
      // No map tiles: nothing leaves the machine during the journeys.
      MAP_TILE_URL: '',
      ...opts.env,
    };
    delete env.SECRET_KEY;
    if (db) env.DATABASE_URL = db.url;
    else delete env.DATABASE_URL;

    const log = createWriteStream(logFile);
    child = spawn(process.execPath, [SERVER_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    await waitForHealth(baseUrl, child, logFile);

    const loginsFile = join(dataDir, 'demo-logins.txt');
    if (!existsSync(loginsFile)) throw new Error(`The server did not write ${loginsFile}; was the demo loaded? Log:\n${tail(logFile)}`);
    const logins = parseDemoLogins(readFileSync(loginsFile, 'utf8'));

    let stopped: Promise<void> | undefined;
    return {
      baseUrl,
      database,
      dataDir,
      workDir,
      logFile,
      logins,
      stop: () => {
        stopped ??= cleanup();
        return stopped;
      },
    };
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}
