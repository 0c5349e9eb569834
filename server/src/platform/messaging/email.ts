import { createRequire } from 'node:module';
import type { default as Nodemailer, Transporter } from 'nodemailer';
import type { Channel, Messenger, OutgoingMessage, SendResult } from './index.ts';

// nodemailer is required when an e-mail channel is configured, not at start.
const require = createRequire(import.meta.url);

/** E-mail over SMTP (smtp:// or smtps:// with credentials in the URL). */
export class EmailMessenger implements Messenger {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    const nodemailer: typeof Nodemailer = require('nodemailer');
    this.transport = nodemailer.createTransport(url, {});
  }
  channels(): Channel[] {
    return ['email'];
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'email') return { ok: false, retryable: false, error: 'channel not served: email only' };
    const headers: Record<string, string> = {};
    if (message.unsubscribeUrl) {
      // RFC 2369 and RFC 8058: a one-click unsubscribe the mail client may POST to.
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        headers,
      });
      if ((info.rejected?.length ?? 0) > 0) return { ok: false, retryable: false, error: 'smtp: recipient rejected' };
      return { ok: true, providerId: info.messageId };
    } catch (err) {
      return smtpFailure(err);
    }
  }
  close(): void {
    this.transport.close();
  }
}

/** 4xx replies and broken connections are worth another try; 5xx replies are final. Never the server's text (it may name the recipient). */
export function smtpFailure(err: unknown): SendResult {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') {
    return { ok: false, retryable: e.responseCode < 500, error: `smtp reply ${e.responseCode}` };
  }
  return {
    ok: false,
    retryable: true,
    error: `smtp connection: ${typeof e.code === 'string' ? e.code.replace(/[^A-Z_0-9]/gi, '') : 'failed'}`,
  };
}
