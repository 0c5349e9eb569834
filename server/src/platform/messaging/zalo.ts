import { postJson } from './http-gateway.ts';
import type { Channel, Messenger, OutgoingMessage, SendResult } from './index.ts';
import { normalisePhone } from './sms.ts';

// Zalo error codes that say "later" rather than "never" (quota, rate, busy) [V]: the API's list changes.
const TRANSIENT_ZALO_ERRORS = new Set([-32, -201, -227, -500]);

export type ZaloSettings = {
  /** The Official Account API (openapi.zalo.me): messages to a follower's user id. */
  oaUrl: string | null;
  /** Zalo Notification Service (business.openapi.zalo.me): messages to a phone number through an approved template. */
  znsUrl: string | null;
  znsTemplateId: string;
  token: string;
};

/**
 * Zalo, two ways, both with the header access_token and answering 200 with {error: 0, data} or a negative error:
 * to a follower's user id through the Official Account API (POST <oa>/v3.0/oa/message/cs, {recipient: {user_id},
 * message: {text}}), and to a phone number through ZNS (POST <zns>/message/template, {phone, template_id,
 * template_data: {title, content}}), the way residents who give their phone number are reached.
 */
export class ZaloMessenger implements Messenger {
  private readonly s: ZaloSettings;
  constructor(settings: ZaloSettings | string, token?: string) {
    this.s = typeof settings === 'string' ? { oaUrl: settings, znsUrl: null, znsTemplateId: '', token: token ?? '' } : settings;
  }
  channels(): Channel[] {
    return ['zalo'];
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'zalo') return { ok: false, retryable: false, error: 'channel not served: zalo only' };
    const phone = normalisePhone(message.to);
    const text = message.subject ? `${message.subject}\n\n${message.text}` : message.text;
    let answer: Awaited<ReturnType<typeof postJson>>;
    if (phone) {
      if (!this.s.znsUrl || !this.s.znsTemplateId) return { ok: false, retryable: false, error: 'zalo: no ZNS template for phone numbers' };
      answer = await postJson(
        'zalo',
        `${this.s.znsUrl}/message/template`,
        { access_token: this.s.token },
        {
          phone,
          template_id: this.s.znsTemplateId,
          template_data: { title: message.subject.slice(0, 100), content: message.text.slice(0, 400) },
        },
      );
    } else if (/^\d{5,32}$/.test(message.to)) {
      if (!this.s.oaUrl) return { ok: false, retryable: false, error: 'zalo: no Official Account API for user ids' };
      answer = await postJson(
        'zalo',
        `${this.s.oaUrl}/v3.0/oa/message/cs`,
        { access_token: this.s.token },
        {
          recipient: { user_id: message.to },
          message: { text: text.slice(0, 2000) },
        },
      );
    } else return { ok: false, retryable: false, error: 'zalo: not a phone number or user id' };
    if ('failure' in answer) return answer.failure;
    const body = answer.json as { error?: unknown; data?: { message_id?: unknown; msg_id?: unknown } } | null;
    const code = typeof body?.error === 'number' ? body.error : null;
    if (code === null) return { ok: false, retryable: true, error: 'zalo: unreadable answer' };
    if (code !== 0) return { ok: false, retryable: TRANSIENT_ZALO_ERRORS.has(code), error: `zalo: error ${code}` };
    const id = body?.data?.message_id ?? body?.data?.msg_id;
    return { ok: true, ...(typeof id === 'string' ? { providerId: id } : {}) };
  }
}
