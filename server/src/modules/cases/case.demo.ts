import { randomUUID } from 'node:crypto';
import { addDays, type BuiltinCaseType as CaseType, defaultPenalCodeArticle, groupOf } from '@binh-an/domain';
import type { DbOrTx } from '../../platform/db.ts';
import { markTipUsedInCase } from '../tips/index.ts';
import { insertCase, insertCasePerson, insertRehabDossier, insertSeizure, linkTip, nextRegisterNumber } from './case.repository.ts';

/**
 * The demo case register. Lê Mao, 1 Jan – 30 Jun 2020, as the article reports it: 15 drug cases cleared with arrests,
 * 2 firecracker cases with 2.4 kg of firecracker powder seized (1.2 kg each), 3 theft and abuse-of-trust cases, and 8
 * dossiers for compulsory drug rehabilitation; 2019 gives a yearly clearance rate above 80 %. Then a few recent cases
 * of phường Thành Vinh. Names are invented and marked as such; ID numbers start with 999, which no province uses.
 */
type DemoCase = {
  /** The demo tip (by its key) that led to the case. */
  tip?: string;
  on: string;
  type: CaseType;
  block: string;
  status: 'cleared' | 'transferred' | 'prosecuted' | 'verifying' | 'received' | 'closed_no_crime';
  summary: string;
  suspects?: number;
  seizures?: { kind: string; quantity: string; unit: string }[];
};

const DEMO_PERSON = 'Người mẫu, không có thật.';
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const GIVEN = [
  'Văn An',
  'Văn Bảo',
  'Đức Cường',
  'Quang Dũng',
  'Văn Hải',
  'Minh Khoa',
  'Thị Lan',
  'Văn Long',
  'Hữu Nam',
  'Văn Phúc',
  'Thị Quyên',
  'Văn Sơn',
  'Đình Tài',
  'Văn Thắng',
];
const BLOCKS = ['trung-my', 'tan-quang', 'yen-giang', 'tan-phuong', 'dao-phat', 'hong-ngu', 'my-thuong', 'tan-tien', 'dong-lam'];

function h1of2020(): DemoCase[] {
  const out: DemoCase[] = [];
  const drugTypes: CaseType[] = [
    'drug_trading',
    'drug_trading',
    'drug_storing',
    'drug_trading',
    'drug_storing',
    'drug_organising_use',
    'drug_trading',
    'drug_storing',
    'drug_trading',
    'drug_storing',
    'drug_trading',
    'drug_storing',
    'drug_organising_use',
    'drug_trading',
    'drug_storing',
  ];
  drugTypes.forEach((type, i) => {
    const day = addDays('2020-01-06', i * 11);
    out.push({
      on: day,
      type,
      block: BLOCKS[i % BLOCKS.length] as string,
      status: i % 4 === 0 ? 'cleared' : 'prosecuted',
      summary:
        type === 'drug_trading'
          ? 'Bắt quả tang đối tượng mua bán trái phép chất ma túy, thu giữ heroin và ma túy đá.'
          : type === 'drug_storing'
            ? 'Phát hiện đối tượng tàng trữ trái phép chất ma túy khi kiểm tra hành chính.'
            : 'Phát hiện nhóm đối tượng tổ chức sử dụng trái phép chất ma túy tại phòng trọ.',
      suspects: type === 'drug_organising_use' ? 2 : 1,
      seizures:
        type === 'drug_trading'
          ? [
              { kind: 'heroin', quantity: (0.5 + (i % 3) * 0.25).toFixed(2), unit: 'g' },
              { kind: 'methamphetamine', quantity: String(1 + (i % 4)), unit: 'g' },
            ]
          : [{ kind: 'methamphetamine', quantity: (0.3 + (i % 2) * 0.2).toFixed(1), unit: 'g' }],
    });
  });
  out.push(
    {
      on: '2020-01-18',
      type: 'firecracker_trading',
      block: 'tan-quang',
      status: 'prosecuted',
      summary: 'Bắt quả tang đối tượng mua bán thuốc pháo trước Tết Canh Tý.',
      suspects: 1,
      seizures: [{ kind: 'firecracker_powder', quantity: '1.2', unit: 'kg' }],
    },
    {
      on: '2020-01-21',
      type: 'firecracker_storing',
      block: 'trung-my',
      status: 'cleared',
      summary: 'Phát hiện đối tượng tàng trữ thuốc pháo để tự chế pháo nổ.',
      suspects: 1,
      seizures: [{ kind: 'firecracker_powder', quantity: '1.2', unit: 'kg' }],
    },
    {
      on: '2020-03-09',
      type: 'theft',
      block: 'dao-phat',
      status: 'prosecuted',
      summary: 'Trộm cắp xe máy dựng trước cửa nhà; thu hồi tài sản, trả lại bị hại.',
      suspects: 1,
      seizures: [{ kind: 'vehicle', quantity: '1', unit: 'item' }],
    },
    {
      on: '2020-04-22',
      type: 'abuse_of_trust',
      block: 'hong-ngu',
      status: 'transferred',
      summary: 'Mượn xe máy rồi mang đi cầm cố, chiếm đoạt tài sản.',
      suspects: 1,
    },
    {
      on: '2020-06-15',
      type: 'theft',
      block: 'my-thuong',
      status: 'verifying',
      summary: 'Mất trộm điện thoại tại quán ăn, đang xác minh qua camera.',
    },
  );
  return out;
}

function of2019(): DemoCase[] {
  const types: CaseType[] = [
    'drug_trading',
    'drug_storing',
    'theft',
    'drug_trading',
    'gambling',
    'assault',
    'drug_storing',
    'theft',
    'fraud',
    'drug_trading',
  ];
  return Array.from({ length: 30 }, (_, i) => {
    const type = types[i % types.length] as CaseType;
    return {
      on: addDays('2019-01-10', i * 12),
      type,
      block: BLOCKS[(i * 2) % BLOCKS.length] as string,
      status: i % 6 === 5 ? 'verifying' : i % 3 === 0 ? 'prosecuted' : 'cleared',
      summary: 'Vụ việc năm 2019 (dữ liệu mẫu).',
      suspects: i % 6 === 5 ? 0 : 1,
    } satisfies DemoCase;
  });
}

function recent(today: string): DemoCase[] {
  return [
    {
      tip: 'shop-break-in',
      on: today,
      type: 'theft',
      block: 'dao-phat',
      status: 'verifying',
      summary: 'Cửa hàng điện thoại bị cạy cửa, mất 6 điện thoại trưng bày; đang trích xuất camera.',
    },
    {
      on: addDays(today, -12),
      type: 'drug_using',
      block: 'tan-quang',
      status: 'cleared',
      summary: 'Kiểm tra phòng trọ, phát hiện 3 người sử dụng trái phép chất ma túy.',
      suspects: 2,
      seizures: [{ kind: 'methamphetamine', quantity: '0.4', unit: 'g' }],
    },
    {
      tip: 'motorbike-theft',
      on: addDays(today, -28),
      type: 'theft',
      block: 'trung-my',
      status: 'prosecuted',
      summary: 'Trộm cắp xe máy lúc rạng sáng; bắt giữ đối tượng, thu hồi xe.',
      suspects: 1,
      seizures: [{ kind: 'vehicle', quantity: '1', unit: 'item' }],
    },
    {
      on: addDays(today, -40),
      type: 'fraud',
      block: 'tan-quang',
      status: 'transferred',
      summary: 'Giả danh cán bộ ngân hàng lừa cài ứng dụng, chiếm đoạt 45 triệu đồng.',
      seizures: [],
    },
    {
      on: addDays(today, -52),
      type: 'gambling',
      block: 'yen-giang',
      status: 'closed_no_crime',
      summary: 'Tin báo đánh bạc tại quán nước; xác minh không có dấu hiệu tội phạm.',
    },
  ];
}

/** Loads the demo register of Lê Mao (2019 – mid 2020) and the recent cases of Thành Vinh. */
export async function loadDemoCases(
  tx: DbOrTx,
  wards: { leMao: { id: string; blocks: Record<string, string> }; thanhVinh: { id: string; blocks: Record<string, string> } },
  officerId: string | null,
  today: string,
  tipIds: Record<string, string> = {},
): Promise<void> {
  let person = 0;
  const load = async (ward: { id: string; blocks: Record<string, string> }, list: DemoCase[]) => {
    for (const c of list) {
      const id = randomUUID();
      const year = Number(c.on.slice(0, 4));
      const done = (days: number) => addDays(c.on, days);
      await insertCase(tx, {
        wardId: ward.id,
        id,
        unitId: ward.blocks[c.block] ?? ward.id,
        year,
        seq: await nextRegisterNumber(tx, ward.id, 'case', year),
        type: c.type,
        reportGroup: groupOf(c.type),
        penalCodeArticle: defaultPenalCodeArticle(c.type),
        status: c.status,
        occurredOn: c.on,
        discoveredOn: c.on,
        summary: c.summary,
        officerIds: officerId ? [officerId] : [],
        clearedOn: ['cleared', 'transferred', 'prosecuted'].includes(c.status) ? done(2) : null,
        transferredOn: c.status === 'transferred' || c.status === 'prosecuted' ? done(4) : null,
        transferredTo: c.status === 'transferred' || c.status === 'prosecuted' ? 'Cơ quan Cảnh sát điều tra Công an thành phố Vinh' : null,
        prosecutedOn: c.status === 'prosecuted' ? done(9) : null,
        closedOn: c.status === 'closed_no_crime' ? done(5) : null,
      });
      for (let s = 0; s < (c.suspects ?? 0); s++) {
        person += 1;
        await insertCasePerson(tx, {
          wardId: ward.id,
          caseId: id,
          role: 'suspect',
          fullName: `${SURNAMES[person % SURNAMES.length]} ${GIVEN[(person * 5) % GIVEN.length]}`,
          birthYear: 1980 + (person % 20),
          arrestedAt: new Date(`${c.on}T10:00:00+07:00`),
          measure: 'caught_in_act',
          note: DEMO_PERSON,
        });
      }
      for (const seizure of c.seizures ?? []) await insertSeizure(tx, { wardId: ward.id, caseId: id, ...seizure });
      const tipId = c.tip ? tipIds[c.tip] : undefined;
      if (tipId && (await markTipUsedInCase(tx, ward.id, tipId))) await linkTip(tx, ward.id, id, tipId);
    }
  };
  await load(wards.leMao, [...of2019(), ...h1of2020()]);
  await load(wards.thanhVinh, recent(today));
  // Eight dossiers for compulsory drug rehabilitation, opened in the first half of 2020.
  for (let i = 0; i < 8; i++) {
    person += 1;
    const opened = addDays('2020-01-15', i * 20);
    await insertRehabDossier(tx, {
      wardId: wards.leMao.id,
      unitId: wards.leMao.blocks[BLOCKS[i % BLOCKS.length] as string] ?? wards.leMao.id,
      year: 2020,
      seq: await nextRegisterNumber(tx, wards.leMao.id, 'rehab', 2020),
      status: i < 6 ? 'carried_out' : 'sent_to_court',
      fullName: `${SURNAMES[person % SURNAMES.length]} ${GIVEN[(person * 3) % GIVEN.length]}`,
      birthYear: 1985 + i,
      foundOn: opened,
      ground: 'relapsed_after_rehab',
      compiledOn: addDays(opened, 5),
      sentOn: addDays(opened, 7),
      court: 'Tòa án nhân dân thành phố Vinh',
      decision: i < 6 ? 'accepted' : null,
      decisionNumber: i < 6 ? `${10 + i}/2020/QĐ-TA` : null,
      decisionOn: i < 6 ? addDays(opened, 20) : null,
      carriedOutOn: i < 6 ? addDays(opened, 25) : null,
      note: DEMO_PERSON,
    });
  }
}
