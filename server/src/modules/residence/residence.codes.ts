import { randomInt } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';

/**
 * The channel that carries a one-time code to a host's contact on the public stay-notification form. There is no SMS or
 * e-mail gateway in this deployment: a gateway is a `ContactCodeSender` plugged in by `setContactCodeSender`; until then
 * the stub below is used. Neither the stub nor any caller ever writes the code or the contact to a log.
 */
export type ContactKind = 'phone' | 'email';
export type ContactCodeSender = {
  /** Whether codes can be sent to this kind of contact. */
  accepts(kind: ContactKind): boolean;
  send(kind: ContactKind, contact: string, code: string): Promise<void>;
};

/**
 * The development stub: keeps the last codes in memory (at most 50, for 10 minutes), nowhere else, so that tests can
 * read the code "received" by a contact. It accepts phones and e-mail addresses alike.
 */
export class MemoryContactCodeSender implements ContactCodeSender {
  private readonly sent: { contact: string; code: string; at: number }[] = [];
  accepts(): boolean {
    return true;
  }
  async send(_kind: ContactKind, contact: string, code: string): Promise<void> {
    this.sent.push({ contact, code, at: Date.now() });
    if (this.sent.length > 50) this.sent.shift();
  }
  /** The last code sent to a contact, for tests. */
  lastCodeFor(contact: string): string | null {
    const hit = [...this.sent].reverse().find((s) => s.contact === contact && Date.now() - s.at < 600_000);
    return hit?.code ?? null;
  }
}

const senders = new WeakMap<Deps, ContactCodeSender>();

/** The sender of a running app (the stub unless a gateway was plugged in). */
export function contactCodeSenderOf(deps: Deps): ContactCodeSender {
  let s = senders.get(deps);
  if (!s) {
    s = new MemoryContactCodeSender();
    senders.set(deps, s);
  }
  return s;
}

/** Plugs in a real gateway (or a test double) for an app. */
export function setContactCodeSender(deps: Deps, sender: ContactCodeSender): void {
  senders.set(deps, sender);
}

/** Normalises a host's contact and tells its kind: a Vietnamese phone number or an e-mail address; null otherwise. */
export function readContact(text: string): { kind: ContactKind; value: string } | null {
  const t = text.normalize('NFC').trim();
  const phone = t.replace(/[\s.\-()]/g, '');
  if (/^(\+84|0)\d{8,10}$/.test(phone)) return { kind: 'phone', value: phone.replace(/^\+84/, '0') };
  if (/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(t)) return { kind: 'email', value: t.toLowerCase() };
  return null;
}

/** A 6-digit code from the CSPRNG. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
