import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStoreConfig } from '../config.ts';
import { type ObjectBackend, ObjectStoreError } from './backend.ts';

type S3Settings = Extract<ObjectStoreConfig, { kind: 's3' }>;

function reasonOf(err: unknown): string {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return [e?.name ?? e?.code ?? 'error', status ? `HTTP ${status}` : ''].filter(Boolean).join(' ');
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** The SDK, loaded on first use: an installation that keeps its files on disk never loads it (about 20 MB). */
const sdk = () => import('@aws-sdk/client-s3');

/**
 * Objects in a bucket of an S3-compatible store (Ceph RGW, MinIO, a cloud's), under S3_PREFIX. Every request is bounded
 * by S3_TIMEOUT_MS (connection, answer, and the whole request with its one retry); checksums are sent and checked only
 * where the protocol requires them, which every S3-compatible server understands.
 */
export class S3Objects implements ObjectBackend {
  readonly kind = 's3' as const;
  private client: S3Client | null = null;

  constructor(private readonly s: S3Settings) {}

  private async connect(): Promise<{ client: S3Client; sdk: Awaited<ReturnType<typeof sdk>> }> {
    const m = await sdk();
    this.client ??= new m.S3Client({
      region: this.s.region,
      ...(this.s.endpoint ? { endpoint: this.s.endpoint } : {}),
      forcePathStyle: this.s.forcePathStyle,
      credentials: { accessKeyId: this.s.accessKeyId, secretAccessKey: this.s.secretAccessKey },
      maxAttempts: 2,
      requestHandler: { connectionTimeout: this.s.timeoutMs, requestTimeout: this.s.timeoutMs, throwOnRequestTimeout: true },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { client: this.client, sdk: m };
  }

  private key(key: string): string {
    return `${this.s.prefix}${key}`;
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.s.timeoutMs * 2 + 1_000);
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    try {
      const { client, sdk } = await this.connect();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.s.bucket,
          Key: this.key(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
        }),
        { abortSignal: this.signal() },
      );
    } catch (err) {
      throw new ObjectStoreError('write', reasonOf(err));
    }
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      const { client, sdk } = await this.connect();
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }), {
        abortSignal: this.signal(),
      });
      if (!out.Body) return Buffer.alloc(0);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (err) {
      if (isMissing(err)) return null;
      throw new ObjectStoreError('read', reasonOf(err));
    }
  }

  async delete(key: string): Promise<void> {
    try {
      const { client, sdk } = await this.connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }), { abortSignal: this.signal() });
    } catch (err) {
      if (isMissing(err)) return;
      throw new ObjectStoreError('delete', reasonOf(err));
    }
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.client?.destroy();
    this.client = null;
  }
}
