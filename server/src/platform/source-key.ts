import { createHmac, randomBytes } from 'node:crypto';
import { vnToday } from './time.ts';

/**
 * What rate limits count by instead of a client address: a keyed hash whose key is random, kept only in memory and
 * replaced every day, so that no address — nor anything that can be turned back into one — is ever stored (security.md G1).
 */
let current: { day: string; key: Buffer } | null = null;

export function sourceKey(address: string): string {
  const day = vnToday();
  if (!current || current.day !== day) current = { day, key: randomBytes(32) };
  return createHmac('sha256', current.key).update(address).digest('base64url').slice(0, 22);
}
