import { addDays, MEDIATION_TYPES, type MediationType, partyKey } from '@binh-an/domain';
import type { DbOrTx } from '../../platform/db.ts';
import {
  insertCase,
  insertFollowUp,
  insertMember,
  insertNotification,
  insertSession,
  insertTeam,
  nextCaseNumber,
} from './mediation.repository.ts';

/**
 * The demo mediation book. Lê Mao 2020 (the article: "kiện toàn tổ hòa giải ở các khối phố, kịp thời giải quyết tốt
 * những mâu thuẫn nhỏ"): a team per block, one of them (Đông Lâm) left with two men after a member moved away, so that
 * the composition warning shows; about forty neighbourhood disputes through the year. Then the last three months of
 * phường Thành Vinh's blocks, with a case at risk, a returning dispute and a matter refused at screening. Generated from
 * a fixed seed; every name is invented and every address a sample.
 */
type DemoWard = { id: string; units: Record<string, string> };

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

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MEN = ['Văn Hải', 'Đình Thắng', 'Xuân Lộc', 'Hữu Nghĩa', 'Công Minh', 'Văn Bảy', 'Quang Vinh', 'Đức Long'];
const WOMEN = ['Thị Lan', 'Thị Hương', 'Thị Tuyết', 'Thị Hà', 'Thị Loan', 'Thị Nhung', 'Thị Mai', 'Thị Hồng'];
const SAMPLE = '(địa chỉ mẫu)';

/** Plausible matters by type: what the book's column 5 says, and the agreement or the demands. */
const MATTERS: Record<MediationType, { content: string; agreement: string; demands: string }[]> = {
  land_boundary: [
    {
      content: 'Tranh chấp ranh giới đất giữa hai hộ liền kề, bờ tường xây lấn khoảng 20 cm',
      agreement: 'Hai hộ thống nhất đo lại theo sổ đỏ, hộ xây lấn tự tháo dỡ phần lấn trong 30 ngày',
      demands: 'Một bên yêu cầu tháo dỡ ngay; bên kia chỉ đồng ý khi có cán bộ địa chính đo đạc',
    },
  ],
  neighbours: [
    {
      content: 'Mâu thuẫn về lối đi chung trong ngõ, một hộ để xe và vật liệu xây dựng chắn lối',
      agreement: 'Hộ xây dựng dọn vật liệu trong 3 ngày, không để xe chắn lối đi chung',
      demands: 'Các hộ trong ngõ yêu cầu dọn ngay; hộ xây dựng xin thêm thời gian',
    },
    {
      content: 'Nước thải từ mái nhà chảy sang sân nhà bên cạnh',
      agreement: 'Hộ có mái lắp máng hứng nước và ống thoát ra rãnh chung trong 15 ngày',
      demands: 'Bên bị ảnh hưởng yêu cầu bồi thường sửa sân; bên kia không đồng ý',
    },
  ],
  noise_hygiene: [
    {
      content: 'Hát karaoke gây ồn sau 22 giờ, ảnh hưởng các hộ xung quanh',
      agreement: 'Hộ gia đình cam kết không hát karaoke sau 22 giờ, giảm âm lượng',
      demands: 'Các hộ xung quanh yêu cầu chấm dứt hẳn; hộ gia đình chỉ đồng ý giảm âm lượng',
    },
    {
      content: 'Chăn nuôi gà, chó trong khu dân cư gây mùi và mất vệ sinh',
      agreement: 'Hộ chăn nuôi giảm số lượng, dọn vệ sinh chuồng hằng ngày',
      demands: 'Hàng xóm yêu cầu chuyển chuồng đi nơi khác',
    },
  ],
  debt: [
    {
      content: 'Vay tiền 30 triệu đồng quá hạn 6 tháng chưa trả',
      agreement: 'Bên vay trả dần 5 triệu đồng mỗi tháng, bắt đầu từ tháng sau',
      demands: 'Bên cho vay yêu cầu trả một lần cả lãi; bên vay xin trả dần không lãi',
    },
    {
      content: 'Nợ tiền hàng tạp hóa 8 triệu đồng kéo dài',
      agreement: 'Bên nợ trả đủ trong 2 tháng',
      demands: 'Hai bên không thống nhất số tiền còn nợ',
    },
  ],
  family: [
    {
      content: 'Mâu thuẫn vợ chồng do chồng uống rượu, lời qua tiếng lại',
      agreement: 'Người chồng cam kết bỏ rượu, hai bên tôn trọng nhau; tổ hòa giải tiếp tục theo dõi',
      demands: 'Người vợ đề nghị ly hôn; người chồng không đồng ý',
    },
    {
      content: 'Anh em tranh cãi về việc phụng dưỡng mẹ già',
      agreement: 'Các con luân phiên chăm sóc mẹ, mỗi người góp 1 triệu đồng mỗi tháng',
      demands: 'Người con cả yêu cầu chia đều; người con út không đồng ý góp tiền',
    },
  ],
  inheritance: [
    {
      content: 'Tranh chấp chia thừa kế căn nhà của bố mẹ để lại không có di chúc',
      agreement: 'Các đồng thừa kế thống nhất bán nhà chia đều, làm thủ tục tại văn phòng công chứng',
      demands: 'Một bên muốn ở lại nhà và trả tiền cho các bên còn lại; các bên không thống nhất giá',
    },
  ],
  property: [
    {
      content: 'Tranh chấp tiền đặt cọc thuê nhà khi người thuê trả nhà trước hạn',
      agreement: 'Chủ nhà trả lại một nửa tiền cọc',
      demands: 'Người thuê đòi lại toàn bộ tiền cọc',
    },
  ],
  minor_violation: [
    {
      content: 'Trẻ em ném đá làm vỡ kính cửa sổ nhà hàng xóm',
      agreement: 'Gia đình trẻ xin lỗi và bồi thường thay kính',
      demands: 'Hai bên không thống nhất mức bồi thường',
    },
  ],
  other: [
    {
      content: 'Cây xanh nhà bên rủ cành sang mái nhà, lá rụng làm tắc máng nước',
      agreement: 'Hộ có cây cắt tỉa cành phía giáp ranh',
      demands: 'Một bên yêu cầu chặt cây; bên kia chỉ đồng ý tỉa cành',
    },
  ],
};

const RETURNING_LE_MAO = 'Đặng Thị Hằng';
const RETURNING_THANH_VINH = 'Ngô Văn Bảy';

type Member = { id: string; name: string; female: boolean };

async function seedTeam(
  tx: DbOrTx,
  ward: string,
  unitId: string,
  blockName: string,
  established: string,
  rand: () => number,
  composition: 'ok' | 'broken',
  proposedOn: string,
  recognise: boolean,
): Promise<{ teamId: string; members: Member[] }> {
  const teamId = crypto.randomUUID();
  await insertTeam(tx, {
    wardId: ward,
    id: teamId,
    unitId,
    name: `Tổ hòa giải ${blockName.replace(/^Khối /, 'khối ')}`,
    establishedOn: established,
    decisionRef: 'Quyết định công nhận của Chủ tịch UBND phường (số mẫu)',
  });
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const people: { name: string; female: boolean; role: 'leader' | 'member'; leftOn: string | null }[] =
    composition === 'ok'
      ? [
          { name: `${pick(SURNAMES)} ${pick(MEN)}`, female: false, role: 'leader', leftOn: null },
          { name: `${pick(SURNAMES)} ${pick(WOMEN)}`, female: true, role: 'member', leftOn: null },
          { name: `${pick(SURNAMES)} ${pick(MEN)}`, female: false, role: 'member', leftOn: null },
          ...(rand() < 0.5 ? [{ name: `${pick(SURNAMES)} ${pick(WOMEN)}`, female: true, role: 'member' as const, leftOn: null }] : []),
        ]
      : [
          { name: `${pick(SURNAMES)} ${pick(MEN)}`, female: false, role: 'leader', leftOn: null },
          { name: `${pick(SURNAMES)} ${pick(MEN)}`, female: false, role: 'member', leftOn: null },
          { name: `${pick(SURNAMES)} ${pick(WOMEN)}`, female: true, role: 'member', leftOn: addDays(established, 400) },
        ];
  const members: Member[] = [];
  for (const p of people) {
    const id = crypto.randomUUID();
    members.push({ id, name: p.name, female: p.female });
    await insertMember(tx, {
      wardId: ward,
      id,
      teamId,
      fullName: p.name,
      gender: p.female ? 'female' : 'male',
      birthYear: 1955 + Math.floor(rand() * 30),
      role: p.role,
      joinedOn: established,
      proposedOn,
      recognisedOn: recognise ? addDays(proposedOn, 4) : null,
      decisionRef: recognise ? 'QĐ công nhận hòa giải viên (số mẫu)' : null,
      trainedOn: addDays(established, 60),
      trainingNote: 'Tập huấn kỹ năng hòa giải ở cơ sở do Phòng Tư pháp tổ chức',
      leftOn: p.leftOn,
      leaveReason: p.leftOn ? 'Chuyển nơi ở khác' : null,
    });
  }
  return { teamId, members };
}

type CaseSpec = {
  receivedOn: string;
  type: MediationType;
  status: 'in_progress' | 'settled' | 'not_settled' | 'refused';
  risk?: 'none' | 'violence' | 'escalation';
  recurringParty?: string;
  partyName?: string;
  exclusions?: string[];
};

async function seedCase(
  tx: DbOrTx,
  ward: string,
  unitId: string,
  team: { teamId: string; members: Member[] },
  spec: CaseSpec,
  rand: () => number,
  today: string,
) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const matter = pick(MATTERS[spec.type]);
  const female = rand() < 0.5;
  const a = spec.recurringParty ?? spec.partyName ?? `${pick(SURNAMES)} ${pick(female ? WOMEN : MEN)}`;
  const b = `${pick(SURNAMES)} ${pick(rand() < 0.5 ? WOMEN : MEN)}`;
  const parties = [
    {
      name: a,
      age: 30 + Math.floor(rand() * 40),
      address: `Số ${1 + Math.floor(rand() * 90)} ngõ ${1 + Math.floor(rand() * 20)} ${SAMPLE}`,
    },
    {
      name: b,
      age: 25 + Math.floor(rand() * 45),
      address: `Số ${1 + Math.floor(rand() * 90)} ngõ ${1 + Math.floor(rand() * 20)} ${SAMPLE}`,
    },
  ];
  const mediators = team.members.slice(0, 2).map((m) => m.id);
  const year = Number(spec.receivedOn.slice(0, 4));
  const seq = await nextCaseNumber(tx, ward, year);
  const id = crypto.randomUUID();
  const resultOn =
    spec.status === 'settled' || spec.status === 'not_settled' ? addDays(spec.receivedOn, 3 + Math.floor(rand() * 10)) : null;
  const done = resultOn !== null && resultOn <= today;
  const status = resultOn && !done ? 'in_progress' : spec.status;
  await insertCase(tx, {
    wardId: ward,
    id,
    unitId,
    teamId: team.teamId,
    year,
    seq,
    receivedOn: spec.receivedOn,
    ground: pick(['party_request', 'party_request', 'mediator_observed', 'leader_assigned'] as const),
    type: spec.type,
    summary: spec.exclusions?.length
      ? 'Hai bên xô xát, một người bị thương phải vào viện, gia đình đề nghị tổ hòa giải can thiệp'
      : matter.content,
    parties,
    partyKeys: parties.map((p) => partyKey(p.name)),
    mediatorIds: mediators,
    invitees: rand() < 0.4 ? 'Trưởng khối; Chi hội trưởng Chi hội Phụ nữ khối' : null,
    exclusions: spec.exclusions ?? [],
    refusalNote: spec.exclusions?.length ? 'Có dấu hiệu tội cố ý gây thương tích: không thuộc phạm vi hòa giải ở cơ sở' : null,
    status,
    resultOn: done ? resultOn : null,
    agreement: done && status === 'settled' ? matter.agreement : null,
    demands: done && status === 'not_settled' ? matter.demands : null,
    writtenRecord: done && status === 'settled' && rand() < 0.3,
    performance: done && status === 'settled' ? 'Thực hiện theo thỏa thuận; tổ hòa giải theo dõi' : null,
    risk: spec.risk ?? 'none',
    riskNote: spec.risk && spec.risk !== 'none' ? 'Hai bên lời qua tiếng lại gay gắt, có lời lẽ đe dọa' : null,
    recurring: spec.recurringParty !== undefined,
    notes: null,
  });
  if (status !== 'refused') {
    await insertSession(tx, {
      wardId: ward,
      id: crypto.randomUUID(),
      caseId: id,
      heldOn: addDays(spec.receivedOn, 1 + Math.floor(rand() * 2)),
      place: 'Nhà văn hóa khối',
      summary: 'Nghe các bên trình bày, phân tích quy định pháp luật, động viên các bên thương lượng',
    });
  }
  if (done && status === 'settled' && rand() < 0.6) {
    await insertFollowUp(tx, {
      wardId: ward,
      id: crypto.randomUUID(),
      caseId: id,
      onDay: addDays(resultOn as string, 20),
      state: rand() < 0.8 ? 'performed' : 'partly',
      note: 'Hòa giải viên đến kiểm tra việc thực hiện thỏa thuận',
    });
  }
  if ((spec.risk && spec.risk !== 'none') || spec.recurringParty) {
    await insertNotification(tx, {
      wardId: ward,
      id: crypto.randomUUID(),
      unitId,
      caseId: id,
      kind: spec.risk && spec.risk !== 'none' ? 'risk' : 'returning',
    });
  }
}

/** Loads the demo teams and books of Lê Mao (2020) and Thành Vinh (the last three months before `today`). */
export async function loadDemoMediation(tx: DbOrTx, wards: { leMao: DemoWard; thanhVinh: DemoWard }, today: string): Promise<void> {
  const rand = seeded(2020_11);
  const blocks = (w: DemoWard) =>
    Object.entries(w.units).filter(([code]) => !code.startsWith('thcs') && !code.startsWith('thpt') && !code.startsWith('tc-'));
  const BLOCK_NAMES: Record<string, string> = {
    'trung-my': 'Khối Trung Mỹ',
    'tan-quang': 'Khối Tân Quang',
    'yen-giang': 'Khối Yên Giang',
    'tan-phuong': 'Khối Tân Phượng',
    'dao-phat': 'Khối Đào Phát',
    'hong-ngu': 'Khối Hồng Ngự',
    'my-thuong': 'Khối Mỹ Thượng',
    'tan-tien': 'Khối Tân Tiến',
    'dong-lam': 'Khối Đông Lâm',
  };
  // Lê Mao, 2020.
  const leMaoTeams: Record<string, { teamId: string; members: Member[] }> = {};
  for (const [code, unitId] of blocks(wards.leMao)) {
    leMaoTeams[code] = await seedTeam(
      tx,
      wards.leMao.id,
      unitId,
      BLOCK_NAMES[code] ?? code,
      '2019-01-15',
      rand,
      code === 'dong-lam' ? 'broken' : 'ok',
      '2019-01-08',
      true,
    );
  }
  const codes = Object.keys(leMaoTeams);
  for (let month = 1; month <= 12; month += 1) {
    const count = 3 + Math.floor(rand() * 3);
    for (let i = 0; i < count; i += 1) {
      const first = month === 3 && i === 0;
      const again = month === 9 && i === 0;
      const code = first || again ? 'tan-quang' : (codes[Math.floor(rand() * codes.length)] as string);
      const day = `2020-${String(month).padStart(2, '0')}-${String(2 + Math.floor(rand() * 26)).padStart(2, '0')}`;
      const type = MEDIATION_TYPES[Math.floor(rand() * MEDIATION_TYPES.length)] as MediationType;
      const status = rand() < 0.82 ? 'settled' : 'not_settled';
      const unitId = wards.leMao.units[code] as string;
      const team = leMaoTeams[code] as { teamId: string; members: Member[] };
      const spec: CaseSpec = again
        ? { receivedOn: day, type: 'noise_hygiene', status: 'not_settled', recurringParty: RETURNING_LE_MAO, risk: 'escalation' }
        : first
          ? { receivedOn: day, type: 'noise_hygiene', status: 'settled', partyName: RETURNING_LE_MAO }
          : { receivedOn: day, type, status };
      await seedCase(tx, wards.leMao.id, unitId, team, spec, rand, today);
    }
  }
  // Thành Vinh: teams from the merger, the last three months.
  const tvTeams: Record<string, { teamId: string; members: Member[] }> = {};
  for (const [code, unitId] of blocks(wards.thanhVinh)) {
    const broken = code === 'dong-lam';
    const pending = code === 'yen-giang';
    tvTeams[code] = await seedTeam(
      tx,
      wards.thanhVinh.id,
      unitId,
      BLOCK_NAMES[code] ?? code,
      '2025-07-15',
      rand,
      broken ? 'broken' : 'ok',
      pending ? addDays(today, -10) : '2025-07-08',
      !pending,
    );
  }
  const start = addDays(today, -90);
  const tvCodes = Object.keys(tvTeams);
  for (let i = 0; i < 24; i += 1) {
    const code = i % 4 === 0 || i === 22 ? 'tan-quang' : (tvCodes[Math.floor(rand() * tvCodes.length)] as string);
    const day = addDays(start, Math.floor((i * 88) / 24) + 1);
    const type = MEDIATION_TYPES[Math.floor(rand() * MEDIATION_TYPES.length)] as MediationType;
    const spec: CaseSpec =
      i === 20
        ? { receivedOn: day, type: 'neighbours', status: 'in_progress', risk: 'violence' }
        : i === 21
          ? { receivedOn: day, type: 'minor_violation', status: 'refused', exclusions: ['criminal'] }
          : i === 22
            ? { receivedOn: day, type: 'debt', status: 'not_settled', recurringParty: RETURNING_THANH_VINH }
            : i === 4
              ? { receivedOn: day, type: 'debt', status: 'settled', partyName: RETURNING_THANH_VINH }
              : { receivedOn: day, type, status: i > 17 ? 'in_progress' : rand() < 0.8 ? 'settled' : 'not_settled' };
    await seedCase(
      tx,
      wards.thanhVinh.id,
      wards.thanhVinh.units[code] as string,
      tvTeams[code] as { teamId: string; members: Member[] },
      spec,
      rand,
      today,
    );
  }
}
