import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { queryRows } from '../../platform/db.ts';
import { vnToday } from '../../platform/time.ts';
import { contactCodeSenderOf, type MemoryContactCodeSender } from './residence.codes.ts';
import { PLACES_SHEET, RESIDENTS_SHEET } from './residence.import.ts';
import { purgeResidence, remindExpiringStays } from './residence.jobs.ts';

let t: TestApp;
const tokens = new Map<string, string>();
let units: Map<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['truongcongan', 'canbo', 'truongkhoi', 'tobaove', 'theodoi', 'hoagiai', 'canbo.truongvinh', 'quantri'])
    tokens.set(u, await t.tokenFor(u));
  const rows = await queryRows<{ id: string; code: string; parent: string | null }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code, p.code AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id`,
  );
  units = new Map(rows.map((r) => [`${r.parent ?? ''}/${r.code}`, r.id]));
});
afterAll(() => t.close());

const unit = (key: string) => units.get(key) as string;
function call(username: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: `Bearer ${tokens.get(username)}` } });
}
const count = async (table: string) =>
  (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]?.n ?? 0;
const today = () => vnToday(t.clock.now());
const vnAt = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`).toISOString();

describe('stay notifications taken by an officer: the 23:00 / 08:00 rule (Luật Cư trú 2020 Art. 30)', () => {
  it('a guest arriving at 22:59 told at 23:01 is late; one arriving at 23:01 told at 07:30 the next day is on time', async () => {
    // Two days ago and yesterday (Vietnam days), so that no receipt time is in the future.
    const dayBefore = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const yesterday = dayBefore(2);
    const day = dayBefore(1);
    const base = { unitId: unit('thanh-vinh/trung-my'), channel: 'phone', hostName: 'Lê Thị Hoa', address: 'ngõ 12 Lê Mao' };
    const late = await call('canbo', 'POST', '/api/v1/residence/notifications', {
      ...base,
      arrivalAt: vnAt(yesterday, '22:59'),
      receivedAt: vnAt(yesterday, '23:01'),
      guests: [{ name: 'Nguyễn Văn Hùng', birthDate: '1990-05-01', idNumber: '040 090 123 456' }],
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().onTime).toBe(false);
    expect(late.json().dueAt).toBe(vnAt(yesterday, '23:00'));
    const onTime = await call('canbo', 'POST', '/api/v1/residence/notifications', {
      ...base,
      arrivalAt: vnAt(yesterday, '23:01'),
      receivedAt: vnAt(day, '07:30'),
      guests: [{ name: 'Trần Thị Mai' }],
    });
    expect(onTime.statusCode).toBe(201);
    expect(onTime.json().onTime).toBe(true);
    expect(onTime.json().dueAt).toBe(new Date(`${day}T08:00:00+07:00`).toISOString());
  });

  it('finds "Nguyễn Văn Hùng" by "Nguyen Van Hung", and masks the ID number in the list', async () => {
    const res = await call('canbo', 'GET', '/api/v1/residence/notifications?q=Nguyen%20Van%20Hung');
    expect(res.statusCode).toBe(200);
    const hit = res.json().items.find((n: { guests: { name: string }[] }) => n.guests.some((g) => g.name === 'Nguyễn Văn Hùng'));
    expect(hit).toBeTruthy();
    const guest = hit.guests.find((g: { name: string }) => g.name === 'Nguyễn Văn Hùng');
    expect(guest.idNumberMasked).toBe('040••••••456');
    expect(guest.birthDate).toBe('1990-05-01');
    expect(res.body).not.toContain('040090123456');
  });

  it('refuses bad input with 400 and writes nothing: a wrong ID number, no guest, an arrival far away', async () => {
    const before = await count('residence_notifications');
    const base = { unitId: unit('thanh-vinh/trung-my'), channel: 'phone', hostName: 'A', address: 'B', arrivalAt: vnAt(today(), '08:00') };
    for (const body of [
      { ...base, guests: [{ name: 'X', idNumber: '123' }] },
      { ...base, guests: [{ name: 'X', idNumber: '999090123456' }] },
      { ...base, guests: [{ name: 'X', birthDate: '1991-01-01', idNumber: '040090123456' }] },
      { ...base, guests: [] },
      { ...base, arrivalAt: '2020-01-01T08:00:00+07:00', guests: [{ name: 'X' }] },
      { ...base, unitId: unit('truong-vinh/khoi-1'), guests: [{ name: 'X' }] },
    ]) {
      const res = await call('canbo', 'POST', '/api/v1/residence/notifications', body);
      // A unit of another ward answers like a missing one.
      expect(res.statusCode, res.body).toBe(body.unitId === base.unitId ? 400 : 404);
    }
    expect(await count('residence_notifications')).toBe(before);
  });
});

describe('masking per role and the audited reveal', () => {
  it('a block leader reads only their block, with names shortened and no dates of birth; the police read them in full', async () => {
    const leader = await call('truongkhoi', 'GET', '/api/v1/residence/residents?limit=200');
    expect(leader.statusCode).toBe(200);
    const items = leader.json().items as { name: string; birthDate: string | null; unitName: string; idNumberMasked: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    for (const r of items) {
      expect(r.name).toMatch(/^\S+( \S\.)+$/u);
      expect(r.birthDate).toBeNull();
      expect(['Khối Trung Mỹ']).toContain(r.unitName);
      expect(r.idNumberMasked).toMatch(/^040•{6}\d{3}$/);
    }
    const officer = await call('canbo', 'GET', '/api/v1/residence/residents?limit=5');
    expect(officer.json().items[0].birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('only the ward police reveal an ID number, and every reveal is audited', async () => {
    const [row] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT p.id FROM residence_people p JOIN units u ON u.id = p.unit_id WHERE u.code = 'trung-my' AND p.id_number_enc IS NOT NULL LIMIT 1`,
    );
    const url = `/api/v1/residence/residents/${row?.id}/id-number`;
    expect((await call('truongkhoi', 'GET', url)).statusCode).toBe(403);
    expect((await call('tobaove', 'GET', url)).statusCode).toBe(403);
    const before = (
      await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'residence.identity_read'`,
      )
    )[0]?.n;
    const res = await call('canbo', 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toMatch(/^040\d{9}$/);
    const after = (
      await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'residence.identity_read'`,
      )
    )[0]?.n;
    expect(after).toBe((before ?? 0) + 1);
  });

  it('a viewer or a mediator reads no residence record', async () => {
    expect((await call('theodoi', 'GET', '/api/v1/residence/places')).statusCode).toBe(403);
    expect((await call('hoagiai', 'GET', '/api/v1/residence/notifications')).statusCode).toBe(403);
  });
});

describe('one ward never reaches another', () => {
  it("Trường Vinh's officer sees none of Thành Vinh's places and gets 404 for one of them", async () => {
    const own = await call('canbo', 'GET', '/api/v1/residence/places?limit=1');
    const id = own.json().items[0].id as string;
    const other = await call('canbo.truongvinh', 'GET', `/api/v1/residence/places/${id}`);
    expect(other.statusCode).toBe(404);
    const missing = await call('canbo.truongvinh', 'GET', '/api/v1/residence/places/00000000-0000-4000-8000-000000000000');
    expect(other.body).toBe(missing.body);
    expect((await call('canbo.truongvinh', 'GET', '/api/v1/residence/places')).json().total).toBe(0);
    const inspect = await call('canbo.truongvinh', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/trung-my'),
      kind: 'planned',
      status: 'planned',
      plannedOn: today(),
      inspectors: 'Thử',
    });
    expect(inspect.statusCode).toBe(404);
    const patch = await call('canbo.truongvinh', 'PATCH', `/api/v1/residence/places/${id}`, { name: 'Đổi tên' });
    expect(patch.statusCode).toBe(404);
  });
});

describe('correcting a temporary resident or an absence', () => {
  it('corrects the answers with an audit naming the fields; bad input is refused with nothing written; other wards get 404', async () => {
    const [row] = await queryRows<{ id: string; from_on: string }>(
      t.deps.database.db,
      sql`SELECT p.id, p.from_on::text FROM residence_people p JOIN units u ON u.id = p.ward_id WHERE u.code = 'thanh-vinh' LIMIT 1`,
    );
    const url = `/api/v1/residence/residents/${row?.id}`;
    const updates = async () =>
      (
        await queryRows<{ n: number }>(
          t.deps.database.db,
          sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'residence.resident_update'`,
        )
      )[0]?.n;
    const before = await updates();
    const bad = await call('canbo', 'PATCH', url, { untilOn: '2000-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.path ?? JSON.stringify(bad.json())).toContain('untilOn');
    expect((await call('canbo', 'PATCH', url, { idNumber: '123' })).statusCode).toBe(400);
    expect((await call('canbo', 'PATCH', url, { unitId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    expect(await updates()).toBe(before);
    const [unchanged] = await queryRows<{ until_on: string | null }>(
      t.deps.database.db,
      sql`SELECT until_on::text FROM residence_people WHERE id = ${row?.id}`,
    );
    expect(unchanged?.until_on).not.toBe('2000-01-01');
    expect((await call('canbo.truongvinh', 'PATCH', url, { note: 'x' })).statusCode).toBe(404);
    expect((await call('truongkhoi', 'PATCH', url, { note: 'x' })).statusCode).toBe(403);
    const ok = await call('canbo', 'PATCH', url, { name: 'Trần Thị Mai Anh', address: '7 ngõ 3 Lê Mao', note: 'Đã gặp trực tiếp' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().name).toBe('Trần Thị Mai Anh');
    const [audit] = await queryRows<{ detail: string }>(
      t.deps.database.db,
      sql`SELECT detail::text FROM audit_log WHERE action = 'residence.resident_update' ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.parse(audit?.detail ?? '{}').fields).toEqual(['fullName', 'address', 'note']);
    expect(audit?.detail).not.toContain('Mai Anh');
  });
});

describe('Excel exports of notifications and residents', () => {
  it('writes the lists as the reader sees them, masked, with real dates and a frozen header; audited; refused to a block leader', async () => {
    for (const [url, what] of [
      ['/api/v1/residence/notifications/export.xlsx', 'notifications'],
      ['/api/v1/residence/residents/export.xlsx', 'residents'],
    ] as const) {
      const res = await call('canbo', 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(Number(res.headers['x-export-rows'])).toBeGreaterThan(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount).toBeGreaterThan(1);
      const values = sheet
        .getSheetValues()
        .flat()
        .filter((v) => typeof v === 'string') as string[];
      // No full ID number: the list's masking (province code and the last three digits) is what is written.
      expect(values.some((v) => /^\d{12}$/.test(v))).toBe(false);
      const dates = sheet
        .getSheetValues()
        .flat()
        .filter((v) => v instanceof Date);
      expect(dates.length).toBeGreaterThan(0);
      const [audit] = await queryRows<{ detail: string }>(
        t.deps.database.db,
        sql`SELECT detail::text FROM audit_log WHERE action = 'residence.export' ORDER BY seq DESC LIMIT 1`,
      );
      expect(JSON.parse(audit?.detail ?? '{}').what).toBe(what);
      expect((await call('truongkhoi', 'GET', url)).statusCode).toBe(403);
    }
  });
});

describe('inspections', () => {
  it('a civil guard records an inspection in their block on patrol; a round of no ward is refused with nothing written', async () => {
    const done = await call('tobaove', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/trung-my'),
      kind: 'unannounced',
      status: 'done',
      plannedOn: today(),
      doneAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
      inspectors: 'Tổ tuần tra nhân dân khối Trung Mỹ',
      peopleFound: 4,
      violations: ['no_stay_notice'],
      measure: 'reminder',
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().reference).toMatch(/^KT-\d{4}-\d{4}$/);
    const elsewhere = await call('tobaove', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/tan-quang'),
      kind: 'planned',
      status: 'planned',
      plannedOn: today(),
      inspectors: 'Thử',
    });
    expect(elsewhere.statusCode).toBe(404);
    const before = await count('residence_inspections');
    const badRound = await call('canbo', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/trung-my'),
      kind: 'planned',
      status: 'planned',
      plannedOn: today(),
      inspectors: 'Thử',
      patrolRoundId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badRound.statusCode, badRound.body).toBe(400);
    const noTime = await call('canbo', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/trung-my'),
      kind: 'planned',
      status: 'done',
      plannedOn: today(),
      inspectors: 'Thử',
    });
    expect(noTime.statusCode).toBe(400);
    expect(await count('residence_inspections')).toBe(before);
  });

  it('links an inspection to a patrol round of the same ward', async () => {
    const [round] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT r.id FROM patrol_rounds r JOIN units w ON w.id = r.ward_id WHERE w.code = 'thanh-vinh' LIMIT 1`,
    );
    if (!round) return;
    const res = await call('canbo', 'POST', '/api/v1/residence/inspections', {
      unitId: unit('thanh-vinh/trung-my'),
      kind: 'unannounced',
      status: 'planned',
      plannedOn: today(),
      inspectors: 'Cảnh sát khu vực',
      patrolRoundId: round.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().patrolRoundId).toBe(round.id);
  });

  it("offers the ward's patrol rounds around the inspection's day to pick from; another ward's officer sees none of them", async () => {
    const [round] = await queryRows<{ id: string; started_on: string }>(
      t.deps.database.db,
      sql`SELECT r.id, r.started_on::text FROM patrol_rounds r JOIN units w ON w.id = r.ward_id WHERE w.code = 'thanh-vinh' ORDER BY r.started_at DESC LIMIT 1`,
    );
    expect(round).toBeTruthy();
    const day = round?.started_on as string;
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const res = await call('canbo', 'GET', `/api/v1/residence/patrol-rounds?on=${next}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((r: { id: string }) => r.id)).toContain(round?.id);
    expect(res.json()[0]).toMatchObject({ teamName: expect.any(String), startedAt: expect.any(String) });
    const other = await call('canbo.truongvinh', 'GET', `/api/v1/residence/patrol-rounds?on=${next}`);
    expect(other.json().map((r: { id: string }) => r.id)).not.toContain(round?.id);
    expect((await call('canbo', 'GET', '/api/v1/residence/patrol-rounds?on=hôm-nay')).statusCode).toBe(400);
  });
});

describe('figures', () => {
  it("Lê Mao's first half of 2020 has places watched, notifications, and the inspections of its patrols", async () => {
    const res = await call('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json().residence;
    expect(r.placesWatched).toBe(12);
    expect(r.inspections).toBe(36);
    expect(r.notifications).toBeGreaterThan(60);
    expect(r.notificationsOnTime + r.notificationsLate).toBe(r.notifications);
    expect(r.byBlock.length).toBeGreaterThan(3);
    const viewer = await call('theodoi', 'GET', '/api/v1/reports/summary?unit=thanh-vinh&from=2026-09-01&to=2026-11-30');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json().residence.inspections).toBeGreaterThan(0);
  });
});

describe('the public form /luu-tru without JavaScript', () => {
  const post = (fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/luu-tru', ...multipart(fields) });
  const answers = (): Record<string, string> => {
    const [year, month, day] = today().split('-') as [string, string, string];
    return {
      wardCode: 'thanh-vinh',
      address: '12 ngõ 5 Lê Mao',
      placeName: 'Nhà trọ Hoa Mai',
      hostName: 'Phạm Thị Lựu',
      hostContact: '0912 345 678',
      arrivalDay: day,
      arrivalMonth: `T${Number(month)}`,
      arrivalYear: year,
      arrivalTime: '00:05',
      guestCount: '1',
      g1Name: 'Hoàng Văn Nam',
      g1Id: '040204012345',
      g1BirthDay: '20',
      g1BirthMonth: '05',
      g1BirthYear: '2004',
      consent: 'yes',
    };
  };

  it('states the deadline and VNeID, asks one question on its first page, sets no cookie and loads no script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/luu-tru?phuong=thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('trước 23 giờ ngày người lưu trú đến');
    expect(res.body).toContain('VNeID');
    expect(res.body).toContain('Bước 1/6: Cơ sở lưu trú');
    expect(res.body).toContain('<h1>Cơ sở lưu trú ở đâu?</h1>');
    expect(res.body).not.toContain('name="hostName"');
    expect(res.body).not.toContain('<script');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('goes page by page keeping every answer, adds and removes guests, and checks the three date boxes', async () => {
    const place = await post({ wardCode: 'thanh-vinh', page: 'place', go: 'next', address: '' });
    expect(place.statusCode).toBe(400);
    expect(place.body).toContain('<title>Lỗi:');
    expect(place.body).toContain('href="#f-address"');
    const host = await post({ wardCode: 'thanh-vinh', page: 'place', go: 'next', address: '12 ngõ 5 Lê Mao' });
    expect(host.body).toContain('Ai là người thông báo?');
    expect(host.body).toContain('name="address" value="12 ngõ 5 Lê Mao"');
    const guest = await post({
      wardCode: 'thanh-vinh',
      page: 'host',
      go: 'next',
      address: '12 ngõ 5 Lê Mao',
      hostName: 'Phạm Thị Lựu',
      hostContact: '0912345678',
    });
    expect(guest.body).toContain('Thông tin người lưu trú thứ 1');
    expect(guest.body).toContain('name="guestCount" value="1"');
    // The host is also a guest: the name is copied, not typed again; a birth day without its month is named.
    const base = {
      wardCode: 'thanh-vinh',
      address: '12 ngõ 5 Lê Mao',
      hostName: 'Phạm Thị Lựu',
      hostContact: '0912345678',
      guestCount: '1',
    };
    const noMonth = await post({ ...base, page: 'guest', gi: '1', go: 'next', g1Self: 'yes', g1BirthDay: '3', g1BirthYear: '1990' });
    expect(noMonth.statusCode).toBe(400);
    expect(noMonth.body).toContain('Nhập cả tháng của ngày sinh.');
    expect(noMonth.body).toContain('href="#f-g1BirthMonth"');
    expect(noMonth.body).toContain('name="g1BirthDay" value="3"');
    const badDay = await post({
      ...base,
      page: 'guest',
      gi: '1',
      go: 'next',
      g1Self: 'yes',
      g1BirthDay: '30',
      g1BirthMonth: '2',
      g1BirthYear: '1990',
    });
    expect(badDay.body).toContain('ngày này không có trong lịch');
    const list = await post({
      ...base,
      page: 'guest',
      gi: '1',
      go: 'next',
      g1Self: 'yes',
      g1BirthDay: '3',
      g1BirthMonth: 'tháng 3',
      g1BirthYear: '1990',
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bạn đã thêm 1 người lưu trú');
    expect(list.body).toContain('<dt>Phạm Thị Lựu</dt>');
    expect(list.body).toContain('03/03/1990');
    // "Thêm người lưu trú" re-renders with one more guest, keeping the first.
    const fields1 = { ...base, g1Self: 'yes', g1BirthDay: '3', g1BirthMonth: 'tháng 3', g1BirthYear: '1990' };
    const added = await post({ ...fields1, page: 'guests', go: 'add' });
    expect(added.body).toContain('Thông tin người lưu trú thứ 2');
    expect(added.body).toContain('name="guestCount" value="2"');
    expect(added.body).toContain('name="g1Self" value="yes"');
    const two = await post({ ...fields1, guestCount: '2', page: 'guest', gi: '2', go: 'next', g2Name: 'Hoàng Văn Nam' });
    expect(two.body).toContain('Bạn đã thêm 2 người lưu trú');
    const removed = await post({ ...fields1, guestCount: '2', g2Name: 'Hoàng Văn Nam', page: 'guests', go: 'remove-1' });
    expect(removed.body).toContain('Bạn đã thêm 1 người lưu trú');
    expect(removed.body).toContain('name="g1Name" value="Hoàng Văn Nam"');
    expect(removed.body).not.toContain('g2Name');
    // The arrival day is checked on its own page, with a clear message.
    const stay = await post({
      ...fields1,
      page: 'stay',
      go: 'next',
      arrivalDay: '3',
      arrivalMonth: '13',
      arrivalYear: '2026',
      arrivalTime: '21:00',
    });
    expect(stay.statusCode).toBe(400);
    expect(stay.body).toContain('Tháng của ngày đến phải là số từ 1 đến 12');
    expect(stay.body).toContain('href="#f-arrivalMonth"');
    const empty = await post({ ...fields1, page: 'stay', go: 'next' });
    expect(empty.body).toContain('Nhập ngày đến.');
  });

  it('names each error and writes nothing; then reviews, changes an answer, sends and shows the on-time result', async () => {
    const before = await count('residence_notifications');
    const bad = await post({ ...answers(), page: 'review', go: 'send', consent: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-consent"');
    const badId = await post({ ...answers(), g1Id: '123', page: 'review', go: 'send' });
    expect(badId.statusCode).toBe(400);
    expect(badId.body).toContain('href="#f-g1Id"');
    expect(badId.body).toContain('Thông tin người lưu trú thứ 1');
    const review = await post({ ...answers(), page: 'stay', go: 'next' });
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Kiểm tra lại thông báo');
    expect(review.body).toContain('Bước 5/6');
    // "Thay đổi" goes to the question and "Tiếp tục" comes back to the review.
    const change = await post({ ...answers(), page: 'review', go: 'change-host' });
    expect(change.body).toContain('Ai là người thông báo?');
    expect(change.body).toContain('name="from" value="review"');
    const back = await post({ ...answers(), hostName: 'Phạm Thị Lựu B', page: 'host', from: 'review', go: 'next' });
    expect(back.body).toContain('Kiểm tra lại thông báo');
    expect(back.body).toContain('Phạm Thị Lựu B');
    expect(await count('residence_notifications')).toBe(before);
    const sent = await post({ ...answers(), page: 'review', go: 'send' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.body).toMatch(/LT-\d{4}-\d{4}/);
    expect(sent.body).toContain('Thông báo đúng hạn');
    expect(await count('residence_notifications')).toBe(before + 1);
    const [row] = await queryRows<{ consent_version: string; host_contact_enc: string; channel: string }>(
      t.deps.database.db,
      sql`SELECT consent_version, host_contact_enc, channel FROM residence_notifications ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row?.consent_version).toBe('2026-11');
    expect(row?.channel).toBe('public_form');
    expect(row?.host_contact_enc).not.toContain('0912');
    const [audit] = await queryRows<{ actor_id: string | null; detail: string }>(
      t.deps.database.db,
      sql`SELECT actor_id, detail::text FROM audit_log WHERE action = 'residence.notification_public' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.actor_id).toBeNull();
    expect(audit?.detail).not.toContain('0912');
  });

  it('verifies the host contact with a one-time code from the stub sender; a wrong code is refused', async () => {
    const sender = contactCodeSenderOf(t.deps) as MemoryContactCodeSender;
    const asked = await post({ ...answers(), page: 'review', go: 'code' });
    expect(asked.statusCode).toBe(200);
    const challenge = /name="challenge" value="([^"]+)"/.exec(asked.body)?.[1] as string;
    expect(challenge).toBeTruthy();
    const code = sender.lastCodeFor('0912345678') as string;
    expect(code).toMatch(/^\d{6}$/);
    expect(asked.body).not.toContain(code);
    const wrong = await post({ ...answers(), page: 'review', go: 'send', challenge, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mã xác nhận không đúng');
    const ok = await post({ ...answers(), page: 'review', go: 'send', challenge, code });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.body).toContain('Liên hệ đã được xác nhận');
  });
});

describe('Excel import', () => {
  async function workbook(places: (string | number)[][], people: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet(PLACES_SHEET);
    p.addRow(['Khối', 'Loại hình', 'Tên cơ sở', 'Địa chỉ', 'Chủ cơ sở', 'Người quản lý', 'Điện thoại', 'Sức chứa', 'Ngày ký cam kết']);
    for (const r of places) p.addRow(r);
    const r = wb.addWorksheet(RESIDENTS_SHEET);
    r.addRow(['Họ và tên', 'Ngày sinh', 'Số định danh', 'Loại', 'Khối', 'Cơ sở lưu trú', 'Địa chỉ', 'Từ ngày', 'Đến ngày']);
    for (const row of people) r.addRow(row);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (url: string, bytes: Buffer, accept?: string) => {
    const form = multipart({}, [{ name: 'so.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes }]);
    const body = form.payload.toString('latin1').replace('name="files"', 'name="file"');
    return t.app.inject({
      method: 'POST',
      url,
      payload: Buffer.from(body, 'latin1'),
      headers: { ...form.headers, ...CSRF, authorization: `Bearer ${tokens.get('canbo')}`, ...(accept ? { accept } : {}) },
    });
  };

  it('previews bad rows with their problems, refuses the file with nothing written, then imports the fixed file once', async () => {
    const good = ['Khối Trung Mỹ', 'Nhà trọ', 'Nhà trọ Thử Nghiệm', '99 Lê Mao', 'Đinh Văn Tư', '', '0912000111', 10, '01/02/2026'];
    const badFile = await workbook(
      [good, ['Khối Không Có', 'Lâu đài', '', '1 Lê Mao', 'X', '', '', -3, '31/02/2026']],
      [['Võ Thị Thu', '20/05/2004', '040204099999', 'Tạm trú', 'Khối Trung Mỹ', 'Nhà trọ Thử Nghiệm', '', '01/09/2026', '01/08/2026']],
    );
    const before = { places: await count('residence_places'), people: await count('residence_people') };
    const preview = await upload('/api/v1/residence/import/preview', badFile);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.totals).toMatchObject({ rows: 3, ok: 1, errors: 2 });
    const bad = p.rows.find((r: { line: number; sheet: string }) => r.sheet === 'places' && r.line === 3);
    expect(bad.errors.map((e: { column: string }) => e.column).sort()).toEqual(['block', 'capacity', 'commitment', 'kind', 'name']);
    const refused = await upload('/api/v1/residence/import', badFile);
    expect(refused.statusCode).toBe(422);
    expect(await count('residence_places')).toBe(before.places);

    const fixed = await workbook(
      [good],
      [['Võ Thị Thu', '20/05/2004', '040204099999', 'Tạm trú', 'Khối Trung Mỹ', 'Nhà trọ Thử Nghiệm', '', '01/09/2026', '31/08/2027']],
    );
    const streamed = await upload('/api/v1/residence/import', fixed, 'application/x-ndjson');
    expect(streamed.statusCode).toBe(201);
    const lines = streamed.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ total: 2 });
    expect(lines.at(-1)).toEqual({ result: { places: 1, residents: 1, skippedDuplicates: 0 } });
    const again = await upload('/api/v1/residence/import', fixed);
    expect(again.json()).toEqual({ places: 0, residents: 0, skippedDuplicates: 2 });
    expect(await count('residence_places')).toBe(before.places + 1);
    expect(await count('residence_people')).toBe(before.people + 1);
  });
});

describe('retention and reminders', () => {
  it('purges records past the ward’s retention period and audits the counts', async () => {
    const put = await call('truongcongan', 'PUT', '/api/v1/residence/retention', { days: { notification: 30, inspection: 365 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().days).toMatchObject({ notification: 30, inspection: 365, resident: 730 });
    expect((await call('truongkhoi', 'PUT', '/api/v1/residence/retention', { days: { notification: 40 } })).statusCode).toBe(403);
    expect((await call('truongcongan', 'PUT', '/api/v1/residence/retention', { days: { notification: 5 } })).statusCode).toBe(400);
    const old = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM residence_notifications n JOIN units w ON w.id = n.ward_id
          WHERE w.code = 'thanh-vinh' AND n.arrival_at < now() - interval '31 days'`,
    );
    expect(old[0]?.n).toBeGreaterThan(0);
    const purged = await purgeResidence(t.deps);
    expect(purged.notifications).toBeGreaterThanOrEqual(old[0]?.n ?? 0);
    const left = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM residence_notifications n JOIN units w ON w.id = n.ward_id
          WHERE w.code = 'thanh-vinh' AND n.arrival_at < now() - interval '32 days'`,
    );
    expect(left[0]?.n).toBe(0);
    // Lê Mao keeps the defaults: its 2020 records are past 5 years and go too; Trường Vinh has none.
    const audit = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'residence.purge'`,
    );
    expect(audit[0]?.n).toBeGreaterThan(0);
  });

  it('marks the stays entering their 15-day renewal window once', async () => {
    const first = await remindExpiringStays(t.deps);
    expect(first).toBeGreaterThan(0);
    expect(await remindExpiringStays(t.deps)).toBe(0);
    const expiring = await call('canbo', 'GET', '/api/v1/residence/residents?state=expiring');
    expect(expiring.json().total).toBeGreaterThan(0);
    for (const r of expiring.json().items) expect(r.state).toBe('expiring');
  });
});
