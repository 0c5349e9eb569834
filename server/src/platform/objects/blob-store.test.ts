import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeS3 } from '../../../test/fake-s3.ts';
import { copyFilesToStore } from '../../ops/objects.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { BlobStore, createBlobStore } from '../files.ts';
import { type ObjectBackend, ObjectStoreError } from './backend.ts';
import { DiskObjects } from './disk.ts';
import { S3Objects } from './s3.ts';

const SERVER_KEY = Buffer.alloc(32, 3);
const PLAIN = Buffer.from('Biên bản hòa giải — CANARY-PLAINTEXT');
const path = (dir: string, key: string) => join(dir, key.slice(0, 2), key);

/** A backend in memory whose writes fail after `okWrites` of them. */
class FlakyBackend implements ObjectBackend {
  readonly kind = 's3' as const;
  readonly objects = new Map<string, Buffer>();
  constructor(private okWrites: number) {}
  async write(key: string, bytes: Buffer) {
    if (this.okWrites-- <= 0) throw new ObjectStoreError('write', 'ECONNREFUSED');
    this.objects.set(key, bytes);
  }
  async read(key: string) {
    return this.objects.get(key) ?? null;
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

const unavailable = (err: unknown) => err instanceof AppError && err.code === 'unavailable';

describe('the blob store on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binh-an-blobs-'));
  const store = new BlobStore(new DiskObjects(dir), SERVER_KEY);

  it('seals every blob before writing it (mode 600) and opens it again; a missing blob is notFound', async () => {
    const key = await store.put(PLAIN);
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const onDisk = readFileSync(path(dir, key));
    expect(onDisk.includes(Buffer.from('CANARY-PLAINTEXT'))).toBe(false);
    expect(onDisk.subarray(0, 5).toString()).toBe('BAOBJ');
    expect(statSync(path(dir, key)).mode & 0o777).toBe(0o600);
    expect(await store.get(key)).toEqual(PLAIN);
    await store.remove(key);
    expect(existsSync(path(dir, key))).toBe(false);
    await store.remove(key); // already gone: no error
    await expect(store.get(key)).rejects.toMatchObject({ code: 'notFound' });
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/bad storage key/);
  });

  it('refuses a blob moved under another key or altered, under another server key, and reads files stored before sealing', async () => {
    const a = await store.put(PLAIN);
    const b = await store.put(Buffer.from('other'));
    writeFileSync(path(dir, b), readFileSync(path(dir, a)));
    await expect(store.get(b)).rejects.toThrow(/tampered or misplaced/);
    const altered = readFileSync(path(dir, a));
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    writeFileSync(path(dir, b), altered);
    await expect(store.get(b)).rejects.toThrow(/tampered or misplaced/);
    await expect(new BlobStore(new DiskObjects(dir), Buffer.alloc(32, 4)).get(a)).rejects.toThrow(/tampered or misplaced/);
    // A file written before the store sealed blobs itself (its caller had sealed it, or it is public) still reads.
    const legacy = 'LegacyFileStoredBefore01';
    mkdirSync(join(dir, 'Le'), { recursive: true });
    writeFileSync(path(dir, legacy), Buffer.from('%PDF-1.4 legacy'));
    expect((await store.get(legacy)).toString()).toBe('%PDF-1.4 legacy');
  });
});

describe('writing, and undoing a write', () => {
  it('writes several blobs all or none, and removes them again when the record is not written', async () => {
    const flaky = new FlakyBackend(1);
    const store = new BlobStore(flaky, SERVER_KEY);
    const failed = await store.putAll([PLAIN, PLAIN]).catch((e: unknown) => e);
    expect(unavailable(failed)).toBe(true);
    expect(flaky.objects.size).toBe(0);

    const ok = new BlobStore(new FlakyBackend(10), SERVER_KEY);
    const keys = await ok.putAll([PLAIN, Buffer.from('b')]);
    await expect(ok.discardOnFailure(keys, async () => 'recorded')).resolves.toBe('recorded');
    expect(await ok.get(keys[0] as string)).toEqual(PLAIN);
    await expect(
      ok.discardOnFailure(keys, async () => {
        throw new AppError('conflict');
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(ok.get(keys[0] as string)).rejects.toMatchObject({ code: 'notFound' });
    await expect(ok.get(keys[1] as string)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('refuses an object from the bucket that the store did not seal', async () => {
    const backend = new FlakyBackend(10);
    const store = new BlobStore(backend, SERVER_KEY);
    backend.objects.set('PlainObjectInTheBucket01', Buffer.from('plain'));
    await expect(store.get('PlainObjectInTheBucket01')).rejects.toThrow(/not sealed/);
  });
});

describe('the S3 settings', () => {
  it('stops the start with a message naming what is missing or wrong', () => {
    expect(() => loadConfig({ OBJECT_STORE: 's3' })).toThrow(ConfigError);
    expect(() => loadConfig({ OBJECT_STORE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY: required/);
    expect(() => loadConfig({ OBJECT_STORE: 'ftp' })).toThrow(/OBJECT_STORE/);
    expect(() =>
      loadConfig({ OBJECT_STORE: 's3', S3_BUCKET: 'B_ad', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_ENDPOINT: 'ftp://x' }),
    ).toThrow(/S3_BUCKET[\s\S]*S3_ENDPOINT|S3_ENDPOINT[\s\S]*S3_BUCKET/);
    expect(() => loadConfig({ S3_PREFIX: '/abs' })).toThrow(/S3_PREFIX/);
    expect(loadConfig({}).objectStore).toEqual({ kind: 'disk' });
    expect(
      loadConfig({
        OBJECT_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000/',
        S3_BUCKET: 'binh-an',
        S3_PREFIX: 'phuong-thanh-vinh/',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
        S3_FORCE_PATH_STYLE: 'true',
      }).objectStore,
    ).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'binh-an',
      prefix: 'phuong-thanh-vinh/',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
      timeoutMs: 10_000,
    });
  });
});

describe('an S3-compatible store', () => {
  const s3 = new FakeS3('binh-an', 'AKIATEST', 'secret-test');
  let endpoint = '';
  const settings = () => ({
    kind: 's3' as const,
    endpoint,
    region: 'us-east-1',
    bucket: 'binh-an',
    prefix: 'test/',
    accessKeyId: 'AKIATEST',
    secretAccessKey: 'secret-test',
    forcePathStyle: true,
    timeoutMs: 300,
  });
  const bucketHolds = (needle: string) => [...s3.objects.values()].some((b) => b.includes(Buffer.from(needle)));
  beforeAll(async () => {
    endpoint = await s3.start();
  });
  afterAll(() => s3.stop());

  it('is refused under a wrong key, and a store that does not answer is a 503 within its timeout', async () => {
    const failures: string[] = [];
    const store = createBlobStore({ dataDir: '/nonexistent', objectStore: settings() }, SERVER_KEY, (e) => failures.push(e.message));
    const key = await store.put(PLAIN);
    expect(s3.objects.get(`test/${key}`)?.includes(Buffer.from('CANARY-PLAINTEXT'))).toBe(false);
    expect(await store.get(key)).toEqual(PLAIN);

    const wrong = new BlobStore(new S3Objects({ ...settings(), secretAccessKey: 'not-the-secret' }), SERVER_KEY, () => {});
    expect(unavailable(await wrong.put(PLAIN).catch((e: unknown) => e))).toBe(true);
    expect(s3.refused).toBeGreaterThan(0);

    s3.mode = 'hang';
    const started = Date.now();
    expect(unavailable(await store.get(key).catch((e: unknown) => e))).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    s3.mode = 'reset';
    expect(unavailable(await store.put(PLAIN).catch((e: unknown) => e))).toBe(true);
    s3.mode = 'ok';
    expect(failures.length).toBe(2);
    expect(failures.join(' ')).not.toContain(key);
    await store.remove(key);
    expect(s3.objects.has(`test/${key}`)).toBe(false);
  });

  it('takes the files of DATA_DIR/files over under the same keys (npm run objects -- copy-to-bucket)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'binh-an-move-'));
    const disk = new BlobStore(new DiskObjects(dir), SERVER_KEY);
    const sealed = await disk.put(PLAIN);
    const legacy = 'LegacyFileStoredBefore02';
    mkdirSync(join(dir, 'Le'), { recursive: true });
    writeFileSync(path(dir, legacy), Buffer.from('%PDF-1.4 CANARY-LEGACY'));
    const foreign = await new BlobStore(new DiskObjects(dir), Buffer.alloc(32, 9)).put(PLAIN);
    const bucket = createBlobStore({ dataDir: dir, objectStore: settings(), logLevel: 'silent' }, SERVER_KEY);
    const result = await copyFilesToStore(dir, bucket);
    expect(result).toEqual({ copied: 2, failed: [foreign] });
    expect(await bucket.get(sealed)).toEqual(PLAIN);
    expect((await bucket.get(legacy)).toString()).toBe('%PDF-1.4 CANARY-LEGACY');
    expect(bucketHolds('CANARY')).toBe(false);
  });
});
