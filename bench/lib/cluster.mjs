// A throw-away PostgreSQL 15 cluster on a free loopback port, deleted when the run ends (like .ci/run does).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './procs.mjs';

function pgBin() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
  const v = versions.includes('15') ? '15' : versions.at(-1);
  if (!v) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql-15)');
  return `/usr/lib/postgresql/${v}/bin`;
}

/** Runs a PostgreSQL binary as the cluster's owner: initdb refuses root, so as root it runs as `postgres`. */
function asOwner(cmd, args, cwd) {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function startCluster({ log = () => {} } = {}) {
  const bin = pgBin();
  const dir = mkdtempSync('/tmp/binh-an-bench-pg.');
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/sh', 'postgres']);
    }
    execFileSync('chown', ['postgres', dir]);
  }
  chmodSync(dir, 0o755);
  const port = await freePort();
  asOwner(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], dir);
  // The server's usual durability settings: the figures compare the application with pgbench on the same server.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c work_mem=16MB -c shared_preload_libraries=pg_stat_statements`;
  asOwner(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', opts, 'start'], dir);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  log(`${version} on 127.0.0.1:${port} (data in ${dir})`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asOwner(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'], dir);
    } catch {
      try {
        asOwner(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], dir);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    dir,
    version,
    url,
    urlOf: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

/** pgbench with a script file: answers transactions per second and the latency percentiles it can give. */
export function pgbench({ port, db, clients, seconds, scriptFile }) {
  const r = spawnSync(
    '/usr/bin/pgbench',
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-n',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      scriptFile,
      db,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
  const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1]);
  return { tps, latencyMs: latency, output: r.stdout };
}

/**
 * Samples what the database's active sessions wait on (pg_stat_activity) every `everyMs` until stopped; answers the
 * share of samples per wait event, e.g. "Lock:advisory 62%", the way to see what serialises a write path.
 */
export function sampleWaits(url, db, everyMs = 50) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  const counts = new Map();
  let total = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait)') AS w, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
        [db],
      );
      for (const r of rows) {
        counts.set(r.w, (counts.get(r.w) ?? 0) + r.n);
        total += r.n;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => {});
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([w, n]) => `${w} ${Math.round((100 * n) / Math.max(1, total))}%`)
        .join(', ');
    },
  };
}

/**
 * How many SQL statements the database ran while `fn` ran (pg_stat_statements, its own queries apart); `log`, when
 * given, receives each statement's calls and its first words.
 */
export async function countStatements(url, fn, log) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const calls = async () =>
    new Map(
      (
        await client.query(
          `SELECT queryid::text AS id, query, calls::int AS n, total_exec_time AS ms FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
        )
      ).rows.map((r) => [r.id, r]),
    );
  // Requests a load left queued must be done first: they would be counted with this one.
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
  const before = await calls();
  await fn();
  const after = await calls();
  await client.end();
  let n = 0;
  const lines = [];
  for (const [id, r] of after) {
    const d = r.n - (before.get(id)?.n ?? 0);
    if (d <= 0) continue;
    n += d;
    const ms = r.ms - (before.get(id)?.ms ?? 0);
    lines.push({
      ms,
      text: `    ${String(d).padStart(3)} × ${ms.toFixed(1).padStart(7)} ms  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`,
    });
  }
  for (const l of lines.sort((a, b) => b.ms - a.ms)) log?.(l.text);
  return n;
}
