import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { queryRows } from '../../platform/db.ts';
import { type Messenger, messengerOf, setMessenger } from '../../platform/messaging/index.ts';
import { deliverDue, purgeUnconfirmed } from './outreach.delivery.ts';
import { summariseOutreach } from './outreach.service.ts';

/* ---------- local fake providers: an SMTP server and an SMS gateway ---------- */
const mails: { to: string[]; data: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      // Headers unfolded (RFC 5322 §2.2.3), so that a long List-Unsubscribe reads on one line.
      const data = Buffer.concat(chunks).toString('utf8');
      const split = data.search(/\r?\n\r?\n/);
      mails.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        data: data.slice(0, split).replace(/\r?\n[ \t]+/g, ' ') + data.slice(split),
      });
      cb();
    });
  },
});
const smsSent: { to: string; text: string }[] = [];
const smsReplies: number[] = [];
const sms: Server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const status = smsReplies.shift() ?? 200;
    if (status === 200) smsSent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { id: `sms-${smsSent.length}` } : { error: 'busy' }));
  });
});

let t: TestApp;
const auth: Record<string, string> = {};
const tv: Record<string, string> = {};

beforeAll(async () => {
  const smtpPort = await new Promise<number>((r) => smtp.listen(0, '127.0.0.1', () => r((smtp.server.address() as AddressInfo).port)));
  const smsPort = await new Promise<number>((r) => sms.listen(0, '127.0.0.1', () => r((sms.address() as AddressInfo).port)));
  t = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SMTP_FROM: 'Công an phường <thongbao@thanhvinh.test>',
    SMS_API_URL: `http://127.0.0.1:${smsPort}`,
    SMS_API_TOKEN: 'test-token',
    PUBLIC_URL: 'https://binhan.test',
  });
  for (const u of ['canbo', 'truongcongan', 'truongkhoi', 'theodoi', 'canbo.truongvinh']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const rows = await queryRows<{ id: string; code: string }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code FROM units u JOIN units w ON w.id = u.ward_id WHERE w.code = 'thanh-vinh'`,
  );
  for (const r of rows) tv[r.code] = r.id;
  // The demo's subscribers would receive these tests' alerts too: the tests start from a ward without any.
  await queryRows(t.deps.database.db, sql`DELETE FROM outreach_deliveries WHERE ward_id = ${tv['thanh-vinh']} RETURNING id`);
  await queryRows(t.deps.database.db, sql`DELETE FROM outreach_subscribers WHERE ward_id = ${tv['thanh-vinh']} RETURNING id`);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  sms.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const as = (who: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });
const form = (url: string, fields: [string, string][]) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
const today = () => new Date(t.clock.ms + 7 * 3_600_000).toISOString().slice(0, 10);
const db = () => t.deps.database.db;

/** Subscribes through the public form and confirms with the code the provider received. */
async function subscribe(channel: 'email' | 'sms', contact: string, topics: string[], extra: [string, string][] = []) {
  const before = channel === 'email' ? mails.length : smsSent.length;
  const res = await form('/thong-bao/dang-ky', [
    ['wardCode', 'thanh-vinh'],
    ['step', 'start'],
    ['channel', channel],
    ['contact', contact],
    ...topics.map((x): [string, string] => ['topics', x]),
    ['consent', 'yes'],
    ...extra,
  ]);
  expect(res.statusCode, res.body).toBe(200);
  const challenge = /name="challenge" value="([0-9a-f-]{36})"/.exec(res.body)?.[1] as string;
  const text =
    channel === 'email'
      ? (mails[before]?.data
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('\n') ?? '')
      : (smsSent[before]?.text ?? '');
  const code = /(\d{6})/.exec(text)?.[1] as string;
  expect(code).toMatch(/^\d{6}$/);
  const done = await form('/thong-bao/dang-ky', [
    ['wardCode', 'thanh-vinh'],
    ['step', 'confirm'],
    ['challenge', challenge],
    ['code', code],
  ]);
  expect(done.statusCode, done.body).toBe(201);
  return challenge;
}

async function publish(who: string, body: object) {
  const created = await as(who, 'POST', '/api/v1/outreach/announcements', body);
  expect(created.statusCode, created.body).toBe(201);
  const published = await as(who, 'POST', `/api/v1/outreach/announcements/${created.json().id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return created.json().id as string;
}

const deliveries = (announcementId: string) =>
  queryRows<{ subscriber_id: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
    db(),
    sql`SELECT subscriber_id, status, attempts, next_attempt_at, last_error FROM outreach_deliveries WHERE announcement_id = ${announcementId}`,
  );

describe('the demo ward', () => {
  it('gives Lê Mao’s outreach of the first half of 2020 in the report summary, and Thành Vinh’s schedule ahead', async () => {
    const res = await as('canbo', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json().outreach;
    expect(o).toMatchObject({ activities: 66, broadcasts: 12 });
    expect(o.byType).toMatchObject({
      block_meeting: 27,
      organisation_meeting: 19,
      loudspeaker: 12,
      school_session: 4,
      leaflet: 2,
      media_article: 2,
      security_day: 0,
    });
    expect(o.audience).toBeGreaterThan(10_000);
    const report = await as('canbo', 'GET', '/api/v1/reports/periodic?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(report.statusCode, report.body).toBe(200);
    const section = report.json().sections.find((x: { key: string }) => x.key === 'outreach');
    const words = section.sentences[0].map((seg: { text: string }) => seg.text).join('');
    expect(words).toMatch(/^Tổ chức 66 hoạt động tuyên truyền .* trong đó 12 buổi phát thanh trên hệ thống loa\.$/);
    expect(section.figures.find((f: { key: string }) => f.key === 'outreach.activities').href).toBe('/app/outreach');
    const ahead = await as('canbo', 'GET', '/api/v1/outreach/broadcasts');
    expect(ahead.json().items.some((b: { airedAt: string | null }) => b.airedAt === null)).toBe(true);
  });
});

describe('activities, scripts and the loudspeaker schedule', () => {
  it('lets a block leader record for her block only, and the ward police for the ward', async () => {
    const activity = (unitId: string | undefined) => ({
      unitId,
      type: 'block_meeting',
      topic: 'fraud',
      heldOn: today(),
      title: 'Họp dân phòng chống lừa đảo qua mạng',
      audienceGroups: { residents: 60, elderly: 25 },
      materials: ['Tờ rơi "Cảnh giác lừa đảo"'],
    });
    const mine = await as('truongkhoi', 'POST', '/api/v1/outreach/activities', activity(tv['trung-my']));
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().audienceTotal).toBe(85);
    expect((await as('truongkhoi', 'POST', '/api/v1/outreach/activities', activity(tv['thanh-vinh']))).statusCode).toBe(404);
    expect((await as('truongkhoi', 'POST', '/api/v1/outreach/activities', activity(tv['tan-quang']))).statusCode).toBe(404);
    expect((await as('canbo', 'POST', '/api/v1/outreach/activities', activity(tv['thanh-vinh']))).statusCode).toBe(201);
    expect((await as('theodoi', 'POST', '/api/v1/outreach/activities', activity(tv['thanh-vinh']))).statusCode).toBe(403);
    const bad = await as('canbo', 'POST', '/api/v1/outreach/activities', {
      ...activity(tv['thanh-vinh']),
      type: 'party',
      heldOn: '2099-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const list = await as('truongkhoi', 'GET', '/api/v1/outreach/activities?q=lua%20dao');
    expect(list.json().items.every((a: { unitId: string }) => a.unitId === tv['trung-my'])).toBe(true);
    expect(list.json().items.length).toBeGreaterThan(0);
    // A material (a leaflet as PDF) is attached to the activity and downloaded; a file of no accepted type is refused.
    const pdf = Buffer.from('%PDF-1.4\n% To roi canh giac lua dao\n%%EOF\n');
    const body = multipart({}, [{ name: 'to-roi-lua-dao.pdf', type: 'application/pdf', bytes: pdf }]);
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/outreach/activities/${mine.json().id}/materials`,
      payload: body.payload,
      headers: { ...body.headers, ...CSRF, authorization: auth.truongkhoi as string },
    });
    expect(attached.statusCode, attached.body).toBe(201);
    const exe = multipart({}, [{ name: 'x.exe', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00') }]);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/outreach/activities/${mine.json().id}/materials`,
      payload: exe.payload,
      headers: { ...exe.headers, ...CSRF, authorization: auth.truongkhoi as string },
    });
    expect(refused.statusCode).toBe(415);
    const listed = (await as('truongkhoi', 'GET', '/api/v1/outreach/activities'))
      .json()
      .items.find((x: { id: string }) => x.id === mine.json().id);
    expect(listed.files).toEqual([{ id: attached.json().id, name: 'to-roi-lua-dao.pdf', mime: 'application/pdf', size: pdf.length }]);
    const download = await as('canbo', 'GET', `/api/v1/outreach/activities/${mine.json().id}/materials/${attached.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(
      (await as('canbo.truongvinh', 'GET', `/api/v1/outreach/activities/${mine.json().id}/materials/${attached.json().id}`)).statusCode,
    ).toBe(404);
    const csv = await as('canbo', 'GET', '/api/v1/outreach/activities?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Họp dân phòng chống lừa đảo qua mạng');
  });

  it('keeps every version of a script and schedules its current one; airing counts as an activity', async () => {
    const script = await as('canbo', 'POST', '/api/v1/outreach/scripts', {
      unitId: tv['thanh-vinh'],
      title: 'Cảnh giác cuộc gọi giả danh công an',
      topic: 'fraud',
      body: 'Kính thưa bà con ...',
    });
    expect(script.statusCode, script.body).toBe(201);
    const v2 = await as('canbo', 'POST', `/api/v1/outreach/scripts/${script.json().id}/versions`, {
      body: 'Kính thưa bà con (bản sửa) ...',
      note: 'Thêm số 113',
    });
    expect(v2.json().version).toBe(2);
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const slot = await as('canbo', 'POST', '/api/v1/outreach/broadcasts', {
      unitId: tv['thanh-vinh'],
      scriptId: script.json().id,
      system: 'ward',
      airsOn: today(),
      airsAt: '00:00',
      minutes: 10,
    });
    expect(slot.statusCode, slot.body).toBe(201);
    expect(slot.json()).toMatchObject({ scriptVersion: 2, body: 'Kính thưa bà con (bản sửa) ...' });
    const wrongSystem = await as('canbo', 'POST', '/api/v1/outreach/broadcasts', { ...slot.json(), id: undefined });
    expect(wrongSystem.statusCode).toBe(400);
    const done = await as('canbo', 'POST', `/api/v1/outreach/broadcasts/${slot.json().id}/done`, { listeners: 300 });
    expect(done.statusCode, done.body).toBe(200);
    expect((await as('canbo', 'POST', `/api/v1/outreach/broadcasts/${slot.json().id}/done`, {})).statusCode).toBe(409);
    const aired = await queryRows<{ n: number }>(
      db(),
      sql`SELECT count(*)::int AS n FROM outreach_activities WHERE broadcast_id = ${slot.json().id}`,
    );
    expect(aired[0]?.n).toBe(1);
  });
});

describe('announcements, subscriptions and deliveries', () => {
  it('stores a subscription with its consent version, the contact sealed, after the one-time code', async () => {
    const id = await subscribe(
      'email',
      'dan.trungmy@example.test',
      ['fraud'],
      [
        ['blockIds', tv['trung-my'] as string],
        ['quietFrom', ''],
        ['quietTo', ''],
      ],
    );
    const [row] = await queryRows<{ consent_version: string; contact_sealed: string; contact_hint: string; verified_at: Date | null }>(
      db(),
      sql`SELECT consent_version, contact_sealed, contact_hint, verified_at FROM outreach_subscribers WHERE id = ${id}`,
    );
    expect(row?.consent_version).toBe('2026-11');
    expect(row?.verified_at).not.toBeNull();
    expect(row?.contact_sealed).not.toContain('example.test');
    expect(row?.contact_hint).toBe('d***@example.test');
    const wrong = await form('/thong-bao/dang-ky', [
      ['wardCode', 'thanh-vinh'],
      ['step', 'start'],
      ['channel', 'email'],
      ['contact', 'not-an-address'],
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('error-summary');
  });

  it('sends an alert for a block through SMTP and SMS, holds it through quiet hours unless a chief marks it urgent', async () => {
    await subscribe(
      'sms',
      '0912 345 678',
      ['fraud'],
      [
        ['quietFrom', '00:00'],
        ['quietTo', '23:59'],
      ],
    );
    await subscribe(
      'email',
      'dan.tanquang@example.test',
      ['fraud'],
      [
        ['blockIds', tv['tan-quang'] as string],
        ['quietFrom', ''],
        ['quietTo', ''],
      ],
    );
    const alert = {
      unitId: tv['thanh-vinh'],
      kind: 'alert',
      topic: 'fraud',
      title: 'Cảnh báo lừa đảo mới ở Trung Mỹ',
      body: 'Đối tượng giả danh nhân viên điện lực gọi điện yêu cầu chuyển tiền.',
      blockIds: [tv['trung-my']],
    };
    expect((await as('canbo', 'POST', '/api/v1/outreach/announcements', { ...alert, urgent: true })).statusCode).toBe(403);
    expect((await as('truongkhoi', 'POST', '/api/v1/outreach/announcements', { ...alert, blockIds: [] })).statusCode).toBe(404);
    const id = await publish('canbo', alert);
    const rows = await deliveries(id);
    // Trung Mỹ's e-mail subscriber and the SMS subscriber of the whole ward; not Tân Quang's.
    expect(rows.length).toBe(2);
    const mailsBefore = mails.length;
    const out = await deliverDue(t.deps);
    expect(out.sent).toBe(1);
    const mail = mails.at(-1);
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mail?.to).toEqual(['dan.trungmy@example.test']);
    expect(mail?.data).toMatch(/List-Unsubscribe: <https:\/\/binhan\.test\/thong-bao\/huy\/[0-9a-f-]{36}\/[0-9a-f]{32}>/);
    expect(mail?.data).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // The SMS subscriber is in quiet hours: held, not sent.
    const held = (await deliveries(id)).find((d) => d.status === 'pending');
    expect(held && new Date(held.next_attempt_at).getTime()).toBeGreaterThan(t.clock.ms);

    const smsBefore = smsSent.length;
    const urgent = await publish('truongcongan', { ...alert, title: 'KHẨN: lừa đảo', urgent: true, topic: 'drugs' });
    await deliverDue(t.deps);
    expect(smsSent.length).toBe(smsBefore + 1);
    expect(smsSent.at(-1)).toMatchObject({ to: '84912345678' });
    expect((await deliveries(urgent)).every((d) => d.status === 'sent')).toBe(true);
  });

  it('retries a temporary failure with backoff and never sends a delivery twice', async () => {
    const sent: string[] = [];
    let failures = 2;
    const flaky: Messenger = {
      channels: () => ['email', 'sms', 'zalo'],
      async send(m) {
        if (failures-- > 0) return { ok: false, retryable: true, error: 'smtp reply 451' };
        sent.push(m.to);
        return { ok: true };
      },
    };
    const real = messengerOf(t.deps);
    setMessenger(t.deps, flaky);
    try {
      const id = await publish('canbo', {
        unitId: tv['thanh-vinh'],
        kind: 'news',
        topic: 'fraud',
        title: 'Tin về lừa đảo',
        body: 'Nội dung',
        blockIds: [tv['trung-my']],
      });
      expect((await deliverDue(t.deps)).retrying).toBe(1);
      const trungMy = (
        await queryRows<{ id: string }>(
          db(),
          sql`SELECT id FROM outreach_subscribers WHERE contact_hint = 'd***@example.test' AND unsubscribed_at IS NULL`,
        )
      )[0]?.id;
      const mine = async () => (await deliveries(id)).find((x) => x.subscriber_id === trungMy);
      let d = await mine();
      expect(d).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp reply 451' });
      expect(new Date(d?.next_attempt_at as Date).getTime() - t.clock.ms).toBe(60_000);
      expect((await deliverDue(t.deps)).retrying).toBe(0); // not due yet
      t.clock.advance(60_000);
      await deliverDue(t.deps);
      d = await mine();
      expect(d).toMatchObject({ status: 'pending', attempts: 2 });
      expect(new Date(d?.next_attempt_at as Date).getTime() - t.clock.ms).toBe(120_000);
      t.clock.advance(120_000);
      await deliverDue(t.deps);
      await deliverDue(t.deps);
      t.clock.advance(3_600_000);
      await deliverDue(t.deps);
      d = await mine();
      expect(d).toMatchObject({ status: 'sent', attempts: 3 });
      expect(sent.filter((x) => x.includes('@'))).toEqual(['dan.trungmy@example.test']);
      // Publishing again is refused: the deliveries stay one per recipient.
      expect((await as('canbo', 'POST', `/api/v1/outreach/announcements/${id}/publish`)).statusCode).toBe(409);
      expect((await deliveries(id)).length).toBe(2);
      const seen = await as('canbo', 'GET', `/api/v1/outreach/announcements/${id}/deliveries`);
      expect(seen.json().items.find((x: { contact: string }) => x.contact.includes('@'))).toMatchObject({
        status: 'sent',
        contact: 'd***@example.test',
        attempts: 3,
      });
      expect((await as('truongkhoi', 'GET', `/api/v1/outreach/announcements/${id}/deliveries`)).statusCode).toBe(403);
    } finally {
      setMessenger(t.deps, real);
    }
  });

  it('unsubscribes in one click: GET asks, POST ends it, deletes the contact and stops what was waiting', async () => {
    const mail = mails.find((m) => m.to.includes('dan.trungmy@example.test') && m.data.includes('List-Unsubscribe:'));
    const link = /List-Unsubscribe: <https:\/\/binhan\.test(\/thong-bao\/huy\/[^>]+)>/.exec(mail?.data ?? '')?.[1] as string;
    const page = await t.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    const [before] = await queryRows<{ unsubscribed_at: Date | null }>(
      db(),
      sql`SELECT unsubscribed_at FROM outreach_subscribers WHERE contact_hint = 'd***@example.test' AND verified_at IS NOT NULL`,
    );
    expect(before?.unsubscribed_at).toBeNull();
    const done = await form(link, [['List-Unsubscribe', 'One-Click']]);
    expect(done.statusCode).toBe(200);
    const again = await form(link, [['List-Unsubscribe', 'One-Click']]);
    expect(again.statusCode).toBe(404);
    const forged = await t.app.inject({ method: 'GET', url: `${link.slice(0, -4)}abcd` });
    expect(forged.statusCode).toBe(404);
    const id = await publish('canbo', {
      unitId: tv['thanh-vinh'],
      kind: 'news',
      topic: 'fraud',
      title: 'Sau khi hủy',
      body: 'Nội dung',
      blockIds: [tv['trung-my']],
    });
    const gone = link.split('/')[3];
    expect((await deliveries(id)).map((d) => d.subscriber_id)).not.toContain(gone);
    expect((await deliveries(id)).length).toBe(1); // the ward-wide SMS subscriber still gets it
    const [left] = await queryRows<{ contact_sealed: string | null; contact_hint: string | null }>(
      db(),
      sql`SELECT contact_sealed, contact_hint FROM outreach_subscribers WHERE id = ${gone}`,
    );
    expect(left).toEqual({ contact_sealed: null, contact_hint: null });
  });
});

describe('the public page, the feed and the survey', () => {
  it('lists the published announcements without any script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/thong-bao?phuong=thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Cảnh báo lừa đảo mới ở Trung Mỹ');
    expect(res.body).not.toMatch(/<script/i);
    // The language link keeps the ward: one query string, not two.
    expect(res.body).toContain('href="/thong-bao?phuong=thanh-vinh&#38;lang=en"');
  });

  it('serves a well-formed Atom feed with ids, titles and updated dates', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/thong-bao/feed.xml?phuong=thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const parser = new SaxesParser({ xmlns: true });
    const stack: string[] = [];
    const found: { path: string; ns: string; text: string }[] = [];
    let text = '';
    parser.on('error', (e) => {
      throw e;
    });
    parser.on('opentag', (tag) => {
      stack.push(tag.local);
      found.push({ path: stack.join('/'), ns: tag.uri, text: '' });
      text = '';
    });
    parser.on('text', (x) => {
      text += x;
    });
    parser.on('closetag', () => {
      const path = stack.join('/');
      const last = [...found].reverse().find((f) => f.path === path);
      if (last) last.text = text.trim();
      stack.pop();
      text = '';
    });
    parser.write(res.body).close();
    expect(found[0]).toMatchObject({ path: 'feed', ns: 'http://www.w3.org/2005/Atom' });
    for (const p of ['feed/id', 'feed/title', 'feed/updated']) expect(found.filter((f) => f.path === p)).toHaveLength(1);
    const entries = found.filter((f) => f.path === 'feed/entry');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const ids = found.filter((f) => f.path === 'feed/entry/id').map((f) => f.text);
    expect(ids.length).toBe(entries.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const dates = found.filter((f) => f.path === 'feed/entry/updated' || f.path === 'feed/updated').map((f) => f.text);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(found.filter((f) => f.path === 'feed/entry/title').length).toBe(entries.length);
  });

  it('takes anonymous survey answers by block and gives the results per block', async () => {
    const id = await publish('canbo', {
      unitId: tv['thanh-vinh'],
      kind: 'news',
      topic: 'general',
      title: 'Sau đợt tuần tra tháng 11',
      body: 'Bạn có thấy an toàn hơn?',
      survey: true,
    });
    for (const answer of ['safer', 'safer', 'same'])
      expect(
        (
          await form(`/thong-bao/thanh-vinh/${id}`, [
            ['answer', answer],
            ['blockId', tv['trung-my'] as string],
          ])
        ).statusCode,
      ).toBe(201);
    expect((await form(`/thong-bao/thanh-vinh/${id}`, [['answer', 'maybe']])).statusCode).toBe(400);
    const res = await as('canbo', 'GET', `/api/v1/outreach/announcements/${id}`);
    expect(res.json().surveyByBlock).toEqual([
      { unitId: tv['trung-my'], unitName: expect.any(String), counts: { safer: 2, same: 1, less_safe: 0 }, saferShare: 67 },
    ]);
    const summary = await t.deps.database.db.transaction((tx) => summariseOutreach(tx, Object.values(tv), today(), today()));
    expect(summary.surveyAnswers).toBeGreaterThanOrEqual(3);
    expect(summary.alertsSent).toBeGreaterThanOrEqual(2);
    expect(summary.delivered).toBeGreaterThanOrEqual(3);
    expect(summary.byType.block_meeting).toBeGreaterThanOrEqual(2);
    expect(summary.audience).toBeGreaterThanOrEqual(85 * 2 + 300);
  });

  it('deletes a subscription never confirmed, with its contact, a day after its code expired', async () => {
    const pending = await form('/thong-bao/dang-ky', [
      ['wardCode', 'thanh-vinh'],
      ['step', 'start'],
      ['channel', 'email'],
      ['contact', 'bo.do@example.test'],
      ['topics', 'drugs'],
      ['consent', 'yes'],
    ]);
    const challenge = /name="challenge" value="([0-9a-f-]{36})"/.exec(pending.body)?.[1] as string;
    const wrongCode = await form('/thong-bao/dang-ky', [
      ['wardCode', 'thanh-vinh'],
      ['step', 'confirm'],
      ['challenge', challenge],
      ['code', '000000x'],
    ]);
    expect(wrongCode.statusCode).toBe(400);
    expect(await purgeUnconfirmed(t.deps)).toBe(0);
    t.clock.advance(15 * 60_000 + 86_400_000 + 1000);
    expect(await purgeUnconfirmed(t.deps)).toBe(1);
    const left = await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM outreach_subscribers WHERE id = ${challenge}`);
    expect(left[0]?.n).toBe(0);
  });
});

describe('corrections, drafts, paging, exports and subscriber figures', () => {
  const audits = (entityId: string, action: string) =>
    queryRows<{ detail: { changed?: string[] } | null }>(
      db(),
      sql`SELECT detail FROM audit_log WHERE entity_id = ${entityId} AND action = ${action} ORDER BY at`,
    );

  it('corrects a recorded activity, audited by the names of the fields changed; bad input changes nothing', async () => {
    const made = await as('truongkhoi', 'POST', '/api/v1/outreach/activities', {
      unitId: tv['trung-my'],
      type: 'block_meeting',
      topic: 'traffic',
      heldOn: today(),
      title: 'Họp khối về an toàn giao thông',
      audienceGroups: { residents: 40 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const fixed = await as('truongkhoi', 'PATCH', `/api/v1/outreach/activities/${id}`, {
      topic: 'fraud',
      audienceGroups: { residents: 40, youth: 12 },
      organisers: 'Chi hội Phụ nữ khối',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ topic: 'fraud', audienceTotal: 52, organisers: 'Chi hội Phụ nữ khối', title: made.json().title });
    expect((await audits(id, 'outreach.activity_update')).map((a) => a.detail?.changed?.sort())).toEqual([
      ['audienceGroups', 'audienceTotal', 'organisers', 'topic'],
    ]);
    // A total below the groups' sum, a day ahead, an empty change: 400, nothing written.
    expect((await as('truongkhoi', 'PATCH', `/api/v1/outreach/activities/${id}`, { audienceTotal: 10 })).statusCode).toBe(400);
    expect((await as('truongkhoi', 'PATCH', `/api/v1/outreach/activities/${id}`, { heldOn: '2099-01-01' })).statusCode).toBe(400);
    expect((await as('truongkhoi', 'PATCH', `/api/v1/outreach/activities/${id}`, {})).statusCode).toBe(400);
    // The same values again: no change, no audit entry.
    expect((await as('truongkhoi', 'PATCH', `/api/v1/outreach/activities/${id}`, { topic: 'fraud' })).statusCode).toBe(200);
    expect((await audits(id, 'outreach.activity_update')).length).toBe(1);
    // Out of reach or without the permission.
    expect((await as('canbo.truongvinh', 'PATCH', `/api/v1/outreach/activities/${id}`, { title: 'X' })).statusCode).toBe(404);
    expect((await as('theodoi', 'PATCH', `/api/v1/outreach/activities/${id}`, { title: 'X' })).statusCode).toBe(403);
    const [row] = await queryRows<{ audience_total: number; title: string }>(
      db(),
      sql`SELECT audience_total, title FROM outreach_activities WHERE id = ${id}`,
    );
    expect(row).toEqual({ audience_total: 52, title: 'Họp khối về an toàn giao thông' });
  });

  it('changes and discards a draft announcement; a published one stays as it was', async () => {
    const draft = await as('canbo', 'POST', '/api/v1/outreach/announcements', {
      unitId: tv['thanh-vinh'],
      kind: 'alert',
      topic: 'fraud',
      title: 'Bản nháp cảnh báo',
      body: 'Nội dung nháp',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    const changed = await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${id}`, {
      title: 'Cảnh báo lừa đảo mới ở Trung Mỹ',
      blockIds: [tv['trung-my']],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Cảnh báo lừa đảo mới ở Trung Mỹ', blockIds: [tv['trung-my']] });
    expect((await audits(id, 'outreach.announcement_update')).map((a) => a.detail?.changed?.sort())).toEqual([['blockIds', 'title']]);
    // Only a chief marks it urgent; a block of another unit is refused.
    expect((await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${id}`, { urgent: true })).statusCode).toBe(403);
    expect((await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${id}`, { blockIds: [tv['thanh-vinh']] })).statusCode).toBe(400);
    expect((await as('truongcongan', 'PATCH', `/api/v1/outreach/announcements/${id}`, { urgent: true })).json().urgent).toBe(true);
    // Drafts filter; a block leader cannot discard the ward's draft.
    const drafts = await as('canbo', 'GET', '/api/v1/outreach/announcements?state=draft&kind=alert');
    expect(drafts.json().items.map((a: { id: string }) => a.id)).toContain(id);
    expect(drafts.json().items.every((a: { publishedAt: string | null }) => a.publishedAt === null)).toBe(true);
    expect((await as('truongkhoi', 'DELETE', `/api/v1/outreach/announcements/${id}`)).statusCode).toBe(404);
    expect((await as('canbo', 'DELETE', `/api/v1/outreach/announcements/${id}`)).statusCode).toBe(204);
    expect((await as('canbo', 'GET', `/api/v1/outreach/announcements/${id}`)).statusCode).toBe(404);
    expect((await audits(id, 'outreach.announcement_discard')).length).toBe(1);
    // Published: no more changes, no discard.
    const published = await publish('canbo', {
      unitId: tv['thanh-vinh'],
      kind: 'news',
      topic: 'traffic',
      title: 'Đã đăng',
      body: 'Nội dung',
    });
    expect((await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${published}`, { title: 'Sửa' })).statusCode).toBe(409);
    expect((await as('canbo', 'DELETE', `/api/v1/outreach/announcements/${published}`)).statusCode).toBe(409);
    expect((await as('canbo', 'GET', `/api/v1/outreach/announcements/${published}`)).json().title).toBe('Đã đăng');
  });

  it('pages announcements and scripts through every item without repeats', async () => {
    const walk = async (url: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const sep = url.includes('?') ? '&' : '?';
        const res = await as('canbo', 'GET', `${url}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items.map((x: { id: string }) => x.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    for (const url of ['/api/v1/outreach/announcements', '/api/v1/outreach/scripts']) {
      const all = (await as('canbo', 'GET', `${url}?limit=200`)).json().items.map((x: { id: string }) => x.id);
      expect(all.length).toBeGreaterThan(2);
      const paged = await walk(url);
      expect(paged).toEqual(all);
    }
    const fraud = (await as('canbo', 'GET', '/api/v1/outreach/scripts?topic=fraud&q=CANH%20GIAC')).json().items;
    expect(fraud.length).toBeGreaterThan(0);
    expect(fraud.every((s: { topic: string }) => s.topic === 'fraud')).toBe(true);
    expect((await as('canbo', 'GET', '/api/v1/outreach/scripts?cursor=nope')).statusCode).toBe(400);
  });

  it('exports the activities as XLSX with real dates and numbers, and audits the export', async () => {
    const res = await as('canbo', 'GET', '/api/v1/outreach/activities?format=xlsx&topic=fraud');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Ngày');
    const titles: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(1).value).toBeInstanceOf(Date);
      expect(typeof row.getCell(7).value).toBe('number');
      expect(row.getCell(4).value).toBe(vi.outreach.topics.fraud);
      titles.push(String(row.getCell(5).value));
    });
    expect(titles).toContain('Họp khối về an toàn giao thông');
    const json = (await as('canbo', 'GET', '/api/v1/outreach/activities?topic=fraud&limit=200')).json().items;
    expect(titles.length).toBe(json.length);
    const [audit] = await queryRows<{ detail: { format: string; rows: number } }>(
      db(),
      sql`SELECT detail FROM audit_log WHERE action = 'outreach.activities_export' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit?.detail).toMatchObject({ format: 'xlsx', rows: json.length });
  });

  it('sends a survey on its own after a patrol period, with the period shown and the answers by block', async () => {
    const day = (offset: number) => new Date(t.clock.ms + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const survey = { unitId: tv['thanh-vinh'], kind: 'survey', topic: 'general', title: 'Sau đợt tuần tra cao điểm', body: 'Xin ý kiến.' };
    const before = await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM outreach_announcements`);
    for (const bad of [{}, { periodFrom: day(-7) }, { periodFrom: day(-7), periodTo: day(1) }, { periodFrom: day(-1), periodTo: day(-7) }])
      expect((await as('canbo', 'POST', '/api/v1/outreach/announcements', { ...survey, ...bad })).statusCode).toBe(400);
    const newsWithPeriod = { ...survey, kind: 'news', periodFrom: day(-7), periodTo: day(-1) };
    expect((await as('canbo', 'POST', '/api/v1/outreach/announcements', newsWithPeriod)).statusCode).toBe(400);
    const after = await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM outreach_announcements`);
    expect(after[0]?.n).toBe(before[0]?.n);
    const id = await publish('canbo', { ...survey, periodFrom: day(-7), periodTo: day(-1) });
    const detail = await as('canbo', 'GET', `/api/v1/outreach/announcements/${id}`);
    expect(detail.json()).toMatchObject({ kind: 'survey', survey: true, periodFrom: day(-7), periodTo: day(-1) });
    const dmy = (d: string) => d.split('-').reverse().join('/');
    const page = await t.app.inject({ method: 'GET', url: `/thong-bao/thanh-vinh/${id}` });
    expect(page.body).toContain(`Đợt tuần tra từ ${dmy(day(-7))} đến ${dmy(day(-1))}`);
    expect(page.body).toContain('name="answer"');
    const answered = await form(`/thong-bao/thanh-vinh/${id}`, [
      ['answer', 'less_safe'],
      ['blockId', tv['tan-quang'] as string],
    ]);
    expect(answered.statusCode).toBe(201);
    expect((await as('canbo', 'GET', `/api/v1/outreach/announcements/${id}`)).json().surveyByBlock).toEqual([
      { unitId: tv['tan-quang'], unitName: expect.any(String), counts: { safer: 0, same: 0, less_safe: 1 }, saferShare: 0 },
    ]);
    // A survey stays a survey; news cannot take a period.
    const draft = await as('canbo', 'POST', '/api/v1/outreach/announcements', { ...survey, periodFrom: day(-3), periodTo: day(-2) });
    expect((await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${draft.json().id}`, { kind: 'news' })).statusCode).toBe(400);
    const moved = await as('canbo', 'PATCH', `/api/v1/outreach/announcements/${draft.json().id}`, { periodFrom: day(-5) });
    expect(moved.json()).toMatchObject({ periodFrom: day(-5), periodTo: day(-2) });
  });

  it('counts subscribers by channel, topic and block, confirmed and pending, and never shows a contact', async () => {
    await form('/thong-bao/dang-ky', [
      ['wardCode', 'thanh-vinh'],
      ['step', 'start'],
      ['channel', 'email'],
      ['contact', 'cho.xac.nhan@example.test'],
      ['topics', 'drugs'],
      ['consent', 'yes'],
    ]);
    const res = await as('canbo', 'GET', '/api/v1/outreach/subscribers/figures');
    expect(res.statusCode, res.body).toBe(200);
    const [expected] = await queryRows<{ confirmed: number; pending: number }>(
      db(),
      sql`SELECT count(*) FILTER (WHERE verified_at IS NOT NULL)::int AS confirmed, count(*) FILTER (WHERE verified_at IS NULL)::int AS pending
            FROM outreach_subscribers WHERE ward_id = ${tv['thanh-vinh']} AND unsubscribed_at IS NULL`,
    );
    expect(res.json()).toMatchObject({ confirmed: expected?.confirmed, pending: expected?.pending });
    expect(res.json().pending).toBeGreaterThan(0);
    expect(res.json().confirmed).toBeGreaterThan(0);
    expect(
      res
        .json()
        .byChannel.map((c: { channel: string }) => c.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(res.json().byTopic.find((x: { topic: string }) => x.topic === 'fraud').count).toBeGreaterThan(0);
    const blocks = res.json().byBlock as { unitId: string | null; unitName: string | null; count: number }[];
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const [n] = await queryRows<{ n: number }>(
        db(),
        sql`SELECT count(*)::int AS n FROM outreach_subscribers WHERE ward_id = ${tv['thanh-vinh']} AND unsubscribed_at IS NULL
              AND verified_at IS NOT NULL AND ${b.unitId ? sql`${b.unitId}::uuid = ANY (block_ids)` : sql`cardinality(block_ids) = 0`}`,
      );
      expect(b.count).toBe(n?.n);
    }
    // No address, no masked contact, no phone number (the blocks' ids, random UUIDs, may hold long runs of digits).
    expect(res.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')).not.toMatch(/@|\*\*\*|\d{9,}/);
    expect((await as('theodoi', 'GET', '/api/v1/outreach/subscribers/figures')).statusCode).toBe(403);
  });
});
