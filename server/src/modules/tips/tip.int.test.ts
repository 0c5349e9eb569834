import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { newReceipt } from './tip.receipts.ts';

let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'canbo.truongvinh', 'truongkhoi', 'quantri', 'theodoi'])
    auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const submit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/public/tips', payload });
const status = (receipt: string) => t.app.inject({ method: 'GET', url: '/api/v1/public/tips/status', headers: { 'x-receipt': receipt } });
const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });

async function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CANARY-MAKE', Model: 'CANARY-MODEL', Artist: 'CANARY-ARTIST' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 40/1 0/1' },
    })
    .toBuffer();
}

describe('receipt codes (security.md G4)', () => {
  it('are 16 unambiguous characters with 80 random bits, and do not repeat in 100 000', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newReceipt());
    expect(seen.size).toBe(100_000);
    for (const code of [...seen].slice(0, 1000)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });
});

describe('the resident’s side', () => {
  it('takes a tip without an account and answers a receipt that opens it, whatever its spacing or case', async () => {
    const res = await submit({ wardCode: 'thanh-vinh', what: 'Có người bán ma túy ở ngõ 7 đường Lê Mao' });
    expect(res.statusCode).toBe(201);
    const { receipt } = res.json();
    expect(receipt).toMatch(/^[0-9A-Z]{16}$/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const spaced = `${receipt.slice(0, 4).toLowerCase()} ${receipt.slice(4, 8)}-${receipt.slice(8)}`;
    const open = await status(spaced);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ status: 'new', messages: [] });
  });

  it('answers every wrong code the same way, at the same pace as a right one', async () => {
    const { receipt } = (await submit({ wardCode: 'thanh-vinh', what: 'Đánh bạc ở quán nước' })).json();
    const wrong = [`${receipt.slice(0, 15)}${receipt[15] === 'A' ? 'B' : 'A'}`, 'short', '0000000000000000'];
    const bodies = new Set<string>();
    for (const code of wrong) {
      const res = await status(code);
      expect(res.statusCode).toBe(404);
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);
    const time = async (code: string) => {
      const start = performance.now();
      await status(code);
      return performance.now() - start;
    };
    const right = [];
    const miss = [];
    for (let i = 0; i < 5; i++) {
      right.push(await time(receipt));
      miss.push(await time('ZZZZZZZZZZZZZZZZ'));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2] as number;
    expect(Math.abs(median(right) - median(miss))).toBeLessThan(60);
  });

  it('refuses a tip without content, contact details without consent, and an unknown ward: nothing is stored', async () => {
    for (const payload of [
      { wardCode: 'thanh-vinh', what: '   ' },
      { wardCode: 'thanh-vinh', what: 'x', contactPhone: '0912345678' },
      { wardCode: 'khong-co', what: 'x' },
      { wardCode: 'le-mao', what: 'x' },
    ]) {
      const res = await submit(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation');
    }
  });

  it('strips EXIF and GPS from photos, quarantines documents and refuses unknown types', async () => {
    const jpeg = await gpsJpeg();
    const form = multipart({ data: JSON.stringify({ wardCode: 'thanh-vinh', what: 'Ảnh trộm xe' }) }, [
      { name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: jpeg },
      { name: 'thu.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n% CANARY-PDF-AUTHOR\n') },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tips', ...form });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await as('canbo', 'GET', '/api/v1/tips?view=new')).json();
    const tipId = list.items.find((i: { excerpt: string }) => i.excerpt === 'Ảnh trộm xe').id;
    const detail = (await as('canbo', 'GET', `/api/v1/tips/${tipId}`)).json();
    const [image, pdf] = detail.files;
    expect(image).toMatchObject({ kind: 'image', quarantined: false, name: 'IMG_0001.jpg' });
    expect(pdf).toMatchObject({ kind: 'document', quarantined: true });
    const download = await as('canbo', 'GET', `/api/v1/tips/${tipId}/files/${image.id}`);
    expect(download.statusCode).toBe(200);
    const meta = await sharp(download.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(download.rawPayload.includes('CANARY')).toBe(false);
    expect((await as('canbo', 'GET', `/api/v1/tips/${tipId}/files/${pdf.id}`)).json().code).toBe('quarantineConfirm');
    expect((await as('canbo', 'GET', `/api/v1/tips/${tipId}/files/${pdf.id}?confirm=1`)).statusCode).toBe(200);

    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(16)]);
    const bad = multipart({ data: JSON.stringify({ wardCode: 'thanh-vinh', what: 'HEIC' }) }, [
      { name: 'a.heic', type: 'image/heic', bytes: heic },
    ]);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/public/tips', ...bad });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('fileType');
  });
});

describe('the officers’ side', () => {
  it('runs a tip from the inbox through triage, questions, transfer and outcome to closing, with its legal clocks', async () => {
    const { receipt } = (
      await submit({
        wardCode: 'thanh-vinh',
        what: 'Có nhóm thanh niên tàng trữ pháo nổ ở khối Tân Quang',
        contactName: 'Nguyễn Văn A',
        contactPhone: '0912 345 678',
        contactConsent: true,
      })
    ).json();
    const inbox = (await as('canbo', 'GET', '/api/v1/tips?view=new')).json();
    expect(inbox.counts.new).toBeGreaterThan(0);
    const item = inbox.items.find((i: { excerpt: string }) => i.excerpt.includes('pháo nổ'));
    expect(item).toMatchObject({ status: 'new', channel: 'online', reporterIdentity: 'identified', nextDeadline: { kind: 'intake' } });
    const id = item.id as string;

    const missingUrgency = await as('canbo', 'POST', `/api/v1/tips/${id}/triage`, { classification: 'to_giac', category: 'firecrackers' });
    expect(missingUrgency.json().code).toBe('urgencyRequired');
    const triaged = (
      await as('canbo', 'POST', `/api/v1/tips/${id}/triage`, { classification: 'to_giac', category: 'firecrackers', urgency: 'normal' })
    ).json();
    expect(triaged.status).toBe('verifying');
    const transfer = triaged.clocks.find((c: { kind: string }) => c.kind === 'transfer');
    expect(new Date(transfer.dueAt).getTime() - new Date(triaged.acceptedAt).getTime()).toBe(7 * 24 * 3_600_000);
    expect(transfer.basis).toContain('TTLT 01/2021');
    expect(triaged.clocks.some((c: { kind: string }) => c.kind === 'receiptNotice')).toBe(true);

    // The contact is for the chief or the assigned officer only.
    expect((await as('canbo', 'GET', `/api/v1/tips/${id}/contact`)).statusCode).toBe(403);
    expect((await as('truongcongan', 'GET', `/api/v1/tips/${id}/contact`)).json()).toMatchObject({
      name: 'Nguyễn Văn A',
      phone: '0912 345 678',
    });
    const officers = (await as('canbo', 'GET', '/api/v1/tips/assignees')).json().items as { id: string; name: string }[];
    const me = officers.find((o) => o.name === 'Trần Thị Lan') as { id: string };
    await as('truongcongan', 'POST', `/api/v1/tips/${id}/assign`, { officerId: me.id });
    expect((await as('canbo', 'GET', `/api/v1/tips/${id}/contact`)).statusCode).toBe(200);
    expect((await as('canbo', 'GET', '/api/v1/tips?view=mine')).json().items.some((i: { id: string }) => i.id === id)).toBe(true);

    await as('canbo', 'POST', `/api/v1/tips/${id}/notes`, { body: 'Ghi chú nội bộ: đã kiểm tra hiện trường', toSender: false });
    await as('canbo', 'POST', `/api/v1/tips/${id}/notes`, { body: 'Bạn có thấy số lượng pháo khoảng bao nhiêu không?', toSender: true });
    const seen = (await status(receipt)).json();
    expect(seen.status).toBe('verifying');
    expect(seen.messages).toEqual([{ from: 'police', body: 'Bạn có thấy số lượng pháo khoảng bao nhiêu không?', on: expect.any(String) }]);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tips/messages',
      headers: { 'x-receipt': receipt },
      payload: { body: 'Khoảng hai thùng' },
    });
    expect(answer.statusCode).toBe(201);
    const afterAnswer = (await as('canbo', 'GET', '/api/v1/tips?view=open')).json().items.find((i: { id: string }) => i.id === id);
    expect(afterAnswer.hasUnreadFromSender).toBe(true);

    const transferred = (
      await as('canbo', 'POST', `/api/v1/tips/${id}/transfer`, { agency: 'Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An' })
    ).json();
    expect(transferred.status).toBe('transferred');
    expect(transferred.clocks.find((c: { kind: string }) => c.kind === 'transfer').doneAt).not.toBeNull();
    expect(transferred.clocks.find((c: { kind: string }) => c.kind === 'agency').basis).toContain('147');
    const outcome = (
      await as('canbo', 'POST', `/api/v1/tips/${id}/outcome`, { outcome: 'prosecuted', receiptNoticeSentOn: transferred.receivedOn })
    ).json();
    expect(outcome.outcome).toBe('prosecuted');
    const closed = (await as('canbo', 'POST', `/api/v1/tips/${id}/close`, { reason: 'prosecuted' })).json();
    expect(closed).toMatchObject({ status: 'closed', nextDeadline: null });
    expect((await status(receipt)).json().status).toBe('closed');
    expect((await as('canbo', 'POST', `/api/v1/tips/${id}/transfer`, { agency: 'x' })).json().code).toBe('tipState');
    expect((await as('canbo', 'POST', `/api/v1/tips/${id}/reopen`)).json().status).toBe('verifying');

    const pdf = await as('canbo', 'GET', `/api/v1/tips/${id}/reception-record.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('logs a tip from the hotline, received by an officer', async () => {
    const units = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string; name: string }[];
    const block = units.find((u) => u.name === 'Khối Trung Mỹ') as { id: string };
    const res = await as('canbo', 'POST', '/api/v1/tips', {
      channel: 'hotline',
      unitId: block.id,
      what: 'Người dân gọi báo có trộm đột nhập',
      reporterIdentity: 'refused',
      refusalReason: 'Sợ bị trả thù',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      channel: 'hotline',
      unitName: 'Khối Trung Mỹ',
      reporterIdentity: 'refused',
      number: expect.stringMatching(/^TB-\d{4}-\d{4}$/),
    });
    const urgent = (
      await as('canbo', 'POST', `/api/v1/tips/${res.json().id}/triage`, { classification: 'tin_bao', category: 'theft', urgency: 'urgent' })
    ).json();
    const transfer = urgent.clocks.find((c: { kind: string }) => c.kind === 'transfer');
    expect(new Date(transfer.dueAt).getTime() - new Date(urgent.acceptedAt).getTime()).toBe(24 * 3_600_000);
    expect(urgent.clocks.some((c: { kind: string }) => c.kind === 'receiptNotice')).toBe(false);
  });

  it('keeps tips inside the ward and away from roles that must not read them', async () => {
    const { items } = (await as('canbo', 'GET', '/api/v1/tips?view=all')).json();
    const id = items[0].id as string;
    const other = await as('canbo.truongvinh', 'GET', `/api/v1/tips/${id}`);
    expect(other.statusCode).toBe(404);
    expect(
      (await as('canbo.truongvinh', 'GET', '/api/v1/tips?view=all')).json().items.map((i: { wardId: string }) => i.wardId),
    ).not.toContain(items[0].wardId);
    for (const who of ['truongkhoi', 'quantri', 'theodoi']) {
      expect((await as(who, 'GET', `/api/v1/tips/${id}`)).statusCode).toBe(403);
      expect((await as(who, 'GET', '/api/v1/tips')).statusCode).toBe(403);
    }
  });

  it('pages the inbox with a keyset cursor', async () => {
    for (let i = 0; i < 4; i++) await submit({ wardCode: 'thanh-vinh', what: `Tin thử số ${i}` });
    const first = (await as('canbo', 'GET', '/api/v1/tips?view=all&limit=3')).json();
    const second = (await as('canbo', 'GET', `/api/v1/tips?view=all&limit=3&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await as('canbo', 'GET', '/api/v1/tips?cursor=rubbish')).statusCode).toBe(400);
  });
});

describe('flooding (proof-of-work while a ward is flooded)', () => {
  it('switches on past the threshold, asks for a solved challenge, accepts it once, and keeps the answers on the page', async () => {
    const { createTestApp: create } = await import('../../../test/app.ts');
    const { solveChallenge } = await import('./tip.flood.ts');
    const flooded = await create({ TIP_FLOOD_THRESHOLD: '2', TIP_POW_BITS: '8' });
    try {
      const tip = { wardCode: 'thanh-vinh', what: 'Tin khi đang bị gửi dồn dập' };
      const calm = await flooded.app.inject({ method: 'GET', url: '/api/v1/public/tips/challenge?wardCode=thanh-vinh' });
      expect(calm.json()).toMatchObject({ required: false, challenge: null });
      // Three tips in ten minutes, past a threshold of two: the third is received, the fourth needs the proof-of-work.
      for (let i = 0; i < 3; i++) {
        expect((await flooded.app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: tip })).statusCode).toBe(201);
      }
      const refused = await flooded.app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: tip });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('powRequired');
      const { required, challenge, bits } = (
        await flooded.app.inject({ method: 'GET', url: '/api/v1/public/tips/challenge?wardCode=thanh-vinh' })
      ).json();
      expect(required).toBe(true);
      const pow = solveChallenge(challenge, bits);
      expect((await flooded.app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: { ...tip, pow } })).statusCode).toBe(201);
      expect((await flooded.app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: { ...tip, pow } })).statusCode).toBe(429);

      const review = await flooded.app.inject({
        method: 'POST',
        url: '/to-giac',
        ...multipart({ ...tip, identity: 'no', step: 'review' }),
      });
      expect(review.body).toContain('data-challenge=');
      expect(review.body).toContain('<script src="/to-giac/trang.js" defer></script>');
      const noJs = await flooded.app.inject({ method: 'POST', url: '/to-giac', ...multipart({ ...tip, identity: 'no', step: 'send' }) });
      expect(noJs.statusCode).toBe(429);
      expect(noJs.body).toContain('Hệ thống đang nhận quá nhiều tin');
      expect(noJs.body).toContain('value="Tin khi đang bị gửi dồn dập"');
    } finally {
      await flooded.close();
    }
  });
});

describe('metadata in other picture formats (security.md G3)', () => {
  it('drops PNG text chunks', async () => {
    const crcTable = Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c >>> 0;
    });
    const crc32 = (buf: Buffer) => {
      let c = 0xffffffff;
      for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
      return (c ^ 0xffffffff) >>> 0;
    };
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#3c3' } })
      .png()
      .toBuffer();
    const data = Buffer.from('Author\0CANARY-PNG-AUTHOR');
    const type = Buffer.from('tEXt');
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    type.copy(chunk, 4);
    data.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
    const withText = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
    expect(withText.includes('CANARY-PNG-AUTHOR')).toBe(true);
    const form = multipart({ data: JSON.stringify({ wardCode: 'thanh-vinh', what: 'Ảnh PNG có chữ ẩn' }) }, [
      { name: 'a.png', type: 'image/png', bytes: withText },
    ]);
    const sent = await t.app.inject({ method: 'POST', url: '/api/v1/public/tips', ...form });
    expect(sent.statusCode, sent.body).toBe(201);
    const tip = (await as('canbo', 'GET', '/api/v1/tips?view=new'))
      .json()
      .items.find((i: { excerpt: string }) => i.excerpt === 'Ảnh PNG có chữ ẩn');
    const file = (await as('canbo', 'GET', `/api/v1/tips/${tip.id}`)).json().files[0];
    const stored = (await as('canbo', 'GET', `/api/v1/tips/${tip.id}/files/${file.id}`)).rawPayload;
    expect(stored.subarray(1, 4).toString()).toBe('PNG');
    expect(stored.includes('CANARY-PNG-AUTHOR')).toBe(false);
  });
});

describe('guessing receipts (security.md G4)', () => {
  it('throttles lookups per source; a forged X-Forwarded-For does not reset the count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 33; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/public/tips/status',
        remoteAddress: '127.0.0.9',
        headers: { 'x-receipt': `GUESS${String(i).padStart(11, '0')}`, 'x-forwarded-for': `198.51.100.${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Another source is not affected.
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/tips/status',
      remoteAddress: '127.0.0.10',
      headers: { 'x-receipt': 'x' },
    });
    expect(other.statusCode).toBe(404);
  });
});
