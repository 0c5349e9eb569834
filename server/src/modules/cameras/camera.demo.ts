import { randomUUID } from 'node:crypto';
import {
  CAMERA_CONSENT_VERSION,
  type CameraCover,
  destination,
  type FootageAnswer,
  fieldOfViewReaches,
  retentionHolds,
} from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { keyedHash, seal } from '../../platform/crypto.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { answerTarget, insertCamera, insertRequest, insertTargets, nextRequestNumber } from './camera.repository.ts';

/**
 * The demo's community cameras. The 2020 article names phường Lê Mao's "Camera cộng đồng" model among the movement's
 * models that work, without a count: the demo gives Lê Mao a camera or two per block registered in 2019–2020 (the
 * households and shops of the model), and phường Thành Vinh's blocks the cameras registered since, the ward's own at
 * crossroads, one withdrawn by its owner and two out of order, with the footage requests of the last three months and
 * their answers. Generated from a fixed seed; every name is invented, every phone number a sample.
 */
type DemoWard = { id: string; blocks: Record<string, string> };

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

const OWNERS = [
  'Nguyễn Văn Hải',
  'Trần Thị Lan',
  'Lê Đình Thắng',
  'Phạm Thị Hương',
  'Hoàng Xuân Lộc',
  'Võ Thị Tuyết',
  'Đặng Hữu Nghĩa',
  'Bùi Thị Hà',
];
const SHOPS = ['Tạp hoá Minh Anh', 'Hiệu thuốc Thành Vinh', 'Quán cà phê Góc Phố', 'Cửa hàng điện thoại Hùng Cường', 'Nhà nghỉ Hoa Sen'];
const STREETS = ['Lê Mao', 'Nguyễn Thị Minh Khai', 'Trần Phú', 'Quang Trung', 'Phan Đình Phùng', 'Nguyễn Sỹ Sách'];
const PURPOSES = [
  'Xác định người lấy trộm xe máy dựng trước cửa hàng',
  'Xác định hướng đi của hai đối tượng giật túi xách của người đi đường',
  'Làm rõ vụ va chạm giao thông giữa xe máy và xe đạp điện',
  'Xác định người ném vỡ kính cửa nhà dân',
];

const vnInstant = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function centres(tx: DbOrTx, ids: string[]): Promise<Map<string, { lat: number; lng: number }>> {
  const rows = await queryRows<{ id: string; lat: number | null; lng: number | null }>(
    tx,
    sql`SELECT id, centroid_lat AS lat, centroid_lng AS lng FROM units WHERE id = ANY (${`{${ids.join(',')}}`}::uuid[])`,
  );
  const out = new Map<string, { lat: number; lng: number }>();
  for (const r of rows) out.set(r.id, { lat: r.lat ?? 18.67, lng: r.lng ?? 105.69 });
  return out;
}

type Made = {
  id: string;
  wardId: string;
  lat: number;
  lng: number;
  direction: number;
  angle: number;
  range: number;
  retentionDays: number;
  kind: string;
};

async function addCameras(
  tx: DbOrTx,
  key: Buffer,
  ward: DemoWard,
  rand: () => number,
  o: { perBlock: () => number; from: string; days: number; wardOwned: number },
): Promise<Made[]> {
  const blockIds = Object.values(ward.blocks);
  const at = await centres(tx, [...blockIds, ward.id]);
  const made: Made[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  let n = 0;
  for (const blockId of blockIds) {
    const centre = at.get(blockId) ?? { lat: 18.67, lng: 105.69 };
    for (let i = 0; i < o.perBlock(); i++) {
      n++;
      const business = rand() < 0.35;
      const p = destination(centre, rand() * 360, 20 + rand() * 160);
      const direction = Math.round(rand() * 8) * 45 + Math.round(rand() * 20 - 10);
      const row = {
        lat: Number(p.lat.toFixed(6)),
        lng: Number(p.lng.toFixed(6)),
        direction: ((direction % 360) + 360) % 360,
        angle: pick([90, 90, 110, 120]),
        range: pick([20, 25, 30, 40]),
        retentionDays: pick([7, 7, 10, 14, 30]),
      };
      const owner = business ? pick(SHOPS) : pick(OWNERS);
      const phone = `09000${String(10_000 + n).slice(-5)}`;
      const covers: CameraCover[] = business
        ? ['shop_front', 'street']
        : pick([['gate', 'alley'], ['gate', 'street'], ['alley']] as CameraCover[][]);
      const createdAt = vnInstant(addDays(o.from, Math.floor(rand() * o.days)), 9 + Math.floor(rand() * 8));
      const id = randomUUID();
      await insertCamera(tx, {
        wardId: ward.id,
        id,
        unitId: blockId,
        kind: business ? 'business' : 'resident',
        source: rand() < 0.6 ? 'public' : 'staff',
        label: business ? `Camera ${owner}` : `Camera cổng nhà số ${String(3 + Math.floor(rand() * 90))}`,
        address: `Số ${String(3 + Math.floor(rand() * 200))} đường ${pick(STREETS)} (địa chỉ mẫu)`,
        lat: row.lat,
        lng: row.lng,
        direction: row.direction,
        angle: row.angle,
        rangeM: row.range,
        covers,
        retentionDays: row.retentionDays,
        working: true,
        ownerNameEnc: seal(key, owner, 'camera-owner-name'),
        contactEnc: seal(key, phone, 'camera-contact'),
        contactHash: keyedHash(key, phone, 'camera-contact'),
        channel: rand() < 0.5 ? 'zalo' : 'sms',
        contactVerified: true,
        consentVersion: CAMERA_CONSENT_VERSION,
        consentAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      });
      made.push({ id, wardId: ward.id, ...row, kind: business ? 'business' : 'resident' });
    }
  }
  for (let i = 0; i < o.wardOwned; i++) {
    const blockId = blockIds[i % blockIds.length] as string;
    const centre = at.get(blockId) ?? { lat: 18.67, lng: 105.69 };
    const id = randomUUID();
    const row = {
      lat: Number(centre.lat.toFixed(6)),
      lng: Number(centre.lng.toFixed(6)),
      direction: (i * 97) % 360,
      angle: 360,
      range: 60,
      retentionDays: 30,
    };
    const createdAt = vnInstant(addDays(o.from, Math.floor(rand() * o.days)), 10);
    await insertCamera(tx, {
      wardId: ward.id,
      id,
      unitId: blockId,
      kind: 'ward',
      source: 'staff',
      label: `Camera ngã tư ${pick(STREETS)} – ${pick(STREETS)}`,
      address: `Ngã tư ${pick(STREETS)} (địa chỉ mẫu)`,
      lat: row.lat,
      lng: row.lng,
      direction: row.direction,
      angle: row.angle,
      rangeM: row.range,
      covers: ['street', 'public_space'],
      retentionDays: row.retentionDays,
      working: true,
      createdAt,
      updatedAt: createdAt,
    });
    made.push({ id, wardId: ward.id, ...row, kind: 'ward' });
  }
  return made;
}

async function addRequests(
  tx: DbOrTx,
  ward: DemoWard,
  cams: Made[],
  rand: () => number,
  o: { today: string; count: number; year: number; references: string[] },
): Promise<void> {
  const answers: FootageAnswer[] = ['share', 'share', 'share', 'no_footage', 'no_footage', 'decline'];
  for (let i = 0; i < o.count; i++) {
    const around = cams[Math.floor(rand() * cams.length)] as Made;
    const place = destination(around, around.direction, around.range / 2);
    const daysAgo = Math.max(1, Math.round(((o.count - i) / o.count) * 85 + rand() * 4));
    const day = addDays(o.today, -daysAgo);
    const hour = 17 + Math.floor(rand() * 5);
    const fromAt = vnInstant(day, hour);
    const toAt = new Date(fromAt.getTime() + (2 + Math.floor(rand() * 4)) * 3_600_000);
    const createdAt = new Date(toAt.getTime() + 14 * 3_600_000);
    const radius = [50, 80, 100, 150][i % 4] as number;
    const targets = cams.filter(
      (c) => fieldOfViewReaches(c, place, radius) && retentionHolds(c.retentionDays, { fromAt, toAt }, createdAt),
    );
    if (!targets.length) continue;
    const id = randomUUID();
    const seq = await nextRequestNumber(tx, ward.id, o.year);
    await insertRequest(tx, {
      wardId: ward.id,
      id,
      unitId: ward.id,
      year: o.year,
      seq,
      reference: o.references[i % o.references.length] as string,
      referenceKind: (o.references[i % o.references.length] as string).startsWith('TB') ? 'tip' : 'case',
      purpose: PURPOSES[i % PURPOSES.length] as string,
      lat: Number(place.lat.toFixed(6)),
      lng: Number(place.lng.toFixed(6)),
      radiusM: radius,
      fromAt,
      toAt,
      limits: { maxWindowHours: 12, maxRadiusMetres: 500 },
      createdAt,
    });
    const rows = targets.map((c) => ({
      wardId: ward.id,
      id: randomUUID(),
      requestId: id,
      cameraId: c.id,
      distanceM: Math.hypot((c.lat - place.lat) * 111_195, (c.lng - place.lng) * 105_300),
      notified: true,
      createdAt,
    }));
    await insertTargets(tx, rows);
    // The last request is still waiting for its owners; the earlier ones are answered.
    if (i === o.count - 1) continue;
    for (const r of rows) {
      const answer = answers[Math.floor(rand() * answers.length)] as FootageAnswer;
      await answerTarget(tx, ward.id, r.id, {
        outcome: answer,
        note:
          answer === 'share'
            ? 'Mời cán bộ đến chép hình từ đầu ghi'
            : answer === 'no_footage'
              ? 'Đầu ghi không có hình giờ đó (mất điện)'
              : null,
        fileKey: null,
        fileDataKey: null,
        fileMime: null,
        fileName: null,
        fileQuarantined: null,
        at: new Date(createdAt.getTime() + 20 * 3_600_000),
      });
    }
  }
}

/**
 * The tips and cases of a ward in a year that the demo's requests cite (real numbers of the ward's registers, as a request
 * must cite), alternating case and tip; the given numbers when the registers hold none.
 */
async function citable(tx: DbOrTx, wardId: string, year: number, fallback: string[]): Promise<string[]> {
  const rows = await queryRows<{ n: string; kind: string }>(
    tx,
    sql`(SELECT 'VV-' || year || '-' || lpad(seq::text, 4, '0') AS n, 'case' AS kind FROM cases WHERE ward_id = ${wardId} AND year = ${year})
        UNION ALL
        (SELECT 'TB-' || year || '-' || lpad(seq::text, 4, '0') AS n, 'tip' AS kind FROM tips WHERE ward_id = ${wardId} AND year = ${year})
        ORDER BY 1`,
  );
  const cases = rows.filter((r) => r.kind === 'case').map((r) => r.n);
  const tips = rows.filter((r) => r.kind === 'tip').map((r) => r.n);
  const out: string[] = [];
  for (let i = 0; i < Math.max(cases.length, tips.length) && out.length < 4; i++) {
    if (cases[i]) out.push(cases[i] as string);
    if (tips[i]) out.push(tips[i] as string);
  }
  return out.length ? out : fallback;
}

/** Loads the demo cameras of Lê Mao (2019–2020) and Thành Vinh (since 2025), with the requests of the last months. */
export async function loadDemoCameras(
  tx: DbOrTx,
  key: Buffer,
  wards: { leMao: DemoWard; thanhVinh: DemoWard },
  today: string,
): Promise<void> {
  const rand = seeded(2020_10);
  const lm = await addCameras(tx, key, wards.leMao, rand, {
    perBlock: () => 1 + Math.floor(rand() * 2),
    from: '2019-06-01',
    days: 390,
    wardOwned: 2,
  });
  await addRequests(tx, wards.leMao, lm, rand, {
    today: '2020-06-30',
    count: 4,
    year: 2020,
    references: await citable(tx, wards.leMao.id, 2020, ['VV-2020-0004', 'TB-2020-0011', 'VV-2020-0009']),
  });
  const tv = await addCameras(tx, key, wards.thanhVinh, rand, {
    perBlock: () => 2 + Math.floor(rand() * 2),
    from: addDays(today, -500),
    days: 470,
    wardOwned: 4,
  });
  await addRequests(tx, wards.thanhVinh, tv, rand, {
    today,
    count: 9,
    year: Number(today.slice(0, 4)),
    references: await citable(tx, wards.thanhVinh.id, Number(today.slice(0, 4)), ['VV-2026-0003', 'TB-2026-0007']),
  });
  // One owner withdrew (the camera stays in the history of the requests made to it), two cameras are out of order.
  const residents = tv.filter((c) => c.kind !== 'ward');
  const [gone, broken1, broken2] = [residents[1], residents[4], residents[7]];
  if (gone)
    await tx.execute(
      sql`UPDATE cameras SET status = 'withdrawn', withdrawn_at = ${vnInstant(addDays(today, -12), 10)}, withdraw_reason = 'owner' WHERE ward_id = ${gone.wardId} AND id = ${gone.id}`,
    );
  for (const b of [broken1, broken2])
    if (b) await tx.execute(sql`UPDATE cameras SET working = false WHERE ward_id = ${b.wardId} AND id = ${b.id}`);
}
