import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadDemo } from '../modules/demo/index.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openPglite, openPostgres } from '../platform/db.ts';
import { createDeps } from '../platform/deps.ts';
import { migrate } from '../platform/migrate.ts';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from './backup.ts';
import { BackupFileError, deriveBackupKey, FRAME, readBackup } from './backup-file.ts';
import { PgCluster, postgresBin } from './pg-cluster.ts';

const SERVER_KEY = Buffer.alloc(32, 9);
const KEY = deriveBackupKey({ backupKey: undefined }, SERVER_KEY);
const made: string[] = [];
const tmp = (what: string) => {
  const dir = mkdtempSync(join(tmpdir(), `binh-an-${what}-`));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A ward with the demo's records, one tip whose text holds a unique canary, and one stored (sealed) file. */
async function seed(database: Database, dataDir: string): Promise<{ canary: string; storedFile: string }> {
  await migrate(database.raw);
  const cfg = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIP_FLOOD_THRESHOLD: '100000', TIP_RATE_LIMIT: '100000' }),
    demo: false,
  };
  const deps = await createDeps(database, cfg, SERVER_KEY);
  await loadDemo(database.db, SERVER_KEY);
  const app = await buildApp(deps, { logger: false });
  const canary = `CANARY-${randomBytes(8).toString('hex')}`;
  const sent = await app.inject({
    method: 'POST',
    url: '/api/v1/public/tips',
    payload: { wardCode: 'thanh-vinh', what: `Có người lạ ở ngõ 7, mã ${canary}` },
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const storedFile = await deps.blobs.put(Buffer.concat([Buffer.from('sealed:'), randomBytes(64)]));
  await app.close();
  return { canary, storedFile };
}

/** The decrypted frames of a backup: its database part joined, and its stored files. */
async function openAll(file: string): Promise<{ database: Buffer; files: number }> {
  const parts: Buffer[] = [];
  let files = 0;
  for await (const f of readBackup(file, KEY)) {
    if (f.type === FRAME.database) parts.push(f.payload);
    if (f.type === FRAME.file) files++;
  }
  return { database: Buffer.concat(parts), files };
}

describe('backup and restore of the embedded database', () => {
  it('writes an encrypted file without the canary, which restores with the same rows and audit chain', async () => {
    const dataDir = tmp('backup-src');
    const source = await openPglite(join(dataDir, 'pglite'));
    const { canary, storedFile } = await seed(source, dataDir);
    await source.close();

    const out = join(tmp('backup-out'), 'b.backup');
    const { manifest } = await backupPglite({ dataDir, out, key: KEY });
    expect(manifest.counts['public.tips']).toBeGreaterThan(0);
    expect(manifest.files).toBe(1);
    const file = readFileSync(out);
    expect(file.includes(canary)).toBe(false);
    expect(file.includes('thanh-vinh')).toBe(false); // nothing readable at all
    expect((await import('node:fs')).statSync(out).mode & 0o777).toBe(0o600);

    // Before encryption neither: the tip's text was sealed before it reached the database.
    const { database, files } = await openAll(out);
    const tar = gunzipSync(database);
    expect(tar.includes('thanh-vinh')).toBe(true); // the search does find what is stored in the clear
    expect(tar.includes(canary)).toBe(false);
    expect(files).toBe(1);

    const target = tmp('backup-dst');
    const restored = await restorePglite({ file: out, key: KEY, dataDir: target });
    expect(restored.mismatches).toEqual([]);
    expect(restored.counts).toEqual(manifest.counts);
    expect(restored.audit).toMatchObject({ ok: true, matches: true, count: manifest.audit.count });
    expect(readFileSync(join(target, 'files', storedFile.slice(0, 2), storedFile))).toEqual(
      readFileSync(join(dataDir, 'files', storedFile.slice(0, 2), storedFile)),
    );
    // Not into a data folder that already holds a database.
    await expect(restorePglite({ file: out, key: KEY, dataDir: target })).rejects.toThrow(/not empty/);
  }, 120_000);

  it('refuses a backup under another key, altered or cut short', async () => {
    const dataDir = tmp('backup-small');
    const source = await openPglite(join(dataDir, 'pglite'));
    await migrate(source.raw);
    await source.close();
    const out = join(tmp('backup-out'), 'b.backup');
    await backupPglite({ dataDir, out, key: KEY });
    const drain = async (file: string, key = KEY) => {
      for await (const _ of readBackup(file, key)) {
        // read to the end
      }
    };
    await drain(out);
    await expect(drain(out, deriveBackupKey({ backupKey: 'ab'.repeat(32) }, SERVER_KEY))).rejects.toThrow(BackupFileError);
    const bytes = readFileSync(out);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 40] = (flipped[bytes.length - 40] as number) ^ 1;
    writeFileSync(`${out}.flipped`, flipped);
    await expect(drain(`${out}.flipped`)).rejects.toThrow(/altered/);
    writeFileSync(`${out}.cut`, bytes.subarray(0, bytes.length - 30));
    await expect(drain(`${out}.cut`)).rejects.toThrow(/truncated/);

    // With the files in an S3-compatible bucket they are not copied; the manifest says where they stay.
    mkdirSync(join(dataDir, 'files', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'files', 'ab', 'abcdefghijklmnopqrstuvwx'), randomBytes(32));
    const bucketOut = join(tmp('backup-out'), 'bucket.backup');
    const { manifest } = await backupPglite({ dataDir, objects: 's3://binh-an/thanh-vinh/', out: bucketOut, key: KEY });
    expect(manifest).toMatchObject({ files: 0, objects: 's3://binh-an/thanh-vinh/' });
    expect((await openAll(bucketOut)).files).toBe(0);
  }, 60_000);
});

describe.skipIf(!postgresBin() && !process.env.DATABASE_URL)('backup and restore of PostgreSQL (pg_dump)', () => {
  let cluster: PgCluster | undefined;
  afterAll(() => cluster?.destroy());

  it('dumps a snapshot into an encrypted file without the canary, restored into a fresh database with the same rows and audit chain', async () => {
    cluster = await PgCluster.create();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE source');
    await admin.query('CREATE DATABASE restored');
    await admin.end();
    const url = (db: string) => cluster?.url.replace(/\/postgres$/, `/${db}`) as string;

    const dataDir = tmp('pg-backup-src');
    const source = await openPostgres(url('source'), 4);
    const { canary } = await seed(source, dataDir);
    await source.close();

    const out = join(tmp('pg-backup-out'), 'b.backup');
    const { manifest } = await backupPostgres({ url: url('source'), filesDir: join(dataDir, 'files'), out, key: KEY });
    expect(manifest.engine).toBe('postgres');
    expect(readFileSync(out).includes(canary)).toBe(false);

    // The dump as SQL text (pg_restore to standard output): the canary is nowhere in it, the ward's code is.
    const { database } = await openAll(out);
    const text = spawnSync(join(postgresBin() as string, 'pg_restore'), ['-f', '-'], { input: database, maxBuffer: 1 << 28 });
    expect(text.status, text.stderr.toString()).toBe(0);
    expect(text.stdout.includes('thanh-vinh')).toBe(true);
    expect(text.stdout.includes(canary)).toBe(false);

    const filesDir = join(tmp('pg-backup-dst'), 'files');
    const restored = await restorePostgres({ file: out, key: KEY, url: url('restored'), filesDir });
    expect(restored.mismatches).toEqual([]);
    expect(restored.audit).toMatchObject({ ok: true, matches: true, count: manifest.audit.count });
    expect(restored.files).toBe(1);
    expect(existsSync(filesDir)).toBe(true);
    // The restored database works for the application's role (its grants and policies came along).
    const check = await openPostgres(url('restored'), 1);
    const seen = await check.raw.session(async (conn) => {
      await conn.exec('BEGIN');
      const [w] = await conn.query<{ ids: string }>("SELECT '{' || string_agg(DISTINCT ward_id::text, ',') || '}' AS ids FROM tips");
      await conn.exec('SET LOCAL ROLE binh_an_app');
      await conn.query("SELECT set_config('app.ward_ids', $1, true)", [w?.ids]);
      const [r] = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM tips');
      await conn.exec('ROLLBACK');
      return Number(r?.n);
    });
    await check.close();
    expect(seen).toBe(manifest.counts['public.tips']);
    await expect(restorePostgres({ file: out, key: KEY, url: url('restored'), filesDir })).rejects.toThrow(/not empty/);
  }, 180_000);
});
