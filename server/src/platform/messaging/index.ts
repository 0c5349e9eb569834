import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { EmailMessenger } from './email.ts';
import { SmsMessenger } from './sms.ts';
import { ZaloMessenger } from './zalo.ts';

/** The ways a message reaches a resident or a member. */
export type Channel = 'email' | 'sms' | 'zalo';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo'];

/**
 * One message to one recipient: an e-mail address, a phone number (sms) or a Zalo user id (zalo). `unsubscribeUrl`, when
 * given, becomes the e-mail's List-Unsubscribe and List-Unsubscribe-Post headers (RFC 2369, RFC 8058).
 */
export type OutgoingMessage = { channel: Channel; to: string; subject: string; text: string; html?: string; unsubscribeUrl?: string };

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

/** Routes each message to the adapter of its channel; a channel without one fails for good. */
export class ChannelRouter implements Messenger {
  constructor(private readonly adapters: readonly Messenger[]) {}
  channels(): Channel[] {
    return CHANNELS.filter((c) => this.adapters.some((a) => a.channels().includes(c)));
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    const adapter = this.adapters.find((a) => a.channels().includes(message.channel));
    if (!adapter) return { ok: false, retryable: false, error: `channel not configured: ${message.channel}` };
    return adapter.send(message);
  }
}

/** The messenger the settings describe: one adapter per configured gateway, or the memory messenger when none is. */
export function messengerFromConfig(cfg: Config): Messenger {
  const m = cfg.messaging;
  const adapters: Messenger[] = [];
  if (m.smtpUrl) adapters.push(new EmailMessenger(m.smtpUrl, m.smtpFrom));
  if (m.smsUrl) adapters.push(new SmsMessenger(m.smsUrl, m.smsToken, m.smsSender));
  if (m.zaloUrl || m.zaloZnsUrl)
    adapters.push(new ZaloMessenger({ oaUrl: m.zaloUrl, znsUrl: m.zaloZnsUrl, znsTemplateId: m.zaloZnsTemplateId, token: m.zaloToken }));
  return adapters.length === 0 ? new MemoryMessenger() : new ChannelRouter(adapters);
}

const messengers = new WeakMap<Deps, Messenger>();

/** The application's messenger: the one plugged in with setMessenger, else the one the settings describe (memory by default). */
export function messengerOf(deps: Deps): Messenger {
  let m = messengers.get(deps);
  if (!m) {
    m = messengerFromConfig(deps.cfg);
    messengers.set(deps, m);
  }
  return m;
}

/** Plugs a messenger into the application (tests, operators). */
export function setMessenger(deps: Deps, messenger: Messenger): void {
  messengers.set(deps, messenger);
}
