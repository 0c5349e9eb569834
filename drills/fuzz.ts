/**
 * `npm run fuzz [-- --runs 1000] [--only "POST /api/v1/tips"] [--from 1] [--to N]`: every operation (or the `from`-th
 * to the `to`-th, in the document's order: a long run split between processes or resumed) of the OpenAPI document, `runs`
 * generated requests each (valid and invalid), against the whole app on a fresh embedded database with the demo ward.
 * Prints each operation's statuses, then the failures (5xx, an answer that breaks its schema, a refusal that is not a
 * problem document); exits 1 if there is any.
 */
import { parseArgs } from 'node:util';
import { fuzzSetup } from '../server/src/ops/fuzz-setup.ts';
import { fuzzOperations } from '../server/src/ops/openapi-fuzz.ts';
import { createTestApp } from '../server/test/app.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: 'string' },
    only: { type: 'string' },
    seed: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});
const runs = Number(values.runs ?? 1000);
const from = Number(values.from ?? 1);
const to = Number(values.to ?? Number.POSITIVE_INFINITY);
let position = 0;
/** Whether an operation is in this run: named by --only, or within --from…--to (counted over every operation). */
const inRun = (op: string) => {
  position += 1;
  return values.only ? op === values.only : position >= from && position <= to;
};
const started = Date.now();
const t = await createTestApp();
try {
  const { doc, actors, pool, refreshActors } = await fuzzSetup(t);
  const { failures, stats } = await fuzzOperations(t.app, doc, {
    runs,
    actors,
    pool,
    refreshActors,
    seed: Number(values.seed ?? 20261126),
    filter: inRun,
    log: (line) => console.log(line),
  });
  const requests = stats.reduce((n, s) => n + s.requests, 0);
  const reached = stats.filter((s) => Object.keys(s.statuses).some((c) => c.startsWith('2'))).length;
  for (const f of failures)
    console.log(
      `FAIL ${f.operation} ${f.status} ${f.reason}\n  ${f.request.method} ${f.request.url.slice(0, 300)} ${JSON.stringify(f.request.payload)?.slice(0, 300)}\n  → ${f.body}`,
    );
  console.log(
    `${stats.length} operations, ${requests} requests (${runs} each) in ${Math.round((Date.now() - started) / 1000)} s; ${reached} operations answered 2xx at least once; ${failures.length} failures.`,
  );
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await t.close();
}
