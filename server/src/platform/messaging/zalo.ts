import { postJson } from './http-gateway.ts';
import type { Channel, Messenger, OutgoingMessage, SendResult } from './index.ts';

// Zalo OA error codes that say "later" rather than "never" (quota, rate, busy) [V]: the OA API's list changes.
const TRANSIENT_ZALO_ERRORS = new Set([-32, -201, -227, -500]);

/**
 * Zalo through the Official Account API: POST <ZALO_API_URL>/v3.0/oa/message/cs with the header access_token and
 * {recipient: {user_id}, message: {text}}; the API answers 200 with {error: 0, data: {message_id}} or a negative error.
 */
export class ZaloMessenger implements Messenger {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}
  channels(): Channel[] {
    return ['zalo'];
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'zalo') return { ok: false, retryable: false, error: 'channel not served: zalo only' };
    if (!/^\d{5,32}$/.test(message.to)) return { ok: false, retryable: false, error: 'zalo: not a user id' };
    const text = message.subject ? `${message.subject}\n\n${message.text}` : message.text;
    const answer = await postJson(
      'zalo',
      `${this.baseUrl}/v3.0/oa/message/cs`,
      { access_token: this.token },
      {
        recipient: { user_id: message.to },
        message: { text: text.slice(0, 2000) },
      },
    );
    if ('failure' in answer) return answer.failure;
    const body = answer.json as { error?: unknown; data?: { message_id?: unknown } } | null;
    const code = typeof body?.error === 'number' ? body.error : null;
    if (code === null) return { ok: false, retryable: true, error: 'zalo: unreadable answer' };
    if (code !== 0) return { ok: false, retryable: TRANSIENT_ZALO_ERRORS.has(code), error: `zalo: error ${code}` };
    const id = body?.data?.message_id;
    return { ok: true, ...(typeof id === 'string' ? { providerId: id } : {}) };
  }
}
