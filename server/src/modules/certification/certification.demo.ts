import { type CertUnitType, classify, criteriaFor, eligibility, sheetFor } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { insertAward, insertCycle, insertModel } from './certification.repository.ts';

type DemoWard = { id: string; units: Record<string, string> };

const DEMO = 'Tên mẫu để trình diễn, không phải tên thật.';

/**
 * The demo ward's recognitions, models and awards. Lê Mao, as the 2020 article has it: 9/9 blocks and 3 schools
 * recognised (the 2019 decisions, in force in the first half of 2020), the lead flag of the movement in 2018 and 2019,
 * certificates of merit; the models it names. Thành Vinh: last year decided, this year in progress.
 */
export async function loadDemoCertification(tx: DbOrTx, wards: { leMao: DemoWard; thanhVinh: DemoWard }, today: string): Promise<void> {
  const thisYear = Number(today.slice(0, 4));
  const units = async (ward: DemoWard) => {
    const ids = [ward.id, ...Object.values(ward.units)];
    return queryRows<{ id: string; name: string; type: string; school_level: string | null }>(
      tx,
      sql`SELECT id, name, type, school_level FROM units WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[]) ORDER BY type, name`,
    );
  };

  /** One unit's year, its steps on the days given (those after today are left for later). */
  const cycle = async (
    wardId: string,
    u: { id: string; type: string; school_level: string | null },
    year: number,
    steps: { meeting: string; submitted: string; appraised: string; decided: string | null },
    outcome: 'recognised' | 'not_recognised',
    unmet: string | null = null,
  ) => {
    const e = eligibility({ type: u.type, schoolLevel: u.school_level }, year);
    if (!e.eligible) return;
    const certType: CertUnitType = e.certType;
    const reached = (d: string | null) => d !== null && d <= today;
    const answers = criteriaFor(certType, year).map(({ criterion }) => ({
      criterionId: criterion.id,
      met: criterion.id !== unmet,
      note: criterion.id === unmet ? 'Còn 01 vụ tranh chấp đất đai kéo dài giữa hai hộ, đang hòa giải.' : null,
    }));
    const stage = reached(steps.decided)
      ? 'decided'
      : reached(steps.appraised)
        ? 'appraised'
        : reached(steps.submitted)
          ? 'submitted'
          : reached(steps.meeting)
            ? 'self_assessed'
            : 'registered';
    const kdc = certType === 'residential_area';
    // The self-scoring sheet of a decided year: a few points short on some lines, more where a criterion was unmet.
    const seed = [...u.id].reduce((n, ch) => n + ch.charCodeAt(0), year);
    const classScores =
      stage === 'decided'
        ? Object.fromEntries(
            sheetFor(certType).map((l, i) => [l.id, Math.max(0, l.max - ((seed + i * 7) % 4) - (outcome === 'recognised' ? 0 : 8))]),
          )
        : null;
    const classTotal = classScores ? Object.values(classScores).reduce((a, b) => a + b, 0) : null;
    await insertCycle(tx, {
      wardId,
      unitId: u.id,
      year,
      certType,
      stage,
      registeredOn: `${year}-02-${kdc ? '10' : '20'}`,
      resolutionRef: kdc ? `Nghị quyết chi bộ số 01-NQ/CB, ${year}` : `Kế hoạch số 05/KH, ${year}`,
      planRef: null,
      householdsRegistered: kdc ? 180 : null,
      householdsTotal: kdc ? 180 : null,
      meetingOn: reached(steps.meeting) ? steps.meeting : null,
      chairedBy: reached(steps.meeting)
        ? kdc
          ? 'Trưởng khối'
          : certType === 'ward'
            ? 'Thường trực Ban Chỉ đạo phường'
            : 'Hiệu trưởng'
        : null,
      attendees: reached(steps.meeting) ? 'Bí thư chi bộ, Ban công tác Mặt trận, đại diện các đoàn thể, Cảnh sát khu vực' : null,
      answers: reached(steps.meeting) ? answers : [],
      submittedOn: reached(steps.submitted) ? steps.submitted : null,
      appraisedOn: reached(steps.appraised) ? steps.appraised : null,
      appraisalOpinion: reached(steps.appraised) ? 'Hồ sơ đầy đủ, đúng trình tự.' : null,
      decidedOn: stage === 'decided' ? steps.decided : null,
      outcome: stage === 'decided' ? outcome : null,
      decisionRef: stage === 'decided' ? `Quyết định số ${kdc ? 112 : 118}/QĐ-UBND ngày ${steps.decided?.slice(8, 10)}/11/${year}` : null,
      certificateNo: stage === 'decided' && outcome === 'recognised' ? `${year}/ATANTT` : null,
      reason: stage === 'decided' && outcome === 'not_recognised' ? 'Chưa đạt tiêu chí tại khoản 3 Điều 4.' : null,
      classScores,
      classTotal,
      classResult: classTotal === null ? null : classify(classTotal),
    });
  };
  const days = (year: number, kdc: boolean) =>
    kdc
      ? { meeting: `${year}-11-03`, submitted: `${year}-11-05`, appraised: `${year}-11-08`, decided: `${year}-11-12` }
      : { meeting: `${year}-11-16`, submitted: `${year}-11-17`, appraised: `${year}-11-18`, decided: `${year}-11-19` };

  /* Lê Mao, 2018–2024: every block and school recognised each year; the ward too. */
  const leMao = await units(wards.leMao);
  for (let year = 2018; year <= 2024; year++) {
    for (const u of leMao) await cycle(wards.leMao.id, u, year, days(year, u.type === 'block'), 'recognised');
  }

  /* Thành Vinh: last year decided (one block not recognised), this year in progress. */
  const thanhVinh = await units(wards.thanhVinh);
  const blocks = thanhVinh.filter((u) => u.type === 'block');
  const last = thisYear - 1;
  for (const u of thanhVinh) {
    const unmetBlock = u.id === blocks[blocks.length - 1]?.id;
    await cycle(
      wards.thanhVinh.id,
      u,
      last,
      days(last, u.type === 'block'),
      unmetBlock ? 'not_recognised' : 'recognised',
      unmetBlock ? 'tt124:4.3' : null,
    );
  }
  for (const u of thanhVinh) {
    const kdc = u.type === 'block';
    const d = days(thisYear, kdc);
    const bi = blocks.findIndex((b) => b.id === u.id);
    const steps =
      u.type === 'ward'
        ? { meeting: `${thisYear}-12-01`, submitted: `${thisYear}-12-02`, appraised: `${thisYear}-12-03`, decided: null }
        : kdc && bi >= 6
          ? { ...d, appraised: bi >= 8 ? `${thisYear}-12-20` : d.appraised, decided: null }
          : kdc
            ? d
            : { ...d, appraised: `${thisYear}-12-10`, decided: null };
    await cycle(wards.thanhVinh.id, u, thisYear, steps, 'recognised');
  }

  /* The models the article names. */
  const lm = wards.leMao.units;
  const tv = wards.thanhVinh.units;
  const allBlocks = (w: Record<string, string>) =>
    ['tan-quang', 'yen-giang', 'tan-phuong', 'dao-phat', 'hong-ngu', 'my-thuong', 'tan-tien', 'dong-lam']
      .map((k) => w[k])
      .filter((v): v is string => !!v);
  const models = (ward: DemoWard, w: Record<string, string>, from: string, to: string | null) =>
    [
      {
        unitId: ward.id,
        name: 'Camera cộng đồng',
        source: 'cases',
        runBy: 'Công an phường phối hợp Ban công tác Mặt trận các khối',
        activities: 'Lắp camera tại các trục đường, ngõ hẻm; người dân cùng theo dõi, trích xuất hình ảnh khi có vụ việc.',
        effect: 'Hình ảnh giúp làm rõ các vụ trộm cắp tài sản (xem sổ vụ việc).',
        replicated: [] as string[],
      },
      {
        unitId: ward.id,
        name: 'Hòm thư tố giác tội phạm',
        source: 'tips',
        runBy: 'Công an phường',
        activities: 'Hòm thư đặt tại trụ sở và các nhà văn hóa khối; tiếp nhận trực tuyến tại trang Gửi tin báo.',
        effect: 'Tin báo tiếp nhận qua hòm thư (xem hòm thư tin báo).',
        replicated: [],
      },
      {
        unitId: w['trung-my'] as string,
        name: 'Tổ tuần tra nhân dân',
        source: 'patrols',
        runBy: 'Tổ bảo vệ ANTT khối Trung Mỹ cùng Cảnh sát khu vực',
        activities: 'Tuần tra đêm, kiểm tra tạm trú, tạm vắng, giải quyết vụ việc tại cơ sở.',
        effect: 'Số lượt tuần tra và vụ việc xử lý tại chỗ (xem nhật ký tuần tra).',
        replicated: [w['tan-quang'] as string],
      },
      {
        unitId: ward.id,
        name: 'Tự quản, tự phòng, tự bảo vệ, tự hòa giải',
        source: 'mediation',
        runBy: 'Ban công tác Mặt trận và tổ hòa giải các khối',
        activities: 'Họp dân ở khối, hòa giải mâu thuẫn nhỏ ngay tại cơ sở.',
        effect: 'Vụ việc hòa giải thành (xem sổ hòa giải).',
        replicated: allBlocks(w),
      },
      {
        unitId: w['thcs-le-mao'] as string,
        name: 'Tự quản trong học sinh',
        runBy: 'Đoàn, Đội và Ban giám hiệu nhà trường',
        activities: 'Học sinh tự quản nề nếp, phát hiện và báo cáo biểu hiện bạo lực học đường.',
        effect: 'Không có vụ bạo lực học đường trong năm học.',
        replicated: [w['thpt-le-mao'] as string],
      },
      {
        unitId: w['thpt-le-mao'] as string,
        name: 'Cổng trường an toàn giao thông',
        runBy: 'Đoàn trường cùng Công an phường',
        activities: 'Phân luồng giờ tan trường, nhắc học sinh đội mũ bảo hiểm.',
        effect: 'Không có tai nạn giao thông trước cổng trường.',
        replicated: [],
      },
    ].map((m) => ({ ...m, from, to }));
  for (const [ward, w, from, to] of [
    [wards.leMao, lm, '2017-03-01', '2024-11-30'],
    [wards.thanhVinh, tv, '2025-07-01', null],
  ] as const) {
    for (const m of models(ward, w, from, to)) {
      if (!m.unitId) continue;
      await insertModel(tx, {
        wardId: ward.id,
        unitId: m.unitId,
        name: m.name,
        runBy: m.runBy,
        startedOn: m.from,
        endedOn: m.to,
        activities: m.activities,
        effect: m.effect,
        effective: true,
        replicatedUnitIds: m.replicated.filter(Boolean),
        figureSource: m.source ?? null,
      });
    }
  }

  /* Awards: the lead flag in 2018 and 2019, certificates of merit; this year's proposals. */
  const award = (
    ward: DemoWard,
    a: {
      unitId: string;
      year: number;
      kind: string;
      recipient: 'group' | 'individual';
      personName?: string;
      issuer: string;
      reason: string;
      decided: string | null;
    },
  ) =>
    insertAward(tx, {
      wardId: ward.id,
      unitId: a.unitId,
      year: a.year,
      kind: a.kind,
      recipient: a.recipient,
      personName: a.personName ?? null,
      issuer: a.issuer,
      reason: a.reason,
      status: a.decided && a.decided <= today ? 'granted' : 'proposed',
      proposedOn: `${a.year}-12-01`,
      decidedOn: a.decided && a.decided <= today ? a.decided : null,
      decisionRef: a.decided && a.decided <= today ? `Quyết định khen thưởng năm ${a.year}` : null,
    });
  const lead = 'Dẫn đầu phong trào toàn dân bảo vệ an ninh Tổ quốc';
  await award(wards.leMao, {
    unitId: wards.leMao.id,
    year: 2018,
    kind: 'lead_flag',
    recipient: 'group',
    issuer: 'Bộ Công an',
    reason: lead,
    decided: '2018-12-20',
  });
  await award(wards.leMao, {
    unitId: wards.leMao.id,
    year: 2018,
    kind: 'lead_flag',
    recipient: 'group',
    issuer: 'UBND tỉnh Nghệ An',
    reason: lead,
    decided: '2018-12-25',
  });
  await award(wards.leMao, {
    unitId: wards.leMao.id,
    year: 2019,
    kind: 'lead_flag',
    recipient: 'group',
    issuer: 'Bộ Công an',
    reason: lead,
    decided: '2019-12-20',
  });
  await award(wards.leMao, {
    unitId: wards.leMao.id,
    year: 2019,
    kind: 'lead_flag',
    recipient: 'group',
    issuer: 'UBND tỉnh Nghệ An',
    reason: lead,
    decided: '2019-12-26',
  });
  if (lm['trung-my']) {
    await award(wards.leMao, {
      unitId: lm['trung-my'],
      year: 2019,
      kind: 'certificate_of_merit',
      recipient: 'group',
      issuer: 'UBND tỉnh Nghệ An',
      reason: 'Tổ tuần tra nhân dân hoạt động hiệu quả',
      decided: '2019-12-26',
    });
  }
  if (lm['tan-quang']) {
    await award(wards.leMao, {
      unitId: lm['tan-quang'],
      year: 2019,
      kind: 'commendation',
      recipient: 'individual',
      personName: `Nguyễn Văn An (${DEMO})`,
      issuer: 'UBND thành phố Vinh',
      reason: 'Tích cực tuần tra, phát hiện tội phạm',
      decided: '2019-12-27',
    });
  }
  await award(wards.thanhVinh, {
    unitId: wards.thanhVinh.id,
    year: thisYear - 1,
    kind: 'commendation',
    recipient: 'group',
    issuer: 'UBND tỉnh Nghệ An',
    reason: 'Hoàn thành xuất sắc phong trào năm đầu hợp nhất',
    decided: `${thisYear - 1}-12-22`,
  });
  if (tv['trung-my']) {
    await award(wards.thanhVinh, {
      unitId: tv['trung-my'],
      year: thisYear,
      kind: 'certificate_of_merit',
      recipient: 'group',
      issuer: 'UBND tỉnh Nghệ An',
      reason: 'Tổ tuần tra nhân dân hoạt động hiệu quả',
      decided: null,
    });
  }
}
