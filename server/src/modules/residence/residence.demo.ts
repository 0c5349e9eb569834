import { randomUUID } from 'node:crypto';
import { stayNoticeDueAt, type ViolationKind, vnInstant } from '@binh-an/domain';
import { keyedHash, seal } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db.ts';
import {
  insertGuests,
  insertInspection,
  insertNotification,
  insertPerson,
  insertPlace,
  nextResidenceNumber,
} from './residence.repository.ts';

/**
 * The demo's residence checks: Lê Mao's boarding houses near the market and the schools, guest houses and a hotel, with
 * the inspections of the first half of 2020 (the article's people's patrols checked temporary residence with the area
 * police) and their notifications and residents; and Thành Vinh's last three months before 26/11/2026. Deterministic
 * (a fixed seed), every name invented, every ID number well-formed for Nghệ An (040) but made up.
 */
type Ward = { id: string; blocks: Record<string, string> };

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Mỹ', 'Hồng'];
const GIVEN_M = ['Hùng', 'Nam', 'Tuấn', 'Dũng', 'Phúc', 'Sơn', 'Long', 'Hải', 'Thắng', 'Khoa'];
const GIVEN_F = ['Lan', 'Hà', 'Hương', 'Trang', 'Linh', 'Mai', 'Thảo', 'Ngân', 'Yến', 'Nhung'];

const PLACES: { block: string; kind: string; name: string; address: string; capacity: number }[] = [
  { block: 'trung-my', kind: 'boarding_house', name: 'Nhà trọ sinh viên Hoa Sữa', address: 'ngõ 12 đường Lê Mao', capacity: 24 },
  { block: 'trung-my', kind: 'boarding_house', name: 'Nhà trọ Minh Châu', address: 'ngõ 18 đường Lê Mao', capacity: 16 },
  { block: 'tan-quang', kind: 'guest_house', name: 'Nhà nghỉ Chợ Vinh', address: 'đường Cao Thắng, gần chợ Vinh', capacity: 14 },
  { block: 'tan-quang', kind: 'rented_rooms', name: 'Phòng trọ bà Lựu', address: 'ngõ 4 đường Cao Thắng', capacity: 8 },
  { block: 'yen-giang', kind: 'boarding_house', name: 'Nhà trọ Sông Lam', address: 'ngõ 7 đường Phan Đình Phùng', capacity: 20 },
  { block: 'tan-phuong', kind: 'hotel', name: 'Khách sạn Hồng Lam (mẫu)', address: 'đường Quang Trung', capacity: 60 },
  { block: 'dao-phat', kind: 'worker_housing', name: 'Nhà ở công nhân Xây dựng 4', address: 'ngõ 22 đường Đào Tấn', capacity: 30 },
  { block: 'hong-ngu', kind: 'boarding_house', name: 'Nhà trọ học sinh trường nghề', address: 'gần Trường Trung cấp nghề', capacity: 18 },
  { block: 'my-thuong', kind: 'guest_house', name: 'Nhà nghỉ Bến Xe', address: 'đường Lê Lợi', capacity: 12 },
  { block: 'tan-tien', kind: 'rented_rooms', name: 'Phòng trọ ông Thành', address: 'ngõ 9 đường Nguyễn Thái Học', capacity: 6 },
  { block: 'dong-lam', kind: 'dormitory', name: 'Ký túc xá Trường THPT Dân lập Lê Mao', address: 'trong khuôn viên trường', capacity: 40 },
  { block: 'trung-my', kind: 'rented_rooms', name: 'Phòng trọ Hoà Bình', address: 'ngõ 30 đường Lê Mao', capacity: 10 },
];

const VIOLATIONS: ViolationKind[] = ['no_stay_notice', 'no_temporary_registration', 'no_absence_declaration', 'no_papers'];

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function loadDemoResidence(
  tx: DbOrTx,
  key: Buffer,
  wards: { leMao: Ward; thanhVinh: Ward },
  officerId: string | null,
): Promise<void> {
  const rnd = prng(20_200_630);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const person = () => {
    const female = rnd() < 0.5;
    const year = 1975 + Math.floor(rnd() * 30);
    const birthDate = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const id = `040${digit}${String(year % 100).padStart(2, '0')}${String(Math.floor(rnd() * 1_000_000)).padStart(6, '0')}`;
    const name = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
    return { name, birthDate, id };
  };
  const sealed = (id: string) => ({
    idNumberEnc: seal(key, id, 'residence-id-number'),
    idNumberHash: keyedHash(key, id, 'residence-id-number'),
  });

  for (const [ward, period] of [
    [wards.leMao, { from: '2020-01-02', days: 180, placesOn: '2019-11-15' }],
    [wards.thanhVinh, { from: '2026-08-27', days: 90, placesOn: '2025-07-01' }],
  ] as const) {
    const places: { id: string; unitId: string; address: string; name: string }[] = [];
    for (const p of PLACES) {
      const unitId = ward.blocks[p.block];
      if (!unitId) continue;
      const id = randomUUID();
      const owner = person();
      await insertPlace(tx, {
        wardId: ward.id,
        id,
        unitId,
        kind: p.kind,
        name: p.name,
        address: `${p.address}, ${ward === wards.leMao ? 'phường Lê Mao' : 'phường Thành Vinh'}`,
        ownerName: owner.name,
        phone: `09${String(Math.floor(rnd() * 100_000_000)).padStart(8, '0')}`,
        capacity: p.capacity,
        commitmentSignedOn: rnd() < 0.8 ? addDays(period.placesOn, Math.floor(rnd() * 40)) : null,
        conditionsMet: rnd() < 0.85,
        note: 'Dữ liệu mẫu để trình diễn.',
        createdAt: new Date(`${period.placesOn}T02:00:00Z`),
      });
      places.push({ id, unitId, address: p.address, name: p.name });
    }

    // Notifications: about one every two days per ward, a few late (after 23:00, or told the next afternoon).
    const notifications = Math.round(period.days / 2);
    for (let i = 0; i < notifications; i++) {
      const place = pick(places);
      const day = addDays(period.from, Math.floor((i * period.days) / notifications));
      const minute = 14 * 60 + Math.floor(rnd() * 9.5 * 60);
      const arrivalAt = vnInstant(day, minute);
      const dueAt = stayNoticeDueAt(arrivalAt);
      const late = rnd() < 0.12;
      const receivedAt = new Date(
        late ? dueAt.getTime() + (1 + Math.floor(rnd() * 14)) * 3_600_000 : arrivalAt.getTime() + Math.floor(rnd() * 90) * 60_000,
      );
      const year = Number(day.slice(0, 4));
      const id = randomUUID();
      const host = person();
      await insertNotification(tx, {
        wardId: ward.id,
        id,
        year,
        seq: await nextResidenceNumber(tx, ward.id, 'notification', year),
        unitId: place.unitId,
        placeId: place.id,
        channel:
          ward === wards.leMao
            ? pick(['phone', 'in_person', 'phone'] as const)
            : pick(['public_form', 'phone', 'public_form', 'email'] as const),
        hostName: host.name,
        hostVerified: false,
        address: place.address,
        arrivalAt,
        dueAt,
        receivedAt,
        onTime: receivedAt.getTime() < dueAt.getTime(),
        departureOn: addDays(day, 1 + Math.floor(rnd() * 6)),
        reason: pick(['Thăm người nhà', 'Công tác', 'Đi thi', 'Khám bệnh', 'Du lịch']),
        recordedBy: officerId,
      });
      const guests = 1 + Math.floor(rnd() * 2);
      await insertGuests(
        tx,
        Array.from({ length: guests }, () => {
          const g = person();
          return { wardId: ward.id, notificationId: id, fullName: g.name, birthDate: g.birthDate, ...sealed(g.id) };
        }),
      );
    }

    // Temporary residents (students and workers in the boarding houses) and a few absences.
    for (let i = 0; i < 22; i++) {
      const place = pick(places);
      const r = person();
      const from = addDays(period.from, -Math.floor(rnd() * 300));
      // In Thành Vinh a handful end within the renewal window of 26/11/2026, so that "expiring soon" has work.
      const until = ward === wards.thanhVinh && i < 5 ? addDays('2026-11-26', 2 + i * 3) : addDays(from, 180 + Math.floor(rnd() * 540));
      await insertPerson(tx, {
        wardId: ward.id,
        unitId: place.unitId,
        placeId: place.id,
        kind: 'temporary_residence',
        source: pick(['inspection', 'national_system', 'notification'] as const),
        fullName: r.name,
        birthDate: r.birthDate,
        ...sealed(r.id),
        address: `${place.name}, ${place.address}`,
        fromOn: from,
        untilOn: until,
      });
    }
    for (let i = 0; i < 4; i++) {
      const r = person();
      const unitId = pick(Object.values(ward.blocks));
      const from = addDays(period.from, Math.floor(rnd() * 60));
      await insertPerson(tx, {
        wardId: ward.id,
        unitId,
        kind: 'absence',
        source: 'national_system',
        fullName: r.name,
        birthDate: r.birthDate,
        ...sealed(r.id),
        address: pick(['Đi làm ở Bình Dương', 'Đi học ở Hà Nội', 'Đi làm ở TP Hồ Chí Minh']),
        fromOn: from,
        untilOn: addDays(from, 365),
      });
    }

    // Inspections: planned ones on the first days of each month, unannounced ones on patrol nights.
    const inspections = ward === wards.leMao ? 36 : 18;
    for (let i = 0; i < inspections; i++) {
      const place = pick(places);
      const day = addDays(period.from, Math.floor((i * period.days) / inspections) + 1);
      const unannounced = rnd() < 0.4;
      const found = 2 + Math.floor(rnd() * 10);
      const violations = rnd() < 0.3 ? [pick(VIOLATIONS), ...(rnd() < 0.3 ? [pick(VIOLATIONS)] : [])] : [];
      const year = Number(day.slice(0, 4));
      await insertInspection(tx, {
        wardId: ward.id,
        year,
        seq: await nextResidenceNumber(tx, ward.id, 'inspection', year),
        unitId: place.unitId,
        placeId: place.id,
        kind: unannounced ? 'unannounced' : 'planned',
        status: 'done',
        plannedOn: day,
        doneAt: vnInstant(day, unannounced ? 21 * 60 + Math.floor(rnd() * 90) : 9 * 60),
        inspectors: unannounced ? 'Cảnh sát khu vực và tổ tuần tra nhân dân' : 'Cảnh sát khu vực',
        address: place.address,
        peopleFound: found,
        discrepancies: violations.length ? `${violations.length} người lưu trú chưa được thông báo, đã hướng dẫn chủ cơ sở.` : null,
        violations: [...new Set(violations)],
        measure: violations.length ? pick(['reminder', 'reminder', 'warning', 'fine_referred'] as const) : 'none',
        followUp: violations.length ? 'Kiểm tra lại sau 2 tuần.' : null,
        recordedBy: officerId,
      });
    }
  }

  // Two inspections planned for the coming weeks in Thành Vinh.
  for (const [i, day] of ['2026-12-02', '2026-12-09'].entries()) {
    const unitId = Object.values(wards.thanhVinh.blocks)[i] as string;
    await insertInspection(tx, {
      wardId: wards.thanhVinh.id,
      year: 2026,
      seq: await nextResidenceNumber(tx, wards.thanhVinh.id, 'inspection', 2026),
      unitId,
      kind: 'planned',
      status: 'planned',
      plannedOn: day,
      inspectors: 'Cảnh sát khu vực',
      recordedBy: officerId,
    });
  }
}
