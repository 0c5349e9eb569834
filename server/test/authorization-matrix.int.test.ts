import { isAllowed, PERMISSIONS, type Role } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db.ts';
import { CSRF, createTestApp, type TestApp } from './app.ts';

/**
 * The authorization matrix, generated from the permission table: every role × every route × a target in the
 * account's own unit, below it, beside it in the same ward, and in another ward. A refused role gets 403; a
 * target out of reach answers exactly like a missing id (404).
 */
let t: TestApp;
let unitIds: Map<string, string>;
let userIds: Map<string, string>;
const tokens = new Map<string, string>();
const tipIds: Record<string, string> = {};

type Account = {
  username: string;
  role: Role;
  reachUnits: (key: string) => boolean;
  targets: Record<string, string>;
  userTargets: Record<string, string>;
};

const THANH_VINH_WARDS = ['thanh-vinh', 'quang-trung', 'le-mao'];
const wardOfKey = (key: string) => {
  if (key === 'nghe-an' || key === 'vinh') return null;
  if (key.startsWith('tv:') || key === 'thanh-vinh') return 'thanh-vinh';
  if (key.startsWith('lm:') || key === 'le-mao') return 'le-mao';
  if (key.startsWith('trv:') || key === 'truong-vinh') return 'truong-vinh';
  return key;
};
const wardReach = (key: string) => THANH_VINH_WARDS.includes(wardOfKey(key) ?? '');

const ACCOUNTS: Account[] = [
  {
    username: 'quantri',
    role: 'admin',
    reachUnits: () => true,
    targets: { own: 'nghe-an', sub: 'thanh-vinh', other: 'truong-vinh' },
    userTargets: { own: 'quantri', sub: 'truongkhoi', other: 'canbo.truongvinh' },
  },
  {
    username: 'truongcongan',
    role: 'chief',
    reachUnits: wardReach,
    targets: { own: 'thanh-vinh', sub: 'tv:trung-my', history: 'le-mao', other: 'truong-vinh', otherSub: 'trv:khoi-1' },
    userTargets: { own: 'truongcongan', sub: 'truongkhoi', other: 'canbo.truongvinh' },
  },
  {
    username: 'canbo',
    role: 'officer',
    reachUnits: wardReach,
    targets: { own: 'thanh-vinh', sub: 'tv:trung-my', other: 'truong-vinh' },
    userTargets: { own: 'canbo', sub: 'truongkhoi', other: 'canbo.truongvinh' },
  },
  {
    username: 'theodoi',
    role: 'viewer',
    reachUnits: wardReach,
    targets: { own: 'thanh-vinh', sub: 'tv:tan-quang', other: 'truong-vinh' },
    userTargets: { own: 'theodoi', sub: 'hoagiai', other: 'canbo.truongvinh' },
  },
  ...(
    [
      ['tobaove', 'civil_guard', 'trung-my', 'tan-quang'],
      ['truongkhoi', 'block_leader', 'trung-my', 'tan-quang'],
      ['hoagiai', 'mediator', 'tan-quang', 'trung-my'],
      ['nhatruong', 'school_staff', 'thcs-le-mao', 'trung-my'],
    ] as const
  ).map(([username, role, own, sibling]) => ({
    username,
    role: role as Role,
    reachUnits: (key: string) => key === `tv:${own}` || key === `lm:${own}`,
    targets: { own: `tv:${own}`, history: `lm:${own}`, sibling: `tv:${sibling}`, ward: 'thanh-vinh', other: 'trv:khoi-1' },
    userTargets: { own: username, sibling: username === 'hoagiai' ? 'truongkhoi' : 'hoagiai', other: 'canbo.truongvinh' },
  })),
];

beforeAll(async () => {
  t = await createTestApp();
  const rows = await queryRows<{ id: string; code: string; parent: string | null }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code, p.code AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id`,
  );
  const prefix: Record<string, string> = { 'thanh-vinh': 'tv:', 'le-mao': 'lm:', 'truong-vinh': 'trv:' };
  unitIds = new Map(rows.map((r) => [`${r.parent && prefix[r.parent] ? prefix[r.parent] : ''}${r.code}`, r.id]));
  const users = await queryRows<{ id: string; username: string; unit_id: string }>(
    t.deps.database.db,
    sql`SELECT id, username, unit_id FROM users`,
  );
  userIds = new Map(users.map((u) => [u.username, u.id]));
  for (const a of ACCOUNTS) tokens.set(a.username, await t.tokenFor(a.username));
  for (const ward of ['thanh-vinh', 'truong-vinh']) {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tips',
      payload: { wardCode: ward, what: `Tin thử của ${ward}`, contactName: 'A', contactConsent: true },
    });
    const [row] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT t.id FROM tips t JOIN units w ON w.id = t.ward_id WHERE w.code = ${ward} ORDER BY t.seq DESC LIMIT 1`,
    );
    tipIds[ward] = row?.id as string;
  }
});
afterAll(() => t.close());

function call(username: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: `Bearer ${tokens.get(username)}` } });
}

const userUnitKey: Record<string, string> = {
  quantri: 'nghe-an',
  truongcongan: 'thanh-vinh',
  canbo: 'thanh-vinh',
  theodoi: 'thanh-vinh',
  'canbo.truongvinh': 'truong-vinh',
  tobaove: 'tv:trung-my',
  truongkhoi: 'tv:trung-my',
  hoagiai: 'tv:tan-quang',
  nhatruong: 'tv:thcs-le-mao',
};

const CHILD: Record<string, { type: string } | undefined> = {
  'nghe-an': { type: 'ward' },
  'thanh-vinh': { type: 'block' },
  'truong-vinh': { type: 'block' },
};

describe('authorization matrix (generated from the permission table)', () => {
  it('covers every action of the permission table', () => {
    const tested = new Set([
      'unit.read',
      'unit.manage',
      'user.read',
      'user.manage',
      'audit.read',
      'token.manage',
      'tip.read',
      'tip.triage',
      'tip.identity',
      'calendar.read',
      'calendar.manage',
      'case.read',
      'case.manage',
      'case.catalogue',
      'report.read',
      'patrol.read',
      'patrol.manage',
      'patrol.record',
      'residence.read',
      'residence.manage',
      'residence.inspect',
      'residence.identity',
      'mediation.read',
      'mediation.manage',
      'mediation.teams',
      'mediation.refer',
      'mediation.alerts',
      'outreach.read',
      'outreach.manage',
      'outreach.urgent',
      'outreach.deliveries',
      'camera.read',
      'camera.manage',
      'camera.request',
      'camera.limits',
      'certification.read',
      'certification.assess',
      'certification.decide',
      'certification.configure',
    ]);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...tested].sort());
  });

  let missing: string;
  let missingTip: string;
  beforeAll(async () => {
    missing = (await call('quantri', 'GET', '/api/v1/units/00000000-0000-4000-8000-000000000000')).body;
    missingTip = (await call('canbo', 'GET', '/api/v1/tips/00000000-0000-4000-8000-000000000000')).body;
  });

  for (const account of ACCOUNTS) {
    describe(`${account.role} (${account.username})`, () => {
      it('lists only what the role may list', async () => {
        for (const [url, action] of [
          ['/api/v1/units', 'unit.read'],
          ['/api/v1/users', 'user.read'],
          ['/api/v1/audit', 'audit.read'],
          ['/api/v1/tokens', 'token.manage'],
          ['/api/v1/tips', 'tip.read'],
          ['/api/v1/tips/assignees', 'tip.read'],
          ['/api/v1/calendar?year=2026', 'calendar.read'],
          ['/api/v1/cases', 'case.read'],
          ['/api/v1/rehab-dossiers', 'case.read'],
          ['/api/v1/reports/summary?unit=thanh-vinh&from=2026-01-01&to=2026-12-31', 'report.read'],
          ['/api/v1/reports/periodic?unit=thanh-vinh&from=2026-01-01&to=2026-06-30', 'report.read'],
          ['/api/v1/reports/dashboard?unit=thanh-vinh&from=2026-01-01&to=2026-06-30', 'report.read'],
          ['/api/v1/reports/map?unit=thanh-vinh&from=2026-01-01&to=2026-06-30', 'report.read'],
        ] as const) {
          const res = await call(account.username, 'GET', url);
          expect(res.statusCode, `${url}`).toBe(isAllowed(account.role, action) ? 200 : 403);
        }
        // The case-type catalogue is read by whoever records, counts or keeps cases.
        const types = await call(account.username, 'GET', '/api/v1/case-types');
        const readsTypes = (['case.read', 'report.read', 'case.catalogue'] as const).some((a) => isAllowed(account.role, a));
        expect(types.statusCode).toBe(readsTypes ? 200 : 403);
        // The roll-up of the province: its administrator's; a ward's account does not reach the province (404).
        const rollup = await call(account.username, 'GET', '/api/v1/reports/rollup?unit=nghe-an&from=2026-01-01&to=2026-06-30');
        expect(rollup.statusCode).toBe(isAllowed(account.role, 'report.read') ? (account.role === 'admin' ? 200 : 404) : 403);
        // Someone else's report job answers like a missing one; without report.read, the refusal comes first.
        const job = await call(account.username, 'GET', '/api/v1/reports/jobs/00000000-0000-4000-8000-000000000000');
        expect(job.statusCode).toBe(isAllowed(account.role, 'report.read') ? 404 : 403);
        const units = (await call(account.username, 'GET', '/api/v1/units?includeInactive=true')).json().items as { id: string }[];
        const visible = new Set(units.map((u) => u.id));
        for (const [key, id] of unitIds) {
          // Units above the wards are shown to province-level accounts only.
          expect(visible.has(id), `unit ${key}`).toBe(account.reachUnits(key) && (wardOfKey(key) !== null || account.role === 'admin'));
        }
      });

      for (const [label, key] of Object.entries(account.targets)) {
        it(`unit routes on ${label} (${key})`, async () => {
          const id = unitIds.get(key) as string;
          const reach = account.reachUnits(key);
          const expectFor = (action: 'unit.read' | 'unit.manage', ok: number) =>
            !isAllowed(account.role, action) ? 403 : reach ? ok : 404;
          const get = await call(account.username, 'GET', `/api/v1/units/${id}`);
          expect(get.statusCode).toBe(expectFor('unit.read', 200));
          if (get.statusCode === 404) expect(get.body).toBe(missing);
          const patch = await call(account.username, 'PATCH', `/api/v1/units/${id}`, { note: null });
          expect(patch.statusCode).toBe(expectFor('unit.manage', 200));
          if (patch.statusCode === 404) expect(patch.body).toBe(missing);
          const geometry = await call(account.username, 'GET', `/api/v1/units/${id}/geometry`);
          expect(geometry.statusCode).toBe(expectFor('unit.read', 200));
          const place = { centroid: { lat: 18.67, lng: 105.69 }, boundary: null };
          const setGeometry = await call(account.username, 'PUT', `/api/v1/units/${id}/geometry`, place);
          expect(setGeometry.statusCode).toBe(expectFor('unit.manage', 200));
          if (setGeometry.statusCode === 404) expect(setGeometry.body).toBe(missing);
          const child = CHILD[key];
          if (child) {
            const create = await call(account.username, 'POST', '/api/v1/units', {
              parentId: id,
              type: child.type,
              code: `m-${account.username}-${label}`,
              name: `Thử ${label}`,
            });
            expect(create.statusCode).toBe(expectFor('unit.manage', 201));
          }
        });
      }

      for (const [label, username] of Object.entries(account.userTargets)) {
        it(`account routes on ${label} (${username})`, async () => {
          const id = userIds.get(username) as string;
          const targetKey = userUnitKey[username] as string;
          const reach = account.role === 'admin' || account.reachUnits(targetKey);
          const expectFor = (action: 'user.read' | 'user.manage', ok: number) =>
            !isAllowed(account.role, action) ? 403 : reach ? ok : 404;
          const get = await call(account.username, 'GET', `/api/v1/users/${id}`);
          expect(get.statusCode).toBe(expectFor('user.read', 200));
          const patch = await call(account.username, 'PATCH', `/api/v1/users/${id}`, {});
          expect(patch.statusCode).toBe(expectFor('user.manage', 200));
          const unlock = await call(account.username, 'POST', `/api/v1/users/${id}/unlock`);
          expect(unlock.statusCode).toBe(expectFor('user.manage', 204));
          for (const res of [get, patch, unlock]) if (res.statusCode === 404) expect(res.json().code).toBe('notFound');
        });
      }
    });
  }

  for (const account of ACCOUNTS) {
    it(`${account.role} (${account.username}): tips of its ward and of another ward`, async () => {
      for (const [label, id] of Object.entries(tipIds)) {
        const reach = label === 'thanh-vinh' && account.role !== 'admin' && wardReach(userUnitKey[account.username] as string);
        const expectFor = (action: 'tip.read' | 'tip.triage' | 'tip.identity', ok: number) =>
          !isAllowed(account.role, action) ? 403 : reach ? ok : 404;
        const get = await call(account.username, 'GET', `/api/v1/tips/${id}`);
        expect(get.statusCode, `GET tip of ${label}`).toBe(expectFor('tip.read', 200));
        if (get.statusCode === 404) expect(get.body).toBe(missingTip);
        const note = await call(account.username, 'POST', `/api/v1/tips/${id}/notes`, { body: 'Ghi chú', toSender: false });
        expect(note.statusCode, `note on tip of ${label}`).toBe(expectFor('tip.triage', 200));
        const contact = await call(account.username, 'GET', `/api/v1/tips/${id}/contact`);
        // Beyond the table, the contact is for the chief or the assigned officer only (the tips policy).
        expect(contact.statusCode, `contact of tip of ${label}`).toBe(expectFor('tip.identity', account.role === 'chief' ? 200 : 403));
      }
    });

    it(`${account.role} (${account.username}): recording a case in its ward`, async () => {
      const res = await call(account.username, 'POST', '/api/v1/cases', {
        unitId: unitIds.get('tv:trung-my'),
        type: 'theft',
        occurredOn: '2026-11-01',
        discoveredOn: '2026-11-02',
        summary: 'Vụ thử quyền',
      });
      expect(res.statusCode).toBe(isAllowed(account.role, 'case.manage') ? 201 : 403);
    });

    it(`${account.role} (${account.username}): the case-type catalogue`, async () => {
      const res = await call(account.username, 'PATCH', '/api/v1/case-types/other', { labelEn: 'Other' });
      expect(res.statusCode).toBe(isAllowed(account.role, 'case.catalogue') ? 200 : 403);
    });

    it(`${account.role} (${account.username}): the working-day calendar`, async () => {
      const put = await call(account.username, 'PUT', '/api/v1/calendar/days/2026-12-24', { isWorking: false, name: 'Nghỉ thử' });
      expect(put.statusCode).toBe(isAllowed(account.role, 'calendar.manage') ? 200 : 403);
    });

    it(`${account.role} (${account.username}): patrol teams, and recording a round for Trung Mỹ's people's patrol`, async () => {
      const [team] = await queryRows<{ id: string }>(
        t.deps.database.db,
        sql`SELECT id FROM patrol_teams WHERE name = 'Tổ tuần tra nhân dân khối Trung Mỹ' AND closed_on IS NULL`,
      );
      const list = await call(account.username, 'GET', '/api/v1/patrols/teams');
      expect(list.statusCode).toBe(isAllowed(account.role, 'patrol.read') ? 200 : 403);
      const create = await call(account.username, 'POST', '/api/v1/patrols/teams', {
        kind: 'people_patrol',
        name: `Tổ thử ${account.username}`,
        unitId: unitIds.get('tv:tan-quang'),
        establishedOn: '2026-01-01',
      });
      expect(create.statusCode).toBe(isAllowed(account.role, 'patrol.manage') ? 201 : 403);
      const start = new Date(Date.now() - 26 * 3_600_000);
      const round = await t.app.inject({
        method: 'POST',
        url: '/api/v1/patrols/rounds',
        headers: { ...CSRF, authorization: `Bearer ${tokens.get(account.username)}`, 'idempotency-key': `matrix-${account.username}` },
        payload: {
          teamId: team?.id,
          startedAt: start.toISOString(),
          endedAt: new Date(start.getTime() + 7_200_000).toISOString(),
          participants: [{ name: 'Người thử quyền', kind: 'civilian' }],
        },
      });
      // The ward police record for any team of the ward; a civil guard or block leader only for a team they serve in
      // (both demo accounts serve in Trung Mỹ's people's patrol team).
      expect(round.statusCode, round.body).toBe(isAllowed(account.role, 'patrol.record') ? 201 : 403);
    });

    it(`${account.role} (${account.username}): residence places, notifications, inspections and ID numbers in Trung Mỹ`, async () => {
      const block = unitIds.get('tv:trung-my');
      const reachesBlock = account.role !== 'admin' && account.reachUnits('tv:trung-my');
      const expectFor = (action: 'residence.read' | 'residence.manage' | 'residence.inspect' | 'residence.identity', ok: number) =>
        !isAllowed(account.role, action) ? 403 : reachesBlock ? ok : 404;
      const list = await call(account.username, 'GET', '/api/v1/residence/places');
      expect(list.statusCode).toBe(isAllowed(account.role, 'residence.read') ? 200 : 403);
      const place = await call(account.username, 'POST', '/api/v1/residence/places', {
        unitId: block,
        kind: 'boarding_house',
        name: `Nhà trọ thử ${account.username}`,
        address: '1 Lê Mao',
        ownerName: 'Người thử',
      });
      expect(place.statusCode, place.body).toBe(expectFor('residence.manage', 201));
      const inspection = await call(account.username, 'POST', '/api/v1/residence/inspections', {
        unitId: block,
        kind: 'unannounced',
        status: 'planned',
        plannedOn: '2026-12-01',
        inspectors: `Thử ${account.username}`,
      });
      expect(inspection.statusCode, inspection.body).toBe(expectFor('residence.inspect', 201));
      const [person] = await queryRows<{ id: string }>(
        t.deps.database.db,
        sql`SELECT p.id FROM residence_people p WHERE p.unit_id = ${block} AND p.id_number_enc IS NOT NULL LIMIT 1`,
      );
      const reveal = await call(account.username, 'GET', `/api/v1/residence/residents/${person?.id}/id-number`);
      expect(reveal.statusCode).toBe(expectFor('residence.identity', 200));
    });

    it(`${account.role} (${account.username}): mediation teams, the book, tips for mediation and the police's notifications`, async () => {
      // A block account works in its own block; the others in Tân Quang.
      const block = unitIds.get(account.targets.own?.startsWith('tv:') ? account.targets.own : 'tv:tan-quang');
      const teams = await call(account.username, 'GET', '/api/v1/mediation/teams');
      expect(teams.statusCode).toBe(isAllowed(account.role, 'mediation.read') ? 200 : 403);
      const team = await call(account.username, 'POST', '/api/v1/mediation/teams', {
        unitId: block,
        name: `Tổ hòa giải thử ${account.username}`,
        establishedOn: '2026-01-01',
      });
      expect(team.statusCode, team.body).toBe(isAllowed(account.role, 'mediation.teams') ? 201 : 403);
      const book = await call(account.username, 'POST', '/api/v1/mediation/cases', {
        unitId: block,
        receivedOn: '2026-11-01',
        ground: 'party_request',
        type: 'neighbours',
        summary: 'Vụ thử quyền',
        parties: [{ name: `Người thử ${account.username}` }],
      });
      expect(book.statusCode, book.body).toBe(isAllowed(account.role, 'mediation.manage') ? 201 : 403);
      const tips = await call(account.username, 'GET', '/api/v1/mediation/tips');
      expect(tips.statusCode).toBe(isAllowed(account.role, 'mediation.refer') ? 200 : 403);
      const alerts = await call(account.username, 'GET', '/api/v1/mediation/notifications');
      expect(alerts.statusCode).toBe(isAllowed(account.role, 'mediation.alerts') ? 200 : 403);
    });

    it(`${account.role} (${account.username}): outreach activities, announcements, urgent alerts and deliveries`, async () => {
      // A block account works in its own block; the others in Tân Quang.
      const block = unitIds.get(account.targets.own?.startsWith('tv:') ? account.targets.own : 'tv:tan-quang');
      const list = await call(account.username, 'GET', '/api/v1/outreach/activities');
      expect(list.statusCode).toBe(isAllowed(account.role, 'outreach.read') ? 200 : 403);
      const activity = await call(account.username, 'POST', '/api/v1/outreach/activities', {
        unitId: block,
        type: 'block_meeting',
        topic: 'drugs',
        heldOn: '2026-11-01',
        title: `Họp dân thử quyền ${account.username}`,
      });
      expect(activity.statusCode, activity.body).toBe(isAllowed(account.role, 'outreach.manage') ? 201 : 403);
      const urgent = await call(account.username, 'POST', '/api/v1/outreach/announcements', {
        unitId: block,
        kind: 'alert',
        topic: 'fraud',
        title: `Cảnh báo thử quyền ${account.username}`,
        body: 'Nội dung thử',
        urgent: true,
      });
      const mayUrgent = isAllowed(account.role, 'outreach.manage') && isAllowed(account.role, 'outreach.urgent');
      expect(urgent.statusCode, urgent.body).toBe(mayUrgent ? 201 : 403);
      const deliveries = await call(
        account.username,
        'GET',
        '/api/v1/outreach/announcements/00000000-0000-4000-8000-000000000000/deliveries',
      );
      expect(deliveries.statusCode).toBe(isAllowed(account.role, 'outreach.deliveries') ? 404 : 403);
    });

    it(`${account.role} (${account.username}): community cameras, the search for footage and the ward's limits`, async () => {
      const block = unitIds.get(account.targets.own?.startsWith('tv:') ? account.targets.own : 'tv:tan-quang');
      const list = await call(account.username, 'GET', '/api/v1/cameras');
      expect(list.statusCode).toBe(isAllowed(account.role, 'camera.read') ? 200 : 403);
      const made = await call(account.username, 'POST', '/api/v1/cameras', {
        unitId: block,
        kind: 'ward',
        label: `Camera thử quyền ${account.username}`,
        address: 'Ngã ba thử quyền (địa chỉ mẫu)',
        lat: 18.67,
        lng: 105.69,
        direction: 0,
        angle: 90,
        range: 30,
        covers: ['street'],
        retentionDays: 7,
        working: true,
      });
      expect(made.statusCode, made.body).toBe(isAllowed(account.role, 'camera.manage') ? 201 : 403);
      const search = await call(account.username, 'POST', '/api/v1/cameras/search', {
        lat: 18.6701,
        lng: 105.69,
        radiusMetres: 50,
        fromAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
        toAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(search.statusCode, search.body).toBe(isAllowed(account.role, 'camera.request') ? 200 : 403);
      const limits = await call(account.username, 'PUT', '/api/v1/cameras/limits', { maxWindowHours: 12, maxRadiusMetres: 500 });
      expect(limits.statusCode, limits.body).toBe(isAllowed(account.role, 'camera.limits') ? 200 : 403);
    });
  }

  for (const account of ACCOUNTS) {
    it(`${account.role} (${account.username}): the "An toàn về ANTT" year, movement models and awards`, async () => {
      const unit = unitIds.get(account.targets.own?.startsWith('tv:') ? account.targets.own : 'tv:tan-quang');
      const cycles = await call(account.username, 'GET', '/api/v1/certification/cycles?year=2025');
      expect(cycles.statusCode).toBe(isAllowed(account.role, 'certification.read') ? 200 : 403);
      const model = await call(account.username, 'POST', '/api/v1/certification/models', {
        unitId: unit,
        name: `Mô hình thử ${account.username}`,
        runBy: 'Tổ thử quyền',
        startedOn: '2026-01-01',
      });
      expect(model.statusCode, model.body).toBe(isAllowed(account.role, 'certification.assess') ? 201 : 403);
      const award = await call(account.username, 'POST', '/api/v1/certification/awards', {
        year: 2026,
        kind: 'commendation',
        recipient: 'group',
        unitId: unit,
        issuer: 'UBND phường',
        proposedOn: '2026-11-20',
      });
      expect(award.statusCode, award.body).toBe(isAllowed(account.role, 'certification.decide') ? 201 : 403);
      const other = await call(account.username, 'POST', '/api/v1/certification/models', {
        unitId: unitIds.get('trv:khoi-1'),
        name: 'Mô hình ngoài phạm vi',
        runBy: 'Tổ thử quyền',
        startedOn: '2026-01-01',
      });
      expect(other.statusCode).toBe(isAllowed(account.role, 'certification.assess') ? 404 : 403);
      const rules = await call(account.username, 'GET', '/api/v1/certification/province-rules');
      expect(rules.statusCode, rules.body).toBe(isAllowed(account.role, 'certification.configure') ? 200 : 403);
    });
  }

  it('records every refusal in the audit log', async () => {
    const rows = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied'`,
    );
    expect(rows[0]?.n).toBeGreaterThan(20);
  });
});
