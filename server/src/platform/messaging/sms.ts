import { postJson } from './http-gateway.ts';
import type { Channel, Messenger, OutgoingMessage, SendResult } from './index.ts';

/**
 * SMS through an HTTP gateway: POST <SMS_API_URL>/messages with a bearer token and {to, from, text}; the gateway answers
 * 2xx with {id}. Vietnamese SMS brand-name gateways take this shape behind their own paths [V]: the path and field names
 * are the adapter's only assumptions.
 */
export class SmsMessenger implements Messenger {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly sender: string,
  ) {}
  channels(): Channel[] {
    return ['sms'];
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') return { ok: false, retryable: false, error: 'channel not served: sms only' };
    const to = normalisePhone(message.to);
    if (!to) return { ok: false, retryable: false, error: 'sms: not a phone number' };
    const answer = await postJson(
      'sms',
      `${this.baseUrl}/messages`,
      { authorization: `Bearer ${this.token}` },
      {
        to,
        from: this.sender,
        text: message.text,
      },
    );
    if ('failure' in answer) return answer.failure;
    const id = (answer.json as { id?: unknown } | null)?.id;
    return { ok: true, ...(typeof id === 'string' || typeof id === 'number' ? { providerId: String(id) } : {}) };
  }
}

/** A Vietnamese phone number in international form (84…), or null. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)(\d{9})$/.exec(digits);
  return m ? `84${m[1]}` : null;
}
