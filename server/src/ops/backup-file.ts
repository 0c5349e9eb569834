import { createHmac } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import sodium from 'libsodium-wrappers';

/**
 * The encrypted backup file: a magic line, a libsodium secretstream (XChaCha20-Poly1305) header, then frames, each a
 * 4-byte big-endian length and one sealed message. Every message starts with a type byte: the manifest (JSON), a chunk
 * of the database dump, or a stored file (already sealed by the server, sealed again here). The last frame carries the
 * stream's FINAL tag, so that a truncated file is detected, and a flipped byte fails the frame it is in. Nothing is
 * ever written in the clear: the dump goes from the dumping program's pipe through the stream into the file.
 */
type StreamState = ReturnType<typeof sodium.crypto_secretstream_xchacha20poly1305_init_push>['state'];

export const BACKUP_MAGIC = Buffer.from('BINH-AN-BACKUP-1\n', 'latin1');

export const FRAME = { manifest: 1, database: 2, file: 3, end: 4 } as const;

export type BackupManifest = {
  format: 1;
  engine: 'postgres' | 'pglite';
  createdAt: string;
  /** Rows per table (schema.table), counted in the snapshot the dump was taken from. */
  counts: Record<string, number>;
  /** The audit chain's head in that snapshot. */
  audit: { count: number; headSeq: number | null; headHash: string | null };
  files: number;
  /**
   * Where the stored files are when they are not in the backup: the S3-compatible bucket ("s3://bucket/prefix") they
   * stay in, sealed, protected by the bucket's own versioning or replication. Absent: the files are in the backup.
   */
  objects?: string;
};

/** The backup key: BACKUP_KEY when set, else one derived from the server key for this purpose only. */
export function deriveBackupKey(cfg: { backupKey: string | undefined }, serverKey: Buffer): Uint8Array {
  if (cfg.backupKey) return new Uint8Array(Buffer.from(cfg.backupKey, 'hex'));
  return new Uint8Array(createHmac('sha256', serverKey).update('binh-an:backup').digest());
}

/** Writes frames into `<path>.part` (mode 600), renamed to `path` only once the stream is closed with its FINAL tag. */
export class BackupWriter {
  private readonly fd: number;
  private readonly state: StreamState;
  private closed = false;
  bytes = 0;

  private constructor(
    private readonly path: string,
    key: Uint8Array,
  ) {
    this.fd = openSync(`${path}.part`, 'wx', 0o600);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    this.state = state;
    this.write(BACKUP_MAGIC);
    this.write(header);
  }

  static async open(path: string, key: Uint8Array): Promise<BackupWriter> {
    await sodium.ready;
    return new BackupWriter(path, key);
  }

  frame(type: number, payload: Uint8Array, final = false): void {
    if (this.closed) throw new Error('backup already closed');
    const plain = new Uint8Array(payload.length + 1);
    plain[0] = type;
    plain.set(payload, 1);
    const tag = final ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(this.state, plain, null, tag);
    plain.fill(0);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(sealed.length);
    this.write(len);
    this.write(sealed);
  }

  /** Closes the stream with its FINAL frame, flushes it to disk and gives the file its name. */
  finish(): string {
    this.frame(FRAME.end, new Uint8Array(0), true);
    this.closed = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(`${this.path}.part`, this.path);
    return this.path;
  }

  /** Leaves no partial file behind. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(`${this.path}.part`, { force: true });
  }

  private write(buf: Uint8Array): void {
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.bytes += buf.length;
  }
}

/** Thrown when a backup does not open: wrong key, altered or truncated file, or not a backup at all. */
export class BackupFileError extends Error {}

/** Reads a backup's frames in order, each checked; the last must carry FINAL. */
export async function* readBackup(path: string, key: Uint8Array): AsyncGenerator<{ type: number; payload: Buffer }> {
  await sodium.ready;
  const fd = openSync(path, 'r');
  try {
    const readExactly = (n: number): Buffer | null => {
      const buf = Buffer.alloc(n);
      let off = 0;
      while (off < n) {
        const got = readSync(fd, buf, off, n - off, null);
        if (got === 0) break;
        off += got;
      }
      if (off === 0) return null;
      if (off < n) throw new BackupFileError('The backup is truncated.');
      return buf;
    };
    const magic = readExactly(BACKUP_MAGIC.length);
    if (!magic?.equals(BACKUP_MAGIC)) throw new BackupFileError('Not a Bình An backup file.');
    const header = readExactly(sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES);
    if (!header) throw new BackupFileError('The backup is truncated.');
    let state: StreamState;
    try {
      state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    } catch {
      throw new BackupFileError('The backup does not open with this key.');
    }
    for (;;) {
      const len = readExactly(4);
      if (!len) throw new BackupFileError('The backup is truncated (no final frame).');
      const sealed = readExactly(len.readUInt32BE(0));
      if (!sealed) throw new BackupFileError('The backup is truncated.');
      const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, null) as { message: Uint8Array; tag: number } | false;
      if (!opened) throw new BackupFileError('The backup does not open with this key, or it was altered.');
      const type = opened.message[0] ?? 0;
      if (opened.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        if (type !== FRAME.end) throw new BackupFileError('The backup is malformed.');
        return;
      }
      yield { type, payload: Buffer.from(opened.message.subarray(1)) };
    }
  } finally {
    closeSync(fd);
  }
}

/** A stored file's frame: its path under the files folder (length-prefixed), then its bytes. */
export function fileFrame(relPath: string, bytes: Buffer): Buffer {
  const name = Buffer.from(relPath, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(name.length);
  return Buffer.concat([len, name, bytes]);
}

export function parseFileFrame(payload: Buffer): { relPath: string; bytes: Buffer } {
  const n = payload.readUInt16BE(0);
  const relPath = payload.subarray(2, 2 + n).toString('utf8');
  if (!/^[A-Za-z0-9_-]{2}\/[A-Za-z0-9_-]{1,64}$/.test(relPath)) throw new BackupFileError('The backup names a file outside the store.');
  return { relPath, bytes: payload.subarray(2 + n) };
}
