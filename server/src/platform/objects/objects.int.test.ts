import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { FakeS3 } from '../../../test/fake-s3.ts';
import { multipart } from '../../../test/multipart.ts';
import { purgeOwnerFootage } from '../../modules/cameras/camera.jobs.ts';
import { queryRows } from '../db.ts';

const BUCKET = 'binh-an-test';
const s3 = new FakeS3(BUCKET, 'AKIABINHANTEST', 'secret-for-the-test-only');
let t: TestApp;
let canbo = '';

beforeAll(async () => {
  const endpoint = await s3.start();
  t = await createTestApp({
    OBJECT_STORE: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: BUCKET,
    S3_PREFIX: 'thanh-vinh/',
    S3_ACCESS_KEY_ID: 'AKIABINHANTEST',
    S3_SECRET_ACCESS_KEY: 'secret-for-the-test-only',
    S3_FORCE_PATH_STYLE: 'true',
    S3_TIMEOUT_MS: '300',
  });
  canbo = `Bearer ${await t.tokenFor('canbo')}`;
}, 60_000);
afterAll(async () => {
  await t.close();
  await s3.stop();
});

const as = (method: 'GET' | 'POST', url: string) => t.app.inject({ method, url, headers: { ...CSRF, authorization: canbo } });
const KIND = 'personal_history';
const PDF = Buffer.from('%PDF-1.4\n% Thư tố giác CANARY-S3-PLAINTEXT: xe máy bị trộm ở ngõ 7\n%%EOF\n');
const tipForm = (what: string) =>
  multipart({ data: JSON.stringify({ wardCode: 'thanh-vinh', what }) }, [{ name: 'thu-to-giac.pdf', type: 'application/pdf', bytes: PDF }]);
const tipsNamed = async (what: string) => {
  const list = (await as('GET', '/api/v1/tips?view=new&limit=200')).json();
  return list.items.filter((i: { excerpt: string }) => i.excerpt === what) as { id: string }[];
};
const fileOf = async (tipId: string) =>
  (await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM tip_files WHERE tip_id = ${tipId}`))[0]?.id;
const bucketHolds = (needle: string) => [...s3.objects.values()].some((b) => b.includes(Buffer.from(needle)));

describe('stored files in an S3-compatible bucket', () => {
  it('keeps a tip’s attachment in the bucket as ciphertext only; an officer downloads it intact; a purge removes objects', async () => {
    const before = s3.objects.size;
    const sent = await t.app.inject({ method: 'POST', url: '/api/v1/public/tips', ...tipForm('Thư tố giác kèm tệp PDF') });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(s3.objects.size).toBe(before + 1);
    expect(bucketHolds('CANARY-S3-PLAINTEXT')).toBe(false);
    expect(bucketHolds('%PDF')).toBe(false);
    expect([...s3.objects.keys()].every((k) => /^thanh-vinh\/[A-Za-z0-9_-]{24}$/.test(k))).toBe(true);
    // Nothing on the server's disk.
    expect(readdirSync(t.deps.cfg.dataDir)).not.toContain('files');

    const [tip] = await tipsNamed('Thư tố giác kèm tệp PDF');
    const fileId = await fileOf(tip?.id as string);
    const download = await as('GET', `/api/v1/tips/${tip?.id}/files/${fileId}?confirm=1`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(PDF);

    // What is public (an outreach leaflet) is sealed by the store as well before it leaves the server.
    const leaflet = await t.deps.blobs.put(Buffer.from('Tờ rơi CANARY-PUBLIC-LEAFLET'));
    expect(bucketHolds('CANARY-PUBLIC-LEAFLET')).toBe(false);
    expect((await t.deps.blobs.get(leaflet)).toString()).toBe('Tờ rơi CANARY-PUBLIC-LEAFLET');

    // The nightly purge of owners' footage past its retention deletes the object from the bucket.
    const [target] = await queryRows<{ ward_id: string; id: string }>(
      t.deps.database.db,
      sql`SELECT ward_id, id FROM footage_request_cameras ORDER BY id LIMIT 1`,
    );
    expect(target).toBeDefined();
    const footage = await t.deps.blobs.put(Buffer.from('sealed footage'));
    await queryRows(
      t.deps.database.db,
      sql`UPDATE footage_request_cameras SET outcome = 'share', file_key = ${footage}, file_data_key = 'x', file_mime = 'video/mp4',
            file_name = 'cong.mp4', answered_at = now() - interval '400 days' WHERE ward_id = ${target?.ward_id} AND id = ${target?.id}`,
    );
    expect(s3.objects.has(`thanh-vinh/${footage}`)).toBe(true);
    expect(await purgeOwnerFootage(t.deps)).toBeGreaterThanOrEqual(1);
    expect(s3.objects.has(`thanh-vinh/${footage}`)).toBe(false);
  });

  it('answers 503 while the store is unreachable and writes no tip; removes what a record that failed had written; serves again', async () => {
    const before = s3.objects.size;
    const [tip] = await tipsNamed('Thư tố giác kèm tệp PDF');
    const fileId = await fileOf(tip?.id as string);
    s3.mode = 'hang';
    try {
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/public/tips', ...tipForm('Gửi khi kho tệp không trả lời') });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('unavailable');
      const download = await as('GET', `/api/v1/tips/${tip?.id}/files/${fileId}?confirm=1`);
      expect(download.statusCode).toBe(503);
      // The public form without JavaScript shows the review page again, with what the resident wrote and the reason.
      const page = await t.app.inject({
        method: 'POST',
        url: '/to-giac',
        ...multipart({ wardCode: 'thanh-vinh', what: 'Gửi khi kho tệp không trả lời', identity: 'no', step: 'send' }, [
          { name: 'thu.pdf', type: 'application/pdf', bytes: PDF },
        ]),
      });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Hệ thống tạm thời không sẵn sàng.');
      expect(page.body).toContain('Gửi khi kho tệp không trả lời');
    } finally {
      s3.mode = 'ok';
    }
    expect(await tipsNamed('Gửi khi kho tệp không trả lời')).toEqual([]);
    // A document written to the bucket for a record that is then not written (no such dossier) is removed again.
    const form = multipart({ kind: KIND }, [{ name: 'bien-ban.pdf', type: 'application/pdf', bytes: PDF }]);
    const orphan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rehab-dossiers/00000000-0000-4000-8000-000000000000/attachments',
      payload: form.payload,
      headers: { ...form.headers, ...CSRF, authorization: canbo },
    });
    expect(orphan.statusCode, orphan.body).toBe(404);
    const [put, removed] = s3.requests.slice(-2);
    expect(put).toMatchObject({ method: 'PUT' });
    expect(removed).toEqual({ method: 'DELETE', key: put?.key });
    expect(s3.objects.size).toBe(before);
    expect((await as('GET', `/api/v1/tips/${tip?.id}/files/${fileId}?confirm=1`)).rawPayload).toEqual(PDF);
  });
});
