import { isAllowed, type Role } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

/** The rehab dossier list: search by name, period, status, order, keyset paging, and its CSV and Excel exports. */
let t: TestApp;
const auth: Record<string, string> = {};
const ACCOUNTS: [string, Role][] = [
  ['quantri', 'admin'],
  ['truongcongan', 'chief'],
  ['canbo', 'officer'],
  ['tobaove', 'civil_guard'],
  ['truongkhoi', 'block_leader'],
  ['hoagiai', 'mediator'],
  ['nhatruong', 'school_staff'],
  ['theodoi', 'viewer'],
  ['canbo.truongvinh', 'officer'],
];

/** People of this file's dossiers, all found in October 2026 in Khối Trung Mỹ (phường Thành Vinh). */
const PEOPLE = [
  { name: 'Đặng Văn Đức', foundOn: '2026-10-01' },
  { name: 'Nguyễn Thị Ánh', foundOn: '2026-10-02' },
  { name: 'Nguyễn Văn An', foundOn: '2026-10-05' },
  { name: 'Trần Văn Anh', foundOn: '2026-10-06' },
  { name: 'Lê Thị Ấn', foundOn: '2026-10-07' },
  { name: 'Hoàng Văn Dũng', foundOn: '2026-10-08' },
  { name: 'Hoàng Văn Dung', foundOn: '2026-10-09' },
  { name: "H'Hen Niê", foundOn: '2026-10-12' },
  { name: 'Phạm Ngọc Ẩn', foundOn: '2026-10-13' },
  { name: 'Vũ Thị Ăn', foundOn: '2026-10-14' },
];
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const [u] of ACCOUNTS) auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const blocks = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string; name: string }[];
  const block = blocks.find((b) => b.name === 'Khối Trung Mỹ') as { id: string };
  for (const p of PEOPLE) {
    const res = await as('canbo', 'POST', '/api/v1/rehab-dossiers', {
      unitId: block.id,
      subject: { name: p.name, birthYear: 1990, idNumber: '999000111222' },
      ground: 'relapsed_after_rehab',
      foundOn: p.foundOn,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.set(p.name, res.json().id);
  }
});
afterAll(() => t.close());

const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });

type Item = { id: string; number: string; subject: { name: string }; status: string; foundOn: string };
const list = async (who: string, query: string): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const res = await as(who, 'GET', `/api/v1/rehab-dossiers?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const namesOf = (items: Item[]) => items.map((i) => i.subject.name);
const october = 'from=2026-10-01&to=2026-10-31';
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** Every page of a query, following the cursors. */
async function allPages(who: string, query: string, limit: number): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: { items: Item[]; nextCursor: string | null } = await list(
      who,
      `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.items.length).toBeLessThanOrEqual(limit);
    out.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('paging did not end');
}

const auditCount = async () =>
  (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'rehab.%'`))[0]?.n;
const dossierCount = async () =>
  (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM rehab_dossiers`))[0]?.n;

describe('searching the dossiers by name', () => {
  it('finds a name typed without diacritics, in any case, in any word order, or with them', async () => {
    for (const text of ['dang van duc', 'DANG VĂN ĐỨC', 'Đặng Văn Đức', 'duc dang', 'đức', 'DUC', ' đặng   đức ']) {
      expect(namesOf((await list('canbo', `${q(text)}&${october}`)).items), text).toEqual(['Đặng Văn Đức']);
    }
    // Text typed decomposed (NFD), as some keyboards send it, and the look-alike Ð (U+00D0) for Đ.
    expect(namesOf((await list('canbo', `${q('Đặng Văn Đức'.normalize('NFD'))}&${october}`)).items)).toEqual(['Đặng Văn Đức']);
    expect(namesOf((await list('canbo', `${q('\u00d0ặng')}&${october}`)).items)).toEqual(['Đặng Văn Đức']);
  });

  it('folds the marks on both sides, and needs every word', async () => {
    // Typed with or without marks, "ánh" and "anh" find both Anh and Ánh; "dũng" finds Dung too.
    for (const text of ['ánh', 'anh', 'ANH']) {
      expect(namesOf((await list('canbo', `${q(text)}&${october}`)).items), text).toEqual(['Trần Văn Anh', 'Nguyễn Thị Ánh']);
    }
    expect(namesOf((await list('canbo', `${q('dung hoang')}&${october}`)).items)).toEqual(['Hoàng Văn Dung', 'Hoàng Văn Dũng']);
    expect(namesOf((await list('canbo', `${q('dũng')}&${october}`)).items)).toEqual(['Hoàng Văn Dung', 'Hoàng Văn Dũng']);
    expect(namesOf((await list('canbo', `${q('thi anh')}&${october}`)).items)).toEqual(['Nguyễn Thị Ánh']);
    expect(namesOf((await list('canbo', `${q("h'hen")}&${october}`)).items)).toEqual(["H'Hen Niê"]);
    expect((await list('canbo', q('không có ai tên này'))).items).toEqual([]);
    // LIKE wildcards typed by the user are plain characters.
    expect((await list('canbo', q('%'))).items).toEqual([]);
    expect((await list('canbo', q('_'))).items).toEqual([]);
  });

  it('finds a dossier by its number', async () => {
    const one = (await list('canbo', q('Lê Thị Ấn'))).items[0] as Item;
    expect(namesOf((await list('canbo', q(one.number.toLowerCase()))).items)).toEqual(['Lê Thị Ấn']);
  });

  it('searches only within the scope: another ward finds nothing', async () => {
    expect((await list('canbo.truongvinh', q('dang van duc'))).items).toEqual([]);
  });
});

describe('filtering by period and status', () => {
  it('keeps the dossiers found between the two days, both included', async () => {
    const found = (await list('canbo', 'from=2026-10-05&to=2026-10-08')).items;
    expect(namesOf(found)).toEqual(['Hoàng Văn Dũng', 'Lê Thị Ấn', 'Trần Văn Anh', 'Nguyễn Văn An']);
    expect((await list('canbo', 'from=2026-10-15')).items.every((i) => i.foundOn >= '2026-10-15')).toBe(true);
    const lemao = (await list('canbo', 'from=2020-01-01&to=2020-06-30')).items;
    expect(lemao).toHaveLength(8);
    expect(lemao.every((i) => i.number.startsWith('CN-2020-'))).toBe(true);
  });

  it('combines the period with the status and the search', async () => {
    expect((await list('canbo', 'from=2020-01-01&to=2020-06-30&status=sent_to_court')).items).toHaveLength(2);
    expect((await list('canbo', `${october}&status=sent_to_court`)).items).toHaveLength(0);
    expect(namesOf((await list('canbo', `${october}&status=opened&${q('nguyen')}`)).items)).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Ánh']);
  });
});

describe('ordering and keyset paging', () => {
  it('orders by name as the staff app does: given name first, in Vietnamese alphabetical order', async () => {
    const items = (await list('canbo', `${october}&sort=name`)).items;
    const givenFirst = (name: string) => {
      const words = name.split(' ');
      return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
    };
    const collator = new Intl.Collator('vi');
    const expected = PEOPLE.map((p) => p.name).sort((a, b) => collator.compare(givenFirst(a), givenFirst(b)));
    expect(namesOf(items)).toEqual(expected);
    // a < ă < â and d < đ are letters; tones weigh only between names whose letters are all the same (Dung, Dũng),
    // so "Ánh Nguyễn Thị" comes before "Anh Trần Văn".
    expect(namesOf(items)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Thị Ánh',
      'Trần Văn Anh',
      'Vũ Thị Ăn',
      'Lê Thị Ấn',
      'Phạm Ngọc Ẩn',
      'Hoàng Văn Dung',
      'Hoàng Văn Dũng',
      'Đặng Văn Đức',
      "H'Hen Niê",
    ]);
    expect(namesOf((await list('canbo', `${october}&sort=name&dir=desc`)).items)).toEqual([...expected].reverse());
  });

  it('sorts a Vietnamese name key like Intl.Collator("vi"), without an ICU collation', async () => {
    const names = [
      'an',
      'An',
      'Anh',
      'Ánh',
      'ăn',
      'Ân',
      'ba',
      'bà',
      'bả',
      'bã',
      'bá',
      'bạ',
      'bac',
      'dung',
      'Dũng',
      'đa',
      'Đức',
      'ơi',
      'ôi',
      'oi',
      'ư',
      'u',
      'y',
      'z',
    ];
    const rows = await queryRows<{ name: string }>(
      t.deps.database.db,
      sql`SELECT name FROM unnest(${`{${names.map((n) => `"${n}"`).join(',')}}`}::text[]) AS name ORDER BY f_vi_name_key(name) COLLATE "C"`,
    );
    expect(rows.map((r) => r.name)).toEqual([...names].sort(new Intl.Collator('vi').compare));
  });

  it('orders by day found (newest first by default, or oldest first) and by step', async () => {
    const newest = (await list('canbo', october)).items.map((i) => i.foundOn);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = (await list('canbo', `${october}&dir=asc`)).items.map((i) => i.foundOn);
    expect(oldest).toEqual([...oldest].sort());
    const steps = (await list('canbo', 'sort=status&limit=200')).items.map((i) => i.status);
    const order = ['opened', 'documents_gathered', 'compiled', 'sent_to_court', 'decided', 'carried_out'];
    expect(steps.map((s) => order.indexOf(s))).toEqual([...steps.map((s) => order.indexOf(s))].sort((a, b) => a - b));
  });

  it('pages through every order without losing or repeating a dossier', async () => {
    for (const order of ['sort=found', 'dir=asc', 'sort=name', 'sort=name&dir=desc', 'sort=status', 'sort=status&dir=desc']) {
      const whole = (await list('canbo', `limit=200&${order}`)).items.map((i) => i.id);
      expect(whole.length).toBeGreaterThanOrEqual(18);
      const paged = (await allPages('canbo', order, 3)).map((i) => i.id);
      expect(paged, order).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    }
    // Paging keeps the filters: a search's pages hold only what matches.
    expect(namesOf(await allPages('canbo', `${q('van')}&${october}&sort=name`, 2))).toEqual([
      'Nguyễn Văn An',
      'Trần Văn Anh',
      'Hoàng Văn Dung',
      'Hoàng Văn Dũng',
      'Đặng Văn Đức',
    ]);
    // The cursor is an id, not a name: nothing about the person travels in the address.
    const first = await list('canbo', `${october}&sort=name&limit=2`);
    expect(first.nextCursor).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('exports', () => {
  it('writes the filtered dossiers to an Excel workbook that opens with the right rows, real dates and a frozen header', async () => {
    const res = await as('canbo', 'GET', `/api/v1/rehab-dossiers/export.xlsx?${october}&${q('nguyen')}&sort=name`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ho-so-cai-nghien-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(res.headers['x-export-rows']).toBe('2');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Số hồ sơ', 'Họ và tên', 'Năm sinh']);
    expect(header).not.toContain('Số định danh cá nhân');
    expect(sheet.rowCount).toBe(3);
    const col = (name: string) => header.indexOf(name) + 1;
    expect([2, 3].map((n) => sheet.getRow(n).getCell(col('Họ và tên')).value)).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Ánh']);
    const first = sheet.getRow(2);
    const found = first.getCell(col('Ngày phát hiện'));
    expect(found.value).toBeInstanceOf(Date);
    expect((found.value as Date).toISOString().slice(0, 10)).toBe('2026-10-05');
    expect(found.numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(col('Năm sinh')).value).toBe(1990);
    expect(first.getCell(col('Trạng thái')).value).toBe('Mới lập');
    expect(typeof first.getCell(col('Tài liệu còn thiếu')).value).toBe('number');
    // The ID number is sealed in the register and stays out of the file, masked or not.
    expect(res.rawPayload.includes(Buffer.from('999000111222'))).toBe(false);
  });

  it('writes the same rows as CSV, UTF-8 with a byte-order mark, dates as dd/mm/yyyy', async () => {
    const res = await as('canbo', 'GET', `/api/v1/rehab-dossiers/export.csv?${october}&${q('nguyen')}&sort=name`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFFSố hồ sơ,Họ và tên,')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Nguyễn Văn An');
    expect(lines[1]).toContain('05/10/2026');
    expect(lines[2]).toContain('Nguyễn Thị Ánh');
    expect(text).not.toContain('999000111222');
  });

  it('records each export in the audit log with its filters and size, never the words searched', async () => {
    await as('canbo', 'GET', `/api/v1/rehab-dossiers/export.csv?${q('dang van duc')}&${october}`);
    const [entry] = await queryRows<{ actor_name: string; detail: Record<string, unknown> }>(
      t.deps.database.db,
      sql`SELECT actor_name, detail FROM audit_log WHERE action = 'rehab.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry?.detail).toMatchObject({ format: 'csv', rows: 1, truncated: false, filter: { search: true } });
    expect(JSON.stringify(entry?.detail)).not.toMatch(/dang|Đặng/i);
    const [listed] = await queryRows<{ detail: Record<string, unknown> }>(
      t.deps.database.db,
      sql`SELECT detail FROM audit_log WHERE action = 'rehab.list' ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.stringify(listed?.detail)).not.toMatch(/dang|Đặng/i);
  });

  it('refuses the list and the exports to every role without the right to read the register', async () => {
    for (const [username, role] of ACCOUNTS) {
      const before = await auditCount();
      for (const url of ['/api/v1/rehab-dossiers', '/api/v1/rehab-dossiers/export.csv', '/api/v1/rehab-dossiers/export.xlsx']) {
        const res = await as(username, 'GET', url);
        expect(res.statusCode, `${username} ${url}`).toBe(isAllowed(role, 'case.read') ? 200 : 403);
        if (res.statusCode === 403) expect(res.headers['content-type']).toContain('application/problem+json');
      }
      if (!isAllowed(role, 'case.read')) expect(await auditCount(), username).toBe(before);
    }
  });
});

describe('bad input', () => {
  it('answers 400 with the field, and reads, exports or writes nothing', async () => {
    const dossiersBefore = await dossierCount();
    const auditBefore = await auditCount();
    const bad: [string, string][] = [
      ['/api/v1/rehab-dossiers?from=2026-10-31&to=2026-10-01', 'to'],
      ['/api/v1/rehab-dossiers/export.xlsx?from=2026-10-31&to=2026-10-01', 'to'],
      ['/api/v1/rehab-dossiers/export.csv?from=31/10/2026', 'from'],
      ['/api/v1/rehab-dossiers?sort=birthYear', 'sort'],
      ['/api/v1/rehab-dossiers?dir=up', 'dir'],
      ['/api/v1/rehab-dossiers?status=archived', 'status'],
      ['/api/v1/rehab-dossiers?cursor=2020-01-15~2020~1', 'cursor'],
      ['/api/v1/rehab-dossiers?cursor=00000000-0000-4000-8000-000000000000', 'cursor'],
      [`/api/v1/rehab-dossiers?${q('a'.repeat(201))}`, 'q'],
      ['/api/v1/rehab-dossiers?limit=0', 'limit'],
      ['/api/v1/rehab-dossiers/export.csv?limit=10', 'limit'],
      ['/api/v1/rehab-dossiers/export.xlsx?name=An', 'name'],
    ];
    for (const [url, field] of bad) {
      const res = await as('canbo', 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      const problem = res.json();
      expect(problem.code, url).toBe('validation');
      expect(JSON.stringify(problem.errors), url).toContain(field);
    }
    // A case that is not one of the ward's is refused on the new dossier's field, not stored.
    const blocks = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string }[];
    const unknownCase = await as('canbo', 'POST', '/api/v1/rehab-dossiers', {
      unitId: blocks[0]?.id,
      subject: { name: 'Nguyễn Văn Thử' },
      ground: 'relapsed_after_rehab',
      foundOn: '2026-10-01',
      caseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownCase.statusCode, unknownCase.body).toBe(400);
    expect(JSON.stringify(unknownCase.json().errors)).toContain('caseId');
    // Another ward's dossier as a cursor is refused like a missing one.
    const other = ids.get('Đặng Văn Đức') as string;
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/rehab-dossiers?cursor=${other}`)).statusCode).toBe(400);
    const english = await t.app.inject({
      method: 'GET',
      url: '/api/v1/rehab-dossiers?from=2026-10-31&to=2026-10-01',
      headers: { authorization: auth.canbo as string, 'accept-language': 'en' },
    });
    expect(english.json().errors[0].message).toBe('The end date cannot be before the start date.');
    expect(await dossierCount()).toBe(dossiersBefore);
    expect(await auditCount()).toBe(auditBefore);
  });
});
