import type { Deps } from '../deps.ts';

/** The ways a message reaches a resident or a member. */
export type Channel = 'email' | 'sms' | 'zalo';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo'];

/** One message to one recipient: an e-mail address, a phone number (sms) or a Zalo user id (zalo). */
export type OutgoingMessage = { channel: Channel; to: string; subject: string; text: string; html?: string };

/** What a provider answered. An error's text never contains the recipient or the message body. */
export type SendResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; error: string };

/** Sends one message through the channel it names. */
export interface Messenger {
  channels(): Channel[];
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Keeps every message in memory and accepts every channel: the messenger of tests and of an installation without gateways. */
export class MemoryMessenger implements Messenger {
  readonly sent: OutgoingMessage[] = [];
  channels(): Channel[] {
    return [...CHANNELS];
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.sent.push({ ...message });
    return { ok: true, providerId: `memory-${this.sent.length}` };
  }
}

const messengers = new WeakMap<Deps, Messenger>();

/** The application's messenger: the one plugged in with setMessenger, else the one the settings describe (memory by default). */
export function messengerOf(deps: Deps): Messenger {
  let m = messengers.get(deps);
  if (!m) {
    m = new MemoryMessenger();
    messengers.set(deps, m);
  }
  return m;
}

/** Plugs a messenger into the application (tests, operators). */
export function setMessenger(deps: Deps, messenger: Messenger): void {
  messengers.set(deps, messenger);
}
