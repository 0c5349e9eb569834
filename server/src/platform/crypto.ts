import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The server's 32-byte key: SECRET_KEY, else a key file created once in the data folder. */
export function loadSecretKey(cfg: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (cfg.secretKey) return Buffer.from(cfg.secretKey, 'hex');
  const file = join(cfg.dataDir, 'secret.key');
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} is not 64 hexadecimal characters; fix it or set SECRET_KEY`);
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(cfg.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** Encrypts with AES-256-GCM (authenticated); the output carries its nonce and tag. */
export function seal(key: Buffer, plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(key, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts what `seal` produced; a tampered value throws. */
export function open(key: Buffer, sealed: string, purpose: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed value has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', subKey(key, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

function subKey(key: Buffer, purpose: string): Buffer {
  return createHmac('sha256', key).update(`binh-an:${purpose}`).digest();
}

/** A keyed hash for high-entropy secrets (recovery codes): no slow hash is needed at this entropy. */
export function keyedHash(key: Buffer, value: string, purpose: string): string {
  return createHmac('sha256', subKey(key, purpose)).update(value).digest('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random token of `bytes` bytes from the CSPRNG, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
