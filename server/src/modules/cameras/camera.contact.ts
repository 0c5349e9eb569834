import { randomInt } from 'node:crypto';
import type { ContactChannel } from '@binh-an/domain';
import { keyedHash, safeEqual } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Channel } from '../../platform/messaging/index.ts';

/**
 * Owners' contacts and the signed links to their page. A contact is a Vietnamese phone number (SMS or Zalo) or an e-mail
 * address; only sealed copies and a keyed hash are stored, and neither is ever logged.
 */
export type Contact = { kind: 'phone' | 'email'; value: string };

/** Normalises a contact: a Vietnamese phone number or an e-mail address; null otherwise. */
export function readContact(text: string): Contact | null {
  const t = text.normalize('NFC').trim();
  const phone = t.replace(/[\s.\-()]/g, '');
  if (/^(\+84|0)\d{8,10}$/.test(phone)) return { kind: 'phone', value: phone.replace(/^\+84/, '0') };
  if (/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(t)) return { kind: 'email', value: t.toLowerCase() };
  return null;
}

/** Whether a channel can reach a contact: e-mail for an address, SMS or Zalo for a phone number. */
export function channelFits(channel: ContactChannel, contact: Contact): boolean {
  return channel === 'email' ? contact.kind === 'email' : contact.kind === 'phone';
}

export const contactHash = (deps: Deps, contact: Contact) => keyedHash(deps.key, contact.value, 'camera-contact');

/** A 6-digit code from the CSPRNG. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const asChannel = (c: string | null): Channel => (c === 'email' ? 'email' : c === 'zalo' ? 'zalo' : 'sms');

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const signature = (deps: Deps, c: { wardId: string; id: string; linkVersion: number }) =>
  Buffer.from(keyedHash(deps.key, `${c.wardId}:${c.id}:${c.linkVersion}`, 'camera-owner-link'), 'hex')
    .subarray(0, 16)
    .toString('base64url');

/**
 * The owner's page token: the camera (ward and id) and the link's version, then an HMAC over them under the server key,
 * compact enough for an SMS. Raising the camera's link version (a new link sent) makes the earlier links stop working.
 */
export function ownerToken(deps: Deps, c: { wardId: string; id: string; linkVersion: number }): string {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(c.linkVersion & 0xffff);
  return `${Buffer.concat([uuidBytes(c.wardId), uuidBytes(c.id), version]).toString('base64url')}.${signature(deps, c)}`;
}

/** Reads a token: the camera it names, if its signature holds (the version is checked against the camera by the caller). */
export function readOwnerToken(deps: Deps, token: string): { wardId: string; id: string; linkVersion: number } | null {
  const m = /^([A-Za-z0-9_-]{46})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const bytes = Buffer.from(m[1] as string, 'base64url');
  if (bytes.length !== 34) return null;
  const c = { wardId: uuidOf(bytes.subarray(0, 16)), id: uuidOf(bytes.subarray(16, 32)), linkVersion: bytes.readUInt16BE(32) };
  return safeEqual(signature(deps, c), m[2] as string) ? c : null;
}

/** The owner page's address, absolute when the public address is known. */
export function ownerLink(deps: Deps, c: { wardId: string; id: string; linkVersion: number }): string {
  return `${deps.cfg.publicUrl}/camera/chu/${ownerToken(deps, c)}`;
}
