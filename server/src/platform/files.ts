import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Sharp from 'sharp';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { type ObjectBackend, ObjectStoreError } from './objects/backend.ts';
import { DiskObjects } from './objects/disk.ts';
import { S3Objects } from './objects/s3.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;

export type FileKind = 'image' | 'document' | 'audio' | 'video';

/** What an upload really is, read from its first bytes (never from its name or the browser's claim). */
export function sniff(bytes: Uint8Array): { mime: string; kind: FileKind; ext: string } | null {
  const b = Buffer.from(bytes.subarray(0, 16));
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', kind: 'image', ext: 'jpg' };
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { mime: 'image/png', kind: 'image', ext: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', kind: 'image', ext: 'webp' };
  if (ascii(0, 4) === '%PDF') return { mime: 'application/pdf', kind: 'document', ext: 'pdf' };
  if (ascii(0, 4) === 'PK\x03\x04') return { mime: 'application/zip', kind: 'document', ext: 'zip' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return { mime: 'audio/wav', kind: 'audio', ext: 'wav' };
  if (ascii(0, 4) === 'OggS') return { mime: 'audio/ogg', kind: 'audio', ext: 'ogg' };
  if (ascii(0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] as number) & 0xe0) === 0xe0))
    return { mime: 'audio/mpeg', kind: 'audio', ext: 'mp3' };
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return null;
    if (brand.startsWith('M4A')) return { mime: 'audio/mp4', kind: 'audio', ext: 'm4a' };
    return { mime: 'video/mp4', kind: 'video', ext: 'mp4' };
  }
  return null;
}

export type CleanFile = { bytes: Buffer; mime: string; kind: FileKind; quarantined: boolean; name: string };

/**
 * Makes an upload safe to keep: images are decoded and re-encoded, which drops every EXIF, XMP, GPS and ICC field
 * (ASVS 14.2.8, security.md G3) and turns them upright; anything whose metadata cannot be removed here (documents,
 * audio, video) is kept quarantined, for an officer's explicit download only. The original bytes are never kept.
 * Answers null for a type that is not accepted (HEIC included: it cannot be decoded here).
 */
// sharp (about 28 MB once loaded) is imported with the first image, not at start.
let sharpModule: Promise<typeof Sharp> | undefined;

export async function cleanUpload(bytes: Buffer, originalName: string): Promise<CleanFile | null> {
  const type = sniff(bytes);
  if (!type) return null;
  const base = sanitiseName(originalName, type.ext);
  if (type.kind !== 'image') return { bytes, mime: type.mime, kind: type.kind, quarantined: true, name: base };
  sharpModule ??= import('sharp').then((m) => m.default);
  const sharp = await sharpModule;
  try {
    const image = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    const out =
      type.mime === 'image/png'
        ? await image.png().toBuffer()
        : type.mime === 'image/webp'
          ? await image.webp({ quality: 85 }).toBuffer()
          : await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
    return { bytes: out, mime: type.mime, kind: 'image', quarantined: false, name: base };
  } catch {
    return null;
  }
}

/** A file name without path, control characters or a misleading extension. */
export function sanitiseName(name: string, ext: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/\p{Cc}|["<>|*?:]/gu, '')
    .trim()
    .slice(0, 80);
  return `${stem || 'tep'}.${ext}`;
}

const KEY = /^[A-Za-z0-9_-]{24}$/;
/** The sealed format's first bytes: a version, so that a later format (or a file stored before sealing) is told apart. */
const MAGIC = Buffer.from('BAOBJ\x00\x01\x00', 'latin1');
const IV = 12;
const TAG = 16;

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new Error('bad storage key');
}

/**
 * Stored files (tip attachments, scanned letters, footage, outreach materials), named by random keys that say nothing
 * about their content, in a folder on disk (DATA_DIR/files, the default) or an S3-compatible bucket (OBJECT_STORE=s3).
 * Whatever the backend, every blob is sealed here before it is written: AES-256-GCM under a key derived from the server
 * key, bound to its storage key (an object moved to another key does not open), so the disk or the store's operator
 * sees only ciphertext; callers seal personal data once more under the record's own key. A store that cannot be
 * reached, or does not answer within its timeout, is a 503 (`unavailable`) for the caller, never a crash.
 *
 * Orphans: callers write the object before the row that points at it, and remove it again when their transaction
 * fails (`discarding`, `putAll`); an object left behind by a crash in between is sealed and referenced by no
 * row, unreadable without the record's key, and harmless.
 */
export class BlobStore {
  private readonly sealKey: Buffer;

  constructor(
    readonly backend: ObjectBackend,
    serverKey: Buffer,
    private readonly onFailure: (err: ObjectStoreError) => void = () => {},
  ) {
    this.sealKey = createHmac('sha256', serverKey).update('binh-an:objects').digest();
  }

  /** Seals and writes a blob; answers its new key. */
  async put(bytes: Buffer): Promise<string> {
    const key = randomBytes(18).toString('base64url');
    await this.call(() => this.backend.write(key, this.seal(key, bytes)));
    return key;
  }

  /** Writes several blobs, all or none: when one fails, those already written are removed. */
  async putAll(list: readonly Buffer[]): Promise<string[]> {
    const keys: string[] = [];
    try {
      for (const bytes of list) keys.push(await this.put(bytes));
      return keys;
    } catch (err) {
      await this.removeQuietly(keys);
      throw err;
    }
  }

  /** Reads and opens a blob; a missing blob is `notFound`. */
  async get(key: string): Promise<Buffer> {
    checkKey(key);
    const stored = await this.call(() => this.backend.read(key));
    if (!stored) throw new AppError('notFound');
    return this.open(key, stored);
  }

  /** Deletes a blob (a purge past its retention); a blob already gone is no error. */
  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.call(() => this.backend.delete(key));
  }

  /**
   * Copies a blob kept under `key` elsewhere (DATA_DIR/files, on moving to a bucket) into this store under the same key:
   * one already sealed by a store goes as it is (it opens with the same server key), an older unsealed file is sealed first.
   */
  async copyIn(key: string, stored: Buffer): Promise<Buffer> {
    checkKey(key);
    const sealed = stored.length >= MAGIC.length + IV + TAG && stored.subarray(0, MAGIC.length).equals(MAGIC);
    const plain = sealed ? this.open(key, stored) : stored; // refuses what does not open under this server key
    await this.call(() => this.backend.write(key, sealed ? stored : this.seal(key, stored)));
    return plain;
  }

  /**
   * Runs `work`, which records blobs already written under `keys` (a transaction); when it fails, the blobs are removed
   * again (best effort) and the failure goes on to the caller, so that no object outlives a record that was never written.
   */
  async discardOnFailure<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return work().catch(this.discarding(keys));
  }

  /**
   * The same for a `.catch` after the transaction that records blobs already written under `keys`: removes them (best
   * effort), then passes the failure on. `await db.transaction(…).catch(deps.blobs.discarding(keys))`.
   */
  discarding(keys: readonly string[]): (err: unknown) => Promise<never> {
    return async (err) => {
      await this.removeQuietly(keys);
      throw err;
    };
  }

  private async removeQuietly(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.remove(key).catch(() => undefined);
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!(err instanceof ObjectStoreError)) throw err;
      this.onFailure(err);
      throw new AppError('unavailable');
    }
  }

  private seal(key: string, plain: Buffer): Buffer {
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  private open(key: string, stored: Buffer): Buffer {
    if (stored.length < MAGIC.length + IV + TAG || !stored.subarray(0, MAGIC.length).equals(MAGIC)) {
      // A file written to disk before the store sealed blobs itself (its content sealed by its caller, or public).
      if (this.backend.kind === 'disk') return stored;
      throw new Error('stored object is not sealed');
    }
    const iv = stored.subarray(MAGIC.length, MAGIC.length + IV);
    const tag = stored.subarray(MAGIC.length + IV, MAGIC.length + IV + TAG);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAAD(Buffer.from(key));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(stored.subarray(MAGIC.length + IV + TAG)), decipher.final()]);
    } catch {
      throw new Error('stored object does not open: tampered or misplaced');
    }
  }
}

/** The store the settings ask for: DATA_DIR/files, or the S3-compatible bucket. */
export function createBlobStore(
  cfg: Pick<Config, 'dataDir' | 'objectStore'> & { logLevel?: Config['logLevel'] },
  serverKey: Buffer,
  onFailure?: (err: ObjectStoreError) => void,
): BlobStore {
  const backend = cfg.objectStore.kind === 's3' ? new S3Objects(cfg.objectStore) : new DiskObjects(join(cfg.dataDir, 'files'));
  return new BlobStore(backend, serverKey, onFailure ?? (cfg.logLevel === 'silent' ? () => {} : reportFailure));
}

/** One line for the operator on standard error; the message names the operation and the store's answer, never a file. */
function reportFailure(err: ObjectStoreError): void {
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: err.message })}\n`);
}
