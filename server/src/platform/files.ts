import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

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
export async function cleanUpload(bytes: Buffer, originalName: string): Promise<CleanFile | null> {
  const type = sniff(bytes);
  if (!type) return null;
  const base = sanitiseName(originalName, type.ext);
  if (type.kind !== 'image') return { bytes, mime: type.mime, kind: type.kind, quarantined: true, name: base };
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

/** Encrypted blobs on disk under DATA_DIR/files, named by random keys that say nothing about their content. */
export class BlobStore {
  constructor(private readonly dir: string) {}

  put(bytes: Buffer): string {
    const key = randomBytes(18).toString('base64url');
    const folder = join(this.dir, key.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, key), bytes, { mode: 0o600 });
    return key;
  }

  get(key: string): Buffer {
    if (!/^[A-Za-z0-9_-]{24}$/.test(key)) throw new Error('bad storage key');
    return readFileSync(join(this.dir, key.slice(0, 2), key));
  }

  /** Deletes a blob (a purge past its retention); a blob already gone is no error. */
  remove(key: string): void {
    if (!/^[A-Za-z0-9_-]{24}$/.test(key)) throw new Error('bad storage key');
    rmSync(join(this.dir, key.slice(0, 2), key), { force: true });
  }
}
