// Tip submission on the embedded database (PGlite), beside a bare Fastify + zod + PGlite insert route.
import { join } from 'node:path';
import { load } from '../lib/load.mjs';
import { startApp } from '../lib/procs.mjs';
import { startBaseline, TIP } from './tips.mjs';

/** Starts the application on PGlite (migrations and the demo ward): bench/suites/data.mjs starts it during its soak. */
export async function bootPglite(ctx) {
  ctx.log('starting the application on PGlite (migrations and the demo ward)…');
  const t0 = performance.now();
  const app = await startApp({ dataDir: join(ctx.scratch, 'pglite') });
  ctx.log(`application on PGlite up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return app;
}

export async function benchPglite(ctx) {
  const { log, record, quick, scratch } = ctx;
  const seconds = quick ? 4 : 15;
  // The PostgreSQL application is done with: one server at a time, so that they do not share the two cores.
  await ctx.app?.stop();
  const app = await (ctx.pgliteBoot ?? bootPglite(ctx));
  const url = `${app.base}/api/v1/public/tips`;
  await load({ url, method: 'POST', body: TIP, connections: 10, seconds: quick ? 1 : 3 });
  log(`tip submission on PGlite, 10 connections, ${seconds} s`);
  const tips = await load({ url, method: 'POST', body: TIP, connections: 10, seconds });
  // Left running, idle, for Lighthouse (bench/suites/lighthouse.mjs), which stops it.
  ctx.pgliteApp = app;
  const baseline = await startBaseline({ BASELINE_PGLITE_DIR: join(scratch, 'pglite-bare') });
  await load({
    url: `${baseline.base}/insert`,
    method: 'POST',
    body: { wardCode: TIP.wardCode, what: TIP.what },
    connections: 10,
    seconds: quick ? 1 : 3,
  });
  log(`bare Fastify + zod + PGlite insert route, 10 connections, ${seconds} s`);
  const bare = await load({
    url: `${baseline.base}/insert`,
    method: 'POST',
    body: { wardCode: TIP.wardCode, what: TIP.what },
    connections: 10,
    seconds,
  });
  await baseline.stop();
  record({
    name: 'tip submission (PGlite)',
    figure: tips.rps,
    unit: 'req/s',
    baseline: bare.rps,
    baselineName: 'Fastify+zod+PGlite insert',
    note: `p99 ${tips.p99} ms (bare ${bare.p99} ms); ${tips.bad} not 201${ctx.tipRps ? `; on PostgreSQL ${ctx.tipRps.toFixed(0)} req/s` : ''}`,
  });
}
