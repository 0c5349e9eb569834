import { createHmac, randomBytes } from 'node:crypto';
import { RECEIPT_ALPHABET } from '@binh-an/domain';

/** A new receipt code: 80 random bits as 16 Crockford base32 characters (no I, L, O or U to misread). */
export function newReceipt(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECEIPT_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * The only form in which a receipt is stored: a keyed hash. 80 random bits cannot be guessed offline, so no slow hash
 * is needed; the key (from the server key, outside the database) means a stolen database cannot test codes at all.
 */
export function receiptHash(serverKey: Buffer, code: string): string {
  const key = createHmac('sha256', serverKey).update('binh-an:receipt').digest();
  return createHmac('sha256', key).update(code).digest('hex');
}
