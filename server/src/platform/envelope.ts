import { createHmac, randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers';

/**
 * Envelope encryption for what residents send (security.md G9–G11): each record has its own random data key; its fields
 * are sealed with XChaCha20-Poly1305 under that key, bound by associated data to the record and the field, so that a
 * flipped byte or a value moved to another row fails loudly instead of decrypting to garbage. The data key is sealed
 * with a key-encryption key derived from the server key, which lives outside the database.
 */
export class Envelope {
  private constructor(private readonly kek: Uint8Array) {}

  /** Derives the key-encryption key for one purpose ("tips") from the server key. */
  static async create(serverKey: Buffer, purpose: string): Promise<Envelope> {
    await sodium.ready;
    return new Envelope(new Uint8Array(createHmac('sha256', serverKey).update(`binh-an:envelope:${purpose}`).digest()));
  }

  /** A fresh data key for a record, and its sealed form to store beside the record. */
  newDataKey(recordId: string): { key: Uint8Array; wrapped: string } {
    const key = fresh(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    return { key, wrapped: sealBytes(this.kek, key, `key:${recordId}`) };
  }

  unwrap(wrapped: string, recordId: string): Uint8Array {
    return openBytes(this.kek, wrapped, `key:${recordId}`);
  }
}

/** Thrown when a sealed value does not open: tampered, truncated, or moved from another record or field. */
export class SealError extends Error {}

/**
 * Random bytes for keys and nonces from the operating system's generator through Node (libsodium's own generator in
 * WebAssembly asks for four bytes at a time and cost a tenth of a tip's CPU).
 */
function fresh(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

/** Seals bytes under a key; the output carries its nonce. */
export function sealBytes(key: Uint8Array, plain: Uint8Array, context: string): string {
  const nonce = fresh(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const box = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, context, null, nonce, key);
  return `x1.${sodium.to_base64(nonce, sodium.base64_variants.URLSAFE_NO_PADDING)}.${sodium.to_base64(box, sodium.base64_variants.URLSAFE_NO_PADDING)}`;
}

export function openBytes(key: Uint8Array, sealed: string, context: string): Uint8Array {
  const [version, nonce, box] = sealed.split('.');
  if (version !== 'x1' || !nonce || !box) throw new SealError('sealed value has an unknown format');
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sodium.from_base64(box, sodium.base64_variants.URLSAFE_NO_PADDING),
      context,
      sodium.from_base64(nonce, sodium.base64_variants.URLSAFE_NO_PADDING),
      key,
    );
  } catch {
    throw new SealError(`sealed value for ${context.split(':')[0]} does not open: tampered or misplaced`);
  }
}

/** Seals a JSON value. */
export function sealJson(key: Uint8Array, value: unknown, context: string): string {
  return sealBytes(key, new TextEncoder().encode(JSON.stringify(value)), context);
}

export function openJson<T>(key: Uint8Array, sealed: string, context: string): T {
  return JSON.parse(new TextDecoder().decode(openBytes(key, sealed, context))) as T;
}

/** Seals file contents (binary): nonce ‖ ciphertext. */
export function sealFile(key: Uint8Array, plain: Uint8Array, context: string): Buffer {
  const nonce = fresh(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const box = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, context, null, nonce, key);
  return Buffer.concat([Buffer.from(nonce), Buffer.from(box)]);
}

export function openFile(key: Uint8Array, sealed: Uint8Array, context: string): Buffer {
  const n = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  try {
    return Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(n), context, sealed.subarray(0, n), key));
  } catch {
    throw new SealError('sealed file does not open: tampered or misplaced');
  }
}
