import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'canbo.truongvinh', 'truongkhoi', 'theodoi']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  'Số vụ việc',
  'Ngày xảy ra',
  'Ngày phát hiện',
  'Khối/Tổ dân phố',
  'Loại vụ việc',
  'Trạng thái',
  'Tóm tắt',
  'Địa điểm',
  'Điều luật BLHS',
];

/** A multipart form with one file in the field `file`, as the staff app sends it. */
function form(bytes: Buffer, name = 'so-vu-viec.xlsx', type = XLSX) {
  const boundary = `----binhan${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (who: string, url: string, bytes: Buffer, extra: Record<string, string> = {}, name?: string, type?: string) => {
  const f = form(bytes, name, type);
  return t.app.inject({
    method: 'POST',
    url,
    payload: f.payload,
    headers: { ...CSRF, ...f.headers, ...extra, authorization: auth[who] as string },
  });
};
const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: auth[who] as string } });

async function workbookOf(rows: unknown[][], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sổ vụ việc');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readBack(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

const countCases = async (wardCode: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM cases c JOIN units w ON w.id = c.ward_id WHERE w.code = ${wardCode}`,
    )
  )[0]?.n ?? 0;

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const GOOD = [
  [
    'SVV-01/2024',
    day(2024, 3, 5),
    day(2024, 3, 6),
    'Khối Trung Mỹ',
    'Trộm cắp tài sản',
    'Đã làm rõ',
    'Mất trộm xe máy trước cửa nhà',
    'Số 3 ngõ 5',
    '173',
  ],
  ['', '07/03/2024', '07/03/2024', 'tan quang', 'TRỘM CẮP TÀI SẢN', 'dang xac minh', 'Mất điện thoại ở quán nước', '', ''],
  ['SVV-03/2024', '10/03/2024', '11/03/2024', '', 'Đánh bạc', 'Đã khởi tố', 'Đánh bạc ăn tiền tại nhà dân', '', ''],
];
const BAD = [
  ['SVV-04/2024', '31/02/2024', '01/03/2024', 'Khối Trung Mỹ', 'Trộm cắp tài sản', 'Mới tiếp nhận', 'Ngày không có thật', '', ''],
  ['SVV-05/2024', '12/03/2024', '12/03/2024', 'Khối Trung Mỹ', 'Buôn lậu', 'Mới tiếp nhận', 'Loại không có', '', ''],
  ['SVV-06/2024', '13/03/2024', '13/03/2024', 'Khối 99', 'Đánh bạc', 'Mới tiếp nhận', 'Khối không có', '', ''],
  [
    'SVV-07/2024',
    '15/03/2024',
    '14/03/2024',
    'Khối Tân Quang',
    'Cố ý gây thương tích',
    'Mới tiếp nhận',
    'Phát hiện trước khi xảy ra',
    '',
    '',
  ],
  ['SVV-08/2024', '16/03/2024', '16/03/2024', 'Khối Tân Quang', 'Gây rối trật tự công cộng', 'Mới tiếp nhận', '', '', ''],
];
const FIXED = [
  ['SVV-04/2024', '29/02/2024', '01/03/2024', 'Khối Trung Mỹ', 'Trộm cắp tài sản', 'Mới tiếp nhận', 'Ngày nay đã đúng', '', ''],
  ['SVV-05/2024', '12/03/2024', '12/03/2024', 'Khối Trung Mỹ', 'Lừa đảo chiếm đoạt tài sản', 'Mới tiếp nhận', 'Loại đã sửa', '', ''],
  ['SVV-06/2024', '13/03/2024', '13/03/2024', 'Khối Yên Giang', 'Đánh bạc', 'Mới tiếp nhận', 'Khối đã sửa', '', ''],
  ['SVV-07/2024', '14/03/2024', '15/03/2024', 'Khối Tân Quang', 'Cố ý gây thương tích', 'Mới tiếp nhận', 'Ngày đã sửa', '', ''],
  ['SVV-08/2024', '16/03/2024', '16/03/2024', 'Khối Tân Quang', 'Gây rối trật tự công cộng', 'Mới tiếp nhận', 'Tóm tắt đã ghi', '', ''],
];

describe('importing the ward’s Excel register', () => {
  it('previews each problem with its column, refuses the whole file, then imports the corrected file once', async () => {
    const before = await countCases('thanh-vinh');
    const bad = await workbookOf([...GOOD, ...BAD]);

    const preview = await upload('canbo', '/api/v1/cases/import/preview', bad);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.totals).toEqual({ rows: 8, ok: 3, errors: 5, duplicates: 0 });
    const problems = Object.fromEntries(
      p.rows.map((r: { line: number; errors: { column: string }[] }) => [r.line, r.errors.map((e) => e.column)]),
    );
    expect(problems).toEqual({ 2: [], 3: [], 4: [], 5: ['occurredOn'], 6: ['type'], 7: ['unit'], 8: ['discoveredOn'], 9: ['summary'] });
    const row = (line: number) => p.rows.find((r: { line: number }) => r.line === line);
    expect(row(5).errors[0]).toMatchObject({ header: 'Ngày xảy ra', message: expect.stringContaining('Ngày không hợp lệ') });
    expect(row(6).errors[0].message).toContain('Buôn lậu');
    expect(row(7).errors[0].message).toContain('Khối 99');
    expect(row(8).errors[0].message).toBe('Ngày phát hiện không thể trước ngày xảy ra.');
    expect(row(3).value).toMatchObject({ unitName: 'Khối Tân Quang', type: 'theft', status: 'verifying', occurredOn: '2024-03-07' });
    expect(row(4).value).toMatchObject({ unitName: 'Phường Thành Vinh', type: 'gambling', status: 'prosecuted', penalCodeArticle: '321' });

    const english = await upload('canbo', '/api/v1/cases/import/preview', bad, { 'accept-language': 'en' });
    expect(english.json().rows[3].errors[0].message).toContain('Not a valid date');

    const refused = await upload('canbo', '/api/v1/cases/import', bad);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem.code).toBe('importRows');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([
      '5.occurredOn',
      '6.type',
      '7.unit',
      '8.discoveredOn',
      '9.summary',
    ]);
    expect(problem.errors[0].message).toMatch(/^Dòng 5, cột “Ngày xảy ra”: /);
    expect(await countCases('thanh-vinh')).toBe(before);

    const fixed = await workbookOf([...GOOD, ...FIXED]);
    const imported = await upload('canbo', '/api/v1/cases/import', fixed);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toEqual({ imported: 8, skippedDuplicates: 0 });
    expect(await countCases('thanh-vinh')).toBe(before + 8);

    const stored = await queryRows<{ n: number; keyed: number; numbers: number; officers: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n, count(import_key)::int AS keyed, count(DISTINCT (year, seq))::int AS numbers,
                 max(cardinality(officer_ids))::int AS officers
          FROM cases WHERE import_key IS NOT NULL AND year = 2024`,
    );
    expect(stored[0]).toEqual({ n: 8, keyed: 8, numbers: 8, officers: 0 });
    const audit = await queryRows<{ detail: { imported: number; skippedDuplicates: number; rows: number } }>(
      t.deps.database.db,
      sql`SELECT detail FROM audit_log WHERE action = 'case.import' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]?.detail).toEqual({ rows: 8, imported: 8, skippedDuplicates: 0 });

    const listed = (await get('canbo', '/api/v1/cases?q=quán%20nước&from=2024-03-01&to=2024-03-31')).json();
    expect(listed.items[0]).toMatchObject({
      type: 'theft',
      status: 'verifying',
      unitName: 'Khối Tân Quang',
      number: expect.stringMatching(/^VV-2024-/),
    });

    const again = await upload('canbo', '/api/v1/cases/import', fixed);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual({ imported: 0, skippedDuplicates: 8 });
    expect(await countCases('thanh-vinh')).toBe(before + 8);
    const seen = (await upload('canbo', '/api/v1/cases/import/preview', fixed)).json();
    expect(seen.totals).toEqual({ rows: 8, ok: 0, errors: 0, duplicates: 8 });
  });

  it('skips a row repeated within the file', async () => {
    const row = ['', '02/04/2024', '02/04/2024', 'Khối Đông Lâm', 'Đánh bạc', 'Mới tiếp nhận', 'Đánh bạc tại quán   nước', '', ''];
    const twice = await workbookOf([row, [...row.slice(0, 6), 'đánh bạc tại quán nước', '', '']]);
    const p = (await upload('canbo', '/api/v1/cases/import/preview', twice)).json();
    expect(p.rows.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, true]);
    expect((await upload('canbo', '/api/v1/cases/import', twice)).json()).toEqual({ imported: 1, skippedDuplicates: 1 });
  });

  it('refuses wrong headers naming the missing columns, files that are not .xlsx, and files over 5 MB', async () => {
    const wrong = await workbookOf([['1', '01/01/2024']], ['Số', 'Ngày', 'Nội dung']);
    const headers = await upload('canbo', '/api/v1/cases/import/preview', wrong);
    expect(headers.statusCode, headers.body).toBe(422);
    expect(headers.json().code).toBe('importHeaders');
    expect(headers.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'Thiếu cột “Ngày xảy ra”.',
      'Thiếu cột “Ngày phát hiện”.',
      'Thiếu cột “Khối/Tổ dân phố”.',
      'Thiếu cột “Loại vụ việc”.',
      'Thiếu cột “Trạng thái”.',
    ]);
    expect((await upload('canbo', '/api/v1/cases/import', wrong)).statusCode).toBe(422);

    const csv = Buffer.from(`${HEADERS.join(',')}\n,01/01/2024,01/01/2024,Khối 1,Đánh bạc,Mới tiếp nhận,x,,\n`);
    const notXlsx = await upload('canbo', '/api/v1/cases/import/preview', csv, {}, 'so.csv', 'text/csv');
    expect(notXlsx.statusCode).toBe(415);
    expect(notXlsx.json().code).toBe('importFile');
    const disguised = await upload('canbo', '/api/v1/cases/import', Buffer.from('PK\u0003\u0004 not really a workbook'), {}, 'so.xlsx');
    expect(disguised.statusCode).toBe(415);

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/import/preview',
      payload: { file: 'x' },
      headers: { ...CSRF, authorization: auth.canbo as string },
    });
    expect(json.statusCode).toBe(415);
    const big = await upload('canbo', '/api/v1/cases/import/preview', Buffer.alloc(5 * 1024 * 1024 + 1, 1));
    expect(big.statusCode).toBe(413);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/import/preview',
      ...(() => {
        const boundary = '----empty';
        return {
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
          headers: { ...CSRF, authorization: auth.canbo as string, 'content-type': `multipart/form-data; boundary=${boundary}` },
        };
      })(),
    });
    expect(none.statusCode, none.body).toBe(400);
  });

  it('gives a template that re-imports once filled in', async () => {
    const res = await get('canbo', '/api/v1/cases/import/template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain('attachment');
    const workbook = await readBack(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sổ vụ việc', 'Danh mục']);
    const sheet = workbook.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('A2').value).toBe('Ví dụ');
    expect(sheet.getCell('B2').value).toEqual(day(2025, 1, 6));
    const lists = workbook.getWorksheet('Danh mục') as ExcelJS.Worksheet;
    const listed = lists
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string');
    expect(listed).toEqual(expect.arrayContaining(['Trộm cắp tài sản', 'Đã khởi tố', 'Khối Trung Mỹ', 'Phường Thành Vinh']));

    sheet.addRow([
      '',
      day(2024, 5, 1),
      day(2024, 5, 2),
      'Khối Mỹ Thượng',
      'Tàng trữ trái phép chất ma túy',
      'Đã làm rõ',
      'Từ mẫu: tàng trữ ma túy',
      '',
      '',
    ]);
    sheet.addRow(['', '03/05/2024', '03/05/2024', 'my-thuong', 'Đốt pháo nổ', 'Kết thúc, không có tội phạm', 'Từ mẫu: đốt pháo', '', '']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const p = (await upload('canbo', '/api/v1/cases/import/preview', filled)).json();
    expect(p.totals).toEqual({ rows: 2, ok: 2, errors: 0, duplicates: 0 });
    expect(p.rows[1].value).toMatchObject({
      unitName: 'Khối Mỹ Thượng',
      type: 'firecracker_using',
      status: 'closed_no_crime',
      penalCodeArticle: null,
    });
    expect((await upload('canbo', '/api/v1/cases/import', filled)).json()).toEqual({ imported: 2, skippedDuplicates: 0 });
  });

  it('exports the register with the template’s columns and real dates, and the export imports into another ward', async () => {
    const res = await get('canbo', '/api/v1/cases/export.xlsx?from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['x-export-rows']).toBe('20');
    const workbook = await readBack(res);
    const sheet = workbook.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS, 'Mã hệ thống (không sửa)']);
    expect(sheet.rowCount).toBe(21);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toMatch(/^VV-2020-\d{4}$/);
    expect(first.getCell(2).value).toEqual(day(2020, 1, 6));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(5).value).toBe('Mua bán trái phép chất ma túy');
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).not.toMatch(/999\d{9}/);
    expect(text).not.toContain('Người mẫu');
    const audit = await queryRows<{ detail: { rows: number } }>(
      t.deps.database.db,
      sql`SELECT detail FROM audit_log WHERE action = 'case.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]?.detail.rows).toBe(20);

    // Trường Vinh has none of Thành Vinh's blocks: everything but the block parses.
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await countCases('truong-vinh')).toBe(0);
    const elsewhere = (await upload('canbo.truongvinh', '/api/v1/cases/import/preview', bytes)).json();
    expect(elsewhere.totals.rows).toBe(20);
    for (const r of elsewhere.rows) expect(r.errors.map((e: { column: string }) => e.column)).toEqual(['unit']);

    // Once the blocks are mapped to the ward's own, the export imports, once.
    sheet.eachRow((row, line) => {
      if (line > 1) row.getCell(4).value = line % 2 ? 'Khối 1' : 'khoi-2';
    });
    const mapped = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await upload('canbo.truongvinh', '/api/v1/cases/import', mapped);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toEqual({ imported: 20, skippedDuplicates: 0 });
    expect((await upload('canbo.truongvinh', '/api/v1/cases/import', mapped)).json()).toEqual({ imported: 0, skippedDuplicates: 20 });
    expect(await countCases('truong-vinh')).toBe(20);
    const theirs = (await get('canbo.truongvinh', '/api/v1/cases?from=2020-01-01&to=2020-06-30&limit=50')).json();
    expect(theirs.items).toHaveLength(20);
    expect(theirs.items.filter((c: { group: string }) => c.group === 'drugs')).toHaveLength(15);

    // The export of the other ward does not reach Thành Vinh's cases, and bad filters are refused.
    const other = await readBack(await get('canbo.truongvinh', '/api/v1/cases/export.xlsx?from=2020-01-01&to=2020-06-30&type=theft'));
    expect((other.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet).rowCount).toBe(3);
    expect((await get('canbo', '/api/v1/cases/export.xlsx?from=2020-02-01&to=2020-01-01')).statusCode).toBe(400);
    expect((await get('canbo', '/api/v1/cases/export.xlsx?cursor=x')).statusCode).toBe(400);
  });

  it('re-imports its own export into the same ward without duplicating a case entered here', async () => {
    // The ward's register reaches back to its predecessors (Lê Mao, Quang Trung): all of it comes back known.
    const before = await countCases('thanh-vinh');
    const exported = await readBack(await get('canbo', '/api/v1/cases/export.xlsx'));
    const sheet = exported.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet;
    const all = sheet.rowCount - 1;
    expect(all).toBeGreaterThan(before);
    const bytes = Buffer.from(await exported.xlsx.writeBuffer());
    const preview = (await upload('canbo', '/api/v1/cases/import/preview', bytes)).json();
    expect(preview.totals).toMatchObject({ rows: all, ok: 0, errors: 0, duplicates: all });
    expect((await upload('canbo', '/api/v1/cases/import', bytes)).json()).toEqual({ imported: 0, skippedDuplicates: all });
    expect(await countCases('thanh-vinh')).toBe(before);

    // Without the system id column, the ward's own register numbers still recognise its cases.
    const own = await readBack(await get('canbo', `/api/v1/cases/export.xlsx?from=2025-07-01`));
    const ownSheet = own.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet;
    ownSheet.spliceColumns(10, 1);
    const rows = ownSheet.rowCount - 1;
    expect(rows).toBeGreaterThan(0);
    const withoutIds = Buffer.from(await own.xlsx.writeBuffer());
    expect((await upload('canbo', '/api/v1/cases/import', withoutIds)).json()).toEqual({ imported: 0, skippedDuplicates: rows });
    expect(await countCases('thanh-vinh')).toBe(before);
  });

  it('keeps the ward’s own number of an imported case, finds the case by it and exports it', async () => {
    const file = await workbookOf([
      [
        'SVV-77/2019',
        day(2019, 5, 2),
        day(2019, 5, 3),
        'Khối Trung Mỹ',
        'Trộm cắp tài sản',
        'Đã làm rõ',
        'Mất trộm điện thoại ở chợ',
        '',
        '',
      ],
    ]);
    expect((await upload('canbo', '/api/v1/cases/import', file)).json()).toEqual({ imported: 1, skippedDuplicates: 0 });
    const found = (await get('canbo', `/api/v1/cases?q=${encodeURIComponent('svv-77')}`)).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ wardRef: 'SVV-77/2019', type: 'theft' });
    expect(found.items[0].number).toMatch(/^VV-2019-\d{4}$/);
    const exported = await readBack(await get('canbo', '/api/v1/cases/export.xlsx?q=svv-77'));
    expect((exported.getWorksheet('Sổ vụ việc') as ExcelJS.Worksheet).getRow(2).getCell(1).value).toBe('SVV-77/2019');
  });

  it('streams its progress as JSON lines when asked, then the result; a refused file is a plain problem', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => [
      `TD-${i + 1}/2018`,
      day(2018, 1 + (i % 12), 1 + (i % 27)),
      day(2018, 1 + (i % 12), 1 + (i % 27)),
      'Khối Tân Quang',
      'Đánh bạc',
      'Đã làm rõ',
      `Đánh bạc ăn tiền, lần ${i + 1}`,
      '',
      '',
    ]);
    const res = await upload('canbo', '/api/v1/cases/import', await workbookOf(rows), { accept: 'application/x-ndjson' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { total: 250 },
      { done: 100, total: 250 },
      { done: 200, total: 250 },
      { done: 250, total: 250 },
      { result: { imported: 250, skippedDuplicates: 0 } },
    ]);
    const bad = await upload('canbo', '/api/v1/cases/import', await workbookOf([['x', 'hôm qua']]), { accept: 'application/x-ndjson' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('is for ward police only', async () => {
    const file = await workbookOf(GOOD);
    for (const who of ['truongkhoi', 'theodoi']) {
      expect((await get(who, '/api/v1/cases/import/template.xlsx')).statusCode, who).toBe(403);
      expect((await upload(who, '/api/v1/cases/import/preview', file)).statusCode, who).toBe(403);
      expect((await upload(who, '/api/v1/cases/import', file)).statusCode, who).toBe(403);
      expect((await get(who, '/api/v1/cases/export.xlsx')).statusCode, who).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/cases/export.xlsx' });
    expect(anonymous.statusCode).toBe(401);
    expect((await get('truongcongan', '/api/v1/cases/export.xlsx?type=gambling')).statusCode).toBe(200);
  });
});
