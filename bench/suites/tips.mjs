// Tip submission (validate, seal, insert, audit; the proof-of-work off) against pgbench's single-row INSERT … RETURNING
// at 10 clients on the same PostgreSQL server, and beside it a bare Fastify + zod + pg insert route.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureUnits, wardCode } from '../generate.mjs';
import { countStatements, pgbench, sampleWaits } from '../lib/cluster.mjs';
import { load } from '../lib/load.mjs';
import { freePort, startApp, startNode } from '../lib/procs.mjs';

export const TIP = {
  wardCode: 'thanh-vinh',
  what: 'Tối nào cũng có nhóm thanh niên tụ tập ở bãi đất trống cuối ngõ 12, nghi mua bán ma túy; xe máy ra vào liên tục sau 22 giờ.',
  place: 'Ngõ 12, khối Trung Mỹ',
  when: 'Khoảng 22 giờ các tối gần đây',
};

export const INSERT_SQL = `INSERT INTO bench_insert (ward_code, body) VALUES ('thanh-vinh', '${TIP.what}') RETURNING id;\n`;

export async function startBaseline(env) {
  const port = await freePort();
  return startNode({ script: 'bench/baseline-server.mjs', env, port, readyPath: '/' });
}

/** The application on its own database of the run's cluster, started once for the suites that measure it. */
export async function ensureApp(ctx) {
  if (ctx.app) return;
  const url = await ctx.cluster.createDatabase('app');
  ctx.appUrl = url;
  ctx.log('starting the application on PostgreSQL (migrations and the demo ward)…');
  const t0 = performance.now();
  ctx.app = await startApp({ databaseUrl: url, dataDir: join(ctx.scratch, 'app') });
  ctx.log(`application up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export async function benchTips(ctx) {
  const { log, record, quick, scratch } = ctx;
  const seconds = quick ? 4 : 15;
  await ensureApp(ctx);
  const url = ctx.appUrl;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE IF NOT EXISTS bench_insert (
    id bigserial PRIMARY KEY, ward_code text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  await client.end();
  const script = join(scratch, 'insert.sql');
  writeFileSync(script, INSERT_SQL);

  log(`pgbench: INSERT … RETURNING, 10 clients, ${seconds} s`);
  const bench = pgbench({ port: ctx.cluster.port, db: 'app', clients: 10, seconds, scriptFile: script });

  const tipUrl = `${ctx.app.base}/api/v1/public/tips`;
  await load({ url: tipUrl, method: 'POST', body: TIP, connections: 10, seconds: quick ? 1 : 3 });
  log(`tip submission: POST /api/v1/public/tips, 10 connections, ${seconds} s`);
  log('statements of one tip:');
  const perTip = await countStatements(
    url,
    () => fetch(tipUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TIP) }),
    log,
  );
  const cpu0 = ctx.app.cpuMs();
  const waits = sampleWaits(url, 'app');
  const tips = await load({ url: tipUrl, method: 'POST', body: TIP, connections: 10, seconds });
  const waited = await waits.stop();
  const cpuPerTip = (ctx.app.cpuMs() - cpu0) / tips.total;
  // The same, spread over the 100 wards of the generated province (each ward numbers its own tips): what serialises
  // the tips of one ward apart, the rest. A diagnostic, left out of a quick run.
  let spread = null;
  let waited100 = '';
  if (!quick) {
    const units = new pg.Client({ connectionString: url });
    await units.connect();
    await ensureUnits(units);
    await units.end();
    log(`tip submission spread over 100 wards, 10 connections, ${seconds} s`);
    const waits100 = sampleWaits(url, 'app');
    spread = await load({
      url: tipUrl,
      method: 'POST',
      bodyOf: (i) => ({ ...TIP, wardCode: wardCode(1 + (i % 100)) }),
      connections: 10,
      seconds,
    });
    waited100 = await waits100.stop();
  }
  if (tips.bad) log(`  tip answers: ${JSON.stringify(tips.statusCodes)}`);

  const baseline = await startBaseline({ BASELINE_DATABASE_URL: url });
  await load({ url: `${baseline.base}/insert`, method: 'POST', body: TIP, connections: 10, seconds: quick ? 1 : 3 });
  log(`bare Fastify + zod + pg insert route, 10 connections, ${seconds} s`);
  const bare = await load({
    url: `${baseline.base}/insert`,
    method: 'POST',
    body: { wardCode: TIP.wardCode, what: TIP.what },
    connections: 10,
    seconds,
  });
  await baseline.stop();

  const share = tips.rps / bench.tps;
  record({
    name: 'tip submission (PostgreSQL)',
    figure: tips.rps,
    unit: 'req/s',
    baseline: bench.tps,
    baselineName: 'pgbench INSERT…RETURNING',
    baselineUnit: 'tps',
    target: '≥ 0.30 and p99 ≤ 25 ms',
    pass: share >= 0.3 && tips.p99 <= 25 && tips.bad === 0,
    note: `p99 ${tips.p99} ms, p50 ${tips.p50} ms; ${tips.total} requests, ${tips.bad} not 201; server CPU ${cpuPerTip.toFixed(1)} ms and ${perTip} SQL statements a tip; database sessions: ${waited}; pgbench latency avg ${bench.latencyMs} ms`,
  });
  if (spread)
    record({
      name: 'tip submission over 100 wards (PostgreSQL)',
      figure: spread.rps,
      unit: 'req/s',
      baseline: bench.tps,
      baselineName: 'pgbench INSERT…RETURNING',
      baselineUnit: 'tps',
      target: '≥ 0.30 and p99 ≤ 25 ms',
      pass: spread.rps / bench.tps >= 0.3 && spread.p99 <= 25 && spread.bad === 0,
      note: `p99 ${spread.p99} ms; ${spread.bad} not 201; database sessions: ${waited100}`,
    });
  record({
    name: 'tip submission vs bare insert route',
    figure: tips.rps,
    unit: 'req/s',
    baseline: bare.rps,
    baselineName: 'Fastify+zod+pg insert',
    note: `bare route p99 ${bare.p99} ms`,
  });
  ctx.tipRps = tips.rps;
}
