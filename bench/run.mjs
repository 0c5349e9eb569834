// `npm run bench` runs every benchmark and prints, for each, the measured figure, its baseline measured in the same
// run, and the ratio; `npm run bench -- --quick` runs a short version of each (under 3 minutes).
//
//   npm run bench [-- --quick] [--no-lighthouse] [--only tips,lists,front-end,pglite,lighthouse] [--json FILE]
//
// It starts its own throw-away PostgreSQL cluster (removed at exit) and its own server processes (the application from
// source through tsx; the baseline Fastify server), and never touches a running installation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { buildApp } from './lib/build.mjs';
import { startCluster } from './lib/cluster.mjs';
import { fmt, toMarkdown } from './lib/markdown.mjs';
import { stopAll, useBuiltTree } from './lib/procs.mjs';
import { benchListAndReports } from './suites/data.mjs';
import { benchFrontEnd } from './suites/front-end.mjs';
import { benchLighthouse } from './suites/lighthouse.mjs';
import { benchPglite, bootPglite } from './suites/pglite.mjs';
import { benchTips } from './suites/tips.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withLighthouse = !argv.includes('--no-lighthouse');
/** `--only tips,lists,front-end,pglite,lighthouse`: just those parts (the build and the cluster are always made). */
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const want = (part) => !only || only.includes(part);
const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;
const markdownOut = argv.includes('--markdown') ? argv[argv.indexOf('--markdown') + 1] : null;

const started = performance.now();
const log = (line) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** Every result: the figure, its baseline from this run (or the target where no baseline can be run), the ratio. */
const results = [];
function record(r) {
  const ratio = r.ratio ?? (r.baseline && r.figure !== null ? r.figure / r.baseline : null);
  const row = { ...r, ratio };
  results.push(row);
  log(
    `RESULT ${r.name}: ${fmt(r.figure)} ${r.unit} | baseline ${r.baselineName}: ${fmt(r.baseline)} ${r.baselineUnit ?? r.unit} | ratio ${ratio === null ? '—' : ratio.toFixed(2)}${r.target ? ` | target ${r.target}: ${r.pass ? 'met' : 'MISSED'}` : ''}${r.note ? ` | ${r.note}` : ''}`,
  );
}

const scratch = mkdtempSync('/tmp/binh-an-bench.');
let cluster = null;
const cleanup = () => {
  stopAll();
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** Runs one benchmark; a failure is reported as such and the run goes on with the others. */
async function attempt(name, fn) {
  try {
    await fn();
  } catch (err) {
    process.exitCode = 1;
    const message = String(err?.stack ?? err);
    log(`FAILED ${name}: ${message}`);
    results.push({
      name,
      figure: null,
      unit: '',
      baseline: null,
      baselineName: 'failed',
      ratio: null,
      target: 'runs',
      pass: false,
      note: message.split('\n')[0],
    });
  }
}

const ctx = { quick, log, record, scratch, explains: [], attempt, bootPglite: () => bootPglite(ctx) };
try {
  log(`${quick ? 'quick' : 'full'} run on ${process.version}, ${(await import('node:os')).cpus().length} core(s)`);
  log('bundling the server (esbuild) into the scratch folder');
  const built = await buildApp({ scratch, freshWeb: !quick, log });
  useBuiltTree(built.tree);
  ctx.webDist = built.webDist;
  ctx.webFresh = built.webFresh;
  cluster = await startCluster({ log });
  ctx.cluster = cluster;
  if (want('tips')) await benchTips(ctx);
  if (want('lists')) await attempt('list pages, reports and memory', () => benchListAndReports(ctx));
  if (want('front-end')) await attempt('front end', () => benchFrontEnd(ctx));
  if (want('pglite')) await attempt('PGlite', () => benchPglite(ctx));
  if (withLighthouse && want('lighthouse')) await attempt('Lighthouse', () => benchLighthouse(ctx));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  cleanup();
}

console.log(`\n==== Results (${quick ? 'quick' : 'full'} run, ${((performance.now() - started) / 1000).toFixed(0)} s) ====`);
const table = [['benchmark', 'figure', 'baseline (same run)', 'ratio', 'target']];
for (const r of results) {
  table.push([
    r.name,
    `${fmt(r.figure)} ${r.unit}`,
    `${r.baselineName}: ${fmt(r.baseline)} ${r.baselineUnit ?? r.unit}`,
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.target ? `${r.target} ${r.pass ? 'met' : 'MISSED'}` : '',
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
if (ctx.explains.length) {
  console.log('\n==== EXPLAIN plans ====');
  for (const e of ctx.explains) console.log(`\n-- ${e.title}\n${e.plan}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ quick, results, explains: ctx.explains }, null, 2));
if (markdownOut) writeFileSync(markdownOut, toMarkdown({ results, explains: ctx.explains }));
