import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSetup } from '../src/ops/fuzz-setup.ts';
import { fuzzOperations } from '../src/ops/openapi-fuzz.ts';
import { createTestApp, type TestApp } from './app.ts';

// A few generated requests per operation in every test run; `npm run fuzz` sends a thousand each.
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('every operation of the OpenAPI document, fuzzed', () => {
  it('answers no 5xx, and every 2xx and 4xx answer matches its schema or is a problem document', async () => {
    const { doc, actors, pool, refreshActors } = await fuzzSetup(t);
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(operations).toBeGreaterThan(100);
    const { failures, stats } = await fuzzOperations(t.app, doc, { runs: RUNS, actors, pool, refreshActors, seed: 20261126 });
    expect(stats).toHaveLength(operations);
    expect(
      failures.map(
        (f) =>
          `${f.operation} ${f.status} ${f.reason}: ${f.request.method} ${f.request.url} ${JSON.stringify(f.request.payload)?.slice(0, 200)} → ${f.body}`,
      ),
    ).toEqual([]);
    // Not only refusals: the generated requests reach the services.
    const ok = stats.filter((s) => Object.keys(s.statuses).some((c) => c.startsWith('2'))).length;
    expect(ok).toBeGreaterThan(30);
  }, 600_000);
});
