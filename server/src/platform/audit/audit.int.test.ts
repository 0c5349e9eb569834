import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { type Database, openPglite, queryRows } from '../db.ts';
import { migrate } from '../migrate.ts';
import { AuditChainer, chainPendingAudit, recordAudit, recordAuditAlone, verifyAuditChain } from './audit.ts';

async function chainOf(n: number): Promise<Database> {
  const database = await createTestDatabase();
  for (let i = 0; i < n; i++) {
    await recordAuditAlone(database.db, { action: 'unit.update', entityType: 'unit', entityId: `u${i}`, detail: { changed: ['name'], i } });
  }
  await chainPendingAudit(database.db);
  return database;
}

describe('audit chain (security.md G28)', () => {
  it('verifies an intact chain and reports its head', async () => {
    const database = await chainOf(5);
    try {
      const result = await verifyAuditChain(database.db, { pageSize: 2 });
      expect(result).toMatchObject({ ok: true, count: 5, headSeq: 5, pending: 0 });
    } finally {
      await database.close();
    }
  });

  it('links concurrent appends, and those of rolled-back transactions never, into one unbroken chain', async () => {
    const database = await createTestDatabase();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          database.db
            .transaction(async (tx) => {
              await recordAudit(tx, { action: 'auth.login', detail: { i } });
              if (i % 5 === 0) throw new Error('rolled back');
            })
            .catch(() => {}),
        ),
      );
      const [before] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL`);
      expect(before?.n).toBe(16);
      expect(await verifyAuditChain(database.db, { chainFirst: false })).toMatchObject({ ok: true, count: 0, pending: 16 });
      expect(await chainPendingAudit(database.db)).toBe(16);
      expect(await verifyAuditChain(database.db, { chainFirst: false })).toMatchObject({ ok: true, count: 16, headSeq: 16, pending: 0 });
      // Rolled-back entries used up numbers (seq has gaps), the chain's positions have none.
      const rows = await queryRows<{ seq: string; chain_pos: string }>(
        database.db,
        sql`SELECT seq, chain_pos FROM audit_log ORDER BY chain_pos`,
      );
      expect(rows.map((r) => Number(r.chain_pos))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(Number(rows[15]?.seq)).toBeGreaterThan(16);
    } finally {
      await database.close();
    }
  });

  it('a running chainer links what is written shortly after', async () => {
    const database = await createTestDatabase();
    const chainer = new AuditChainer(database.db, 50).start();
    try {
      await recordAuditAlone(database.db, { action: 'auth.login' });
      await expect.poll(async () => (await verifyAuditChain(database.db, { chainFirst: false })).count, { timeout: 3000 }).toBe(1);
    } finally {
      await chainer.stop();
      await database.close();
    }
  });

  const tampers: [string, (db: Database) => Promise<void>, number][] = [
    ['an edited row', (d) => d.raw.exec(`UPDATE audit_log SET detail = '{"changed":["code"]}' WHERE seq = 3`), 3],
    ['a deleted row', (d) => d.raw.exec('DELETE FROM audit_log WHERE seq = 4'), 4],
    [
      'two rows swapped',
      (d) =>
        d.raw.exec(
          'UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -2;',
        ),
      2,
    ],
    ['a rewritten hash', (d) => d.raw.exec(`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 5`), 5],
  ];
  for (const [name, tamper, index] of tampers) {
    it(`names the first broken link after ${name}`, async () => {
      const database = await chainOf(6);
      try {
        await tamper(database);
        const result = await verifyAuditChain(database.db);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.brokenAt).toBe(index);
      } finally {
        await database.close();
      }
    });
  }

  it('`npm run audit:verify` exits non-zero and names the broken entry', async () => {
    if (process.env.DATABASE_URL) return; // the command is exercised on the embedded database
    const dir = mkdtempSync(join(tmpdir(), 'binh-an-audit-'));
    writeFileSync(join(dir, 'secret.key'), `${'ab'.repeat(32)}\n`);
    const database = await openPglite(join(dir, 'pglite'));
    await migrate(database.raw);
    for (let i = 0; i < 4; i++) await recordAuditAlone(database.db, { action: 'auth.login', detail: { i } });
    await chainPendingAudit(database.db);
    await database.db.execute(sql`UPDATE audit_log SET action = 'auth.logout' WHERE seq = 2`);
    await database.close();
    const run = spawnSync('npx', ['tsx', 'server/src/cli.ts', 'audit', 'verify'], {
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('#2');
  });
});
