import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

let t: TestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['quantri', 'canbo', 'truongkhoi']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

type U = {
  id: string;
  code: string;
  name: string;
  type: string;
  isActive: boolean;
  predecessorIds: string[];
  successorIds: string[];
  parentId: string | null;
};
const list = async (who: string, query = '') =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/units${query}`, headers: { authorization: auth[who] as string } })).json()
    .items as U[];

describe('the unit tree', () => {
  it('shows a ward officer today’s ward, its 9 blocks and 3 schools, and Lê Mao’s history on request', async () => {
    const current = await list('canbo');
    expect(current.filter((u) => u.type === 'block')).toHaveLength(9);
    expect(current.filter((u) => u.type === 'school')).toHaveLength(3);
    expect(current.every((u) => u.isActive)).toBe(true);
    const all = await list('canbo', '?includeInactive=true');
    const leMao = all.find((u) => u.code === 'le-mao');
    const quangTrung = all.find((u) => u.code === 'quang-trung');
    const thanhVinh = all.find((u) => u.code === 'thanh-vinh');
    expect(leMao?.isActive).toBe(false);
    expect(quangTrung?.predecessorIds).toEqual([leMao?.id]);
    expect(thanhVinh?.predecessorIds).toEqual([quangTrung?.id]);
    expect(leMao?.successorIds).toEqual([quangTrung?.id]);
    expect(all.filter((u) => u.parentId === leMao?.id && u.type === 'block')).toHaveLength(9);
    expect(all.some((u) => u.code === 'truong-vinh')).toBe(false);
  });

  it('finds units without diacritics and in Vietnamese order', async () => {
    const found = await list('canbo', '?q=tan%20quang&includeInactive=true');
    expect(found.map((u) => u.name)).toEqual(['Khối Tân Quang', 'Khối Tân Quang']);
    const dong = await list('canbo', `?q=${encodeURIComponent('ĐÔNG LÂM')}`);
    expect(dong.map((u) => u.name)).toEqual(['Khối Đông Lâm']);
    const pct = await list('canbo', '?q=%25');
    expect(pct).toHaveLength(0);
    const blocks = (await list('canbo', '?type=block')).map((u) => u.name);
    expect(blocks).toEqual([...blocks].sort(new Intl.Collator('vi').compare));
  });

  it('limits a block leader to the block and its predecessor', async () => {
    const seen = await list('truongkhoi', '?includeInactive=true');
    expect(seen.map((u) => u.name)).toEqual(['Khối Trung Mỹ', 'Khối Trung Mỹ']);
  });

  it('lets the administrator add a block that the ward then sees, with an audit entry', async () => {
    const ward = (await list('quantri')).find((u) => u.code === 'thanh-vinh') as U;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { ...CSRF, authorization: auth.quantri as string },
      payload: { parentId: ward.id, code: 'khoi-moi', name: '  Khối Mới  ', type: 'block', contactPhone: '0238 111 222' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Khối Mới', wardId: ward.id, isActive: true, contact: { phone: '0238 111 222' } });
    expect((await list('canbo')).some((u) => u.code === 'khoi-moi')).toBe(true);
    const [entry] = await queryRows<{ action: string; actor_name: string; detail: { name: string } }>(
      t.deps.database.db,
      sql`SELECT action, actor_name, detail FROM audit_log WHERE entity_id = ${res.json().id}`,
    );
    expect(entry).toMatchObject({ action: 'unit.create', actor_name: 'quantri', detail: { name: 'Khối Mới' } });

    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${res.json().id}`,
      headers: { ...CSRF, authorization: auth.quantri as string },
      payload: { validTo: '2030-12-31', name: 'Khối Mới 2' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ name: 'Khối Mới 2', validTo: '2030-12-31' });
  });
});
