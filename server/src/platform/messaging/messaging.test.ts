import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { EmailMessenger } from './email.ts';
import { ChannelRouter, MemoryMessenger, messengerFromConfig } from './index.ts';
import { normalisePhone, SmsMessenger } from './sms.ts';
import { ZaloMessenger } from './zalo.ts';

type Received = { from: string; to: string[]; data: string };

/** A fake SMTP server on loopback: accepts mail, or answers a scripted reply code to the next RCPT TO. */
function fakeSmtp() {
  const received: Received[] = [];
  const state = { rcptReply: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.rcptReply) {
        const err = Object.assign(new Error('refused'), { responseCode: state.rcptReply });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return { server, received, state };
}

/** A fake HTTP provider on loopback: records each request and answers with the next scripted reply. */
function fakeHttp() {
  const requests: { path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];
  const replies: { status: number; body: unknown }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      const reply = replies.shift() ?? { status: 200, body: { id: `p${requests.length}` } };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  return { server, requests, replies };
}

const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown }, address: () => AddressInfo) =>
  new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve(address().port)));

describe('messaging adapters against local fake providers', () => {
  const smtp = fakeSmtp();
  const sms = fakeHttp();
  const zalo = fakeHttp();
  let smtpPort = 0;
  let smsUrl = '';
  let zaloUrl = '';

  beforeAll(async () => {
    smtpPort = await listen(smtp.server as never, () => smtp.server.server.address() as AddressInfo);
    smsUrl = `http://127.0.0.1:${await listen(sms.server, () => sms.server.address() as AddressInfo)}/api`;
    zaloUrl = `http://127.0.0.1:${await listen(zalo.server, () => zalo.server.address() as AddressInfo)}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => smtp.server.close(() => r()));
    sms.server.close();
    zalo.server.close();
  });

  it('sends an e-mail over SMTP with the one-click unsubscribe headers of RFC 8058', async () => {
    const email = new EmailMessenger(`smtp://127.0.0.1:${smtpPort}`, 'Phường Thành Vinh <thongbao@thanhvinh.test>');
    const result = await email.send({
      channel: 'email',
      to: 'dan@example.test',
      subject: 'Cảnh báo lừa đảo',
      text: 'Nội dung cảnh báo',
      unsubscribeUrl: 'http://localhost:3000/thong-bao/huy/abc',
    });
    email.close();
    expect(result.ok).toBe(true);
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['dan@example.test']);
    expect(mail?.from).toBe('thongbao@thanhvinh.test');
    expect(mail?.data).toContain('List-Unsubscribe: <http://localhost:3000/thong-bao/huy/abc>');
    expect(mail?.data).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('tells a temporary SMTP refusal (4xx) from a final one (5xx), without the recipient in the error', async () => {
    const email = new EmailMessenger(`smtp://127.0.0.1:${smtpPort}`, 'a@b.test');
    smtp.state.rcptReply = 451;
    const later = await email.send({ channel: 'email', to: 'secret@example.test', subject: 's', text: 'body text' });
    smtp.state.rcptReply = 550;
    const never = await email.send({ channel: 'email', to: 'secret@example.test', subject: 's', text: 'body text' });
    smtp.state.rcptReply = 0;
    email.close();
    expect(later).toMatchObject({ ok: false, retryable: true });
    expect(never).toMatchObject({ ok: false, retryable: false });
    for (const r of [later, never]) {
      if (r.ok) throw new Error('expected a failure');
      expect(r.error).not.toContain('secret');
      expect(r.error).not.toContain('body text');
    }
  });

  it('reports an unreachable SMTP server as retryable', async () => {
    const email = new EmailMessenger('smtp://127.0.0.1:1', 'a@b.test');
    const r = await email.send({ channel: 'email', to: 'x@example.test', subject: 's', text: 't' });
    email.close();
    expect(r).toMatchObject({ ok: false, retryable: true });
  });

  it('posts an SMS to the HTTP gateway with its token, in international form, and reads the id', async () => {
    const client = new SmsMessenger(smsUrl, 'sms-token', 'BinhAn');
    const r = await client.send({ channel: 'sms', to: '0912 345 678', subject: 'x', text: 'Cảnh báo' });
    expect(r).toEqual({ ok: true, providerId: 'p1' });
    expect(sms.requests[0]).toMatchObject({
      path: '/api/messages',
      body: { to: '84912345678', from: 'BinhAn', text: 'Cảnh báo' },
    });
    expect(sms.requests[0]?.headers.authorization).toBe('Bearer sms-token');
  });

  it('classifies the SMS gateway answers: 429 and 5xx retry, 400 does not, no secret in the error', async () => {
    const client = new SmsMessenger(smsUrl, 't', 'BinhAn');
    sms.replies.push({ status: 503, body: {} }, { status: 429, body: {} }, { status: 400, body: { message: 'bad 0912345678' } });
    const msg = { channel: 'sms' as const, to: '0912345678', subject: '', text: 'hello body' };
    expect(await client.send(msg)).toMatchObject({ ok: false, retryable: true });
    expect(await client.send(msg)).toMatchObject({ ok: false, retryable: true });
    const final = await client.send(msg);
    expect(final).toMatchObject({ ok: false, retryable: false });
    expect(JSON.stringify(final)).not.toMatch(/0912|84912|hello/);
    expect(await client.send({ ...msg, to: 'not a phone' })).toMatchObject({ ok: false, retryable: false });
    expect(normalisePhone('+84 912.345.678')).toBe('84912345678');
    expect(normalisePhone('12345')).toBeNull();
  });

  it('reports an SMS gateway that does not answer as retryable', async () => {
    const r = await new SmsMessenger('http://127.0.0.1:1', 't', 's').send({ channel: 'sms', to: '0912345678', subject: '', text: 't' });
    expect(r).toMatchObject({ ok: false, retryable: true });
  });

  it('sends a Zalo OA message with the access token and reads its error codes', async () => {
    const client = new ZaloMessenger(zaloUrl, 'zalo-token');
    zalo.replies.push(
      { status: 200, body: { error: 0, message: 'Success', data: { message_id: 'z-1' } } },
      { status: 200, body: { error: -32, message: 'quota' } },
      { status: 200, body: { error: -213, message: 'user has not followed OA' } },
      { status: 502, body: {} },
    );
    const msg = { channel: 'zalo' as const, to: '1234567890123', subject: 'Cảnh báo', text: 'Nội dung' };
    expect(await client.send(msg)).toEqual({ ok: true, providerId: 'z-1' });
    expect(zalo.requests[0]).toMatchObject({
      path: '/v3.0/oa/message/cs',
      body: { recipient: { user_id: '1234567890123' }, message: { text: 'Cảnh báo\n\nNội dung' } },
    });
    expect(zalo.requests[0]?.headers.access_token).toBe('zalo-token');
    expect(await client.send(msg)).toMatchObject({ ok: false, retryable: true, error: 'zalo: error -32' });
    expect(await client.send(msg)).toMatchObject({ ok: false, retryable: false });
    expect(await client.send(msg)).toMatchObject({ ok: false, retryable: true });
  });

  it('sends to a phone number through Zalo ZNS with the approved template, and refuses one without a template', async () => {
    const client = new ZaloMessenger({ oaUrl: null, znsUrl: `${zaloUrl}/zns`, znsTemplateId: '301234', token: 'zalo-token' });
    zalo.replies.push({ status: 200, body: { error: 0, message: 'Success', data: { msg_id: 'zns-1' } } });
    const before = zalo.requests.length;
    expect(await client.send({ channel: 'zalo', to: '0912 345 678', subject: 'Cảnh báo', text: 'Nội dung' })).toEqual({
      ok: true,
      providerId: 'zns-1',
    });
    expect(zalo.requests[before]).toMatchObject({
      path: '/zns/message/template',
      body: { phone: '84912345678', template_id: '301234', template_data: { title: 'Cảnh báo', content: 'Nội dung' } },
    });
    const noTemplate = new ZaloMessenger({ oaUrl: zaloUrl, znsUrl: null, znsTemplateId: '', token: 't' });
    expect(await noTemplate.send({ channel: 'zalo', to: '0912345678', subject: '', text: 't' })).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(await client.send({ channel: 'zalo', to: '1234567890123', subject: '', text: 't' })).toMatchObject({
      ok: false,
      retryable: false,
    });
  });

  it('routes each channel to its adapter and refuses one without an adapter', async () => {
    const router = new ChannelRouter([new SmsMessenger(smsUrl, 't', 's')]);
    expect(router.channels()).toEqual(['sms']);
    expect(await router.send({ channel: 'email', to: 'a@b.test', subject: '', text: '' })).toMatchObject({ ok: false, retryable: false });
  });

  it('builds the messenger from the settings: memory when no gateway is set, else the configured channels', () => {
    expect(messengerFromConfig(loadConfig({}))).toBeInstanceOf(MemoryMessenger);
    const m = messengerFromConfig(loadConfig({ SMS_API_URL: smsUrl, ZALO_API_URL: zaloUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }));
    expect(m.channels()).toEqual(['email', 'sms', 'zalo']);
    expect(() => loadConfig({ SMTP_URL: 'http://x' })).toThrow(/SMTP_URL/);
  });
});
