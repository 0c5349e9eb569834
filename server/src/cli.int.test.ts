import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/db.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import { openPglite } from './platform/db.ts';
import { createDeps } from './platform/deps.ts';

/** The operator's command line, run as `npm run cli` runs it, on the embedded database or the PostgreSQL server. */
let env: Record<string, string>;
let dataDir: string;
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'binh-an-cli-'));
  env = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    env.DATABASE_URL = database.url as string;
    cleanup = database.close;
  }
});
afterAll(() => cleanup());

const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'server/src/cli.ts', ...args], { env, encoding: 'utf8' });

describe('npm run cli', () => {
  it('loads the demo, lists accounts as JSON, creates a token that the API accepts, and prints TOTP codes', async () => {
    const demo = cli('demo', 'load');
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('truongcongan');

    const list = cli('users', 'list', '--json');
    expect(list.status, list.stderr).toBe(0);
    const users = JSON.parse(list.stdout) as { username: string; role: string; unit: string }[];
    expect(users).toContainEqual({ username: 'canbo', role: 'officer', unit: 'Phường Thành Vinh', disabled: false });
    expect(new Set(users.map((u) => u.role)).size).toBe(8);

    const created = cli('token', 'create', '--user', 'canbo');
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1) as string;
    expect(token).toMatch(/^ba_[A-Za-z0-9_-]{43}$/);

    const again = cli('demo', 'load');
    expect(again.status).not.toBe(0);

    const totp = cli('totp', 'canbo');
    expect(totp.status, totp.stderr).toBe(0);
    expect(totp.stdout.trim()).toMatch(/^\d{6}$/);

    const database = process.env.DATABASE_URL ? null : await openPglite(join(dataDir, 'pglite'));
    const { openPostgres } = await import('./platform/db.ts');
    const db = database ?? (await openPostgres(env.DATABASE_URL as string, 2));
    const app = await buildApp(await createDeps(db, loadConfig({ ...env, LOG_LEVEL: 'silent' }), Buffer.alloc(32)), { logger: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.some((u: { code: string }) => u.code === 'thanh-vinh')).toBe(true);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
