/**
 * `npm run drill -- cluster`: two servers behind nginx on one PostgreSQL primary, with a streaming replica for the
 * reports. Started here, all throw-away: a PostgreSQL 15 primary (initdb), a hot standby copied from it with
 * `pg_basebackup -R` (streaming replication), the demo ward, two server processes (DATABASE_URL = the primary,
 * DATABASE_READ_URL = the standby, their own DATA_DIR, one SECRET_KEY) and nginx round-robin in front of them. Then,
 * through nginx and on each server directly, one pass/fail line per check:
 *
 * - a session made on one server is good on the other (and on both through nginx);
 * - a rate limit (the login's) is exhausted across both servers together;
 * - an Idempotency-Key replayed on the other server answers the same, and one round exists;
 * - a background job enqueued by one server is run once (pg-boss: one completed job, one audit entry of the run);
 * - a report is read from the standby: its `pg_stat_database` counts the transactions, `pg_is_in_recovery()` is true
 *   there, and the report's audit entry is on the primary.
 *
 * Installs nothing: without /usr/sbin/nginx it says how to install it and exits 2.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiToken } from '../server/src/modules/auth/index.ts';
import { loadDemo } from '../server/src/modules/demo/index.ts';
import { findCredentialsByUsername } from '../server/src/modules/users/index.ts';
import { freePort, PgCluster } from '../server/src/ops/pg-cluster.ts';
import { loadConfig } from '../server/src/platform/config.ts';
import { openPostgres } from '../server/src/platform/db.ts';
import { createDeps } from '../server/src/platform/deps.ts';
import { migrate } from '../server/src/platform/migrate.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = new URL('..', import.meta.url).pathname;
const SECRET_KEY = 'c5'.repeat(32);
export const NGINX = '/usr/sbin/nginx';
const LOGIN_LIMIT = 6;
const CSRF = { 'x-binh-an-csrf': '1' };

export type Check = { name: string; ok: boolean; detail: string };

/** The nginx configuration: round-robin over the servers, the upstream of every request in the access log. */
export function nginxConf(dir: string, port: number, upstreams: number[]): string {
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstream '$upstream_addr $status';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream binh_an { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://binh_an;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream off;
    }
  }
}
`;
}

export async function runCluster(log = console.log): Promise<{ checks: Check[]; ok: boolean }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  };
  const primary = await PgCluster.create();
  const work = mkdtempSync(join(tmpdir(), 'binh-an-cluster-'));
  chmodSync(work, 0o777);
  const children: ChildProcess[] = [];
  let standbyDir: string | null = null;
  let standbyPort = 0;
  try {
    // The primary, a database, the migrations and the demo ward, and an API token for the ward's chief.
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    await admin.query('CREATE DATABASE drill');
    await admin.end();
    const url = primary.url.replace(/\/postgres$/, '/drill');
    const setup = await openPostgres(url, 2);
    await migrate(setup.raw);
    const key = Buffer.from(SECRET_KEY, 'hex');
    const { logins } = await loadDemo(setup.db, key);
    const cfg = loadConfig({ DATA_DIR: join(work, 'setup'), SECRET_KEY, DATABASE_URL: url });
    const deps = await createDeps(setup, cfg, key);
    const chief = await findCredentialsByUsername(setup.db, 'truongcongan');
    const guard = await findCredentialsByUsername(setup.db, 'tobaove');
    if (!chief || !guard) throw new Error('the demo accounts are missing');
    const chiefToken = (await createApiToken(deps, chief.id, 'drill', null)).secret;
    const guardToken = (await createApiToken(deps, guard.id, 'drill', null)).secret;
    const blockLeader = logins.find((l) => l.username === 'truongkhoi');
    if (!blockLeader) throw new Error('no demo login truongkhoi');

    // The standby: a base backup of the primary with the replication settings written (-R), started on its own port.
    standbyDir = join(primary.dir, 'standby');
    standbyPort = await freePort();
    primary.run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    primary.run('pg_ctl', [
      '-D',
      standbyDir,
      '-o',
      `-p ${standbyPort} -c listen_addresses=127.0.0.1 -k ${primary.dir}`,
      '-l',
      join(primary.dir, 'standby.log'),
      '-w',
      'start',
    ]);
    const readUrl = `postgres://postgres@127.0.0.1:${standbyPort}/drill`;
    const standby = new pg.Client({ connectionString: readUrl });
    await standby.connect();
    const [recovery] = (await standby.query('SELECT pg_is_in_recovery() AS r')).rows as { r: boolean }[];
    const [sender] = (await setup.raw.query<{ state: string }>('SELECT state FROM pg_stat_replication')) ?? [];
    check(
      'streaming replica',
      !!recovery?.r && sender?.state === 'streaming',
      `standby in recovery: ${recovery?.r}; primary's sender: ${sender?.state ?? 'none'}`,
    );

    // Two servers.
    const ports = [await freePort(), await freePort()];
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const [i, port] of ports.entries()) {
      const dataDir = join(work, `server-${i + 1}`);
      mkdirSync(dataDir, { recursive: true });
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url,
          DATABASE_READ_URL: readUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          SECRET_KEY,
          DEMO: '0',
          TRUST_PROXY: '1',
          LOG_LEVEL: 'error',
          RATE_LIMIT: '100000',
          LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
    }
    for (const base of bases) if (!(await healthy(base, 120_000))) throw new Error(`the server at ${base} did not start`);

    // nginx in front, round-robin.
    const nginxDir = join(work, 'nginx');
    mkdirSync(nginxDir, { recursive: true });
    chmodSync(nginxDir, 0o777);
    const proxyPort = await freePort();
    writeFileSync(join(nginxDir, 'nginx.conf'), nginxConf(nginxDir, proxyPort, ports));
    const nginx = spawn(NGINX, ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(nginx);
    const front = `http://127.0.0.1:${proxyPort}`;
    if (!(await healthy(front, 10_000))) throw new Error('nginx did not start');
    const upstreamCounts = () => {
      const counts = new Map<string, number>();
      for (const line of readFileSync(join(nginxDir, 'access.log'), 'utf8').split('\n').filter(Boolean)) {
        const up = line.split(' ')[0] ?? '';
        counts.set(up, (counts.get(up) ?? 0) + 1);
      }
      return counts;
    };

    // 1. Sessions: signed in on server 1, the cookie works on server 2 and through nginx on both.
    const login = await fetch(`${bases[0]}/api/v1/auth/login`, {
      method: 'POST',
      headers: { ...CSRF, 'content-type': 'application/json' },
      body: JSON.stringify({ username: blockLeader.username, password: blockLeader.password }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const meOn = async (base: string) => (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).status;
    const direct = await meOn(bases[1] as string);
    const viaNginx = [await meOn(front), await meOn(front), await meOn(front), await meOn(front)];
    const ups = upstreamCounts();
    check(
      'session across servers',
      login.status === 200 && direct === 200 && viaNginx.every((s) => s === 200) && ups.size === 2,
      `signed in on server 1 (${login.status}); /auth/me on server 2: ${direct}; through nginx: ${viaNginx.join(', ')}; nginx used ${ups.size} upstreams`,
    );

    // 2. The login's rate limit, counted across both servers: through nginx the attempts alternate.
    const badLogin = async (base: string) =>
      (
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { ...CSRF, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' },
          body: JSON.stringify({ username: 'khongco', password: 'sai mat khau' }),
        })
      ).status;
    const attempts: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++) attempts.push(await badLogin(front));
    const after = [await badLogin(front), await badLogin(front)];
    check(
      'rate limit across servers',
      attempts.every((s) => s !== 429) && after.every((s) => s === 429),
      `${LOGIN_LIMIT} attempts through nginx: ${attempts.join(', ')}; then ${after.join(', ')} (429 on both servers)`,
    );

    // 3. Idempotency: the same key and body on server 1, then on server 2 (and both at once through nginx).
    const teams = (await (
      await fetch(`${bases[0]}/api/v1/patrols/teams`, { headers: { authorization: `Bearer ${guardToken}` } })
    ).json()) as {
      items?: { id: string }[];
    };
    const note = `cluster ${randomUUID()}`;
    const hour = 3_600_000;
    let idem = { ok: false, detail: 'no patrol team accepts a round from tobaove' };
    for (const team of teams.items ?? []) {
      const body = JSON.stringify({
        teamId: team.id,
        startedAt: new Date(Date.now() - 3 * hour).toISOString(),
        endedAt: new Date(Date.now() - 2 * hour).toISOString(),
        participants: [{ name: 'Tổ viên diễn tập', kind: 'civilian' }],
        note,
      });
      const headers = {
        ...CSRF,
        'content-type': 'application/json',
        authorization: `Bearer ${guardToken}`,
        'idempotency-key': randomUUID(),
      };
      const post = (base: string) => fetch(`${base}/api/v1/patrols/rounds`, { method: 'POST', headers, body });
      const first = await post(bases[0] as string);
      if (first.status !== 201) continue;
      const second = await post(bases[1] as string);
      const both = await Promise.all([post(front), post(front)]);
      const [b1, b2, b3, b4] = [await first.json(), await second.json(), await both[0].json(), await both[1].json()];
      const [n] = await setup.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM patrol_rounds WHERE note = $1', [note]);
      const same = [b2, b3, b4].every((b) => JSON.stringify(b) === JSON.stringify(b1));
      idem = {
        ok: same && second.headers.get('idempotent-replayed') === 'true' && n?.n === 1,
        detail: `201 on server 1, replayed on server 2 (${second.status}, Idempotent-Replayed: ${second.headers.get('idempotent-replayed')}), twice at once through nginx: same body ${same}; rounds with the note: ${n?.n}`,
      };
      break;
    }
    check('idempotency key across servers', idem.ok, idem.detail);

    // 4. A job enqueued by one server, run once: a document over three years is written in the background.
    const queued = await fetch(`${bases[0]}/api/v1/reports/periodic?unit=le-mao&from=2018-01-01&to=2020-12-31&format=xlsx`, {
      headers: { authorization: `Bearer ${chiefToken}` },
    });
    const job = (await queued.json()) as { id?: string };
    let status = '';
    for (let i = 0; i < 240 && status !== 'done' && status !== 'failed'; i++) {
      await sleep(500);
      const res = await fetch(`${front}/api/v1/reports/jobs/${job.id}`, { headers: { authorization: `Bearer ${chiefToken}` } });
      status = ((await res.json()) as { status?: string }).status ?? '';
    }
    await sleep(1500);
    const [runs] = await setup.raw.query<{ boss: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM pgboss.job WHERE data->>'jobId' = $1 AND state = 'completed') AS boss,
              (SELECT count(*)::int FROM audit_log WHERE action = 'report.periodic' AND detail->>'jobId' = $1) AS audits`,
      [job.id],
    );
    check(
      'job enqueued by one server runs once',
      queued.status === 202 && status === 'done' && runs?.boss === 1 && runs?.audits === 1,
      `202 from server 1 (${queued.status}); job ${status}; completed in the queue: ${runs?.boss}; runs audited: ${runs?.audits}`,
    );

    // 5. A report read from the standby.
    const commits = async () =>
      Number(
        ((await standby.query("SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = 'drill'")).rows[0] as { n: string }).n,
      );
    await standby.query('SELECT pg_stat_clear_snapshot()');
    const before = await commits();
    const auditsBefore = await setup.raw.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.dashboard'");
    const reports = await Promise.all(
      [front, front].map((base) =>
        fetch(`${base}/api/v1/reports/dashboard?unit=le-mao&from=2020-01-01&to=2020-12-31`, {
          headers: { authorization: `Bearer ${chiefToken}` },
        }),
      ),
    );
    // The standby's statistics are sent by its backends when they go idle (at most a second later).
    await sleep(1500);
    await standby.query('SELECT pg_stat_clear_snapshot()');
    const afterCommits = await commits();
    const auditsAfter = await setup.raw.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.dashboard'");
    const audited = (auditsAfter[0]?.n ?? 0) - (auditsBefore[0]?.n ?? 0);
    check(
      'report served from the replica',
      reports.every((r) => r.status === 200) && afterCommits - before >= 2 && !!recovery?.r && audited === 2,
      `2 dashboards through nginx: ${reports.map((r) => r.status).join(', ')}; transactions on the standby: +${afterCommits - before}; audit entries on the primary: +${audited}`,
    );
    // How long the primary's latest write takes to be replayed on the standby (what a report may miss).
    const [lsn] = await setup.raw.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const lagStart = Date.now();
    for (;;) {
      const seen = await standby.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn?.lsn]);
      if ((seen.rows[0] as { ok: boolean }).ok || Date.now() - lagStart > 10_000) break;
      await sleep(5);
    }
    log(`      replication lag: the primary's last write was replayed on the standby within ${Date.now() - lagStart} ms`);
    await standby.end();
    await setup.close();
    return { checks, ok: checks.every((c) => c.ok) && checks.length === 6 };
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
    if (standbyDir && existsSync(standbyDir)) {
      try {
        primary.run('pg_ctl', ['-D', standbyDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
    }
    primary.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

async function healthy(base: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200) return true;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  return false;
}
