// The province-year: the data generator, the officer list page against a bare route running the same SELECT (and its
// cost as the data grows tenfold, with the EXPLAIN plans), the province's six-month report against hand-written SQL of
// the same aggregates, the ward dashboard, and the server's memory under read load and over a soak.
import { join } from 'node:path';
import pg from 'pg';
import { ensureUnits, generate, PROVINCE_CODE, wardCode } from '../generate.mjs';
import { countStatements } from '../lib/cluster.mjs';
import { handSummary } from '../lib/hand-sql.mjs';
import { LIST_SQL } from '../lib/list-sql.mjs';
import { load, timeIt } from '../lib/load.mjs';
import { cli } from '../lib/procs.mjs';
import { signIn } from '../lib/session.mjs';
import { ensureApp, startBaseline } from './tips.mjs';

const FROM = '2025-01-01';
const TO = '2025-06-30';

/** The cases list's SELECT for a ward officer, as the application runs it (its role, the ward settings, RLS on). */
async function explainAsApp(client, wardIds, text, params) {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL ROLE binh_an_app');
    await client.query(`SELECT set_config('app.all_wards', 'off', true), set_config('app.ward_ids', $1, true)`, [`{${wardIds.join(',')}}`]);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * Whether the report's figures and the hand-written SQL's agree: the baseline computes the same aggregates. Cases count
 * without those closed as no crime (the clearance rate's definition). A province reader reaches every ward, and the tips
 * table's row policy admits only listed wards (no all-wards clause): the report then counts no tip, which is said apart.
 */
function compareFigures(api, hand) {
  const sum = (rows, k, keep = () => true) => rows.filter(keep).reduce((a, r) => a + Number(r[k]), 0);
  const pairs = {
    cases: [api.cases.total, sum(hand.cases, 'n', (r) => r.status !== 'closed_no_crime')],
    tips: [api.tips.received, hand.tips[0].received],
    patrolRounds: [api.patrols.rounds, hand.patrols[0].rounds],
    inspections: [api.residence.inspections, hand.residence[0].inspections],
    mediation: [api.mediation.received, sum(hand.mediation, 'received')],
  };
  const notes = [];
  if (pairs.tips[0] === 0 && pairs.tips[1] > 0) {
    notes.push(`tips: the report counts 0 for this reader, the SQL ${pairs.tips[1]} (tips row policy)`);
    delete pairs.tips;
  }
  const off = Object.entries(pairs).filter(([, [a, b]]) => a !== b);
  const shown = Object.entries(pairs)
    .map(([k, [a]]) => `${k} ${a}`)
    .join(', ');
  const said = notes.length ? `; ${notes.join('; ')}` : '';
  return off.length
    ? `DIFFER (${off.map(([k, [a, b]]) => `${k}: report ${a}, SQL ${b}`).join('; ')})${said}`
    : `agree with the SQL (${shown})${said}`;
}

function samplerOf(app, everyMs = 500) {
  const samples = [];
  const timer = setInterval(() => {
    try {
      samples.push(app.rssMb());
    } catch {}
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

export async function benchListAndReports(ctx) {
  await ensureApp(ctx);
  const { log, record, quick, scratch, app, appUrl } = ctx;
  const seconds = quick ? 4 : 15;
  const env = { DATABASE_URL: appUrl, DATA_DIR: join(scratch, 'app') };
  const client = new pg.Client({ connectionString: appUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await run(ctx, client, { seconds, env, app, appUrl, log, record, quick });
  } finally {
    await client.end().catch(() => {});
  }
}

async function run(ctx, client, { seconds, env, app, appUrl, log, record, quick }) {
  const wards = await ensureUnits(client);
  const ward1 = wards.find((w) => w.code === wardCode(1));

  log('accounts: an officer of the first ward, a viewer of the province (operator commands)');
  // Signed in as in the browser: a session cookie (an API token would add an audited 'token.use' to every request).
  const password = 'Mat-khau-do-tai-2026';
  const account = (username, name, role, unit) =>
    cli(['users', 'create', '--username', username, '--name', name, '--role', role, '--unit', unit, '--password', password], env);
  await Promise.all([
    account('bench.canbo', 'Cán bộ thử tải', 'officer', wardCode(1)),
    account('bench.theodoi', 'Theo dõi thử tải', 'viewer', PROVINCE_CODE),
  ]);
  const officer = { cookie: await signIn(app.base, 'bench.canbo', password) };
  const viewer = { cookie: await signIn(app.base, 'bench.theodoi', password) };
  const [{ id: officerId }] = (await client.query(`SELECT id FROM users WHERE username = 'bench.canbo'`)).rows;

  // At the small size the first ward already has more than a page of cases (1,000 a ward at full size).
  const small = quick ? 0.05 : 0.1;
  const full = quick ? 0.15 : 1;
  const growth = `×${Math.round(full / small)}`;
  log(`generator: ${small * 100}% of a province-year (100 wards)`);
  const g1 = await generate(client, { from: 0, fraction: small, officerId, log });

  const listUrl = `${app.base}/api/v1/cases?limit=50`;
  const get = async (url, headers) => {
    const r = await fetch(url, { headers });
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${await r.text()}\nserver log:\n${app.output().slice(-3000)}`);
    return r.json();
  };
  const first = await get(listUrl, officer);
  if (first.items.length !== 50) throw new Error(`the list page answered ${first.items.length} rows, not 50`);
  const n = quick ? 10 : 30;
  const listSmall = await timeIt(n, () => get(listUrl, officer));
  ctx.explains.push({
    title: `cases list, first page, ${g1.total.toLocaleString('en')} records (${(await client.query('SELECT count(*)::int n FROM cases WHERE ward_id = $1', [ward1.id])).rows[0].n} cases in the ward)`,
    plan: await explainAsApp(client, [ward1.id], LIST_SQL, [ward1.id]),
  });

  log(`generator: the rest, up to ${full * 100}% (${full === 1 ? '1,000,000' : (full * 1_000_000).toLocaleString('en')} records)`);
  const g2 = await generate(client, { from: small, fraction: full - small, officerId, log });
  const total = g1.total + g2.total;
  const genSeconds = g1.seconds + g2.seconds;
  record({
    name: `data generator (${total.toLocaleString('en')} records, 100 wards)`,
    figure: total / genSeconds,
    unit: 'records/s',
    baseline: null,
    baselineName: 'none',
    note: `${genSeconds.toFixed(0)} s in all: ${Object.entries(g2.counts)
      .map(([k, v]) => `${k} ${(v + (g1.counts[k] ?? 0)).toLocaleString('en')}`)
      .join(', ')}`,
  });

  const listFull = await timeIt(n, () => get(listUrl, officer));
  // A page 20 pages deep (or the last there is), reached by following the keyset cursors.
  let deepUrl = listUrl;
  let page = await get(listUrl, officer);
  let depth = 1;
  for (; depth <= 20 && page.nextCursor; depth++) {
    deepUrl = `${listUrl}&cursor=${encodeURIComponent(page.nextCursor)}`;
    page = await get(deepUrl, officer);
  }
  const deepFull = await timeIt(n, () => get(deepUrl, officer));
  ctx.explains.push({
    title: `cases list, first page, ${total.toLocaleString('en')} records (${(await client.query('SELECT count(*)::int n FROM cases WHERE ward_id = $1', [ward1.id])).rows[0].n} cases in the ward)`,
    plan: await explainAsApp(client, [ward1.id], LIST_SQL, [ward1.id]),
  });
  record({
    name: `list page cost as data grows ${growth} (first page)`,
    figure: listFull.median,
    unit: 'ms',
    baseline: listSmall.median,
    baselineName: `same page at ${(small * 100).toFixed(0)}%`,
    target: '≤ 1.5 (flat)',
    pass: listFull.median / listSmall.median <= 1.5,
    note: `median of ${n} sequential requests after 3 untimed`,
  });
  record({
    name: `list page ${depth} (keyset) vs the first page`,
    figure: deepFull.median,
    unit: 'ms',
    baseline: listFull.median,
    baselineName: 'first page',
    target: '≤ 1.5 (flat)',
    pass: deepFull.median / listFull.median <= 1.5,
  });

  // The list page under load, against a bare Fastify + pg route running the same SELECT; RSS sampled meanwhile.
  const rssIdle = app.rssMb();
  await load({ url: listUrl, headers: officer, connections: 10, seconds: quick ? 1 : 3 });
  log(`officer list page: GET /api/v1/cases?limit=50, 10 connections, ${seconds} s`);
  const sampler = samplerOf(app);
  log('statements of one list page:');
  const perPage = await countStatements(appUrl, () => get(listUrl, officer), log);
  const cpu0 = app.cpuMs();
  const appList = await load({ url: listUrl, headers: officer, connections: 10, seconds });
  const cpuPerPage = (app.cpuMs() - cpu0) / appList.total;
  const rssUnderLoad = sampler.stop();
  const baseline = await startBaseline({ BASELINE_DATABASE_URL: appUrl });
  const bareUrl = `${baseline.base}/list?ward=${ward1.id}`;
  await load({ url: bareUrl, connections: 10, seconds: quick ? 1 : 3 });
  log(`bare Fastify + pg route with the same SELECT, 10 connections, ${seconds} s`);
  const bareList = await load({ url: bareUrl, connections: 10, seconds });
  // The same five statements without the framework: how much of the gap is the design (session, RLS transaction).
  const sessionId = (await client.query(`SELECT id FROM sessions WHERE user_id = $1 LIMIT 1`, [officerId])).rows[0]?.id ?? '-';
  const scopedUrl = `${baseline.base}/list-scoped?ward=${ward1.id}&session=${sessionId}&user=${officerId}`;
  await load({ url: scopedUrl, connections: 10, seconds: quick ? 1 : 3 });
  log(`bare Fastify + pg route with the application's five statements, 10 connections, ${seconds} s`);
  const scopedList = await load({ url: scopedUrl, connections: 10, seconds });
  await baseline.stop();
  record({
    name: 'officer list page (50 rows)',
    figure: appList.rps,
    unit: 'req/s',
    baseline: bareList.rps,
    baselineName: 'bare Fastify+pg, same SELECT',
    target: '≥ 0.50',
    pass: appList.rps / bareList.rps >= 0.5 && appList.bad === 0,
    note: `p99 ${appList.p99} ms (bare ${bareList.p99} ms); server CPU ${cpuPerPage.toFixed(1)} ms and ${perPage} SQL statements a page (the bare route: 1); ${appList.bad} not 200`,
  });
  record({
    name: 'officer list page (50 rows), against its statements alone',
    figure: appList.rps,
    unit: 'req/s',
    baseline: scopedList.rps,
    baselineName: 'bare Fastify+pg, same 5 statements',
    note: `the design's floor is ${(scopedList.rps / bareList.rps).toFixed(2)} of the bare SELECT route (session read, transaction, role and scope, SELECT, commit); what is left is the framework: routing, hooks, drizzle, response schema; ${scopedList.bad} not 200`,
  });

  // The province's six-month report against hand-written SQL of the same aggregates.
  const runs = quick ? 3 : 5;
  await ctx.attempt('province six-month report (summary)', async () => {
    const summaryUrl = `${app.base}/api/v1/reports/summary?unit=${PROVINCE_CODE}&from=${FROM}&to=${TO}`;
    await get(summaryUrl, viewer);
    log('province six-month report summary vs hand-written SQL');
    const summary = await timeIt(runs, () => get(summaryUrl, viewer));
    log('statements of one province summary (by time in the database):');
    const perSummary = await countStatements(appUrl, () => get(summaryUrl, viewer), log);
    const handFigures = await handSummary(client, PROVINCE_CODE, FROM, TO);
    const hand = await timeIt(runs, () => handSummary(client, PROVINCE_CODE, FROM, TO));
    const agree = compareFigures(await get(summaryUrl, viewer), handFigures);
    record({
      name: 'province six-month report (summary)',
      figure: summary.median,
      unit: 'ms',
      baseline: hand.median,
      baselineName: 'hand-written SQL',
      target: '≤ 1000 ms and ≤ 1.5×',
      pass: summary.median <= 1000 && summary.median / hand.median <= 1.5 && !agree.startsWith('DIFFER'),
      note: `median of ${runs}; figures ${agree}; ${perSummary} SQL statements (hand-written: 14); GET /api/v1/reports/summary?unit=${PROVINCE_CODE}&from=${FROM}&to=${TO}`,
    });
  });
  await ctx.attempt('province six-month periodic report (JSON)', async () => {
    const periodicUrl = `${app.base}/api/v1/reports/periodic?unit=${PROVINCE_CODE}&from=${FROM}&to=${TO}`;
    await get(periodicUrl, viewer);
    const periodic = await timeIt(runs, () => get(periodicUrl, viewer));
    const handTwice = await timeIt(runs, async () => {
      await handSummary(client, PROVINCE_CODE, FROM, TO);
      await handSummary(client, PROVINCE_CODE, '2024-01-01', '2024-06-30');
    });
    record({
      name: 'province six-month periodic report (JSON)',
      figure: periodic.median,
      unit: 'ms',
      baseline: handTwice.median,
      baselineName: 'hand-written SQL, both periods',
      target: '≤ 1000 ms and ≤ 1.5×',
      pass: periodic.median <= 1000 && periodic.median / handTwice.median <= 1.5,
      note: 'the report gives this period and the same period a year before',
    });
  });

  const dashUrl = `${app.base}/api/v1/reports/dashboard?unit=${wardCode(1)}&from=${FROM}&to=${TO}`;
  await ctx.attempt('ward dashboard (six months)', async () => {
    await get(dashUrl, officer);
    const dash = await timeIt(runs, () => get(dashUrl, officer));
    const handWard = await timeIt(runs, () => handSummary(client, wardCode(1), FROM, TO));
    record({
      name: 'ward dashboard (six months)',
      figure: dash.median,
      unit: 'ms',
      baseline: handWard.median,
      baselineName: "hand-written SQL, the ward's aggregates",
      target: '≤ 300 ms',
      pass: dash.median <= 300,
    });
  });

  // Memory: under the read load above, then a soak of mixed reads (list pages and dashboards).
  const soakSeconds = quick ? 60 : 600;
  log(`soak: list pages and dashboards for ${soakSeconds} s, RSS sampled every 5 s`);
  // The embedded-database server boots meanwhile (its demo ward takes a while to load): the soak is about memory.
  ctx.pgliteBoot = ctx.bootPglite?.();
  ctx.pgliteBoot?.catch(() => {});
  const soakSampler = samplerOf(app, 5000);
  const [soakList, soakDash] = await Promise.all([
    load({ url: listUrl, headers: officer, connections: 8, seconds: soakSeconds }),
    load({ url: dashUrl, headers: officer, connections: 2, seconds: soakSeconds }),
  ]);
  const soak = soakSampler.stop();
  const tenth = Math.max(1, Math.floor(soak.length / 5));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const early = mean(soak.slice(0, tenth));
  const late = mean(soak.slice(-tenth));
  const peak = Math.max(...rssUnderLoad, ...soak);
  record({
    name: 'server RSS under read load (peak)',
    figure: peak,
    unit: 'MB',
    baseline: 250,
    baselineName: 'target',
    target: '≤ 250 MB',
    pass: peak <= 250,
    note: `idle before the load ${rssIdle.toFixed(0)} MB; list load peak ${Math.max(...rssUnderLoad).toFixed(0)} MB; soak (lists and dashboards) peak ${Math.max(...soak).toFixed(0)} MB`,
  });
  record({
    name: `server RSS over a ${soakSeconds / 60}-minute soak (last fifth vs first fifth)`,
    figure: late,
    unit: 'MB',
    baseline: early,
    baselineName: 'first fifth of the soak',
    target: '≤ 1.10 (no growth)',
    pass: late / early <= 1.1,
    note: `${(soakList.total + soakDash.total).toLocaleString('en')} requests (${soakList.rps.toFixed(0)} list/s, ${soakDash.rps.toFixed(1)} dashboards/s), ${soakList.bad + soakDash.bad} failed`,
  });
}
