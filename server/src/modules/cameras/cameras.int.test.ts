import { destination } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { queryRows } from '../../platform/db.ts';
import { MemoryMessenger, setMessenger } from '../../platform/messaging/index.ts';
import { purgeOwnerFootage } from './camera.jobs.ts';

let t: TestApp;
/** A case and a tip of the ward, and a case number the ward does not have (another ward's). */
let caseNo = '';
let tipNo = '';
let otherCaseNo = '';
let messenger: MemoryMessenger;
const auth: Record<string, string> = {};
const tv: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  messenger = new MemoryMessenger();
  setMessenger(t.deps, messenger);
  for (const u of ['canbo', 'truongcongan', 'theodoi', 'truongkhoi', 'canbo.truongvinh']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const rows = await queryRows<{ id: string; code: string }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code FROM units u JOIN units w ON w.id = u.ward_id WHERE w.code = 'thanh-vinh'`,
  );
  for (const r of rows) tv[r.code] = r.id;
  const numbers = (table: 'cases' | 'tips', prefix: string, ward: string) =>
    queryRows<{ n: string }>(
      t.deps.database.db,
      sql`SELECT ${prefix} || '-' || x.year || '-' || lpad(x.seq::text, 4, '0') AS n FROM ${sql.raw(table)} x JOIN units w ON w.id = x.ward_id
          WHERE w.code = ${ward} ORDER BY x.year DESC, x.seq DESC`,
    ).then((r) => r.map((x) => x.n));
  const ours = await numbers('cases', 'VV', 'thanh-vinh');
  caseNo = ours[0] as string;
  tipNo = (await numbers('tips', 'TB', 'thanh-vinh'))[0] as string;
  otherCaseNo = (await numbers('cases', 'VV', 'truong-vinh')).find((n) => !ours.includes(n)) ?? 'VV-2026-9998';
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const as = (who: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });
const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.deps.database.db, q))[0]?.n ?? 0);
const audits = (action: string) => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** A spot well away from the demo's cameras (south of the ward), so that the tests' cameras are the only ones there. */
const SPOT = { lat: 18.6405, lng: 105.7205 };
const camera = (over: object = {}) => ({
  unitId: tv['trung-my'],
  kind: 'ward',
  label: 'Camera ngã ba thử nghiệm',
  address: 'Ngã ba đường thử nghiệm (địa chỉ mẫu)',
  ...SPOT,
  direction: 90,
  angle: 90,
  range: 40,
  covers: ['street'],
  retentionDays: 7,
  working: true,
  ...over,
});
const inView = destination({ ...SPOT }, 90, 25);
const request = (over: object = {}) => ({
  lat: inView.lat,
  lng: inView.lng,
  radiusMetres: 50,
  fromAt: hoursAgo(10),
  toAt: hoursAgo(4),
  reference: caseNo,
  purpose: 'Xác định người lấy trộm xe máy trước cửa hàng',
  ...over,
});

describe('the registry', () => {
  it('registers the ward’s camera; an owner’s camera needs a contact and consent, and bad input changes nothing', async () => {
    const ward = await as('canbo', 'POST', '/api/v1/cameras', camera());
    expect(ward.statusCode, ward.body).toBe(201);
    expect(ward.json()).toMatchObject({ kind: 'ward', searchable: true, hasOwner: false });
    const before = await count(sql`SELECT count(*)::int AS n FROM cameras`);
    const noConsent = await as(
      'canbo',
      'POST',
      '/api/v1/cameras',
      camera({ kind: 'resident', ownerName: 'Trần Văn Bình', contact: '0912 000 111', channel: 'sms' }),
    );
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors[0]).toMatchObject({ path: 'consent' });
    const badAngle = await as('canbo', 'POST', '/api/v1/cameras', camera({ angle: 400 }));
    expect(badAngle.statusCode).toBe(400);
    const outside = await as('canbo', 'POST', '/api/v1/cameras', camera({ lat: 48.85, lng: 2.35 }));
    expect(outside.statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM cameras`)).toBe(before);
    const sent = messenger.sent.length;
    const owned = await as(
      'canbo',
      'POST',
      '/api/v1/cameras',
      camera({
        kind: 'business',
        label: 'Camera tiệm vàng thử nghiệm',
        ownerName: 'Tiệm vàng Kim Hoa',
        contact: '0912 000 111',
        channel: 'sms',
        consent: true,
        direction: 270,
        lat: inView.lat,
        lng: inView.lng + 0.0004,
      }),
    );
    expect(owned.statusCode, owned.body).toBe(201);
    expect(owned.json()).toMatchObject({ consentVersion: '2026-11', hasOwner: true });
    // The owner is sent the link to the owner's page.
    expect(messenger.sent.length).toBe(sent + 1);
    expect(messenger.sent.at(-1)).toMatchObject({ channel: 'sms', to: '0912000111' });
    expect(messenger.sent.at(-1)?.text).toMatch(/\/camera\/chu\/[A-Za-z0-9_-]{46}\.[A-Za-z0-9_-]{22}/);
    // The contact is sealed in the database; reading it is audited.
    const stored = await queryRows<{ contact_enc: string }>(
      t.deps.database.db,
      sql`SELECT contact_enc FROM cameras WHERE id = ${owned.json().id}`,
    );
    expect(stored[0]?.contact_enc).not.toContain('0912');
    const readsBefore = await audits('camera.read');
    const one = await as('canbo', 'GET', `/api/v1/cameras/${owned.json().id}`);
    expect(one.json()).toMatchObject({ contact: '0912000111', ownerName: 'Tiệm vàng Kim Hoa' });
    expect(await audits('camera.read')).toBe(readsBefore + 1);
  });

  it('lists and searches without diacritics; the demo ward has its cameras', async () => {
    const res = await as('canbo', 'GET', '/api/v1/cameras?q=tiem%20vang');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { label: string }) => c.label)).toContain('Camera tiệm vàng thử nghiệm');
    const all = await as('canbo', 'GET', '/api/v1/cameras?limit=200');
    expect(all.json().total).toBeGreaterThan(20);
    // Keyset paging: pages of ten follow one another without a gap or a repeat.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as('canbo', 'GET', `/api/v1/cameras?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((c: { id: string }) => c.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.json().items.map((c: { id: string }) => c.id));
    expect((await as('canbo', 'GET', '/api/v1/cameras?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('exports the registry with the list’s filters as XLSX and CSV, never the owners’ contacts; each export is audited', async () => {
    const before = await audits('camera.export');
    const xlsx = await as('canbo', 'GET', '/api/v1/cameras/export.xlsx?q=tiem%20vang&status=active');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/camera-cong-dong-\d{4}-\d{2}-\d{2}\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('Camera cộng đồng');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Tên gọi');
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(1).value).toBe('Camera tiệm vàng thử nghiệm');
    expect(sheet?.getRow(2).getCell(15).value).toBeInstanceOf(Date);
    expect(Number(xlsx.headers['x-export-rows'])).toBe(1);
    const csv = await as('canbo', 'GET', '/api/v1/cameras/export.csv?status=active');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]?.split(',')[0]).toBe('Tên gọi');
    expect(lines.length - 1).toBe(Number(csv.headers['x-export-rows']));
    expect(lines.length - 1).toBe((await as('canbo', 'GET', '/api/v1/cameras?status=active')).json().total);
    // The owners' names and contacts stay out of the file.
    expect(csv.body).not.toContain('0912');
    expect(csv.body).not.toContain('Kim Hoa');
    expect(await audits('camera.export')).toBe(before + 2);
    expect((await as('theodoi', 'GET', '/api/v1/cameras/export.xlsx')).statusCode).toBe(403);
    expect((await as('canbo', 'GET', '/api/v1/cameras/export.csv?status=gone')).statusCode).toBe(400);
    expect(await audits('camera.export')).toBe(before + 2);
  });

  it('refuses the roles that may not read the registry, and hides another ward’s cameras', async () => {
    expect((await as('theodoi', 'GET', '/api/v1/cameras')).statusCode).toBe(403);
    expect((await as('truongkhoi', 'GET', '/api/v1/cameras')).statusCode).toBe(403);
    expect((await as('theodoi', 'POST', '/api/v1/cameras/requests', request())).statusCode).toBe(403);
    const mine = (await as('canbo', 'GET', '/api/v1/cameras?q=tiem%20vang')).json().items[0];
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/cameras/${mine.id}`)).statusCode).toBe(404);
    expect((await as('canbo.truongvinh', 'GET', '/api/v1/cameras?q=tiem%20vang')).json().items).toEqual([]);
  });
});

describe('footage requests', () => {
  it('finds the cameras that see the place and still hold the window (retention filter)', async () => {
    const res = await as('canbo', 'POST', '/api/v1/cameras/search', {
      lat: inView.lat,
      lng: inView.lng,
      radiusMetres: 50,
      fromAt: hoursAgo(10),
      toAt: hoursAgo(4),
    });
    expect(res.statusCode, res.body).toBe(200);
    const labels = res.json().items.map((c: { label: string; holdsFootage: boolean }) => [c.label, c.holdsFootage]);
    expect(labels).toContainEqual(['Camera ngã ba thử nghiệm', true]);
    expect(labels).toContainEqual(['Camera tiệm vàng thử nghiệm', true]);
    // Eight days ago is beyond both recorders' 7 days.
    const old = await as('canbo', 'POST', '/api/v1/cameras/search', {
      lat: inView.lat,
      lng: inView.lng,
      radiusMetres: 50,
      fromAt: hoursAgo(8 * 24 + 4),
      toAt: hoursAgo(8 * 24),
    });
    expect(old.json().items.every((c: { holdsFootage: boolean }) => !c.holdsFootage)).toBe(true);
    const refused = await as(
      'canbo',
      'POST',
      '/api/v1/cameras/requests',
      request({ fromAt: hoursAgo(8 * 24 + 4), toAt: hoursAgo(8 * 24) }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toMatch(/camera/i);
  });

  it('refuses a request without a tip or case, longer than 12 hours or wider than 500 m, and writes nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM footage_requests`);
    const noRef = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ reference: 'nghi vấn' }));
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().errors.map((e: { path: string }) => e.path)).toEqual(['reference']);
    const long = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ fromAt: hoursAgo(17), toAt: hoursAgo(4) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().errors.map((e: { path: string }) => e.path)).toEqual(['toAt']);
    const wide = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ radiusMetres: 800 }));
    expect(wide.statusCode).toBe(400);
    expect(wide.json().errors.map((e: { path: string }) => e.path)).toEqual(['radiusMetres']);
    expect(await count(sql`SELECT count(*)::int AS n FROM footage_requests`)).toBe(before);
  });

  it('looks the cited number up: a tip or case the ward does not have, or another ward’s, is refused on that field', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM footage_requests`);
    for (const reference of ['VV-2026-9999', 'TB-2026-9999', otherCaseNo]) {
      const res = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ reference }));
      expect(res.statusCode, reference).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ path: 'reference', message: expect.stringMatching(/số này|with this number/) }),
      ]);
    }
    // The ward's own tip passes the lookup (this one then finds no camera at a spot far from any).
    const far = destination({ ...SPOT }, 180, 900);
    const tip = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ reference: tipNo, lat: far.lat, lng: far.lng }));
    expect(tip.statusCode).toBe(400);
    expect(tip.json().errors.map((e: { path: string }) => e.path)).toEqual(['lat']);
    expect(await count(sql`SELECT count(*)::int AS n FROM footage_requests`)).toBe(before);
  });

  let requestId = '';
  it('sends a request within the limits to the cameras found; the owners are told on their channel; it is audited', async () => {
    const sent = messenger.sent.length;
    const auditsBefore = await audits('camera.request_create');
    const res = await as('canbo', 'POST', '/api/v1/cameras/requests', request());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    requestId = body.id;
    expect(body.number).toMatch(/^YC-\d{4}-\d{4}$/);
    expect(body.exception).toBe(false);
    const labels = body.cameras.map((c: { label: string }) => c.label).sort();
    expect(labels).toEqual(['Camera ngã ba thử nghiệm', 'Camera tiệm vàng thử nghiệm']);
    expect(body.cameras.every((c: { outcome: string; notified: boolean }) => c.outcome === 'pending' && c.notified)).toBe(true);
    // Only the business has an owner to tell; the message names the case and links to the owner's page.
    expect(messenger.sent.length).toBe(sent + 1);
    expect(messenger.sent.at(-1)?.text).toContain(caseNo);
    expect(await audits('camera.request_create')).toBe(auditsBefore + 1);
    const list = await as('canbo', 'GET', '/api/v1/cameras/requests');
    expect(list.json().items[0]).toMatchObject({ id: requestId, cameras: 2, outcomes: { pending: 2 } });
  });

  it('lets the chief alone widen the ward’s limits, with a reason; a request beyond the defaults is an audited exception', async () => {
    expect((await as('canbo', 'PUT', '/api/v1/cameras/limits', { maxWindowHours: 18, maxRadiusMetres: 500, reason: 'x' })).statusCode).toBe(
      403,
    );
    const noReason = await as('truongcongan', 'PUT', '/api/v1/cameras/limits', { maxWindowHours: 18, maxRadiusMetres: 500 });
    expect(noReason.statusCode).toBe(400);
    const tooWide = await as('truongcongan', 'PUT', '/api/v1/cameras/limits', { maxWindowHours: 48, maxRadiusMetres: 500, reason: 'x' });
    expect(tooWide.statusCode).toBe(400);
    const changesBefore = await audits('camera.limits_update');
    const ok = await as('truongcongan', 'PUT', '/api/v1/cameras/limits', {
      maxWindowHours: 18,
      maxRadiusMetres: 500,
      reason: 'Đợt cao điểm trộm cắp cuối năm, theo chỉ đạo của Công an tỉnh',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ maxWindowHours: 18, custom: true });
    expect(await audits('camera.limits_update')).toBe(changesBefore + 1);
    const exceptionsBefore = await audits('camera.request_exception');
    const res = await as('canbo', 'POST', '/api/v1/cameras/requests', request({ fromAt: hoursAgo(20), toAt: hoursAgo(4) }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().exception).toBe(true);
    expect(await audits('camera.request_exception')).toBe(exceptionsBefore + 1);
    await as('truongcongan', 'PUT', '/api/v1/cameras/limits', { maxWindowHours: 12, maxRadiusMetres: 500 });
    expect((await as('canbo', 'POST', '/api/v1/cameras/requests', request({ fromAt: hoursAgo(20), toAt: hoursAgo(4) }))).statusCode).toBe(
      400,
    );
  });

  it('the owner sees every request ever made and answers through the signed link: share with an upload, once', async () => {
    const link = messenger.sent
      .filter((m) => m.to === '0912000111')
      .at(-1)
      ?.text.match(/\/camera\/chu\/[^\s]+/)?.[0] as string;
    expect(link).toBeTruthy();
    const page = await t.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toContain('<script');
    // Both requests (the earlier and the exception) are listed.
    expect(page.body.split(caseNo).length).toBeGreaterThanOrEqual(3);
    const targetId = /name="targetId" value="([0-9a-f-]{36})"/.exec(page.body)?.[1] as string;
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const notShare = await t.app.inject({ method: 'POST', url: link, ...multipart({ do: 'answer', targetId, answer: 'share' }) });
    expect(notShare.statusCode).toBe(400);
    const answered = await t.app.inject({
      method: 'POST',
      url: link,
      ...multipart({ do: 'answer', targetId, answer: 'share', note: '' }, [{ name: 'cong.png', type: 'image/png', bytes: png }]),
    });
    expect(answered.statusCode, answered.body).toBe(303);
    const again = await t.app.inject({ method: 'POST', url: link, ...multipart({ do: 'answer', targetId, answer: 'decline' }) });
    expect(again.statusCode).toBe(400);
    // The officer sees the answer and downloads the footage (audited).
    const req = (await as('canbo', 'GET', '/api/v1/cameras/requests'))
      .json()
      .items.find((r: { outcomes: { share: number } }) => r.outcomes.share === 1);
    const detail = (await as('canbo', 'GET', `/api/v1/cameras/requests/${req.id}`)).json();
    const shared = detail.cameras.find((c: { outcome: string }) => c.outcome === 'share');
    expect(shared.file).toMatchObject({ mime: 'image/png', quarantined: false });
    const file = await as('canbo', 'GET', `/api/v1/cameras/requests/${req.id}/answers/${shared.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    expect(await audits('camera.file_download')).toBeGreaterThan(0);
    // A forged or altered link opens nothing.
    expect((await t.app.inject({ method: 'GET', url: `${link.slice(0, -1)}${link.endsWith('0') ? '1' : '0'}` })).statusCode).toBe(404);
  });

  it('erases the footage owners uploaded once past CAMERA_FOOTAGE_DAYS, audited; the answer stays', async () => {
    const shared = async () =>
      queryRows<{ id: string; request_id: string; file_key: string | null; outcome: string }>(
        t.deps.database.db,
        sql`SELECT id, request_id, file_key, outcome FROM footage_request_cameras WHERE outcome = 'share' AND note IS NULL AND answered_at > now() - interval '1 day'`,
      );
    const [before] = await shared();
    expect(before?.file_key).toBeTruthy();
    // A file still within its retention is kept.
    expect(await purgeOwnerFootage(t.deps)).toBe(0);
    const later = { ...t.deps, clock: () => new Date(Date.now() + (t.deps.cfg.cameraFootageDays + 1) * 86_400_000) };
    const purges = await audits('camera.footage_purge');
    expect(await purgeOwnerFootage(later)).toBeGreaterThanOrEqual(1);
    expect(await audits('camera.footage_purge')).toBe(purges + 1);
    const [after] = (await shared()).filter((r) => r.id === before?.id);
    expect(after).toMatchObject({ outcome: 'share', file_key: null });
    await expect(t.deps.blobs.get(before?.file_key as string)).rejects.toThrow();
    const detail = (await as('canbo', 'GET', `/api/v1/cameras/requests/${before?.request_id}`)).json();
    expect(detail.cameras.find((c: { id: string }) => c.id === before?.id)).toMatchObject({ outcome: 'share', file: null });
    expect((await as('canbo', 'GET', `/api/v1/cameras/requests/${before?.request_id}/answers/${before?.id}/file`)).statusCode).toBe(404);
    expect(await purgeOwnerFootage(later)).toBe(0);
  });

  it('the owner corrects the camera’s position and direction from their page; searches follow at once; bad values change nothing', async () => {
    const link = messenger.sent
      .filter((m) => m.to === '0912000111')
      .at(-1)
      ?.text.match(/\/camera\/chu\/[^\s]+/)?.[0] as string;
    const page = await t.app.inject({ method: 'GET', url: link });
    expect(page.body).toContain('Vị trí và vùng quan sát (sửa nếu camera đã dời chỗ hoặc quay hướng khác)');
    const cameraId = /name="do" value="update"><input type="hidden" name="cameraId" value="([0-9a-f-]{36})"/.exec(page.body)?.[1] as string;
    const retentionDays = /name="retentionDays" value="(\d+)"/.exec(page.body)?.[1] as string;
    const before = (await as('canbo', 'GET', `/api/v1/cameras/${cameraId}`)).json();
    const moved = destination({ lat: before.lat, lng: before.lng }, 0, 300);
    const form = (over: Record<string, string>) =>
      multipart({
        do: 'update',
        cameraId,
        working: 'yes',
        retentionDays,
        lat: String(moved.lat),
        lng: String(moved.lng),
        direction: '180',
        angle: '90',
        range: '30',
        ...over,
      });
    const bad = await t.app.inject({ method: 'POST', url: link, ...form({ direction: '400', lat: '48,85' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Hướng quay là một góc từ 0 đến 359 độ.');
    expect(bad.body).toContain('Toạ độ không nằm trong lãnh thổ Việt Nam.');
    expect((await as('canbo', 'GET', `/api/v1/cameras/${cameraId}`)).json()).toMatchObject({
      lat: before.lat,
      direction: before.direction,
    });
    const corrections = await count(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'camera.owner_update' AND detail->>'fieldOfViewCorrected' = 'true'`,
    );
    const ok = await t.app.inject({ method: 'POST', url: link, ...form({}) });
    expect(ok.statusCode, ok.body).toBe(303);
    expect((await as('canbo', 'GET', `/api/v1/cameras/${cameraId}`)).json()).toMatchObject({
      lat: moved.lat,
      lng: moved.lng,
      direction: 180,
      range: 30,
    });
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'camera.owner_update' AND detail->>'fieldOfViewCorrected' = 'true'`,
      ),
    ).toBe(corrections + 1);
    const search = (at: { lat: number; lng: number }) =>
      as('canbo', 'POST', '/api/v1/cameras/search', { ...at, radiusMetres: 10, fromAt: hoursAgo(10), toAt: hoursAgo(4) }).then((r) =>
        r.json().items.map((c: { label: string }) => c.label),
      );
    expect(await search(destination(moved, 180, 20))).toContain('Camera tiệm vàng thử nghiệm');
    expect(await search(destination(moved, 0, 20))).not.toContain('Camera tiệm vàng thử nghiệm');
  });

  it('withdrawal removes the camera from searches at once; the owner still sees the requests made before', async () => {
    const link = messenger.sent
      .filter((m) => m.to === '0912000111')
      .at(-1)
      ?.text.match(/\/camera\/chu\/[^\s]+/)?.[0] as string;
    const page = await t.app.inject({ method: 'GET', url: link });
    const cameraId = /name="do" value="withdraw"><input type="hidden" name="cameraId" value="([0-9a-f-]{36})"/.exec(
      page.body,
    )?.[1] as string;
    const unconfirmed = await t.app.inject({ method: 'POST', url: link, ...multipart({ do: 'withdraw', cameraId }) });
    expect(unconfirmed.statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: link, ...multipart({ do: 'withdraw', cameraId, confirm: 'yes' }) });
    expect(res.statusCode).toBe(303);
    const search = await as('canbo', 'POST', '/api/v1/cameras/search', {
      lat: inView.lat,
      lng: inView.lng,
      radiusMetres: 50,
      fromAt: hoursAgo(10),
      toAt: hoursAgo(4),
    });
    expect(search.json().items.map((c: { label: string }) => c.label)).toEqual(['Camera ngã ba thử nghiệm']);
    const after = await t.app.inject({ method: 'GET', url: link });
    expect(after.body.split(caseNo).length).toBeGreaterThanOrEqual(3);
    // The officer's withdrawal works the same for the ward's own camera.
    const own = search.json().items[0];
    expect((await as('canbo', 'POST', `/api/v1/cameras/${own.id}/withdraw`, {})).statusCode).toBe(200);
    const none = await as('canbo', 'POST', '/api/v1/cameras/search', {
      lat: inView.lat,
      lng: inView.lng,
      radiusMetres: 50,
      fromAt: hoursAgo(10),
      toAt: hoursAgo(4),
    });
    expect(none.json().items).toEqual([]);
  });
});

describe('the public pages', () => {
  it('registers a camera at /camera without JavaScript: the code sent to the contact, consent recorded with its version', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/camera?phuong=thanh-vinh' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Đăng ký camera cộng đồng');
    expect(form.body).not.toContain('<script');
    const fields = {
      wardCode: 'thanh-vinh',
      step: 'details',
      kind: 'resident',
      ownerName: 'Phan Thị Quyên',
      contact: 'quyen@example.org',
      channel: 'email',
      label: 'Camera cổng nhà số 7',
      unitId: tv['tan-quang'] as string,
      address: 'Số 7 ngõ 3 (địa chỉ mẫu)',
      lat: '18.6712',
      lng: '105.6905',
      direction: '180',
      angle: '90',
      range: '25',
      cover_gate: 'yes',
      retentionDays: '10',
      working: 'yes',
    };
    const noConsent = await t.app.inject({ method: 'POST', url: '/camera', ...multipart(fields) });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Cần đồng ý');
    const codePage = await t.app.inject({ method: 'POST', url: '/camera', ...multipart({ ...fields, consent: 'yes' }) });
    expect(codePage.statusCode, codePage.body).toBe(200);
    const code = /mã xác minh của bạn là (\d{6})/i.exec(messenger.sent.at(-1)?.text ?? '')?.[1] as string;
    expect(messenger.sent.at(-1)).toMatchObject({ channel: 'email', to: 'quyen@example.org' });
    const challenge = /name="challenge" value="([0-9a-f-]{36})"/.exec(codePage.body)?.[1] as string;
    const before = await count(sql`SELECT count(*)::int AS n FROM cameras`);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/camera',
      ...multipart({ ...fields, consent: 'yes', step: 'verify', challenge, code: code === '000000' ? '111111' : '000000' }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM cameras`)).toBe(before);
    const done = await t.app.inject({
      method: 'POST',
      url: '/camera',
      ...multipart({ ...fields, consent: 'yes', step: 'verify', challenge, code }),
    });
    expect(done.statusCode, done.body).toBe(201);
    const [row] = await queryRows<{ consent_version: string; contact_verified: boolean; source: string; unit_id: string }>(
      t.deps.database.db,
      sql`SELECT consent_version, contact_verified, source, unit_id FROM cameras WHERE label = 'Camera cổng nhà số 7'`,
    );
    expect(row).toMatchObject({ consent_version: '2026-11', contact_verified: true, source: 'public', unit_id: tv['tan-quang'] });
    expect(messenger.sent.at(-1)?.text).toContain('/camera/chu/');
    expect(await audits('camera.public_register')).toBe(1);
  });

  it('publishes the requests per month and their outcomes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/camera/minh-bach?phuong=thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<table>');
    expect(res.body).toContain('Đã chia sẻ');
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    expect(res.body).toContain(`${month.slice(5, 7)}/${month.slice(0, 4)}`);
  });
});

describe('figures', () => {
  it('the report summary gives cameras registered, working and the footage requests with their outcomes', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const res = await as('theodoi', 'GET', `/api/v1/reports/summary?unit=thanh-vinh&from=${today.slice(0, 4)}-01-01&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().cameras;
    expect(c.registered).toBeGreaterThan(20);
    expect(c.working).toBeLessThan(c.registered);
    expect(c.footageRequests).toBeGreaterThanOrEqual(3);
    expect(c.exceptions).toBe(1);
    expect(c.outcomes.share).toBeGreaterThan(0);
    expect(c.blocksCovered).toBeGreaterThan(0);
  });

  it('the periodic report writes the community camera model as a section of its own', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const res = await as(
      'canbo',
      'GET',
      `/api/v1/reports/periodic?unit=thanh-vinh&from=${today.slice(0, 4)}-01-01&to=${today}&format=json`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const section = res.json().sections.find((s: { key: string }) => s.key === 'cameras');
    expect(section.title).toBe('Mô hình "Camera cộng đồng"');
    const text = section.sentences[0].map((seg: { text: string }) => seg.text).join('');
    expect(text).toMatch(
      /^Mô hình "Camera cộng đồng" có \d+ camera tham gia, trong đó \d+ camera đang hoạt động; Công an phường đã gửi \d+ đề nghị/,
    );
    expect(section.figures.find((f: { key: string }) => f.key === 'cameras.footageRequests').href).toBe('/app/cameras/requests');
  });
});

describe('the map', () => {
  it('ranks the places of recent incidents no working camera sees, and a camera put there takes them off', async () => {
    const [round] = await queryRows<{ ward_id: string; id: string }>(
      t.deps.database.db,
      sql`SELECT r.ward_id, r.id FROM patrol_rounds r JOIN units w ON w.id = r.ward_id WHERE w.code = 'thanh-vinh' LIMIT 1`,
    );
    if (!round) throw new Error('the demo ward has no patrol round');
    const spot = destination({ ...SPOT }, 180, 1200);
    const near = [spot, destination(spot, 90, 20), destination(spot, 0, 25)];
    for (const [i, p] of near.entries())
      await t.deps.database.db.execute(
        sql`INSERT INTO patrol_incidents (ward_id, round_id, type, occurred_at, description, handling, position, lat, lng)
            VALUES (${round.ward_id}, ${round.id}, 'fight', ${hoursAgo(30 + i)}::timestamptz, 'Sự việc thử nghiệm', 'noted', ${90 + i}, ${p.lat}, ${p.lng})`,
      );
    type Site = { rank: number; lat: number; lng: number; incidents: number };
    const siteAt = (body: { planning: { sites: Site[] } }) =>
      body.planning.sites.find((s) => Math.abs(s.lat - spot.lat) < 0.0005 && Math.abs(s.lng - spot.lng) < 0.0005);
    const before = await as('canbo', 'GET', '/api/v1/cameras/map');
    expect(before.statusCode, before.body).toBe(200);
    const body = before.json();
    expect(siteAt(body)).toMatchObject({ incidents: 3 });
    const counts = body.planning.sites.map((s: Site) => s.incidents);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    expect(body.planning.sites.map((s: Site) => s.rank)).toEqual(body.planning.sites.map((_: Site, i: number) => i + 1));
    expect(body.planning.uncovered).toBeGreaterThanOrEqual(3);
    // Each block with a boundary gives the share of its area the working cameras see.
    expect(body.blocks.some((b: { coverage: number | null }) => b.coverage !== null && b.coverage > 0 && b.coverage <= 1)).toBe(true);

    const put = await as(
      'canbo',
      'POST',
      '/api/v1/cameras',
      camera({ ...spot, label: 'Camera quy hoạch thử nghiệm', angle: 360, range: 60 }),
    );
    expect(put.statusCode, put.body).toBe(201);
    const after = (await as('canbo', 'GET', '/api/v1/cameras/map')).json();
    expect(siteAt(after)).toBeUndefined();
    expect(after.planning.uncovered).toBe(body.planning.uncovered - 3);
    expect(
      after.planning.points.filter((p: { covered: boolean; lat: number }) => p.covered && Math.abs(p.lat - spot.lat) < 0.0005),
    ).toHaveLength(3);
  });
});
