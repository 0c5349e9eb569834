/**
 * Reliability drills: `npm run drill -- kill-server|kill-postgres [--kills N] [--writers W]`; `npm run drill -- cluster`
 * (drills/cluster.ts: two servers behind nginx, a streaming replica); `npm run drill -- scan` (drills/scan.ts: sqlmap and
 * wapiti against a seeded server).
 *
 * A throw-away PostgreSQL cluster and the server (as a child process, demo ward loaded) are started; W writers record
 * patrol rounds the way the phone syncs them (POST /api/v1/patrols/rounds with an Idempotency-Key, resent with the same
 * key and body until acknowledged); meanwhile the server (kill-server) or PostgreSQL's postmaster (kill-postgres) is
 * killed with SIGKILL N times and started again. At the end every acknowledged round must be in the database with the
 * id it was acknowledged with, no key may have made two rounds, every write ever attempted is acknowledged after the
 * last restart (the phone's outbox empties), and the audit chain verifies. Exit status 0 only then.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { bootstrap } from '../server/src/bootstrap.ts';
import { createApiToken } from '../server/src/modules/auth/index.ts';
import { findCredentialsByUsername } from '../server/src/modules/users/index.ts';
import { freePort, PgCluster } from '../server/src/ops/pg-cluster.ts';
import { verifyAuditChain } from '../server/src/platform/audit/audit.ts';
import { loadConfig } from '../server/src/platform/config.ts';
import { openPglite, openPostgres } from '../server/src/platform/db.ts';
import { NGINX, runCluster } from './cluster.ts';
import { runScan } from './scan.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = new URL('..', import.meta.url).pathname;
const SECRET_KEY = 'd1'.repeat(32);

type Write = { key: string; body: Record<string, unknown>; ackId: string | null; attempts: number };

export type DrillResult = {
  mode: string;
  kills: number;
  seconds: number;
  attempted: number;
  acknowledgedDuringKills: number;
  acknowledged: number;
  missing: number;
  wrongId: number;
  duplicates: number;
  auditOk: boolean;
  auditEntries: number;
  refusedWhileDown: number;
  ok: boolean;
};

export async function runDrill(
  mode: 'kill-server' | 'kill-postgres',
  kills: number,
  writers: number,
  engine: 'postgres' | 'pglite' = 'postgres',
  log = console.log,
): Promise<DrillResult> {
  const started = Date.now();
  if (mode === 'kill-postgres' && engine !== 'postgres') throw new Error('kill-postgres needs --engine postgres');
  const cluster = engine === 'postgres' ? await PgCluster.create() : null;
  let url: string | undefined;
  if (cluster) {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE drill');
    await admin.end();
    url = cluster.url.replace(/\/postgres$/, '/drill');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'binh-an-drill-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = { server: null as ChildProcess | null };

  const startServer = () => {
    proc.server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...(url ? { DATABASE_URL: url } : {}),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SECRET_KEY,
        DEMO: '1',
        LOG_LEVEL: 'error',
        RATE_LIMIT: '1000000',
        LOGIN_RATE_LIMIT: '1000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  };
  const healthy = async (timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200) return true;
      } catch {
        // not yet
      }
      await sleep(100);
    }
    return false;
  };

  try {
    // The database, the demo ward and a bearer token for the ward's police officer, made as the operator's commands do,
    // before the server starts (the embedded database admits one process at a time).
    const cfg = loadConfig({ DATA_DIR: dataDir, SECRET_KEY, DEMO: '1', ...(url ? { DATABASE_URL: url } : {}) });
    const setup = await bootstrap(cfg, () => undefined);
    const user = await findCredentialsByUsername(setup.database.db, 'canbo');
    if (!user) throw new Error('no demo account canbo');
    const token = (await createApiToken(setup, user.id, 'drill', null)).secret;
    await setup.database.close();
    startServer();
    if (!(await healthy(120_000))) throw new Error('the server did not start');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const teams = (await (await fetch(`${base}/api/v1/patrols/teams`, { headers })).json()) as { items?: { id: string }[] };
    const teamIds = (teams.items ?? []).map((t) => t.id);

    // Find a team this officer may record rounds for today.
    const hour = 3_600_000;
    const roundBody = (teamId: string, key: string) => ({
      teamId,
      startedAt: new Date(Date.now() - 3 * hour).toISOString(),
      endedAt: new Date(Date.now() - 2 * hour).toISOString(),
      participants: [{ name: 'Tổ viên diễn tập', kind: 'civilian' }],
      note: `drill ${key}`,
    });
    let teamId: string | null = null;
    for (const id of teamIds) {
      const key = randomUUID();
      const res = await fetch(`${base}/api/v1/patrols/rounds`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': key },
        body: JSON.stringify(roundBody(id, 'probe')),
      });
      if (res.status === 201) {
        teamId = id;
        break;
      }
    }
    if (!teamId) throw new Error('no patrol team accepts a round from canbo');

    const writes: Write[] = [];
    let stop = false;
    let refusedWhileDown = 0;
    /** Sends one write until it is acknowledged (or the drill ends); the same key and body every time. */
    const send = async (w: Write, untilAck: boolean) => {
      while (!w.ackId && (untilAck || !stop)) {
        w.attempts++;
        try {
          const res = await fetch(`${base}/api/v1/patrols/rounds`, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': w.key },
            body: JSON.stringify(w.body),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 201) {
            w.ackId = ((await res.json()) as { id: string }).id;
            return;
          }
          if (res.status === 503) refusedWhileDown++;
          else if (res.status !== 502 && res.status !== 504) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err;
          // connection refused or reset: the server is down; send again
        }
        await sleep(50 + Math.random() * 100);
      }
    };
    const writer = async () => {
      while (!stop) {
        const key = randomUUID();
        const w: Write = { key, body: roundBody(teamId as string, key), ackId: null, attempts: 0 };
        writes.push(w);
        await send(w, false);
      }
    };
    const running = Array.from({ length: writers }, () => writer());

    let postmaster = cluster?.pid() ?? null;
    for (let i = 1; i <= kills; i++) {
      await sleep(1000 + Math.random() * 2000);
      if (mode === 'kill-server') {
        proc.server?.kill('SIGKILL');
        await new Promise((r) => proc.server?.once('exit', r));
        startServer();
      } else {
        if (postmaster) process.kill(postmaster, 'SIGKILL');
        if (!cluster) throw new Error('no cluster');
        await sleep(200 + Math.random() * 800);
        // Orphaned backends leave with the postmaster; start again once they have.
        for (let attempt = 0; ; attempt++) {
          try {
            cluster.start();
            break;
          } catch (err) {
            if (attempt > 50) throw err;
            await sleep(200);
          }
        }
        postmaster = cluster.pid();
      }
      const s = proc.server;
      if (mode === 'kill-postgres' && s && s.exitCode !== null)
        throw new Error(`the server exited (${s.exitCode}) when PostgreSQL was killed`);
      const up = await healthy(60_000);
      log(`kill ${i}/${kills}: ${up ? 'back' : 'NOT back'}; ${writes.filter((w) => w.ackId).length} acknowledged so far`);
      if (!up) throw new Error('the service did not come back');
    }
    await sleep(1000);
    stop = true;
    await Promise.all(running);
    const acknowledgedDuringKills = writes.filter((w) => w.ackId).length;
    // The phone's outbox: whatever was sent but not acknowledged is sent again, same key, until it is.
    await Promise.all(writes.filter((w) => !w.ackId).map((w) => send(w, true)));

    if (!url) {
      const s = proc.server;
      if (s && s.exitCode === null) {
        s.kill('SIGTERM');
        await new Promise((r) => s.once('exit', r));
      }
    }
    const database = url ? await openPostgres(url, 2) : await openPglite(join(dataDir, 'pglite'));
    const rows = await database.raw.query<{ id: string; note: string }>(
      "SELECT id::text, note FROM patrol_rounds WHERE note LIKE 'drill %' AND note <> 'drill probe'",
    );
    const byNote = new Map<string, string[]>();
    for (const r of rows) byNote.set(r.note, [...(byNote.get(r.note) ?? []), r.id]);
    let missing = 0;
    let wrongId = 0;
    for (const w of writes) {
      const ids = byNote.get(`drill ${w.key}`) ?? [];
      if (ids.length === 0) missing++;
      else if (!ids.includes(w.ackId as string)) wrongId++;
    }
    const duplicates = [...byNote.values()].filter((ids) => ids.length > 1).length;
    const audit = await verifyAuditChain(database.db);
    await database.close();
    const result: DrillResult = {
      mode: `${mode} (${engine})`,
      kills,
      seconds: Math.round((Date.now() - started) / 1000),
      attempted: writes.length,
      acknowledgedDuringKills,
      acknowledged: writes.filter((w) => w.ackId).length,
      missing,
      wrongId,
      duplicates,
      auditOk: audit.ok,
      auditEntries: audit.count,
      refusedWhileDown,
      ok: false,
    };
    result.ok =
      result.acknowledged === result.attempted &&
      missing === 0 &&
      wrongId === 0 &&
      duplicates === 0 &&
      audit.ok &&
      rows.length === writes.length;
    return result;
  } finally {
    const s = proc.server;
    if (s && s.exitCode === null) {
      s.kill('SIGKILL');
      await new Promise((r) => s.once('exit', r));
    }
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { kills: { type: 'string' }, writers: { type: 'string' }, engine: { type: 'string' } },
    allowPositionals: true,
  });
  const mode = positionals[0];
  if (mode === 'cluster' || mode === 'scan') {
    if (!existsSync(mode === 'cluster' ? NGINX : '/usr/bin/sqlmap')) {
      console.error(
        mode === 'cluster'
          ? 'nginx is not installed: apt-get install -y nginx'
          : 'sqlmap and wapiti are not installed: apt-get install -y sqlmap wapiti',
      );
      return 2;
    }
    const result = mode === 'cluster' ? await runCluster() : await runScan(console.log, { outDir: process.env.SCAN_OUT_DIR });
    console.log(result.ok ? 'DRILL PASSED' : 'DRILL FAILED');
    return result.ok ? 0 : 1;
  }
  if (mode !== 'kill-server' && mode !== 'kill-postgres') {
    console.error(
      'Usage: npm run drill -- kill-server|kill-postgres [--kills 20] [--writers 8] [--engine postgres|pglite]\n' +
        '       npm run drill -- cluster   (two servers behind nginx, a streaming replica)\n' +
        '       npm run drill -- scan      (sqlmap and wapiti against a seeded server)',
    );
    return 64;
  }
  const engine = values.engine === 'pglite' ? 'pglite' : 'postgres';
  const result = await runDrill(mode, Number(values.kills ?? 20), Number(values.writers ?? 8), engine);
  console.log(JSON.stringify(result, null, 2));
  console.log(result.ok ? 'DRILL PASSED' : 'DRILL FAILED');
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main()
    .then((code) => process.exit(code))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
