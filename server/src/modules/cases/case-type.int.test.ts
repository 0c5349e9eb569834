import { CASE_TYPES, casesEn, casesVi } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import type { Actor } from '../../platform/access.ts';
import { queryRows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { createCaseType } from './case-type.service.ts';

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['quantri', 'canbo', 'truongcongan', 'truongkhoi', 'theodoi']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });

async function blockId(name: string): Promise<string> {
  const blocks = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string; name: string }[];
  return (blocks.find((b) => b.name === name) as { id: string }).id;
}

const newCase = async (type: string) =>
  as('canbo', 'POST', '/api/v1/cases', {
    unitId: await blockId('Khối Tân Quang'),
    type,
    occurredOn: '2026-11-02',
    discoveredOn: '2026-11-03',
    summary: 'Giật túi xách của người đi bộ trên đường Lê Mao',
  });

describe('the case-type catalogue', () => {
  it('ships with the built-in types, their groups, articles and names (the migration and the domain agree)', async () => {
    const items = (await as('canbo', 'GET', '/api/v1/case-types')).json().items;
    expect(items).toEqual(
      CASE_TYPES.map((c, i) => ({
        code: c.code,
        group: c.group,
        penalCodeArticle: c.penalCodeArticle,
        labelVi: casesVi.types[c.code],
        labelEn: casesEn.types[c.code],
        active: true,
        builtin: true,
        position: (i + 1) * 10,
      })),
    );
  });

  it('is read by those who record or count cases, and kept by the administrator only', async () => {
    expect((await as('theodoi', 'GET', '/api/v1/case-types')).statusCode).toBe(200);
    expect((await as('quantri', 'GET', '/api/v1/case-types')).statusCode).toBe(200);
    expect((await as('truongkhoi', 'GET', '/api/v1/case-types')).statusCode).toBe(403);
    const body = { code: 'snatching', group: 'theft_fraud', labelVi: 'Cướp giật tài sản' };
    for (const who of ['canbo', 'truongcongan', 'theodoi'])
      expect((await as(who, 'POST', '/api/v1/case-types', body)).statusCode, who).toBe(403);
    expect((await as('canbo', 'PATCH', '/api/v1/case-types/theft', { labelVi: 'Trộm' })).statusCode).toBe(403);
  });

  it('refuses an administrator whose scope is not every ward (the catalogue is shared)', async () => {
    const [admin] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM users WHERE username = 'quantri'`);
    const wardAdmin: Actor = {
      userId: admin?.id as string,
      username: 'quantri',
      role: 'admin',
      unitId: admin?.id as string,
      unitType: 'ward',
      wardId: null,
      wardIds: [],
      unitIds: null,
      locale: 'vi',
      via: 'token',
    };
    const refused = createCaseType(t.deps, wardAdmin, { code: 'snatching', group: 'theft_fraud', labelVi: 'Cướp giật tài sản' });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'forbidden', fields: [{ message: 'cases.catalogueAllWards' }] });
  });

  it('adds a type that cases then use, with its group and article (BLHS 2015 Art. 171)', async () => {
    const unknown = await newCase('snatching');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'type', message: 'Loại vụ việc này không có trong danh mục.' }]);

    const bad = await as('quantri', 'POST', '/api/v1/case-types', { code: 'Cướp giật', group: 'theft_fraud', labelVi: 'Cướp giật' });
    expect(bad.statusCode).toBe(400);
    const added = await as('quantri', 'POST', '/api/v1/case-types', {
      code: 'snatching',
      group: 'theft_fraud',
      penalCodeArticle: '171',
      labelVi: '  Cướp giật tài sản ',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({
      code: 'snatching',
      group: 'theft_fraud',
      penalCodeArticle: '171',
      labelVi: 'Cướp giật tài sản',
      labelEn: 'Cướp giật tài sản',
      active: true,
      builtin: false,
      position: 200,
    });
    const again = await as('quantri', 'POST', '/api/v1/case-types', { code: 'snatching', group: 'other', labelVi: 'Khác nữa' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].message).toBe('Mã loại vụ việc này đã có trong danh mục.');

    const recorded = await newCase('snatching');
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ type: 'snatching', group: 'theft_fraud', penalCodeArticle: '171' });
    const audit = await queryRows<{ action: string; entity_id: string }>(
      t.deps.database.db,
      sql`SELECT action, entity_id FROM audit_log WHERE entity_type = 'case_type' ORDER BY seq`,
    );
    expect(audit).toEqual([{ action: 'case_type.create', entity_id: 'snatching' }]);
  });

  it('moves the cases of a type with it to another group, in every ward, and says how many moved', async () => {
    const before = (await as('canbo', 'GET', '/api/v1/cases?type=snatching')).json().items;
    expect(before.length).toBeGreaterThan(0);
    const moved = await as('quantri', 'PATCH', '/api/v1/case-types/snatching', { group: 'other', labelEn: 'Snatching' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ group: 'other', labelEn: 'Snatching', movedCases: before.length });
    const after = (await as('canbo', 'GET', '/api/v1/cases?type=snatching')).json().items;
    expect(after.map((c: { group: string }) => c.group)).toEqual(before.map(() => 'other'));
    const same = await as('quantri', 'PATCH', '/api/v1/case-types/snatching', { group: 'other' });
    expect(same.json().movedCases).toBe(0);
    expect((await as('quantri', 'PATCH', '/api/v1/case-types/nothing_here', { active: false })).statusCode).toBe(404);
    expect((await as('quantri', 'PATCH', '/api/v1/case-types/snatching', {})).statusCode).toBe(400);
  });

  it('retires a type: no new case may take it, the cases that have it keep it, and it can be restored', async () => {
    const existing = (await as('canbo', 'GET', '/api/v1/cases?type=snatching')).json().items[0];
    expect((await as('quantri', 'PATCH', '/api/v1/case-types/snatching', { active: false })).json().active).toBe(false);
    const refused = await newCase('snatching');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toBe('Loại vụ việc này đã ngừng sử dụng; chọn loại khác trong danh mục.');
    const edited = await as('canbo', 'PATCH', `/api/v1/cases/${existing.id}`, { summary: 'Giật túi xách, đã xác định người giật' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().type).toBe('snatching');
    expect((await as('quantri', 'PATCH', '/api/v1/case-types/snatching', { active: true })).json().active).toBe(true);
    expect((await newCase('snatching')).statusCode).toBe(201);
  });
});

describe('correcting a case', () => {
  it('changes its facts, takes the new type’s group and article, and audits the fields changed', async () => {
    const created = (await newCase('theft')).json();
    const res = await as('canbo', 'PATCH', `/api/v1/cases/${created.id}`, {
      type: 'fraud',
      place: 'Chợ Vinh',
      discoveredOn: '2026-11-04',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      type: 'fraud',
      group: 'theft_fraud',
      penalCodeArticle: '174',
      place: 'Chợ Vinh',
      number: created.number,
    });
    const [entry] = await queryRows<{ detail: { changed: string[] } }>(
      t.deps.database.db,
      sql`SELECT detail FROM audit_log WHERE action = 'case.update' AND entity_id = ${created.id}`,
    );
    expect(entry?.detail.changed.sort()).toEqual(['discoveredOn', 'penalCodeArticle', 'place', 'type']);
  });

  it('refuses a discovery before the occurrence, a unit of another ward, an unknown type, and changes nothing', async () => {
    const created = (await newCase('theft')).json();
    const url = `/api/v1/cases/${created.id}`;
    const early = await as('canbo', 'PATCH', url, { discoveredOn: '2026-10-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].path).toBe('discoveredOn');
    const units = (await as('quantri', 'GET', '/api/v1/units?q=Trường%20Vinh')).json().items as { id: string }[];
    expect((await as('canbo', 'PATCH', url, { unitId: units[0]?.id })).statusCode).toBe(400);
    expect((await as('canbo', 'PATCH', url, { type: 'murder' })).statusCode).toBe(400);
    expect((await as('canbo', 'PATCH', url, { status: 'cleared' })).statusCode).toBe(400);
    expect((await as('theodoi', 'PATCH', url, { place: 'x' })).statusCode).toBe(403);
    const after = (await as('canbo', 'GET', url)).json();
    expect(after).toMatchObject({ type: 'theft', discoveredOn: '2026-11-03', place: null, unitId: created.unitId });
  });
});

describe('sorting the register', () => {
  type Item = { id: string; number: string; occurredOn: string; discoveredOn: string };
  async function all(query: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await as('canbo', 'GET', `/api/v1/cases?${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      items.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return items;
  }
  const key = (c: Item) => c.number.replace(/^VV-(\d{4})-(\d{4})$/, '$1$2');

  it('pages through every order without losing or repeating a case', async () => {
    const byNumber = await all('sort=number&dir=asc&from=2019-01-01&to=2020-12-31');
    expect(byNumber.length).toBeGreaterThan(30);
    expect(new Set(byNumber.map((c) => c.id)).size).toBe(byNumber.length);
    const keys = byNumber.map(key);
    expect(keys).toEqual([...keys].sort());
    const byDiscovered = await all('from=2019-01-01&to=2020-12-31');
    expect(byDiscovered.map((c) => c.id).sort()).toEqual(byNumber.map((c) => c.id).sort());
    const days = byDiscovered.map((c) => c.discoveredOn);
    expect(days).toEqual([...days].sort().reverse());
    const byOccurred = await all('sort=occurred&dir=asc&from=2019-01-01&to=2020-12-31');
    expect(byOccurred.map((c) => c.occurredOn)).toEqual(byOccurred.map((c) => c.occurredOn).sort());
  });

  it('refuses a cursor of another order and an unknown sort', async () => {
    const first = (await as('canbo', 'GET', '/api/v1/cases?limit=2')).json();
    expect((await as('canbo', 'GET', `/api/v1/cases?sort=number&cursor=${encodeURIComponent(first.nextCursor)}`)).statusCode).toBe(400);
    expect((await as('canbo', 'GET', '/api/v1/cases?sort=summary')).statusCode).toBe(400);
  });
});
