import { randomUUID } from 'node:crypto';
import { addDays, isoWeekday, occurrences, type Recurrence, shiftInstants, vnDayOf } from '@binh-an/domain';
import { randomToken } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { recordCaseFromPatrol } from '../cases/index.ts';
import {
  insertCheckpoint,
  insertIncidents,
  insertMember,
  insertResidenceChecks,
  insertRound,
  insertRoute,
  insertSchedule,
  insertShifts,
  insertTeam,
  insertVisits,
  replaceParticipants,
  replaceTeamArea,
  updateIncidentRow,
  upsertRating,
} from './patrol.repository.ts';

/**
 * The demo patrol log. Lê Mao, 1 Jan – 30 Jun 2020, as the article reports it: the ward police with the civil defence
 * force (bảo vệ dân phố) and the people's patrol teams of Trung Mỹ and Tân Quang, 120 rounds and 380 turns (140 by
 * officers, 240 by civilians) reaching all 9 blocks. Then the last 90 days of phường Thành Vinh: its Tổ bảo vệ ANTT
 * (the 2023 Law's teams), people's patrol teams and school gate team, with schedules, shifts, checkpoints marked by QR
 * code, residence checks and incidents. Generated from a fixed seed; names are invented, addresses marked as samples.
 */
type Ward = { id: string; blocks: Record<string, string>; schools: Record<string, string> };
/** A ward as the demo loader knows it: its id and its units (blocks and schools) by code. */
type DemoWard = { id: string; units: Record<string, string> };
type DemoAccounts = { truongcongan: string | null; canbo: string | null; tobaove: string | null; truongkhoi: string | null };

const SAMPLE = '(địa chỉ mẫu)';
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const GIVEN = [
  'Văn Tâm',
  'Đình Lực',
  'Thị Hằng',
  'Văn Quý',
  'Hữu Thành',
  'Thị Nga',
  'Văn Toản',
  'Xuân Trường',
  'Công Hiếu',
  'Thị Vân',
  'Văn Sáu',
  'Đức Mạnh',
  'Minh Tuấn',
  'Thị Thu',
];

/** One checkpoint per block of old Lê Mao, on real streets of central Vinh (the points themselves are samples). */
const BLOCK_POINTS: { block: string; name: string; street: string }[] = [
  { block: 'trung-my', name: 'Nhà văn hóa khối Trung Mỹ', street: 'đường Lê Mao' },
  { block: 'tan-quang', name: 'Ngã ba Tân Quang – Nguyễn Thị Minh Khai', street: 'đường Nguyễn Thị Minh Khai' },
  { block: 'yen-giang', name: 'Đầu ngõ khối Yên Giang', street: 'đường Trần Phú' },
  { block: 'tan-phuong', name: 'Sân chơi khối Tân Phượng', street: 'đường Hồ Tùng Mậu' },
  { block: 'dao-phat', name: 'Chợ nhỏ khối Đào Phát', street: 'đường Lê Hồng Phong' },
  { block: 'hong-ngu', name: 'Bãi xe khối Hồng Ngự', street: 'đường Đinh Công Tráng' },
  { block: 'my-thuong', name: 'Nhà văn hóa khối Mỹ Thượng', street: 'đường Phan Đăng Lưu' },
  { block: 'tan-tien', name: 'Ngõ khối Tân Tiến', street: 'đường Hà Huy Tập' },
  { block: 'dong-lam', name: 'Cổng khu tập thể khối Đông Lâm', street: 'đường Nguyễn Sỹ Sách' },
];

/** A small deterministic generator (mulberry32), so that the demo is the same on every load. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

type Checkpoint = { id: string; code: string; unitId: string | null };

async function addTeam(
  tx: DbOrTx,
  t: {
    wardId: string;
    unitId: string;
    kind: string;
    name: string;
    establishedOn: string;
    closedOn?: string;
    closeReason?: string;
    area: string[];
    decisionRef?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await insertTeam(tx, {
    wardId: t.wardId,
    id,
    unitId: t.unitId,
    kind: t.kind,
    name: t.name,
    establishedOn: t.establishedOn,
    closedOn: t.closedOn ?? null,
    closeReason: t.closeReason ?? null,
    decisionRef: t.decisionRef ?? null,
    note: 'Dữ liệu mẫu để trình diễn.',
  });
  await replaceTeamArea(tx, t.wardId, id, t.area);
  return id;
}

let personCounter = 0;
function inventedName(): string {
  personCounter += 1;
  return `${SURNAMES[personCounter % SURNAMES.length]} ${GIVEN[(personCounter * 5) % GIVEN.length]}`;
}

async function addMember(
  tx: DbOrTx,
  m: {
    wardId: string;
    teamId: string;
    fullName?: string;
    role: string;
    birthYear: number;
    joinedOn: string;
    leftOn?: string;
    userId?: string | null;
  },
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  const fullName = m.fullName ?? inventedName();
  await insertMember(tx, {
    wardId: m.wardId,
    id,
    teamId: m.teamId,
    userId: m.userId ?? null,
    fullName,
    birthDate: `${m.birthYear}-0${1 + (personCounter % 9)}-1${personCounter % 9}`,
    role: m.role,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn ?? null,
    leaveReason: m.leftOn ? 'Kết thúc hoạt động của tổ' : null,
    phone: `0900 ${String(100 + (personCounter % 900)).padStart(3, '0')} ${String((personCounter * 37) % 1000).padStart(3, '0')} (số mẫu)`,
    address: `${SAMPLE}`,
    note: 'Người mẫu, không có thật.',
  });
  return { id, name: fullName };
}

async function addRoute(
  tx: DbOrTx,
  wardId: string,
  teamId: string | null,
  name: string,
  blocks: Record<string, string>,
  points: typeof BLOCK_POINTS,
): Promise<{ id: string; checkpoints: Checkpoint[] }> {
  const id = randomUUID();
  await insertRoute(tx, { wardId, id, teamId, name, description: 'Tuyến mẫu để trình diễn.' });
  const checkpoints: Checkpoint[] = [];
  for (const [i, p] of points.entries()) {
    const cp = { id: randomUUID(), code: randomToken(9), unitId: blocks[p.block] ?? null };
    await insertCheckpoint(tx, {
      wardId,
      id: cp.id,
      routeId: id,
      ordinal: i + 1,
      name: p.name,
      unitId: cp.unitId,
      street: p.street,
      lat: 18.6655 + ((i * 7) % 9) * 0.0011,
      lng: 105.6862 + ((i * 4) % 9) * 0.0009,
      radiusM: 80,
      code: cp.code,
    });
    checkpoints.push(cp);
  }
  return { id, checkpoints };
}

type RoundSpec = {
  wardId: string;
  teamId: string;
  unitId: string;
  routeId: string | null;
  shiftId?: string | null;
  planned?: { start: Date; end: Date } | null;
  start: Date;
  minutes: number;
  participants: { memberId: string; name: string; kind: 'officer' | 'civilian' }[];
  checkpoints: Checkpoint[];
  method: 'qr' | 'tap';
  residence?: { unitId: string | null; address: string; premises: string; people: number; findings: string[]; action: string | null }[];
  incidents?: { type: string; handling: string; description: string; place: string; unitId: string | null; note?: string }[];
  recordedBy: string | null;
};

async function addRound(tx: DbOrTx, r: RoundSpec): Promise<{ id: string; incidentIds: string[] }> {
  const id = randomUUID();
  const end = plus(r.start, r.minutes);
  await insertRound(tx, {
    wardId: r.wardId,
    id,
    teamId: r.teamId,
    unitId: r.unitId,
    routeId: r.routeId,
    shiftId: r.shiftId ?? null,
    plannedStart: r.planned?.start ?? null,
    plannedEnd: r.planned?.end ?? null,
    startedAt: r.start,
    endedAt: end,
    startedOn: vnDayOf(r.start),
    recordedBy: r.recordedBy,
    recordedAt: plus(end, 20),
    recordedOnDeviceAt: plus(end, 5),
  });
  await replaceParticipants(tx, r.wardId, id, r.participants);
  const step = Math.floor(r.minutes / (r.checkpoints.length + 1));
  await insertVisits(
    tx,
    r.checkpoints.map((c, i) => ({
      wardId: r.wardId,
      roundId: id,
      checkpointId: c.id,
      at: plus(r.start, step * (i + 1)),
      method: r.method,
      verified: r.method === 'qr',
      distanceM: null,
    })),
  );
  await insertResidenceChecks(
    tx,
    (r.residence ?? []).map((c, i) => ({
      wardId: r.wardId,
      roundId: id,
      unitId: c.unitId,
      address: c.address,
      premises: c.premises,
      peopleChecked: c.people,
      findings: c.findings,
      action: c.action,
      position: i,
    })),
  );
  const incidents = (r.incidents ?? []).map((x, i) => ({
    wardId: r.wardId,
    id: randomUUID(),
    roundId: id,
    type: x.type,
    occurredAt: plus(r.start, 40 + i * 10),
    place: x.place,
    unitId: x.unitId,
    description: x.description,
    handling: x.handling,
    handlingNote: x.note ?? null,
    position: i,
  }));
  await insertIncidents(tx, incidents);
  return { id, incidentIds: incidents.map((i) => i.id) };
}

const INCIDENTS_2020 = [
  { type: 'noise', handling: 'warned', description: 'Nhóm thanh niên tụ tập hát karaoke ngoài trời quá 23 giờ, gây ồn ào.' },
  { type: 'fight', handling: 'mediated', description: 'Hai hộ liền kề cãi nhau, xô xát vì tranh chấp lối đi; đã hòa giải tại chỗ.' },
  {
    type: 'suspicious',
    handling: 'noted',
    description: 'Người lạ đi xe máy không biển số quan sát các nhà trong ngõ; ghi nhận, theo dõi.',
  },
  { type: 'public_disorder', handling: 'warned', description: 'Nhóm thanh niên đua xe, nẹt pô trên đường; nhắc nhở, giải tán.' },
  {
    type: 'theft',
    handling: 'handed_to_police',
    description: 'Phát hiện đối tượng nghi trộm cắp xe đạp tại bãi xe; chuyển Công an phường xử lý.',
    note: 'Chuyển Công an phường; lập hồ sơ giấy.',
  },
  { type: 'traffic', handling: 'warned', description: 'Xe tải đỗ chắn lối vào ngõ ban đêm; nhắc chủ xe di chuyển.' },
] as const;

/** Lê Mao, 1 Jan – 30 Jun 2020: exactly 120 rounds and 380 turns (seed/le-mao-2020.en.md). */
async function loadLeMao2020(tx: DbOrTx, w: Ward): Promise<void> {
  const police = await addTeam(tx, {
    wardId: w.id,
    unitId: w.id,
    kind: 'ward_police',
    name: 'Công an phường Lê Mao',
    establishedOn: '2010-01-01',
    closedOn: '2024-11-30',
    closeReason: 'Phường Lê Mao sáp nhập vào phường Quang Trung (01/12/2024).',
    area: [],
  });
  const guard = await addTeam(tx, {
    wardId: w.id,
    unitId: w.id,
    kind: 'neighbourhood_guard',
    name: 'Lực lượng bảo vệ dân phố phường Lê Mao',
    establishedOn: '2010-01-01',
    closedOn: '2024-06-30',
    closeReason: 'Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở 2023 có hiệu lực từ 01/07/2024.',
    area: Object.values(w.blocks),
  });
  const trungMy = await addTeam(tx, {
    wardId: w.id,
    unitId: w.blocks['trung-my'] as string,
    kind: 'people_patrol',
    name: 'Tổ tuần tra nhân dân khối Trung Mỹ',
    establishedOn: '2016-03-01',
    closedOn: '2024-11-30',
    area: [w.blocks['trung-my'] as string],
  });
  const tanQuang = await addTeam(tx, {
    wardId: w.id,
    unitId: w.blocks['tan-quang'] as string,
    kind: 'people_patrol',
    name: 'Tổ tuần tra nhân dân khối Tân Quang',
    establishedOn: '2016-03-01',
    closedOn: '2024-11-30',
    area: [w.blocks['tan-quang'] as string],
  });
  const officers = [];
  for (let i = 0; i < 6; i++) {
    officers.push(
      await addMember(tx, {
        wardId: w.id,
        teamId: police,
        role: i === 0 ? 'leader' : 'member',
        birthYear: 1975 + i * 3,
        joinedOn: '2015-01-01',
        leftOn: '2024-11-30',
      }),
    );
  }
  const guards = [];
  for (let i = 0; i < 10; i++) {
    guards.push(
      await addMember(tx, {
        wardId: w.id,
        teamId: guard,
        role: i === 0 ? 'leader' : i === 1 ? 'deputy' : 'member',
        birthYear: 1958 + i * 2,
        joinedOn: '2012-05-01',
        leftOn: '2024-06-30',
      }),
    );
  }
  const blockTeams: Record<string, { id: string; name: string }[]> = { 'trung-my': [], 'tan-quang': [] };
  for (const [block, teamId] of [
    ['trung-my', trungMy],
    ['tan-quang', tanQuang],
  ] as const) {
    for (let i = 0; i < 6; i++) {
      blockTeams[block]?.push(
        await addMember(tx, {
          wardId: w.id,
          teamId,
          role: i === 0 ? 'leader' : 'member',
          birthYear: 1955 + i * 4,
          joinedOn: '2016-03-01',
          leftOn: '2024-11-30',
        }),
      );
    }
  }
  const closedLoop = await addRoute(tx, w.id, null, 'Tuyến tuần tra khép kín phường Lê Mao', w.blocks, BLOCK_POINTS);
  const routes: Record<string, { id: string; checkpoints: Checkpoint[] }> = {};
  for (const block of ['trung-my', 'tan-quang'] as const) {
    const p = BLOCK_POINTS.find((x) => x.block === block) as (typeof BLOCK_POINTS)[number];
    routes[block] = await addRoute(
      tx,
      w.id,
      block === 'trung-my' ? trungMy : tanQuang,
      `Tuyến khối ${block === 'trung-my' ? 'Trung Mỹ' : 'Tân Quang'}`,
      w.blocks,
      [
        p,
        { block, name: `Ngõ 3 ${p.street}`, street: p.street },
        { block, name: 'Khu nhà trọ sinh viên', street: p.street },
        { block, name: 'Trạm biến áp cuối khối', street: p.street },
      ],
    );
  }
  const kind = (k: 'officer' | 'civilian') => (m: { id: string; name: string }) => ({ memberId: m.id, name: m.name, kind: k });

  // 80 closed-loop rounds of the ward police with the civil defence force: 3 turns each, 4 in every fourth (a second officer).
  for (let i = 0; i < 80; i++) {
    const day = addDays('2020-01-01', Math.floor((i * 182) / 80));
    const participants = [
      kind('officer')(officers[i % 6] as { id: string; name: string }),
      kind('civilian')(guards[i % 10] as { id: string; name: string }),
      kind('civilian')(guards[(i + 3) % 10] as { id: string; name: string }),
    ];
    if (i % 4 === 0) participants.push(kind('officer')(officers[(i + 1) % 6] as { id: string; name: string }));
    const incident = i % 9 === 4 ? INCIDENTS_2020[Math.floor(i / 9) % INCIDENTS_2020.length] : undefined;
    const block = BLOCK_POINTS[i % 9] as (typeof BLOCK_POINTS)[number];
    await addRound(tx, {
      wardId: w.id,
      teamId: guard,
      unitId: w.id,
      routeId: closedLoop.id,
      start: at(day, i % 2 ? '21:30' : '22:00'),
      minutes: [150, 120, 180][i % 3] as number,
      participants,
      checkpoints: closedLoop.checkpoints,
      method: 'tap',
      incidents: incident
        ? [
            {
              ...incident,
              place: `${block.name}, ${block.street}`,
              unitId: w.blocks[block.block] ?? null,
              note: 'note' in incident ? incident.note : undefined,
            },
          ]
        : [],
      recordedBy: null,
    });
  }
  // 20 rounds each of the people's patrol teams of Trung Mỹ and Tân Quang, with an area police officer: 3 turns each.
  for (const [b, block] of (['trung-my', 'tan-quang'] as const).entries()) {
    const members = blockTeams[block] as { id: string; name: string }[];
    const route = routes[block] as { id: string; checkpoints: Checkpoint[] };
    const p = BLOCK_POINTS.find((x) => x.block === block) as (typeof BLOCK_POINTS)[number];
    for (let j = 0; j < 20; j++) {
      const day = addDays('2020-01-01', Math.floor(j * 9.1) + 3 + b * 3);
      const findings = j % 5 === 2 ? ['temporary_residence_not_registered'] : j % 7 === 3 ? ['stay_not_notified'] : [];
      await addRound(tx, {
        wardId: w.id,
        teamId: block === 'trung-my' ? trungMy : tanQuang,
        unitId: w.blocks[block] as string,
        routeId: route.id,
        start: at(day, '20:00'),
        minutes: 120,
        participants: [
          kind('officer')(officers[1 + b] as { id: string; name: string }),
          kind('civilian')(members[j % 6] as { id: string; name: string }),
          kind('civilian')(members[(j + 2) % 6] as { id: string; name: string }),
        ],
        checkpoints: route.checkpoints,
        method: 'tap',
        residence: [
          {
            unitId: w.blocks[block] ?? null,
            address: `Số ${3 + j * 2}, ngõ ${1 + (j % 5)}, ${p.street} ${SAMPLE}`,
            premises: j % 3 === 0 ? 'household' : 'rented_room',
            people: 2 + (j % 5),
            findings,
            action: findings.length ? (findings[0] === 'stay_not_notified' ? 'reminded' : 'guided_to_register') : null,
          },
        ],
        recordedBy: null,
      });
    }
  }
}

/** Phường Thành Vinh, the last 90 days: teams of the 2023 Law, schedules and shifts, and the rounds that followed. */
async function loadThanhVinh(tx: DbOrTx, w: Ward, accounts: DemoAccounts, today: string): Promise<void> {
  const rand = seeded(20_200_630);
  const established = '2025-07-01';
  const police = await addTeam(tx, {
    wardId: w.id,
    unitId: w.id,
    kind: 'ward_police',
    name: 'Công an phường Thành Vinh',
    establishedOn: established,
    area: [],
  });
  const officers = [
    await addMember(tx, {
      wardId: w.id,
      teamId: police,
      fullName: 'Nguyễn Văn Hùng',
      role: 'leader',
      birthYear: 1978,
      joinedOn: established,
      userId: accounts.truongcongan,
    }),
    await addMember(tx, {
      wardId: w.id,
      teamId: police,
      fullName: 'Trần Thị Lan',
      role: 'member',
      birthYear: 1990,
      joinedOn: established,
      userId: accounts.canbo,
    }),
    await addMember(tx, { wardId: w.id, teamId: police, role: 'deputy', birthYear: 1984, joinedOn: established }),
    await addMember(tx, { wardId: w.id, teamId: police, role: 'member', birthYear: 1993, joinedOn: established }),
  ];
  const security = [];
  const securityAreas: [string, string, string[]][] = [
    ['Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang', 'trung-my', ['trung-my', 'tan-quang']],
    ['Tổ bảo vệ an ninh, trật tự khối Yên Giang – Đào Phát – Hồng Ngự', 'yen-giang', ['yen-giang', 'dao-phat', 'hong-ngu']],
    [
      'Tổ bảo vệ an ninh, trật tự khối Mỹ Thượng – Tân Tiến – Đông Lâm – Tân Phượng',
      'my-thuong',
      ['my-thuong', 'tan-tien', 'dong-lam', 'tan-phuong'],
    ],
  ];
  for (const [k, [name, home, area]] of securityAreas.entries()) {
    const teamId = await addTeam(tx, {
      wardId: w.id,
      unitId: w.blocks[home] as string,
      kind: 'security_team',
      name,
      establishedOn: established,
      area: area.map((b) => w.blocks[b] as string),
      decisionRef: `${120 + k}/QĐ-UBND (số mẫu)`,
    });
    const members = [];
    for (let i = 0; i < 5; i++) {
      const linked = k === 0 && i === 0;
      members.push(
        await addMember(tx, {
          wardId: w.id,
          teamId,
          fullName: linked ? 'Lê Văn Bình' : undefined,
          role: i === 0 ? 'leader' : i === 1 ? 'deputy' : 'member',
          birthYear: 1962 + i * 7 + k,
          joinedOn: established,
          userId: linked ? accounts.tobaove : null,
        }),
      );
    }
    security.push({ teamId, members });
  }
  const patrolTeams: Record<string, { teamId: string; members: { id: string; name: string }[] }> = {};
  for (const block of ['trung-my', 'tan-quang'] as const) {
    const teamId = await addTeam(tx, {
      wardId: w.id,
      unitId: w.blocks[block] as string,
      kind: 'people_patrol',
      name: `Tổ tuần tra nhân dân khối ${block === 'trung-my' ? 'Trung Mỹ' : 'Tân Quang'}`,
      establishedOn: established,
      area: [w.blocks[block] as string],
    });
    const members = [];
    for (let i = 0; i < 5; i++) {
      const leader = block === 'trung-my' && i === 0;
      members.push(
        await addMember(tx, {
          wardId: w.id,
          teamId,
          fullName: leader ? 'Phạm Thị Hoa' : undefined,
          role: i === 0 ? 'leader' : 'member',
          birthYear: 1960 + i * 6,
          joinedOn: established,
          userId: leader ? accounts.truongkhoi : null,
        }),
      );
    }
    if (block === 'trung-my') {
      // The civil guard of Trung Mỹ also patrols with the block's people's patrol team.
      members.push(
        await addMember(tx, {
          wardId: w.id,
          teamId,
          fullName: 'Lê Văn Bình',
          role: 'member',
          birthYear: 1975,
          joinedOn: established,
          userId: accounts.tobaove,
        }),
      );
    }
    patrolTeams[block] = { teamId, members };
  }
  const school = w.schools['thcs-le-mao'];
  let schoolTeam: string | null = null;
  if (school) {
    schoolTeam = await addTeam(tx, {
      wardId: w.id,
      unitId: school,
      kind: 'school_gate',
      name: 'Tổ cổng trường an toàn giao thông THCS Lê Mao',
      establishedOn: '2025-09-05',
      area: [],
    });
    for (let i = 0; i < 4; i++) {
      await addMember(tx, {
        wardId: w.id,
        teamId: schoolTeam,
        role: i === 0 ? 'leader' : 'member',
        birthYear: 1970 + i * 5,
        joinedOn: '2025-09-05',
      });
    }
  }

  const closedLoop = await addRoute(tx, w.id, null, 'Tuyến khép kín khu trung tâm (địa bàn Lê Mao cũ)', w.blocks, BLOCK_POINTS);
  const tmTq = security[0] as { teamId: string; members: { id: string; name: string }[] };
  const tmTqRoute = await addRoute(
    tx,
    w.id,
    tmTq.teamId,
    'Tuyến Tổ bảo vệ ANTT Trung Mỹ – Tân Quang',
    w.blocks,
    BLOCK_POINTS.filter((p) => p.block === 'trung-my' || p.block === 'tan-quang').flatMap((p) => [
      p,
      { block: p.block, name: `Ngõ 5 ${p.street}`, street: p.street },
    ]),
  );
  const blockRoutes: Record<string, { id: string; checkpoints: Checkpoint[] }> = {};
  for (const block of ['trung-my', 'tan-quang'] as const) {
    const p = BLOCK_POINTS.find((x) => x.block === block) as (typeof BLOCK_POINTS)[number];
    blockRoutes[block] = await addRoute(
      tx,
      w.id,
      patrolTeams[block]?.teamId ?? null,
      `Tuyến khối ${block === 'trung-my' ? 'Trung Mỹ' : 'Tân Quang'}`,
      w.blocks,
      [p, { block, name: 'Khu nhà trọ cuối ngõ 7', street: p.street }, { block, name: 'Quán nước đầu khối', street: p.street }],
    );
  }

  // Schedules and their shifts: 90 days back, 60 ahead.
  const from = addDays(today, -90);
  const to = addDays(today, 60);
  const schedule = async (
    teamId: string,
    routeId: string | null,
    name: string,
    recurrence: Recurrence,
    startTime: string,
    minutes: number,
    memberIds: string[],
    validFrom = from,
  ) => {
    const id = randomUUID();
    await insertSchedule(tx, {
      wardId: w.id,
      id,
      teamId,
      routeId,
      name,
      recurrence,
      startTime,
      durationMinutes: minutes,
      validFrom,
      validTo: to,
      memberIds,
    });
    const shifts = occurrences(recurrence, validFrom, to).map((on) => ({
      wardId: w.id,
      id: randomUUID(),
      teamId,
      scheduleId: id,
      routeId,
      onDay: on,
      ...shiftInstants(on, startTime, minutes),
      memberIds,
    }));
    await insertShifts(tx, shifts);
    return shifts;
  };
  const tmTqShifts = await schedule(
    tmTq.teamId,
    tmTqRoute.id,
    'Tuần tra đêm thứ Sáu, thứ Bảy',
    { freq: 'weekly', weekdays: [5, 6] },
    '21:00',
    180,
    tmTq.members.slice(0, 3).map((m) => m.id),
  );
  const tm = patrolTeams['trung-my'] as { teamId: string; members: { id: string; name: string }[] };
  const tmShifts = await schedule(
    tm.teamId,
    blockRoutes['trung-my']?.id ?? null,
    'Tuần tra khối thứ Tư, Chủ nhật',
    { freq: 'weekly', weekdays: [3, 7] },
    '20:00',
    120,
    tm.members.slice(0, 3).map((m) => m.id),
  );
  if (schoolTeam) {
    await schedule(
      schoolTeam,
      null,
      'Trực cổng trường giờ vào học',
      { freq: 'weekly', weekdays: [1, 2, 3, 4, 5] },
      '06:30',
      60,
      [],
      addDays(today, -14),
    );
  }
  const monthly = security[1] as { teamId: string; members: { id: string; name: string }[] };
  await schedule(
    monthly.teamId,
    null,
    'Tổng kiểm tra cư trú đầu tháng',
    { freq: 'monthly', monthDays: [1, 15] },
    '19:30',
    150,
    monthly.members.slice(0, 2).map((m) => m.id),
  );

  const now = new Date();
  const kind = (k: 'officer' | 'civilian') => (m: { id: string; name: string }) => ({ memberId: m.id, name: m.name, kind: k });
  let handed: { roundId: string; incidentId: string; day: string } | null = null;
  const residenceFor = (block: string, n: number) => {
    const p = BLOCK_POINTS.find((x) => x.block === block) as (typeof BLOCK_POINTS)[number];
    const findings = n % 4 === 1 ? ['stay_not_notified'] : n % 6 === 3 ? ['temporary_residence_not_registered'] : [];
    return {
      unitId: w.blocks[block] ?? null,
      address: `Số ${10 + n}, ngõ ${2 + (n % 6)}, ${p.street} ${SAMPLE}`,
      premises: n % 2 ? 'rented_room' : 'guest_house',
      people: 1 + Math.floor(rand() * 6),
      findings,
      action: findings.length ? (findings[0] === 'stay_not_notified' ? 'reminded' : 'guided_to_register') : null,
    };
  };
  const recentIncidents = [
    {
      type: 'suspicious',
      handling: 'noted',
      description: 'Hai người lạ đứng lâu trước cửa hàng vàng lúc khuya; ghi nhận biển số xe, theo dõi.',
    },
    { type: 'noise', handling: 'warned', description: 'Quán nhậu mở nhạc to quá 23 giờ; nhắc nhở chủ quán.' },
    {
      type: 'fight',
      handling: 'mediated',
      description: 'Hai thanh niên xô xát sau va chạm xe máy; hòa giải tại chỗ, hai bên tự thỏa thuận.',
    },
    {
      type: 'drugs',
      handling: 'handed_to_police',
      description: 'Phát hiện nhóm người nghi sử dụng ma túy tại bãi đất trống cạnh nhà văn hóa khối.',
    },
    { type: 'traffic', handling: 'warned', description: 'Xe ô tô đỗ chắn lối thoát hiểm khu trọ; nhắc chủ xe di chuyển.' },
  ] as const;

  // The shifts that already ended: most got their round; a few were missed.
  let n = 0;
  for (const [list, team, route, withOfficer] of [
    [tmTqShifts, tmTq, tmTqRoute, true],
    [tmShifts, tm, blockRoutes['trung-my'], false],
  ] as const) {
    for (const s of list) {
      if (s.endsAt > now || !route) continue;
      n += 1;
      if (n % 7 === 0) continue;
      const lateBy = Math.floor(rand() * 15);
      const participants = [
        kind('civilian')(team.members[0] as { id: string; name: string }),
        kind('civilian')(team.members[1 + (n % 3)] as { id: string; name: string }),
      ];
      if (rand() < 0.6) participants.push(kind('civilian')(team.members[4] as { id: string; name: string }));
      if (withOfficer && n % 2 === 0) participants.push(kind('officer')(officers[1] as { id: string; name: string }));
      const incident = n % 5 === 2 ? recentIncidents[Math.floor(n / 5) % recentIncidents.length] : undefined;
      const block = n % 2 && route === tmTqRoute ? 'tan-quang' : 'trung-my';
      const p = BLOCK_POINTS.find((x) => x.block === block) as (typeof BLOCK_POINTS)[number];
      const round = await addRound(tx, {
        wardId: w.id,
        teamId: team.teamId,
        unitId: w.blocks['trung-my'] as string,
        routeId: route.id,
        shiftId: s.id,
        planned: { start: s.startsAt, end: s.endsAt },
        start: plus(s.startsAt, lateBy),
        minutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000) - lateBy + Math.floor(rand() * 20) - 10,
        participants,
        checkpoints: route.checkpoints.filter((_, i) => !(n % 6 === 1 && i === route.checkpoints.length - 1)),
        method: 'qr',
        residence: n % 3 === 0 ? [residenceFor(block, n)] : [],
        incidents: incident ? [{ ...incident, place: `${p.name}, ${p.street}`, unitId: w.blocks[block] ?? null }] : [],
        recordedBy: route === tmTqRoute ? accounts.tobaove : accounts.truongkhoi,
      });
      if (incident?.handling === 'handed_to_police' && round.incidentIds[0]) {
        handed = { roundId: round.id, incidentId: round.incidentIds[0], day: vnDayOf(s.startsAt) };
      }
    }
  }
  // Tân Quang's people's patrol on Sunday evenings, and the ward police's closed-loop round every fifth day.
  const tq = patrolTeams['tan-quang'] as { teamId: string; members: { id: string; name: string }[] };
  for (let d = from; d < today; d = addDays(d, 1)) {
    if (isoWeekday(d) === 7) {
      n += 1;
      await addRound(tx, {
        wardId: w.id,
        teamId: tq.teamId,
        unitId: w.blocks['tan-quang'] as string,
        routeId: blockRoutes['tan-quang']?.id ?? null,
        start: at(d, '19:45'),
        minutes: 90 + Math.floor(rand() * 40),
        participants: [
          kind('civilian')(tq.members[0] as { id: string; name: string }),
          kind('civilian')(tq.members[1 + (n % 4)] as { id: string; name: string }),
        ],
        checkpoints: blockRoutes['tan-quang']?.checkpoints ?? [],
        method: rand() < 0.8 ? 'qr' : 'tap',
        residence: [residenceFor('tan-quang', n)],
        recordedBy: null,
      });
    }
    if (Math.round((new Date(`${d}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000) % 5 === 2) {
      n += 1;
      const guardTeam = security[n % 3] as { teamId: string; members: { id: string; name: string }[] };
      await addRound(tx, {
        wardId: w.id,
        teamId: police,
        unitId: w.id,
        routeId: closedLoop.id,
        start: at(d, '22:30'),
        minutes: 150 + Math.floor(rand() * 30),
        participants: [
          kind('officer')(officers[n % 2] as { id: string; name: string }),
          kind('officer')(officers[2 + (n % 2)] as { id: string; name: string }),
          kind('civilian')(guardTeam.members[0] as { id: string; name: string }),
          kind('civilian')(guardTeam.members[2] as { id: string; name: string }),
        ],
        checkpoints: closedLoop.checkpoints,
        method: 'qr',
        recordedBy: accounts.canbo,
      });
    }
  }
  // The incident handed to the police became a case in the register.
  if (handed) {
    const created = await recordCaseFromPatrol(tx, {
      wardId: w.id,
      unitId: w.blocks['trung-my'] as string,
      type: 'drug_using',
      occurredOn: handed.day,
      discoveredOn: handed.day,
      place: 'Bãi đất trống cạnh nhà văn hóa khối Trung Mỹ',
      summary: 'Tổ tuần tra phát hiện nhóm người nghi sử dụng ma túy tại bãi đất trống cạnh nhà văn hóa khối (dữ liệu mẫu).',
    });
    await updateIncidentRow(tx, w.id, handed.incidentId, {
      caseId: created.id,
      caseNumber: created.number,
      handedAt: at(handed.day, '23:30'),
      handedBy: accounts.tobaove,
    });
  }
  // Ratings of 2026 (15/11/2025 – 14/11/2026) for the Tổ bảo vệ ANTT teams, within the 20 % quota for "excellent".
  for (const [k, team] of security.entries()) {
    await upsertRating(tx, {
      wardId: w.id,
      teamId: team.teamId,
      memberId: null,
      year: 2026,
      level: 'good',
      note: null,
      ratedBy: accounts.truongcongan,
    });
    for (const [i, m] of team.members.entries()) {
      const level = k === 0 && i === 1 ? 'excellent' : i === 4 && k === 2 ? 'completed' : 'good';
      await upsertRating(tx, {
        wardId: w.id,
        teamId: team.teamId,
        memberId: m.id,
        year: 2026,
        level,
        note: null,
        ratedBy: accounts.truongcongan,
      });
    }
  }
}

/** Loads the demo patrols of Lê Mao (H1 2020) and Thành Vinh (recent), as the owner, in the demo's transaction. */
export async function loadDemoPatrols(
  tx: DbOrTx,
  wards: { leMao: DemoWard; thanhVinh: DemoWard },
  accounts: DemoAccounts,
  today: string,
): Promise<void> {
  personCounter = 0;
  const split = (w: DemoWard): Ward => {
    const blockCodes = new Set(BLOCK_POINTS.map((p) => p.block));
    const pick = (keep: (code: string) => boolean) => Object.fromEntries(Object.entries(w.units).filter(([code]) => keep(code)));
    return { id: w.id, blocks: pick((c) => blockCodes.has(c)), schools: pick((c) => !blockCodes.has(c)) };
  };
  await loadLeMao2020(tx, split(wards.leMao));
  await loadThanhVinh(tx, split(wards.thanhVinh), accounts, today);
}
