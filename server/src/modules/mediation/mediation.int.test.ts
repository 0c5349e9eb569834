import { BOOK_COLUMNS } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

let t: TestApp;
const auth: Record<string, string> = {};
const tv: Record<string, string> = {};
const lm: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'truongkhoi', 'theodoi', 'hoagiai', 'canbo.truongvinh'])
    auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const rows = await queryRows<{ id: string; code: string; ward: string }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code, w.code AS ward FROM units u JOIN units w ON w.id = u.ward_id WHERE w.code IN ('thanh-vinh', 'le-mao')`,
  );
  for (const r of rows) (r.ward === 'thanh-vinh' ? tv : lm)[r.code] = r.id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const as = (who: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });
const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.deps.database.db, q))[0]?.n ?? 0);
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const newCase = (over: object = {}) => ({
  unitId: tv['tan-quang'],
  receivedOn: today(),
  ground: 'party_request',
  type: 'noise_hygiene',
  summary: 'Tiếng ồn từ xưởng mộc sau 21 giờ',
  parties: [
    { name: 'Phan Thị Quyên', age: 52, address: 'Số 5 ngõ 3 (địa chỉ mẫu)' },
    { name: 'Lý Văn Khoa', age: 40 },
  ],
  ...over,
});

describe('teams', () => {
  it('warns about a team that breaks the composition rule (Art. 12.1) and shows the recognition clock', async () => {
    const res = await as('canbo', 'GET', '/api/v1/mediation/teams');
    expect(res.statusCode).toBe(200);
    const teams = res.json().items as {
      unitName: string;
      unitId: string;
      problems: { code: string; article: string }[];
      pendingRecognitions: number;
    }[];
    const dongLam = teams.find((x) => x.unitId === tv['dong-lam']);
    expect(dongLam?.problems.map((p) => p.code)).toEqual(['tooFewMediators', 'noWoman']);
    expect(dongLam?.problems[0]?.article).toBe('Điều 12.1');
    expect(teams.find((x) => x.unitId === tv['tan-quang'])?.problems).toEqual([]);
    expect(teams.find((x) => x.unitId === tv['yen-giang'])?.pendingRecognitions).toBeGreaterThan(0);
  });

  it('lets the mediator keep her own block’s team and nobody else’s', async () => {
    const mine = (await as('hoagiai', 'GET', '/api/v1/mediation/teams')).json().items as { id: string; unitId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.unitId === tv['tan-quang'] || x.unitId === lm['tan-quang'])).toBe(true);
    const team = mine.find((x) => x.unitId === tv['tan-quang']) as { id: string };
    const added = await as('hoagiai', 'POST', `/api/v1/mediation/teams/${team.id}/members`, {
      fullName: 'Trương Thị Diệu',
      gender: 'female',
      role: 'member',
      joinedOn: today(),
      proposedOn: today(),
    });
    expect(added.statusCode, added.body).toBe(201);
    const member = added.json().members.find((m: { fullName: string }) => m.fullName === 'Trương Thị Diệu');
    expect(member.recognition.decidedOn).toBeNull();
    expect(member.recognition.dueOn > today()).toBe(true);
    const other = (await as('canbo', 'GET', '/api/v1/mediation/teams'))
      .json()
      .items.find((x: { unitId: string }) => x.unitId === tv['trung-my']);
    expect((await as('hoagiai', 'GET', `/api/v1/mediation/teams/${other.id}`)).statusCode).toBe(404);
    expect(
      (await as('hoagiai', 'POST', '/api/v1/mediation/teams', { unitId: tv['trung-my'], name: 'Tổ thử', establishedOn: today() }))
        .statusCode,
    ).toBe(404);
  });
});

describe('electing the team leader (Luật HGCS 2013 Art. 14.1: more than half of the team’s mediators)', () => {
  it('sets up a team, records the vote with the leader, and refuses a leader without a majority, writing nothing', async () => {
    const created = await as('hoagiai', 'POST', '/api/v1/mediation/teams', {
      unitId: tv['tan-quang'],
      name: 'Tổ hòa giải thử bầu tổ trưởng',
      establishedOn: today(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const teamId = created.json().id as string;
    const member = (fullName: string, gender: string) => ({ fullName, gender, role: 'member', joinedOn: today() });
    for (const [name, gender] of [
      ['Hà Thị Loan', 'female'],
      ['Đinh Văn Tài', 'male'],
      ['Sầm Văn Khánh', 'male'],
    ])
      expect(
        (await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members`, member(name as string, gender as string))).statusCode,
      ).toBe(201);
    const leaders = () => count(sql`SELECT count(*)::int AS n FROM mediation_members WHERE team_id = ${teamId} AND role = 'leader'`);
    const audits = () => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${teamId}`);
    const auditsBefore = await audits();

    // A fourth mediator as leader: 2 of 4 is half, not more than half.
    const half = await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members`, {
      ...member('Nông Thị Hằng', 'female'),
      role: 'leader',
      leaderVote: { for: 2, total: 4 },
    });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('trên một nửa tổng số hòa giải viên');
    // Without the vote, and with a total that is not the team.
    const noVote = await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members`, {
      ...member('Nông Thị Hằng', 'female'),
      role: 'leader',
    });
    expect(noVote.statusCode).toBe(400);
    const present = await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members`, {
      ...member('Nông Thị Hằng', 'female'),
      role: 'leader',
      leaderVote: { for: 2, total: 3 },
    });
    expect(present.statusCode).toBe(400);
    expect(await leaders()).toBe(0);
    expect(await audits()).toBe(auditsBefore);

    const elected = await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members`, {
      ...member('Nông Thị Hằng', 'female'),
      role: 'leader',
      leaderVote: { for: 3, total: 4 },
    });
    expect(elected.statusCode, elected.body).toBe(201);
    const leader = elected.json().members.find((m: { role: string }) => m.role === 'leader');
    expect(leader.leaderVote).toEqual({ for: 3, total: 4 });
    expect(elected.json().problems).toEqual([]);

    // Making a member leader by PATCH needs the vote too, and the team keeps one leader.
    const other = elected.json().members.find((m: { fullName: string }) => m.fullName === 'Đinh Văn Tài');
    const taken = await as('hoagiai', 'PATCH', `/api/v1/mediation/teams/${teamId}/members/${other.id}`, {
      role: 'leader',
      leaderVote: { for: 4, total: 4 },
    });
    expect(taken.statusCode).toBe(409);
    await as('hoagiai', 'POST', `/api/v1/mediation/teams/${teamId}/members/${leader.id}/leave`, {
      leftOn: today(),
      reason: 'Chuyển công tác',
    });
    const minority = await as('hoagiai', 'PATCH', `/api/v1/mediation/teams/${teamId}/members/${other.id}`, {
      role: 'leader',
      leaderVote: { for: 1, total: 3 },
    });
    expect(minority.statusCode).toBe(400);
    expect(minority.body).toContain('Điều 14');
    const patched = await as('hoagiai', 'PATCH', `/api/v1/mediation/teams/${teamId}/members/${other.id}`, {
      role: 'leader',
      leaderVote: { for: 2, total: 3 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().members.find((m: { id: string }) => m.id === other.id).leaderVote).toEqual({ for: 2, total: 3 });
  });
});

describe('the book', () => {
  it('records a case in the mediator’s block and shows her only her block’s cases', async () => {
    const created = await as('hoagiai', 'POST', '/api/v1/mediation/cases', newCase());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'in_progress', unitName: 'Khối Tân Quang', screening: { inScope: true } });
    expect(created.json().number).toMatch(/^HG-\d{4}-\d{4}$/);
    const list = (await as('hoagiai', 'GET', '/api/v1/mediation/cases?limit=200')).json();
    expect(list.items.length).toBeGreaterThan(1);
    expect(list.items.every((c: { unitName: string }) => c.unitName === 'Khối Tân Quang')).toBe(true);
    const elsewhere = (
      await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM mediation_cases WHERE unit_id = ${tv['trung-my']} LIMIT 1`)
    )[0];
    expect((await as('hoagiai', 'GET', `/api/v1/mediation/cases/${elsewhere?.id}`)).statusCode).toBe(404);
    // Pages follow each other without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await as('hoagiai', 'GET', `/api/v1/mediation/cases?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(list.items.length);
  });

  it('shows the police only escalations, and a viewer nothing', async () => {
    const list = (await as('canbo', 'GET', '/api/v1/mediation/cases?limit=200')).json();
    expect(list.escalationsOnly).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
    expect(
      list.items.every(
        (c: { risk: string; recurring: boolean; status: string }) => c.risk !== 'none' || c.recurring || c.status === 'referred',
      ),
    ).toBe(true);
    const calm = (
      await queryRows<{ id: string }>(
        t.deps.database.db,
        sql`SELECT id FROM mediation_cases WHERE risk = 'none' AND NOT recurring AND status <> 'referred' AND unit_id = ${tv['tan-quang']} LIMIT 1`,
      )
    )[0];
    expect((await as('canbo', 'GET', `/api/v1/mediation/cases/${calm?.id}`)).statusCode).toBe(404);
    expect((await as('hoagiai', 'GET', `/api/v1/mediation/cases/${calm?.id}`)).statusCode).toBe(200);
    expect((await as('theodoi', 'GET', '/api/v1/mediation/cases')).statusCode).toBe(403);
    expect((await as('canbo', 'POST', '/api/v1/mediation/cases', newCase())).statusCode).toBe(403);
  });

  it('never reaches another ward', async () => {
    const list = (await as('canbo.truongvinh', 'GET', '/api/v1/mediation/cases?limit=200')).json();
    expect(list.items).toEqual([]);
    const risky = (
      await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM mediation_cases WHERE risk <> 'none' LIMIT 1`)
    )[0];
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/mediation/cases/${risky?.id}`)).statusCode).toBe(404);
    expect((await as('canbo.truongvinh', 'GET', '/api/v1/mediation/teams')).json().items).toEqual([]);
  });

  it('answers bad input with 400 and writes nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM mediation_cases`);
    for (const body of [
      newCase({ parties: [] }),
      newCase({ type: 'unknown' }),
      newCase({ receivedOn: '2099-01-01' }),
      newCase({ exclusions: ['nope'] }),
      newCase({ extra: true }),
      newCase({ mediatorIds: ['00000000-0000-4000-8000-000000000000'] }),
    ]) {
      const res = await as('hoagiai', 'POST', '/api/v1/mediation/cases', body);
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM mediation_cases`)).toBe(before);
  });

  it('records sessions, the result, a written settlement record and the follow-up', async () => {
    const id = (await as('hoagiai', 'POST', '/api/v1/mediation/cases', newCase({ type: 'debt', summary: 'Nợ tiền mua vật liệu' }))).json()
      .id;
    expect((await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/follow-ups`, { on: today(), state: 'performed' })).statusCode).toBe(
      409,
    );
    expect(
      (await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/sessions`, { heldOn: today(), summary: 'Nghe hai bên trình bày' }))
        .statusCode,
    ).toBe(200);
    const notSettledRecord = await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/result`, {
      result: 'not_settled',
      on: today(),
      writtenRecord: true,
    });
    expect(notSettledRecord.statusCode).toBe(400);
    const settled = await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/result`, {
      result: 'settled',
      on: today(),
      agreement: 'Trả đủ trong hai tháng',
      writtenRecord: true,
      performance: 'Trả 2 lần, mỗi lần một nửa',
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'settled', writtenRecord: true, sessions: [{ summary: 'Nghe hai bên trình bày' }] });
    const pdf = await as('hoagiai', 'GET', `/api/v1/mediation/cases/${id}/settlement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const followed = await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/follow-ups`, {
      on: today(),
      state: 'partly',
      note: 'Đã trả một nửa',
    });
    expect(followed.json().followUps).toHaveLength(1);
    expect((await as('hoagiai', 'POST', `/api/v1/mediation/cases/${id}/sessions`, { heldOn: today(), summary: 'x' })).statusCode).toBe(409);
  });
});

describe('screening and early warning', () => {
  it('refuses a matter to prosecute with the reason and its article, and hands it to the police in one step', async () => {
    const refused = await as(
      'hoagiai',
      'POST',
      '/api/v1/mediation/cases',
      newCase({ type: 'minor_violation', exclusions: ['criminal'], refusalNote: 'Gây thương tích' }),
    );
    expect(refused.statusCode).toBe(201);
    expect(refused.json()).toMatchObject({
      status: 'refused',
      screening: { inScope: false, reasons: [{ code: 'criminal', article: 'Điều 3.1.c' }], suggestPolice: true },
    });
    const unreadBefore = (await as('canbo', 'GET', '/api/v1/mediation/notifications')).json().unread;
    const handed = await as('hoagiai', 'POST', `/api/v1/mediation/cases/${refused.json().id}/hand-to-police`, { note: 'Đề nghị xác minh' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().status).toBe('referred');
    const policeCase = handed.json().history.policeCase;
    expect(policeCase.number).toMatch(/^VV-\d{4}-\d{4}$/);
    const [row] = await queryRows<{ summary: string; status: string }>(
      t.deps.database.db,
      sql`SELECT summary, status FROM cases WHERE id = ${policeCase.id}`,
    );
    expect(row?.status).toBe('received');
    expect(row?.summary).toContain(refused.json().number);
    expect(row?.summary).toContain('Điều 3.1.c');
    const after = (await as('canbo', 'GET', '/api/v1/mediation/notifications')).json();
    expect(after.unread).toBe(unreadBefore + 1);
    expect(after.items[0]).toMatchObject({ kind: 'referred', caseNumber: refused.json().number });
    // The police now see it; the mediator cannot hand it twice.
    expect((await as('canbo', 'GET', `/api/v1/mediation/cases/${refused.json().id}`)).statusCode).toBe(200);
    expect((await as('hoagiai', 'POST', `/api/v1/mediation/cases/${refused.json().id}/hand-to-police`, {})).statusCode).toBe(409);
    const read = await as('canbo', 'POST', `/api/v1/mediation/notifications/${after.items[0].id}/read`);
    expect(read.json().unread).toBe(after.unread - 1);
  });

  it('notifies the police of a case at risk and of a returning dispute', async () => {
    const before = (await as('truongcongan', 'GET', '/api/v1/mediation/notifications')).json().unread;
    const risky = await as(
      'hoagiai',
      'POST',
      '/api/v1/mediation/cases',
      newCase({ type: 'neighbours', risk: 'violence', riskNote: 'Đe dọa', parties: [{ name: 'Hồ Sĩ Tài' }, { name: 'Vũ Văn Toàn' }] }),
    );
    expect(risky.json().risk).toBe('violence');
    const again = await as('hoagiai', 'POST', '/api/v1/mediation/cases', newCase({ parties: [{ name: 'phan thi quyen' }] }));
    expect(again.json().recurring).toBe(true);
    const after = (await as('truongcongan', 'GET', '/api/v1/mediation/notifications')).json();
    expect(after.unread).toBe(before + 2);
    expect((await as('canbo', 'GET', `/api/v1/mediation/cases/${risky.json().id}`)).statusCode).toBe(200);
    expect((await as('hoagiai', 'GET', '/api/v1/mediation/notifications')).statusCode).toBe(403);
  });
});

describe('tip → mediation → case', () => {
  it('keeps one history: the tip is closed as sent to mediation, the case carries its number, the police case links the tip', async () => {
    const tip = await as('canbo', 'POST', '/api/v1/tips', {
      channel: 'in_person',
      unitId: tv['tan-quang'],
      what: 'Hai hộ cãi nhau về lối đi chung, có lời lẽ đe dọa',
      reporterIdentity: 'anonymous',
    });
    expect(tip.statusCode, tip.body).toBe(201);
    const tipId = tip.json().id;
    expect((await as('canbo', 'POST', '/api/v1/mediation/cases/from-tip', { tipId })).statusCode).toBe(400);
    const triaged = await as('canbo', 'POST', `/api/v1/tips/${tipId}/triage`, { classification: 'dispute' });
    expect(triaged.statusCode, triaged.body).toBe(200);
    const waiting = (await as('canbo', 'GET', '/api/v1/mediation/tips')).json().items;
    expect(waiting.map((x: { id: string }) => x.id)).toContain(tipId);
    const sent = await as('canbo', 'POST', '/api/v1/mediation/cases/from-tip', { tipId });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().history.tip).toEqual({ id: tipId, number: tip.json().number });
    const closed = (await as('canbo', 'GET', `/api/v1/tips/${tipId}`)).json();
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'sent_to_mediation' });
    expect((await as('canbo', 'POST', '/api/v1/mediation/cases/from-tip', { tipId })).statusCode).toBe(409);
    // The mediator of the block finds it in her book, and hands it on when it turns dangerous.
    const caseId = sent.json().id;
    expect((await as('hoagiai', 'GET', `/api/v1/mediation/cases/${caseId}`)).statusCode).toBe(200);
    const handed = (await as('hoagiai', 'POST', `/api/v1/mediation/cases/${caseId}/hand-to-police`, {})).json();
    const policeCase = (await as('canbo', 'GET', `/api/v1/cases/${handed.history.policeCase.id}`)).json();
    expect(policeCase.tips.map((x: { id: string }) => x.id)).toEqual([tipId]);
    expect(handed.history.tip.number).toBe(tip.json().number);
  });
});

describe('the book’s documents and figures', () => {
  it('corrects a case’s parties and invitees after recording, audited and scoped, and the book shows them', async () => {
    const created = await as('hoagiai', 'POST', '/api/v1/mediation/cases', newCase({ invitees: 'Ông Lục Văn Bảy (trưởng họ)' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().invitees).toBe('Ông Lục Văn Bảy (trưởng họ)');
    const stamp = () =>
      queryRows<{ parties: unknown; updated_at: string }>(
        t.deps.database.db,
        sql`SELECT parties, updated_at::text FROM mediation_cases WHERE id = ${id}`,
      );
    const audits = () => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${id} AND action = 'mediation.case_update'`);
    const before = await stamp();
    for (const bad of [
      { parties: [] },
      {},
      { parties: [{ name: '' }] },
      { parties: [{ name: 'Phan Thị Quyên', age: 300 }] },
      { parties: [{ name: 'Phan Thị Quyên' }], colour: 'đỏ' },
      { invitees: 'x'.repeat(501) },
    ]) {
      const res = await as('hoagiai', 'PATCH', `/api/v1/mediation/cases/${id}`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await stamp()).toEqual(before);
    expect(await audits()).toBe(0);
    // Another block's mediator, the police and a viewer cannot change it.
    expect((await as('truongkhoi', 'PATCH', `/api/v1/mediation/cases/${id}`, { invitees: 'Ai đó' })).statusCode).toBe(404);
    expect((await as('canbo', 'PATCH', `/api/v1/mediation/cases/${id}`, { invitees: 'Ai đó' })).statusCode).toBe(403);
    expect(await audits()).toBe(0);

    const res = await as('hoagiai', 'PATCH', `/api/v1/mediation/cases/${id}`, {
      parties: [
        { name: 'Phan Thị Quyên', age: 52, address: 'Số 5 ngõ 3 (địa chỉ mẫu)' },
        { name: 'Lý Văn Khoa', age: 41 },
        { name: 'Lý Thị Hương', age: 38, related: true },
      ],
      invitees: 'Bà Đào Thị Xuân (Chi hội trưởng phụ nữ)',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().parties).toHaveLength(3);
    expect(res.json().invitees).toBe('Bà Đào Thị Xuân (Chi hội trưởng phụ nữ)');
    expect(await audits()).toBe(1);

    const book = await as('hoagiai', 'GET', `/api/v1/mediation/book?unitId=${tv['tan-quang']}&year=${today().slice(0, 4)}&format=xlsx`);
    expect(book.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      cells.push(row.getCell(3).text, row.getCell(4).text);
    });
    expect(cells.some((c) => c.includes('Bà Đào Thị Xuân (Chi hội trưởng phụ nữ)'))).toBe(true);
    expect(cells.some((c) => c.includes('Lý Thị Hương, 38 tuổi'))).toBe(true);
  });

  it('exports Lê Mao’s 2020 book of Tân Quang with the columns of the form', async () => {
    const res = await as('hoagiai', 'GET', `/api/v1/mediation/book?unitId=${lm['tan-quang']}&year=2020&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let headRow = 0;
    ws?.eachRow((row, n) => {
      if (row.getCell(1).text === 'STT') headRow = n;
    });
    expect(headRow).toBeGreaterThan(0);
    const head = ws?.getRow(headRow);
    expect(BOOK_COLUMNS.map((_, i) => head?.getCell(i + 1).text)).toEqual(BOOK_COLUMNS.map((c) => c.vi));
    const rows = Number(res.headers['x-export-rows']);
    expect(rows).toBe(await count(sql`SELECT count(*)::int AS n FROM mediation_cases WHERE unit_id = ${lm['tan-quang']} AND year = 2020`));
    expect(ws?.getRow(headRow + 1).getCell(1).text).toBe('1');
    expect(['Thành', 'Không thành']).toContain(ws?.getRow(headRow + 1).getCell(7).text);
    // Part II: by type, then by mediator; each mediator's count is the number of Part I rows naming her.
    const part2 = wb.worksheets[1];
    let mediatorHead = 0;
    part2?.eachRow((row, n) => {
      if (row.getCell(1).text === 'Hòa giải viên') mediatorHead = n;
    });
    expect(mediatorHead).toBeGreaterThan(0);
    const first = part2?.getRow(mediatorHead + 1);
    const name = first?.getCell(1).text ?? '';
    expect(name.length).toBeGreaterThan(0);
    let named = 0;
    ws?.eachRow((row, n) => {
      if (n > headRow && row.getCell(3).text.split('\n')[0]?.split(', ').includes(name)) named += 1;
    });
    expect(Number(first?.getCell(2).text)).toBe(named);
    expect(Number(first?.getCell(3).text) + Number(first?.getCell(4).text) + Number(first?.getCell(5).text)).toBe(named);
    for (const format of ['pdf', 'docx'] as const) {
      const doc = await as('hoagiai', 'GET', `/api/v1/mediation/book?unitId=${lm['tan-quang']}&year=2020&format=${format}`);
      expect(doc.statusCode).toBe(200);
      expect(doc.rawPayload.subarray(0, 2).toString()).toBe(format === 'pdf' ? '%P' : 'PK');
    }
    expect((await as('hoagiai', 'GET', `/api/v1/mediation/book?unitId=${lm['trung-my']}&year=2020&format=xlsx`)).statusCode).toBe(404);
  });

  it('gives the report summary the mediation figures of the demo ward for 2020', async () => {
    const res = await as('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().mediation;
    expect(m.received).toBeGreaterThan(30);
    // A case received late in December may get its result in January.
    expect(m.settled + m.notSettled).toBeLessThanOrEqual(m.received);
    expect(m.settled + m.notSettled).toBeGreaterThan(m.received - 5);
    expect(m.settlementRate).toBeCloseTo(m.settled / (m.settled + m.notSettled));
    expect(m.returning).toBe(1);
    expect(Object.values(m.byType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(m.received);
    // By block: every case counted once under its own block, by the same days as the totals.
    const blocks = m.byBlock as { unitId: string; name: string; received: number; settled: number }[];
    expect(blocks.reduce((a, b) => a + b.received, 0)).toBe(m.received);
    expect(blocks.reduce((a, b) => a + b.settled, 0)).toBe(m.settled);
    expect(blocks.find((b) => b.unitId === lm['tan-quang'])).toMatchObject({ name: 'Khối Tân Quang' });
    expect(blocks.map((b) => b.name)).toEqual([...blocks.map((b) => b.name)].sort((a, b) => a.localeCompare(b, 'vi')));
    const viewer = await as('theodoi', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-12-31');
    expect(viewer.json().mediation.received).toBe(m.received);
  });

  it('gives each block’s figures, most cases first, to the ward and to a block’s mediator within her block only', async () => {
    const summary = (await as('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-12-31')).json().mediation;
    const url = (q: string) => `/api/v1/mediation/figures?from=2020-01-01&to=2020-12-31${q}`;
    const res = await as('truongcongan', 'GET', url(`&unitId=${lm['le-mao']}`));
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as {
      blocks: { unitId: string; name: string; received: number; settled: number; notSettled: number; settlementRate: number | null }[];
      totals: { received: number; settled: number; notSettled: number; settlementRate: number | null };
    };
    expect(f.totals).toMatchObject({ received: summary.received, settled: summary.settled, notSettled: summary.notSettled });
    expect(f.totals.settlementRate).toBeCloseTo(summary.settlementRate);
    expect(f.blocks.reduce((a, b) => a + b.received, 0)).toBe(summary.received);
    const inSummary = (id: string) => summary.byBlock.find((b: { unitId: string }) => b.unitId === id);
    for (const b of f.blocks) expect(inSummary(b.unitId)).toMatchObject({ received: b.received, settled: b.settled });
    expect(f.blocks.map((b) => b.received)).toEqual([...f.blocks.map((b) => b.received)].sort((a, b) => b - a));
    const audited = () => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'mediation.figures'`);
    const before = await audited();
    const own = await as('hoagiai', 'GET', url(`&unitId=${lm['tan-quang']}`));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().blocks.map((b: { unitId: string }) => b.unitId)).toEqual([lm['tan-quang']]);
    expect(await audited()).toBe(before + 1);
    expect((await as('hoagiai', 'GET', url(`&unitId=${lm['le-mao']}`))).statusCode).toBe(404);
    expect((await as('hoagiai', 'GET', url(`&unitId=${lm['trung-my']}`))).statusCode).toBe(404);
    const inverted = await as('truongcongan', 'GET', '/api/v1/mediation/figures?from=2020-12-31&to=2020-01-01');
    expect(inverted.statusCode).toBe(400);
    expect(await audited()).toBe(before + 1);
    expect((await as('theodoi', 'GET', url(''))).statusCode).toBe(403);
  });
});
