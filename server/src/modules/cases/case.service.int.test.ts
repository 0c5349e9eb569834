import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { queryRows } from '../../platform/db.ts';

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'canbo.truongvinh', 'truongkhoi', 'theodoi']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });

describe('the demo register reproduces the Lê Mao article (seed/le-mao-2020.en.md)', () => {
  it('states the figures of 1 Jan – 30 Jun 2020', async () => {
    const res = await as('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.unit).toMatchObject({ code: 'le-mao', name: 'Phường Lê Mao' });
    expect(s.cases.byGroup.drugs).toBe(15);
    expect(s.cases.byGroup.firecrackers).toBe(2);
    expect(s.cases.byGroup.theft_fraud).toBe(3);
    expect(s.cases.clearanceByGroup.drugs).toMatchObject({ total: 15, cleared: 15 });
    expect(s.seizures).toContainEqual({ kind: 'firecracker_powder', quantity: '2.4', unit: 'kg' });
    expect(s.rehabDossiers).toBe(8);
    expect(s.cases.clearanceRate).toBeGreaterThan(0.8);
    expect(s.cases.definition.vi).toBeTruthy();
  });

  it("links the demo ward's recent cases to the tips that led to them", async () => {
    const recent = (await as('canbo', 'GET', '/api/v1/cases?q=c%E1%BA%A1y%20c%E1%BB%ADa')).json().items[0];
    const detail = (await as('canbo', 'GET', `/api/v1/cases/${recent.id}`)).json();
    expect(detail.tips).toHaveLength(1);
    expect(detail.tips[0].number).toMatch(/^TB-\d{4}-\d{4}$/);
  });

  it('gives a yearly clearance rate above 80 % for 2019', async () => {
    const s = (await as('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2019-01-01&to=2019-12-31')).json();
    expect(s.cases.total).toBeGreaterThan(20);
    expect(s.cases.clearanceRate).toBeGreaterThan(0.8);
  });

  it('gives viewers the figures but not the register, and keeps other wards out', async () => {
    expect((await as('theodoi', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30')).statusCode).toBe(200);
    expect((await as('theodoi', 'GET', '/api/v1/cases')).statusCode).toBe(403);
    expect((await as('truongkhoi', 'GET', '/api/v1/cases')).statusCode).toBe(403);
    expect((await as('canbo.truongvinh', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30')).statusCode).toBe(404);
    const leMao = (await as('canbo', 'GET', '/api/v1/cases?from=2020-01-01&to=2020-06-30&limit=5')).json().items[0];
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/cases/${leMao.id}`)).statusCode).toBe(404);
  });
});

describe('small counts about people (security.md G12)', () => {
  it('hides 1 to 4 rehab dossiers or arrests from a viewer, shows them to the police, and shows 5 or more to all', async () => {
    const url = (from: string, to: string) => `/api/v1/reports/summary?unit=le-mao&from=${from}&to=${to}`;
    let small: { from: string; to: string; n: number } | null = null;
    for (let m = 1; m <= 6 && !small; m++) {
      const from = `2020-0${m}-01`;
      const to = `2020-0${m}-${m === 2 ? 29 : [4, 6].includes(m) ? 30 : 31}`;
      const n = (await as('truongcongan', 'GET', url(from, to))).json().rehabDossiers;
      if (n >= 1 && n <= 4) small = { from, to, n };
    }
    if (!small) throw new Error('the demo has no month of 2020 with 1–4 rehab dossiers');
    const police = (await as('truongcongan', 'GET', url(small.from, small.to))).json();
    expect(police).toMatchObject({ rehabDossiers: small.n, suppressed: [] });
    const viewer = (await as('theodoi', 'GET', url(small.from, small.to))).json();
    expect(viewer.rehabDossiers).toBeNull();
    expect(viewer.rehab.opened).toBeNull();
    expect(viewer.suppressed).toEqual(expect.arrayContaining(['rehabDossiers', 'rehab.opened']));
    expect(viewer.cases.total).toBe(police.cases.total);
    const half = (await as('theodoi', 'GET', url('2020-01-01', '2020-06-30'))).json();
    expect(half.rehabDossiers).toBe(8);
  });
});

describe('the case register', () => {
  it('records a case, its people and seizures, and moves it only along its legal states', async () => {
    const blocks = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string; name: string }[];
    const block = blocks.find((b) => b.name === 'Khối Tân Quang') as { id: string };
    const created = await as('canbo', 'POST', '/api/v1/cases', {
      unitId: block.id,
      type: 'firecracker_storing',
      occurredOn: '2026-11-20',
      discoveredOn: '2026-11-21',
      summary: 'Phát hiện tàng trữ thuốc pháo trong nhà kho',
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ status: 'received', group: 'firecrackers', number: expect.stringMatching(/^VV-2026-\d{4}$/) });

    const illegal = await as('canbo', 'POST', `/api/v1/cases/${c.id}/move`, { to: 'prosecuted' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().errors[0].message).toBeTruthy();
    for (const to of ['verifying', 'cleared', 'prosecuted']) {
      const moved = await as('canbo', 'POST', `/api/v1/cases/${c.id}/move`, { to });
      expect(moved.statusCode, moved.body).toBe(200);
    }

    const person = await as('canbo', 'POST', `/api/v1/cases/${c.id}/people`, {
      role: 'suspect',
      name: 'Đối Tượng Thử',
      idNumber: '999 123 456 789',
      arrest: { at: '2026-11-21T10:00:00+07:00', measure: 'caught_in_act' },
    });
    expect(person.statusCode, person.body).toBe(200);
    const shown = person.json().persons[0];
    expect(shown.idNumberMasked).not.toContain('123456');
    const full = await as('canbo', 'GET', `/api/v1/cases/${c.id}/people/${shown.id}/id-number`);
    expect(full.json()).toEqual({ idNumber: '999123456789' });
    const audited = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.identity_read' AND entity_id = ${shown.id}`,
    );
    expect(audited[0]?.n).toBe(1);
    const stored = await queryRows<{ id_number_enc: string }>(
      t.deps.database.db,
      sql`SELECT id_number_enc FROM case_people WHERE full_name = 'Đối Tượng Thử'`,
    );
    expect(stored[0]?.id_number_enc).not.toContain('999123456789');

    const before = (await as('canbo', 'GET', '/api/v1/reports/summary?unit=thanh-vinh&from=2026-11-01&to=2026-11-30')).json();
    await as('canbo', 'POST', `/api/v1/cases/${c.id}/people`, { role: 'witness', name: 'Người Làm Chứng Thử' });
    await as('canbo', 'POST', `/api/v1/cases/${c.id}/people`, {
      role: 'suspect',
      name: 'Đối Tượng Thứ Hai',
      arrest: { at: '2026-11-21T11:00:00+07:00', measure: 'caught_in_act' },
    });
    const afterArrest = (await as('canbo', 'GET', '/api/v1/reports/summary?unit=thanh-vinh&from=2026-11-01&to=2026-11-30')).json();
    // Suspects arrested count; witnesses and suspects not held do not.
    expect(afterArrest.cases.arrests).toBe(before.cases.arrests + 1);
    expect(before.cases.arrests).toBeGreaterThanOrEqual(1);

    for (const quantity of ['1.2', '1.2']) {
      const s = await as('canbo', 'POST', `/api/v1/cases/${c.id}/seizures`, { kind: 'firecracker_powder', quantity, unit: 'kg' });
      expect(s.statusCode, s.body).toBe(200);
    }
    await as('canbo', 'POST', `/api/v1/cases/${c.id}/seizures`, { kind: 'firecracker_powder', quantity: '500', unit: 'g' });
    const summary = (await as('canbo', 'GET', '/api/v1/reports/summary?unit=thanh-vinh&from=2026-11-01&to=2026-11-30')).json();
    expect(summary.seizures).toContainEqual({ kind: 'firecracker_powder', quantity: '2.9', unit: 'kg' });
    expect(summary.cases.byGroup.firecrackers).toBeGreaterThanOrEqual(1);

    // A tip that helped: its sender learns only that it was used; a tip of another ward cannot be linked.
    const { receipt } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/tips',
        payload: { wardCode: 'thanh-vinh', what: 'Có người giấu thuốc pháo trong kho' },
      })
    ).json();
    const tip = (await as('canbo', 'GET', '/api/v1/tips?view=new'))
      .json()
      .items.find((i: { excerpt: string }) => i.excerpt.includes('giấu thuốc pháo'));
    const linked = await as('canbo', 'POST', `/api/v1/cases/${c.id}/tips`, { tipId: tip.id });
    expect(linked.json().tips).toEqual([{ id: tip.id, number: tip.number }]);
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/public/tips/status', headers: { 'x-receipt': receipt } })).json();
    expect(seen.usedInCase).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(c.number);
    const otherWardTip = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT t.id FROM tips t JOIN units w ON w.id = t.ward_id WHERE w.code = 'truong-vinh' LIMIT 1`,
    );
    expect((await as('canbo', 'POST', `/api/v1/cases/${c.id}/tips`, { tipId: otherWardTip[0]?.id })).statusCode).toBe(404);

    const bad = await as('canbo', 'POST', '/api/v1/cases', {
      unitId: block.id,
      type: 'theft',
      occurredOn: '2026-11-21',
      discoveredOn: '2026-11-20',
      summary: 'x',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('compulsory rehabilitation dossiers (domain-vn.md §6)', () => {
  it('opens a dossier with its 5-working-day clock, refuses to compile without the required documents, and records only a received decision', async () => {
    const wards = (await as('canbo', 'GET', '/api/v1/units?type=block')).json().items as { id: string; name: string }[];
    const block = wards.find((b) => b.name === 'Khối Trung Mỹ') as { id: string };
    const opened = await as('canbo', 'POST', '/api/v1/rehab-dossiers', {
      unitId: block.id,
      subject: { name: 'Người Thử Nghiệm', birthYear: 1990, idNumber: '999000111222' },
      ground: 'relapsed_after_rehab',
      foundOn: '2026-11-02',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const d = opened.json();
    expect(d).toMatchObject({ status: 'opened', number: expect.stringMatching(/^CN-2026-\d{4}$/), compileDueOn: '2026-11-09' });
    expect(d.subject.idNumberMasked).not.toContain('000111');
    expect(d.missingAttachments.length).toBeGreaterThan(0);

    const step = (to: string, extra: object = {}) =>
      as('canbo', 'POST', `/api/v1/rehab-dossiers/${d.id}/move`, { to, on: '2026-11-05', ...extra });
    expect((await step('documents_gathered')).statusCode).toBe(200);
    const refused = await step('compiled');
    expect(refused.statusCode).toBe(409);
    for (const kind of d.missingAttachments as string[]) {
      const form = multipart({ kind }, [{ name: `${kind}.pdf`, type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/v1/rehab-dossiers/${d.id}/attachments`,
        payload: form.payload,
        headers: { ...form.headers, ...CSRF, authorization: auth.canbo as string },
      });
      expect(up.statusCode, up.body).toBe(200);
    }
    expect((await step('compiled')).statusCode).toBe(200);
    expect((await step('decided', { decision: { number: '1/2026/QĐ-TA', date: '2026-11-06', outcome: 'accepted' } })).statusCode).toBe(409);
    expect((await step('sent_to_court', { court: 'Tòa án nhân dân khu vực 1 – Nghệ An' })).statusCode).toBe(200);
    const decided = await step('decided', {
      on: '2026-11-10',
      decision: { number: '1/2026/QĐ-TA', date: '2026-11-10', outcome: 'accepted' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().decision).toEqual({ number: '1/2026/QĐ-TA', date: '2026-11-10', outcome: 'accepted' });
    const file = decided.json().attachments[0];
    const download = await as('canbo', 'GET', `/api/v1/rehab-dossiers/${d.id}/attachments/${file.id}`);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as('truongkhoi', 'GET', `/api/v1/rehab-dossiers/${d.id}`)).statusCode).toBe(403);
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/rehab-dossiers/${d.id}`)).statusCode).toBe(404);
  });
});
