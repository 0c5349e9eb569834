import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../test/db.ts';
import { verifyAuditChainJob } from '../modules/audit/index.ts';
import { recordAuditAlone } from './audit/audit.ts';
import { loadConfig } from './config.ts';
import { type Database, queryRows } from './db.ts';
import { createDeps, type Deps } from './deps.ts';
import { defineJob, type JobRunner, startJobs } from './jobs.ts';

let database: Database;
let deps: Deps;
let runner: JobRunner;
const seen: string[] = [];

const echo = defineJob({
  name: 'test.echo',
  payload: z.object({ word: z.string() }),
  async run(_deps, payload) {
    seen.push(payload.word);
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await createDeps(database, loadConfig({}), Buffer.alloc(32));
  runner = await startJobs(deps, [echo, verifyAuditChainJob], 0.5);
});
afterAll(async () => {
  await runner.stop();
  await database.close();
});

describe('background jobs', () => {
  it('runs a job sent to the queue, on this database engine', async () => {
    await runner.send('test.echo', { word: 'xin chào' });
    for (let i = 0; i < 60 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    expect(seen).toEqual(['xin chào']);
  });

  it('verifies the audit chain and records the head hash', async () => {
    await recordAuditAlone(database.db, { action: 'auth.login' });
    await verifyAuditChainJob.handle(deps, {});
    const [row] = await queryRows<{ outcome: string; detail: { count: number; headHash: string } }>(
      database.db,
      sql`SELECT outcome, detail FROM audit_log WHERE action = 'audit.verified' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row?.outcome).toBe('ok');
    expect(row?.detail.count).toBe(1);
    expect(row?.detail.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a payload of the wrong shape', async () => {
    await expect(echo.handle(deps, { word: 5 })).rejects.toThrow();
  });
});
