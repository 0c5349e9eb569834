import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

let t: TestApp;
const auth: Record<string, string> = {};
const unit: Record<string, string> = {};
const team: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'tobaove', 'truongkhoi', 'theodoi', 'hoagiai', 'canbo.truongvinh']) {
    auth[u] = `Bearer ${await t.tokenFor(u)}`;
  }
  const units = await queryRows<{ id: string; code: string }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code FROM units u JOIN units w ON w.id = u.ward_id WHERE w.code = 'thanh-vinh'`,
  );
  for (const u of units) unit[u.code] = u.id;
  const teams = await queryRows<{ id: string; name: string }>(
    t.deps.database.db,
    sql`SELECT t.id, t.name FROM patrol_teams t JOIN units w ON w.id = t.ward_id WHERE w.code = 'thanh-vinh'`,
  );
  for (const x of teams) team[x.name] = x.id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const as = (who: string, method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string, ...headers } });
const TM_PATROL = 'Tổ tuần tra nhân dân khối Trung Mỹ';
const TQ_PATROL = 'Tổ tuần tra nhân dân khối Tân Quang';
const TM_SECURITY = 'Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang';
const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.database.db, query))[0]?.n ?? 0;
const hoursAgo = (h: number) => new Date(t.clock.ms - h * 3_600_000).toISOString();

describe('teams and members', () => {
  it('sets up a Tổ bảo vệ ANTT over several blocks and lists it by search, kind and keyset pages', async () => {
    const created = await as('canbo', 'POST', '/api/v1/patrols/teams', {
      kind: 'security_team',
      name: 'Tổ bảo vệ ANTT thử nghiệm Đông Lâm',
      unitId: unit['dong-lam'],
      areaUnitIds: [unit['dong-lam'], unit['tan-tien']],
      establishedOn: '2026-02-01',
      decisionRef: '15/QĐ-UBND',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'security_team', force: 'civilian', isLegacy: false, isActive: true, memberCount: 0 });
    expect(
      created
        .json()
        .area.map((a: { name: string }) => a.name)
        .sort(),
    ).toEqual(['Khối Tân Tiến', 'Khối Đông Lâm']);

    const found = (await as('canbo', 'GET', '/api/v1/patrols/teams?q=thu%20nghiem%20dong%20lam')).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([created.json().id]);
    const byKind = (await as('canbo', 'GET', '/api/v1/patrols/teams?kind=security_team')).json();
    expect(byKind.items.every((x: { kind: string }) => x.kind === 'security_team')).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as('canbo', 'GET', `/api/v1/patrols/teams?status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((x: { id: string }) => x.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    const all = await count(sql`SELECT count(*)::int AS n FROM patrol_teams`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all);
    expect((await as('canbo', 'GET', '/api/v1/patrols/teams?cursor=xyz')).statusCode).toBe(400);
  });

  it('refuses a member under 18 for a Tổ bảo vệ ANTT with a clear Vietnamese message naming the law (Luật 2023 Art. 13)', async () => {
    const teamId = team[TM_SECURITY];
    const before = await count(sql`SELECT count(*)::int AS n FROM patrol_members`);
    const young = await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
      fullName: 'Nguyễn Văn Trẻ',
      birthDate: '2009-06-01',
      role: 'member',
      joinedOn: '2026-11-01',
    });
    expect(young.statusCode).toBe(422);
    expect(young.json().code).toBe('memberIneligible');
    expect(young.json().errors[0]).toMatchObject({ path: 'birthDate' });
    expect(young.json().errors[0].message).toContain('Chưa đủ 18 tuổi');
    expect(young.json().errors[0].message).toContain('Điều 13');
    const old = await as(
      'canbo',
      'POST',
      `/api/v1/patrols/teams/${teamId}/members`,
      { fullName: 'Trần Văn Cao', birthDate: '1950-01-01', role: 'member', joinedOn: '2026-11-01' },
      { 'accept-language': 'en' },
    );
    expect(old.statusCode).toBe(422);
    expect(old.json().errors[0].message).toContain('Over 70');
    const noBirth = await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
      fullName: 'Không Ngày Sinh',
      role: 'member',
      joinedOn: '2026-11-01',
    });
    expect(noBirth.json().errors[0].message).toContain('ngày sinh');
    expect(await count(sql`SELECT count(*)::int AS n FROM patrol_members`)).toBe(before);

    const allowed = await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
      fullName: 'Trần Văn Cao',
      birthDate: '1950-01-01',
      role: 'member',
      joinedOn: '2026-11-01',
      phone: '0912 345 678',
      ageExceptionRef: '88/QĐ-UBND ngày 20/10/2026',
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(allowed.json()).toMatchObject({ fullName: 'Trần Văn Cao', force: 'civilian', isActive: true, phone: '0912 345 678' });
    // A people's patrol team has no age in law.
    const teen = await as('canbo', 'POST', `/api/v1/patrols/teams/${team[TQ_PATROL]}/members`, {
      fullName: 'Lê Thị Nhỏ',
      birthDate: '2010-01-01',
      role: 'member',
      joinedOn: '2026-11-01',
    });
    expect(teen.statusCode).toBe(201);
  });

  it('keeps one leader per team, links a member to an account of the ward only, and lets a member leave', async () => {
    const teamId = team[TQ_PATROL];
    const second = await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
      fullName: 'Tổ Trưởng Hai',
      role: 'leader',
      joinedOn: '2026-11-01',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('leaderTaken');
    const [other] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM users WHERE username = 'canbo.truongvinh'`);
    const foreign = await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
      fullName: 'Người Phường Khác',
      role: 'member',
      joinedOn: '2026-11-01',
      userId: other?.id,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('userId');
    const added = (
      await as('canbo', 'POST', `/api/v1/patrols/teams/${teamId}/members`, {
        fullName: 'Sẽ Thôi Tham Gia',
        role: 'member',
        joinedOn: '2026-11-01',
      })
    ).json();
    const left = await as('canbo', 'POST', `/api/v1/patrols/members/${added.id}/leave`, { leftOn: '2026-11-20', reason: 'Chuyển nơi ở' });
    expect(left.json()).toMatchObject({ leftOn: '2026-11-20', isActive: false });
    expect((await as('canbo', 'PATCH', `/api/v1/patrols/members/${added.id}`, { note: 'x' })).statusCode).toBe(422);
    const listed = (await as('canbo', 'GET', `/api/v1/patrols/teams/${teamId}/members`)).json().items;
    expect(listed.map((m: { id: string }) => m.id)).not.toContain(added.id);
    const withLeft = (await as('canbo', 'GET', `/api/v1/patrols/teams/${teamId}/members?includeLeft=true`)).json().items;
    expect(withLeft.map((m: { id: string }) => m.id)).toContain(added.id);
  });

  it('audits every read of members’ contacts', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('patrol.member_list', 'patrol.member_read')`);
    const members = (await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/members`)).json().items;
    await as('truongkhoi', 'GET', `/api/v1/patrols/members/${members[0].id}`);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('patrol.member_list', 'patrol.member_read')`)).toBe(
      before + 2,
    );
  });

  it('gives the pickers a roster of names without contacts, in reach only, recording no read of personal data', async () => {
    const leaving = (
      await as('canbo', 'POST', `/api/v1/patrols/teams/${team[TQ_PATROL]}/members`, {
        fullName: 'Đã Thôi Trong Danh Sách',
        role: 'member',
        joinedOn: '2026-10-01',
        phone: '0912345678',
      })
    ).json();
    await as('canbo', 'POST', `/api/v1/patrols/members/${leaving.id}/leave`, { leftOn: '2026-11-01' });
    // What was done (not the refusals, recorded apart), but the use of the test's API tokens.
    const audits = sql`SELECT count(*)::int AS n FROM audit_log WHERE outcome = 'ok' AND action <> 'token.use'`;
    const before = await count(audits);
    const roster = await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/roster`);
    expect(roster.statusCode, roster.body).toBe(200);
    const items = roster.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const m of items) expect(Object.keys(m).sort()).toEqual(['fullName', 'id', 'isActive', 'role']);
    for (const field of ['phone', 'address', 'birthDate', 'user', 'note', 'ageExceptionRef', 'decisionRef']) {
      expect(roster.body).not.toContain(`"${field}"`);
    }
    // The same people, in the same order, as the audited members list.
    const members = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/members`)).json().items;
    expect(items.map((m) => m.id)).toEqual(members.map((m: { id: string }) => m.id));
    expect(items.map((m) => m.fullName)).toEqual(members.map((m: { fullName: string }) => m.fullName));
    const afterMembers = await count(audits);
    expect(afterMembers).toBe(before + 1);
    // Those who left come only when asked, marked as no longer serving.
    const withLeft = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}/roster?includeLeft=true`)).json().items;
    const serving = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}/roster`)).json().items;
    const gone = withLeft.filter((m: { isActive: boolean }) => !m.isActive);
    expect(gone.map((m: { id: string }) => m.id)).toContain(leaving.id);
    expect(JSON.stringify(withLeft)).not.toContain('0912345678');
    expect(serving.every((m: { isActive: boolean }) => m.isActive)).toBe(true);
    expect(serving.length).toBe(withLeft.length - gone.length);
    // Another team's or another ward's roster answers like a missing one.
    const missing = await as('canbo.truongvinh', 'GET', `/api/v1/patrols/teams/${randomUUID()}/roster`);
    const foreign = await as('canbo.truongvinh', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/roster`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}/roster`)).statusCode).toBe(404);
    expect((await as('hoagiai', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/roster`)).statusCode).toBe(403);
    expect((await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/roster?fields=all`)).statusCode).toBe(400);
    expect(await count(audits)).toBe(afterMembers);
  });

  it('refuses a bảo vệ dân phố team from 01/07/2024 and a Tổ bảo vệ ANTT before it', async () => {
    const legacy = await as('canbo', 'POST', '/api/v1/patrols/teams', {
      kind: 'neighbourhood_guard',
      name: 'Bảo vệ dân phố mới',
      unitId: unit['thanh-vinh'],
      establishedOn: '2026-01-01',
    });
    expect(legacy.statusCode).toBe(422);
    expect(legacy.json().code).toBe('teamKindPeriod');
    expect(legacy.json().errors[0].message).toContain('01/07/2024');
    const early = await as('canbo', 'POST', '/api/v1/patrols/teams', {
      kind: 'security_team',
      name: 'Tổ quá sớm',
      unitId: unit['trung-my'],
      establishedOn: '2024-06-01',
    });
    expect(early.json().code).toBe('teamKindPeriod');
    const wrongUnit = await as('canbo', 'POST', '/api/v1/patrols/teams', {
      kind: 'people_patrol',
      name: 'Tổ tuần tra cấp phường',
      unitId: unit['thanh-vinh'],
      establishedOn: '2026-01-01',
    });
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json().errors[0].path).toBe('unitId');
  });

  it('closes a team: its members leave the same day and no round can be recorded after it', async () => {
    const created = (
      await as('canbo', 'POST', '/api/v1/patrols/teams', {
        kind: 'people_patrol',
        name: 'Tổ sẽ giải thể',
        unitId: unit['hong-ngu'],
        establishedOn: '2026-01-01',
      })
    ).json();
    const m = (
      await as('canbo', 'POST', `/api/v1/patrols/teams/${created.id}/members`, {
        fullName: 'Thành Viên A',
        role: 'leader',
        joinedOn: '2026-01-05',
      })
    ).json();
    const closed = await as('canbo', 'POST', `/api/v1/patrols/teams/${created.id}/close`, {
      closedOn: '2026-06-30',
      reason: 'Sáp nhập tổ',
    });
    expect(closed.json()).toMatchObject({ closedOn: '2026-06-30', isActive: false, memberCount: 0 });
    expect((await as('canbo', 'GET', `/api/v1/patrols/members/${m.id}`)).json().leftOn).toBe('2026-06-30');
    const late = await as(
      'canbo',
      'POST',
      '/api/v1/patrols/rounds',
      { teamId: created.id, startedAt: hoursAgo(30), endedAt: hoursAgo(28), participants: [{ memberId: m.id }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('teamInactive');
  });

  it('exports the teams as .xlsx and .csv with the filters, neutralising formulas', async () => {
    await as('canbo', 'POST', '/api/v1/patrols/teams', {
      kind: 'people_patrol',
      name: '=HYPERLINK("x")',
      unitId: unit['my-thuong'],
      establishedOn: '2026-01-01',
    });
    const xlsx = await as('canbo', 'GET', '/api/v1/patrols/teams/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Tên tổ');
    expect(Number(xlsx.headers['x-export-rows'])).toBe((sheet?.rowCount ?? 0) - 1);
    const csv = await as('canbo', 'GET', '/api/v1/patrols/teams/export.csv?kind=people_patrol');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('"Tổ tuần tra nhân dân khối Trung Mỹ"');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body).not.toContain('Tổ bảo vệ an ninh');
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patrol.team_export'`)).toBe(2);
  });
});

describe('a patrol member sees and edits only their own teams', () => {
  it('lists only the teams and rounds of the teams they serve in', async () => {
    const mine = (await as('truongkhoi', 'GET', '/api/v1/patrols/teams')).json().items;
    expect(mine.map((x: { name: string }) => x.name)).toEqual([TM_PATROL]);
    expect(mine[0].isMine).toBe(true);
    const guardTeams = (await as('tobaove', 'GET', '/api/v1/patrols/teams')).json().items.map((x: { name: string }) => x.name);
    expect(guardTeams.sort()).toEqual([TM_SECURITY, TM_PATROL].sort());
    const rounds = (await as('truongkhoi', 'GET', '/api/v1/patrols/rounds?limit=200')).json().items;
    expect(rounds.length).toBeGreaterThan(0);
    expect(rounds.every((r: { teamName: string }) => r.teamName === TM_PATROL)).toBe(true);
    const me = (await as('tobaove', 'GET', '/api/v1/patrols/me')).json();
    expect(me).toMatchObject({ canManage: false, canRecord: true });
    expect(me.memberships.map((m: { teamName: string }) => m.teamName).sort()).toEqual([TM_SECURITY, TM_PATROL].sort());
  });

  it('answers another team’s round, roster and team like missing ones, and refuses managing', async () => {
    const other = (await as('canbo', 'GET', `/api/v1/patrols/rounds?teamId=${team[TQ_PATROL]}&limit=1`)).json().items[0];
    const missing = await as('truongkhoi', 'GET', `/api/v1/patrols/rounds/${randomUUID()}`);
    const read = await as('truongkhoi', 'GET', `/api/v1/patrols/rounds/${other.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).toBe(missing.body);
    expect((await as('truongkhoi', 'PATCH', `/api/v1/patrols/rounds/${other.id}`, { note: 'sửa trộm' })).statusCode).toBe(404);
    expect((await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}`)).statusCode).toBe(404);
    expect((await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}/members`)).statusCode).toBe(404);
    expect((await as('truongkhoi', 'PATCH', `/api/v1/patrols/teams/${team[TM_PATROL]}`, { note: 'x' })).statusCode).toBe(403);
    expect((await as('hoagiai', 'GET', '/api/v1/patrols/rounds')).statusCode).toBe(403);
    expect((await as('theodoi', 'GET', '/api/v1/patrols/rounds')).statusCode).toBe(403);
    // Another ward's officer sees none of it.
    expect((await as('canbo.truongvinh', 'GET', `/api/v1/patrols/rounds/${other.id}`)).statusCode).toBe(404);
    expect((await as('canbo.truongvinh', 'GET', '/api/v1/patrols/teams')).json().items).toEqual([]);
  });

  it('lets a member edit a round of their own team and see the figures of their teams only', async () => {
    const own = (await as('truongkhoi', 'GET', '/api/v1/patrols/rounds?limit=1')).json().items[0];
    const edited = await as('truongkhoi', 'PATCH', `/api/v1/patrols/rounds/${own.id}`, { note: 'Trời mưa, rút ngắn tuyến.' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().note).toBe('Trời mưa, rút ngắn tuyến.');
    const from = new Date(t.clock.ms - 100 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(t.clock.ms + 86_400_000).toISOString().slice(0, 10);
    const mineOnly = (await as('truongkhoi', 'GET', `/api/v1/patrols/figures?unit=thanh-vinh&from=${from}&to=${to}`)).json();
    expect(mineOnly.byTeam.map((x: { name: string }) => x.name)).toEqual([TM_PATROL]);
    const all = (await as('canbo', 'GET', `/api/v1/patrols/figures?unit=thanh-vinh&from=${from}&to=${to}`)).json();
    expect(all.rounds).toBeGreaterThan(mineOnly.rounds);
  });

  it('hides the checkpoints’ QR secrets from members, and lets only the ward police print them', async () => {
    const memberView = (await as('truongkhoi', 'GET', '/api/v1/patrols/routes')).json().items;
    expect(memberView.length).toBeGreaterThan(0);
    expect(
      memberView
        .flatMap((r: { checkpoints: { qrPayload: string | null }[] }) => r.checkpoints)
        .every((c: { qrPayload: unknown }) => c.qrPayload === null),
    ).toBe(true);
    const route = memberView[0];
    expect((await as('truongkhoi', 'GET', `/api/v1/patrols/routes/${route.id}/qr-sheet.pdf`)).statusCode).toBe(403);
    const managed = (await as('canbo', 'GET', `/api/v1/patrols/routes/${route.id}`)).json();
    expect(managed.checkpoints[0].qrPayload).toMatch(/^BINHAN-CP1:[0-9a-f-]{36}:[A-Za-z0-9_-]{12}$/);
    const svg = await as('canbo', 'GET', `/api/v1/patrols/routes/${route.id}/checkpoints/${managed.checkpoints[0].id}/qr.svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const png = await as('canbo', 'GET', `/api/v1/patrols/routes/${route.id}/checkpoints/${managed.checkpoints[0].id}/qr.png`);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const pdf = await as('canbo', 'GET', `/api/v1/patrols/routes/${route.id}/qr-sheet.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the patrol log', () => {
  it('records a round with QR checkpoints, residence checks and incidents; verifies codes; counts turns', async () => {
    const route = (await as('canbo', 'GET', `/api/v1/patrols/routes?teamId=${team[TM_PATROL]}`))
      .json()
      .items.find((r: { teamId: string | null }) => r.teamId === team[TM_PATROL]);
    const [good, wrong, gps] = route.checkpoints as { id: string; qrPayload: string; lat: number; lng: number }[];
    const code = (p: string) => p.split(':')[2] as string;
    const members = (await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${team[TM_PATROL]}/members`)).json().items;
    const officer = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team['Công an phường Thành Vinh']}/members`)).json().items[1];
    const res = await as(
      'truongkhoi',
      'POST',
      '/api/v1/patrols/rounds',
      {
        teamId: team[TM_PATROL],
        routeId: route.id,
        startedAt: hoursAgo(5),
        endedAt: hoursAgo(3),
        participants: [
          { memberId: members[0].id },
          { memberId: members[1].id },
          { memberId: officer.id },
          { name: 'Đoàn viên thanh niên', kind: 'civilian' },
        ],
        checkpoints: [
          { checkpointId: good?.id, at: hoursAgo(4.5), method: 'qr', code: code(good?.qrPayload as string) },
          { checkpointId: wrong?.id, at: hoursAgo(4), method: 'qr', code: 'khong-dung-ma' },
          { checkpointId: gps?.id, at: hoursAgo(3.5), method: 'gps', lat: gps?.lat, lng: gps?.lng, accuracyM: 8 },
        ],
        residenceChecks: [
          {
            unitId: unit['trung-my'],
            address: 'Số 9, ngõ 4, đường Lê Mao (địa chỉ thử)',
            premises: 'rented_room',
            peopleChecked: 3,
            findings: ['stay_not_notified'],
            action: 'reminded',
          },
        ],
        incidents: [{ type: 'fight', occurredAt: hoursAgo(4.2), description: 'Hai người xô xát trước quán nước', handling: 'mediated' }],
        recordedOnDeviceAt: hoursAgo(2.9),
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.turns).toEqual({ total: 4, officers: 1, civilians: 3 });
    expect(r.durationMinutes).toBe(120);
    expect(r.checkpoints.map((c: { verified: boolean }) => c.verified)).toEqual([true, false, true]);
    expect(r.checkpointsPlanned).toBe(route.checkpoints.length);
    expect(r.residenceChecks[0]).toMatchObject({ findings: ['stay_not_notified'], peopleChecked: 3 });
    expect(r.incidents[0]).toMatchObject({ handling: 'mediated', case: null });
    expect(r.recordedBy.name).toBe('Phạm Thị Hoa');
    expect(r.recordedOnDeviceAt).not.toBeNull();
  });

  it('refuses a checkpoint of another route, the same person twice and bad times, writing nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM patrol_rounds`);
    const routes = (await as('canbo', 'GET', '/api/v1/patrols/routes')).json().items;
    const mine = routes.find((x: { teamId: string | null }) => x.teamId === team[TM_PATROL]);
    const other = routes.find((x: { teamId: string | null }) => x.teamId === team[TQ_PATROL]);
    const base = { teamId: team[TM_PATROL], routeId: mine.id, startedAt: hoursAgo(5), endedAt: hoursAgo(3) };
    const cases: [string, object, number, string][] = [
      [
        'checkpoint of another route',
        {
          ...base,
          participants: [{ name: 'A', kind: 'civilian' }],
          checkpoints: [{ checkpointId: other.checkpoints[0].id, at: hoursAgo(4), method: 'tap' }],
        },
        422,
        'patrolRecord',
      ],
      ['route of another team', { ...base, routeId: other.id, participants: [{ name: 'A', kind: 'civilian' }] }, 422, 'patrolRecord'],
      [
        'same person twice',
        {
          ...base,
          participants: [
            { name: 'Nguyễn Văn A', kind: 'civilian' },
            { name: 'nguyễn văn a', kind: 'civilian' },
          ],
        },
        422,
        'patrolRecord',
      ],
      ['ends before it starts', { ...base, endedAt: hoursAgo(6), participants: [{ name: 'A', kind: 'civilian' }] }, 400, 'validation'],
      ['ends in the future', { ...base, endedAt: hoursAgo(-5), participants: [{ name: 'A', kind: 'civilian' }] }, 422, 'patrolRecord'],
      ['no participant', { ...base, participants: [] }, 400, 'validation'],
      ['unknown field', { ...base, participants: [{ name: 'A', kind: 'civilian' }], wardId: unit['trung-my'] }, 400, 'validation'],
      [
        'time without zone',
        { ...base, startedAt: '2026-11-20T20:00:00', participants: [{ name: 'A', kind: 'civilian' }] },
        400,
        'validation',
      ],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await as('canbo', 'POST', '/api/v1/patrols/rounds', body, { 'idempotency-key': randomUUID() });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().code, name).toBe(code);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM patrol_rounds`)).toBe(before);
    expect(await count(sql`SELECT count(*)::int AS n FROM idempotency_keys`)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a round of a bảo vệ dân phố team dated after 30/06/2024', async () => {
    const [legacy] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT id FROM patrol_teams WHERE kind = 'neighbourhood_guard'`,
    );
    const res = await as(
      'truongcongan',
      'POST',
      '/api/v1/patrols/rounds',
      {
        teamId: legacy?.id,
        startedAt: '2024-07-02T21:00:00+07:00',
        endedAt: '2024-07-02T23:00:00+07:00',
        participants: [{ name: 'A', kind: 'civilian' }],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode).toBe(422);
    expect(['teamKindPeriod', 'teamInactive']).toContain(res.json().code);
    const old = await as(
      'truongcongan',
      'POST',
      '/api/v1/patrols/rounds',
      {
        teamId: legacy?.id,
        startedAt: '2020-07-02T21:00:00+07:00',
        endedAt: '2020-07-02T23:00:00+07:00',
        participants: [{ name: 'Bảo vệ dân phố', kind: 'civilian' }],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(old.statusCode, old.body).toBe(201);
  });

  it('hands an incident to the police: a case in the register, once, audited', async () => {
    const own = (await as('tobaove', 'GET', `/api/v1/patrols/rounds?teamId=${team[TM_SECURITY]}&limit=1`)).json().items[0];
    const added = await as('tobaove', 'POST', `/api/v1/patrols/rounds/${own.id}/incidents`, {
      type: 'theft',
      occurredAt: new Date(Date.parse(own.startedAt) + 1_800_000).toISOString(),
      place: 'Bãi xe đầu ngõ 5',
      unitId: unit['tan-quang'],
      description: 'Phát hiện người đang cạy khoá xe máy; giữ người, báo Công an phường',
      handling: 'warned',
    });
    expect(added.statusCode, added.body).toBe(200);
    const incident = added.json().incidents.at(-1);
    const key = randomUUID();
    const handed = await as('tobaove', 'POST', `/api/v1/patrols/rounds/${own.id}/incidents/${incident.id}/hand-to-police`, undefined, {
      'idempotency-key': key,
    });
    expect(handed.statusCode, handed.body).toBe(200);
    const after = handed.json().incidents.find((i: { id: string }) => i.id === incident.id);
    expect(after).toMatchObject({ handling: 'handed_to_police', case: { number: expect.stringMatching(/^VV-\d{4}-\d{4}$/) } });
    const replay = await as('tobaove', 'POST', `/api/v1/patrols/rounds/${own.id}/incidents/${incident.id}/hand-to-police`, undefined, {
      'idempotency-key': key,
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const again = await as('tobaove', 'POST', `/api/v1/patrols/rounds/${own.id}/incidents/${incident.id}/hand-to-police`);
    expect(again.statusCode).toBe(409);
    const c = (await as('canbo', 'GET', `/api/v1/cases/${after.case.id}`)).json();
    expect(c).toMatchObject({ status: 'received', type: 'theft', unitId: unit['tan-quang'] });
    expect(c.summary).toContain('phát hiện khi tuần tra');
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patrol.incident_handover' AND entity_id = ${incident.id}`),
    ).toBe(1);
    const locked = await as('tobaove', 'PATCH', `/api/v1/patrols/rounds/${own.id}/incidents/${incident.id}`, { handling: 'warned' });
    expect(locked.statusCode).toBe(409);
  });

  it('appends residence checks and checkpoints to a round, as a phone sends them', async () => {
    const own = (await as('truongkhoi', 'GET', '/api/v1/patrols/rounds?limit=1')).json().items[0];
    const check = await as('truongkhoi', 'POST', `/api/v1/patrols/rounds/${own.id}/residence-checks`, {
      unitId: unit['trung-my'],
      address: 'Nhà trọ số 12 (địa chỉ thử)',
      premises: 'rented_room',
      peopleChecked: 4,
      findings: ['temporary_residence_not_registered', 'absence_not_declared'],
      action: 'guided_to_register',
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().residenceChecks.at(-1).findings).toHaveLength(2);
    const notBlock = await as('truongkhoi', 'POST', `/api/v1/patrols/rounds/${own.id}/residence-checks`, {
      unitId: unit['thcs-le-mao'],
      address: 'Trường',
      premises: 'other',
      peopleChecked: 0,
      findings: [],
    });
    expect(notBlock.statusCode).toBe(422);
  });

  it('lists with filters and keyset pages, and exports the log without names', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await as(
        'canbo',
        'GET',
        `/api/v1/patrols/rounds?from=2020-01-01&to=2020-06-30&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((x: { id: string }) => x.id));
      cursor = res.json().nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    const withIncidents = (
      await as('canbo', 'GET', '/api/v1/patrols/rounds?from=2020-01-01&to=2020-06-30&hasIncidents=true&limit=200')
    ).json();
    expect(withIncidents.items.length).toBeGreaterThan(0);
    expect(withIncidents.items.every((x: { incidents: number }) => x.incidents > 0)).toBe(true);
    const csv = await as('canbo', 'GET', '/api/v1/patrols/rounds/export.csv?from=2020-01-01&to=2020-06-30');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(121);
    expect(lines[1]).toContain('2020-01-01');
    const turns = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[6]), 0);
    expect(turns).toBe(380);
    const xlsx = await as('canbo', 'GET', '/api/v1/patrols/rounds/export.xlsx?from=2020-01-01&to=2020-06-30', undefined, {
      'accept-language': 'en',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.name).toBe('Patrol log');
    expect(wb.worksheets[0]?.rowCount).toBe(121);
    expect((await as('canbo', 'GET', '/api/v1/patrols/rounds?cursor=abc')).statusCode).toBe(400);
    expect((await as('canbo', 'GET', '/api/v1/patrols/rounds?from=2020-02-01&to=2020-01-01')).statusCode).toBe(400);
  });
});

describe('schedules and shifts', () => {
  it('makes weekly shifts with their members, lists mine, and makes future shifts again when changed', async () => {
    const members = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TQ_PATROL]}/members`)).json().items;
    const today = new Date(t.clock.ms + 7 * 3_600_000).toISOString().slice(0, 10);
    const plus = (d: number) => new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const created = await as('canbo', 'POST', '/api/v1/patrols/schedules', {
      teamId: team[TQ_PATROL],
      name: 'Trực thứ Hai, thứ Năm',
      recurrence: { freq: 'weekly', weekdays: [1, 4] },
      startTime: '21:00',
      durationMinutes: 120,
      validFrom: plus(1),
      validTo: plus(28),
      memberIds: [members[0].id, members[1].id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s.upcomingShifts).toBe(8);
    expect(s.members.map((m: { id: string }) => m.id).sort()).toEqual([members[0].id, members[1].id].sort());
    const shifts = (await as('canbo', 'GET', `/api/v1/patrols/shifts?from=${plus(1)}&to=${plus(28)}&teamId=${team[TQ_PATROL]}`)).json()
      .items;
    const ofSchedule = shifts.filter((x: { scheduleId: string }) => x.scheduleId === s.id);
    expect(ofSchedule).toHaveLength(8);
    expect(ofSchedule[0].startsAt).toMatch(/T14:00:00\.000Z$/);
    const changed = await as('canbo', 'PATCH', `/api/v1/patrols/schedules/${s.id}`, {
      recurrence: { freq: 'weekly', weekdays: [6] },
      startTime: '20:30',
    });
    expect(changed.json().upcomingShifts).toBe(4);
    const one = (await as('canbo', 'GET', `/api/v1/patrols/shifts?from=${plus(1)}&to=${plus(28)}&teamId=${team[TQ_PATROL]}`))
      .json()
      .items.find((x: { scheduleId: string }) => x.scheduleId === s.id);
    expect(one.startsAt).toMatch(/T13:30:00\.000Z$/);
    const cancelled = await as('canbo', 'PATCH', `/api/v1/patrols/shifts/${one.id}`, {
      cancelled: true,
      memberIds: [members[2].id],
      note: 'Hoãn vì mưa bão',
    });
    expect(cancelled.json()).toMatchObject({ cancelled: true, note: 'Hoãn vì mưa bão', members: [{ id: members[2].id }] });
    const outsider = await as('canbo', 'PATCH', `/api/v1/patrols/shifts/${one.id}`, { memberIds: [randomUUID()] });
    expect(outsider.statusCode).toBe(422);
    const tooLong = await as('canbo', 'POST', '/api/v1/patrols/schedules', {
      teamId: team[TQ_PATROL],
      name: 'Quá dài',
      recurrence: { freq: 'monthly', monthDays: [1] },
      startTime: '21:00',
      durationMinutes: 60,
      validFrom: plus(1),
      validTo: plus(400),
    });
    expect(tooLong.statusCode).toBe(422);
    const mine = (await as('tobaove', 'GET', `/api/v1/patrols/shifts?from=${plus(0)}&to=${plus(30)}&mine=true`)).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x: { teamName: string }) => x.teamName === TM_SECURITY)).toBe(true);
    expect((await as('tobaove', 'GET', `/api/v1/patrols/shifts?from=${plus(0)}&to=${plus(200)}`)).statusCode).toBe(400);
  });

  it('rates members for a year and keeps a leader below the team', async () => {
    const ratings = (await as('canbo', 'GET', `/api/v1/patrols/teams/${team[TM_SECURITY]}/ratings/2026`)).json();
    expect(ratings.period).toEqual({ from: '2025-11-15', to: '2026-11-14' });
    expect(ratings.team.level).toBe('good');
    expect(ratings.quota.withinQuota).toBe(true);
    const leader = ratings.members.find((m: { role: string }) => m.role === 'leader');
    const above = await as('canbo', 'PUT', `/api/v1/patrols/members/${leader.memberId}/ratings/2026`, { level: 'excellent' });
    expect(above.statusCode).toBe(422);
    expect(above.json().errors[0].message).toContain('Tổ trưởng không được xếp loại cao hơn');
    const newcomer = ratings.members.find((m: { fullName: string }) => m.fullName === 'Trần Văn Cao');
    expect(newcomer?.ratable ?? false).toBe(false);
  });
});
