/**
 * Sealing what the patrol phone keeps (docs/security.md, "Data on the patrol phone"): AES-256-GCM through Web Crypto,
 * with a key that is generated on the device, never extractable, and kept as a CryptoKey object in IndexedDB. Each
 * sealed value has its own random 96-bit IV and is bound to where it is stored by the associated data (`context`), so
 * that a ciphertext moved to another record does not open.
 */

/** A sealed value as stored: the IV and the ciphertext with its 128-bit tag. */
export type Sealed = { iv: Uint8Array; ciphertext: ArrayBuffer };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new device key: AES-GCM 256, usable to encrypt and decrypt, never exportable (`extractable: false`). */
export function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The associated data of a sealed value: what it is and which record it belongs to. */
export function sealContext(kind: 'round' | 'refusal' | 'draft' | 'kit', id: string): Uint8Array {
  return encoder.encode(`binh-an/patrol-device/v1|${kind}|${id}`);
}

/** Seals a JSON value. */
export async function sealJson(key: CryptoKey, value: unknown, context: Uint8Array): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: context as BufferSource, tagLength: 128 },
    key,
    encoder.encode(JSON.stringify(value)) as BufferSource,
  );
  return { iv, ciphertext };
}

/** Opens a sealed JSON value; throws when the key, the context or a byte is wrong. */
export async function openJson<T>(key: CryptoKey, sealed: Sealed, context: Uint8Array): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv as BufferSource, additionalData: context as BufferSource, tagLength: 128 },
    key,
    sealed.ciphertext,
  );
  return JSON.parse(decoder.decode(plain)) as T;
}
