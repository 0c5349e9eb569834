import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { PgCluster, postgresBin } from '../ops/pg-cluster.ts';
import { loadConfig } from './config.ts';
import { type Database, openPostgres } from './db.ts';
import { createDeps } from './deps.ts';
import { migrate } from './migrate.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A PostgreSQL server of its own, stopped and started again. Skipped only where PostgreSQL is not installed and no
// DATABASE_URL says that it should be (CI's PostgreSQL run has both, and then a missing server fails the test).
describe.skipIf(!postgresBin() && !process.env.DATABASE_URL)('PostgreSQL stopped and started again', () => {
  let cluster: PgCluster;
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    database = await openPostgres(cluster.url, 4);
    await migrate(database.raw);
    const cfg = { ...loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'binh-an-outage-')), LOG_LEVEL: 'silent' }), demo: false };
    app = await buildApp(await createDeps(database, cfg, Buffer.alloc(32, 3)), { logger: false });
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.close().catch(() => undefined);
    cluster?.destroy();
  });

  const login = () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-binh-an-csrf': '1' },
      payload: { username: 'nobody', password: 'not the password' },
    });

  it('answers 503 with Retry-After within a second while it is down, and recovers by itself when it returns', async () => {
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(401); // the database was asked

    cluster.stop('fast');
    for (const request of [() => app.inject('/api/health'), login, login]) {
      const t0 = Date.now();
      const res = await request();
      expect(res.statusCode).toBe(503);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 503, code: 'unavailable' });
    }
    await sleep(600); // the probe has noticed: refused before any database work
    const t1 = Date.now();
    expect((await login()).statusCode).toBe(503);
    expect(Date.now() - t1).toBeLessThan(100);

    cluster.start();
    const back = Date.now();
    let status = 0;
    while (Date.now() - back < 10_000) {
      status = (await login()).statusCode;
      if (status === 401) break;
      await sleep(100);
    }
    expect(status).toBe(401);
    expect(Date.now() - back).toBeLessThan(3000);
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok' });
  }, 60_000);
});
