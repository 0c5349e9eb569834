import { randomInt } from 'node:crypto';
import { formatReceipt, type Role } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { generateTotpSecret } from '../../platform/auth/totp.ts';
import { seal } from '../../platform/crypto.ts';
import { type Db, type DbOrTx, queryRows } from '../../platform/db.ts';
import { Envelope } from '../../platform/envelope.ts';
import { vnToday } from '../../platform/time.ts';
import { loadDemoCameras } from '../cameras/index.ts';
import { loadDemoCases } from '../cases/index.ts';
import { loadDemoCertification } from '../certification/index.ts';
import { loadDemoMediation } from '../mediation/index.ts';
import { loadDemoOutreach } from '../outreach/index.ts';
import { loadDemoPatrols } from '../patrols/index.ts';
import { loadDemoResidence } from '../residence/index.ts';
import { loadDemoTips } from '../tips/index.ts';
import { insertUnit, type NewUnitInput, replacePredecessors } from '../units/index.ts';
import { insertUser } from '../users/index.ts';
import { loadDemoGeometry } from './demo.geometry.ts';

/**
 * The demo: Nghệ An → Vinh → Lê Mao as the article describes it in 2020 (9 blocks, 3 schools), and its history:
 * Lê Mao merged into phường Quang Trung on 01/12/2024, which merged into phường Thành Vinh on 01/07/2025 when the
 * district level ended. The blocks and schools carry over into Thành Vinh as successor units. A second ward,
 * Trường Vinh, shows that one ward never sees another's records.
 */
const MERGED_INTO_QUANG_TRUNG = '2024-12-01';
const MERGED_INTO_THANH_VINH = '2025-07-01';
const DEMO_NAME = 'Tên mẫu để trình diễn, không phải tên thật.';

const BLOCKS: { code: string; name: string; real: boolean }[] = [
  { code: 'trung-my', name: 'Khối Trung Mỹ', real: true },
  { code: 'tan-quang', name: 'Khối Tân Quang', real: true },
  { code: 'yen-giang', name: 'Khối Yên Giang', real: false },
  { code: 'tan-phuong', name: 'Khối Tân Phượng', real: false },
  { code: 'dao-phat', name: 'Khối Đào Phát', real: false },
  { code: 'hong-ngu', name: 'Khối Hồng Ngự', real: false },
  { code: 'my-thuong', name: 'Khối Mỹ Thượng', real: false },
  { code: 'tan-tien', name: 'Khối Tân Tiến', real: false },
  { code: 'dong-lam', name: 'Khối Đông Lâm', real: false },
];

const SCHOOLS: { code: string; name: string; level: string }[] = [
  { code: 'thcs-le-mao', name: 'Trường THCS Lê Mao', level: 'lower_secondary' },
  { code: 'thpt-le-mao', name: 'Trường THPT Dân lập Lê Mao', level: 'upper_secondary' },
  { code: 'tc-nghe-le-mao', name: 'Trường Trung cấp nghề Lê Mao', level: 'vocational' },
];

export type DemoLogin = { role: Role; username: string; displayName: string; unit: string; password: string; totpSecret: string | null };

/** Whether the database has no units yet (the demo loads only into an empty database). */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM units`);
  return Number(row?.n ?? 0) === 0;
}

function demoPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}-${group()}`;
}

/** Loads the demo ward with one account per role, in one transaction; answers the logins to print. */
export async function loadDemo(db: Db, key: Buffer): Promise<{ logins: DemoLogin[]; tipReceipt: string | null }> {
  const unit = (tx: DbOrTx, values: NewUnitInput) => insertUnit(tx, { isDemo: true, ...values });
  const accounts: { role: Role; username: string; displayName: string; unitKey: string; totp: boolean }[] = [
    { role: 'admin', username: 'quantri', displayName: 'Quản trị hệ thống (mẫu)', unitKey: 'province', totp: true },
    { role: 'chief', username: 'truongcongan', displayName: 'Nguyễn Văn Hùng', unitKey: 'thanh-vinh', totp: true },
    { role: 'officer', username: 'canbo', displayName: 'Trần Thị Lan', unitKey: 'thanh-vinh', totp: true },
    { role: 'civil_guard', username: 'tobaove', displayName: 'Lê Văn Bình', unitKey: 'tv:trung-my', totp: false },
    { role: 'block_leader', username: 'truongkhoi', displayName: 'Phạm Thị Hoa', unitKey: 'tv:trung-my', totp: false },
    { role: 'mediator', username: 'hoagiai', displayName: 'Hoàng Văn Đức', unitKey: 'tv:tan-quang', totp: false },
    { role: 'school_staff', username: 'nhatruong', displayName: 'Võ Thị Mai', unitKey: 'tv:thcs-le-mao', totp: false },
    { role: 'viewer', username: 'theodoi', displayName: 'Đặng Quốc Toàn', unitKey: 'thanh-vinh', totp: false },
    { role: 'officer', username: 'canbo.truongvinh', displayName: 'Bùi Minh Tuấn', unitKey: 'truong-vinh', totp: true },
  ];
  const prepared = await Promise.all(
    accounts.map(async (a) => {
      const password = demoPassword();
      const totpSecret = a.totp ? generateTotpSecret() : null;
      return { ...a, password, totpSecret, passwordHash: await hashPassword(password) };
    }),
  );

  return db.transaction(async (tx) => {
    const ids: Record<string, string> = {};
    ids.province = await unit(tx, { parentId: null, code: 'nghe-an', name: 'Tỉnh Nghệ An', type: 'province' });
    ids.vinh = await unit(tx, {
      parentId: ids.province,
      code: 'vinh',
      name: 'Thành phố Vinh',
      type: 'district',
      validTo: '2025-06-30',
      note: 'Cấp huyện chấm dứt từ 01/07/2025; giữ lại để tra cứu hồ sơ cũ.',
    });
    ids['le-mao'] = await unit(tx, {
      parentId: ids.vinh,
      code: 'le-mao',
      name: 'Phường Lê Mao',
      type: 'ward',
      validTo: '2024-11-30',
      note: 'Sáp nhập vào phường Quang Trung từ 01/12/2024.',
    });
    for (const b of BLOCKS) {
      ids[`lm:${b.code}`] = await unit(tx, {
        parentId: ids['le-mao'],
        code: b.code,
        name: b.name,
        type: 'block',
        validTo: '2024-11-30',
        note: b.real ? null : DEMO_NAME,
      });
    }
    for (const s of SCHOOLS) {
      ids[`lm:${s.code}`] = await unit(tx, {
        parentId: ids['le-mao'],
        code: s.code,
        name: s.name,
        type: 'school',
        schoolLevel: s.level,
        validTo: '2024-11-30',
        note: DEMO_NAME,
      });
    }
    ids['quang-trung'] = await unit(tx, {
      parentId: ids.vinh,
      code: 'quang-trung',
      name: 'Phường Quang Trung',
      type: 'ward',
      validFrom: MERGED_INTO_QUANG_TRUNG,
      validTo: '2025-06-30',
      note: 'Hợp nhất từ Lê Mao, Quang Trung và Đội Cung (01/12/2024); sáp nhập vào phường Thành Vinh từ 01/07/2025.',
    });
    await replacePredecessors(tx, ids['quang-trung'], [ids['le-mao']]);
    ids['thanh-vinh'] = await unit(tx, {
      parentId: ids.province,
      code: 'thanh-vinh',
      name: 'Phường Thành Vinh',
      type: 'ward',
      validFrom: MERGED_INTO_THANH_VINH,
      contactPhone: '0238 000 0000 (số mẫu)',
      contactEmail: 'congan.thanhvinh@example.vn',
      contactAddress: 'Trụ sở Công an phường Thành Vinh (địa chỉ mẫu), Nghệ An',
      note: 'Hợp nhất từ Lê Lợi, Quang Trung, Cửa Nam, Hưng Chính, Đông Vĩnh, Hưng Bình (01/07/2025).',
    });
    await replacePredecessors(tx, ids['thanh-vinh'], [ids['quang-trung']]);
    for (const b of BLOCKS) {
      ids[`tv:${b.code}`] = await unit(tx, {
        parentId: ids['thanh-vinh'],
        code: b.code,
        name: b.name,
        type: 'block',
        validFrom: MERGED_INTO_THANH_VINH,
        note: b.real ? null : DEMO_NAME,
      });
      await replacePredecessors(tx, ids[`tv:${b.code}`] as string, [ids[`lm:${b.code}`] as string]);
    }
    for (const s of SCHOOLS) {
      ids[`tv:${s.code}`] = await unit(tx, {
        parentId: ids['thanh-vinh'],
        code: s.code,
        name: s.name,
        type: 'school',
        schoolLevel: s.level,
        validFrom: MERGED_INTO_THANH_VINH,
        note: DEMO_NAME,
      });
      await replacePredecessors(tx, ids[`tv:${s.code}`] as string, [ids[`lm:${s.code}`] as string]);
    }
    ids['truong-vinh'] = await unit(tx, {
      parentId: ids.province,
      code: 'truong-vinh',
      name: 'Phường Trường Vinh',
      type: 'ward',
      validFrom: MERGED_INTO_THANH_VINH,
      contactEmail: 'congan.truongvinh@example.vn',
    });
    for (const [code, name] of [
      ['khoi-1', 'Khối 1'],
      ['khoi-2', 'Khối 2'],
    ] as const) {
      ids[`trv:${code}`] = await unit(tx, {
        parentId: ids['truong-vinh'],
        code,
        name,
        type: 'block',
        validFrom: MERGED_INTO_THANH_VINH,
        note: DEMO_NAME,
      });
    }

    await loadDemoGeometry(tx, ids);

    const wardOf = async (unitId: string) =>
      (await queryRows<{ ward_id: string | null }>(tx, sql`SELECT ward_id FROM units WHERE id = ${unitId}`))[0]?.ward_id ?? null;
    const logins: DemoLogin[] = [];
    const userIds: Record<string, string> = {};
    for (const a of prepared) {
      const unitId = ids[a.unitKey] as string;
      userIds[a.username] = await insertUser(tx, {
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        unitId,
        wardId: await wardOf(unitId),
        passwordHash: a.passwordHash,
        totpSecretEnc: a.totpSecret ? seal(key, a.totpSecret, 'totp') : null,
        totpEnabledAt: a.totpSecret ? new Date() : null,
      });
      const unitName = (await queryRows<{ name: string }>(tx, sql`SELECT name FROM units WHERE id = ${unitId}`))[0]?.name ?? '';
      logins.push({
        role: a.role,
        username: a.username,
        displayName: a.displayName,
        unit: unitName,
        password: a.password,
        totpSecret: a.totpSecret,
      });
    }
    const envelope = await Envelope.create(key, 'tips');
    const blocksOf = (prefix: string) =>
      Object.fromEntries(
        Object.entries(ids)
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), v]),
      );
    const { receipt, ids: tipIds } = await loadDemoTips(
      tx,
      { serverKey: key, envelope },
      { id: ids['thanh-vinh'] as string, blocks: blocksOf('tv:'), chiefId: userIds.truongcongan ?? null, officerId: userIds.canbo ?? null },
      'thanh-vinh',
      new Date(),
    );
    await loadDemoTips(
      tx,
      { serverKey: key, envelope },
      { id: ids['truong-vinh'] as string, blocks: blocksOf('trv:'), chiefId: null, officerId: userIds['canbo.truongvinh'] ?? null },
      'truong-vinh',
      new Date(),
    );
    await loadDemoCases(
      tx,
      {
        leMao: { id: ids['le-mao'] as string, blocks: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, blocks: blocksOf('tv:') },
      },
      userIds.canbo ?? null,
      vnToday(),
      tipIds,
    );
    await loadDemoPatrols(
      tx,
      {
        leMao: { id: ids['le-mao'] as string, units: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, units: blocksOf('tv:') },
      },
      {
        truongcongan: userIds.truongcongan ?? null,
        canbo: userIds.canbo ?? null,
        tobaove: userIds.tobaove ?? null,
        truongkhoi: userIds.truongkhoi ?? null,
      },
      vnToday(),
    );
    await loadDemoMediation(
      tx,
      {
        leMao: { id: ids['le-mao'] as string, units: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, units: blocksOf('tv:') },
      },
      vnToday(),
    );
    await loadDemoResidence(
      tx,
      key,
      {
        leMao: { id: ids['le-mao'] as string, blocks: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, blocks: blocksOf('tv:') },
      },
      userIds.canbo ?? null,
    );
    await loadDemoCertification(
      tx,
      {
        leMao: { id: ids['le-mao'] as string, units: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, units: blocksOf('tv:') },
      },
      vnToday(),
    );
    await loadDemoCameras(
      tx,
      key,
      {
        leMao: { id: ids['le-mao'] as string, blocks: blocksOf('lm:') },
        thanhVinh: { id: ids['thanh-vinh'] as string, blocks: blocksOf('tv:') },
      },
      vnToday(),
    );
    await loadDemoOutreach(tx, key, { leMao: { id: ids['le-mao'] as string }, thanhVinh: { id: ids['thanh-vinh'] as string } }, vnToday());
    await recordAudit(tx, { action: 'demo.load', detail: { units: Object.keys(ids).length, accounts: logins.length } });
    return { logins, tipReceipt: receipt };
  });
}

/** The demo logins as a table for the terminal and the data folder. */
export function formatDemoLogins(logins: DemoLogin[], tipReceipt: string | null = null): string {
  const rows = logins.map((l) => [l.role, l.username, l.password, l.totpSecret ?? '—', l.unit]);
  const head = ['role', 'username', 'password', 'TOTP secret', 'unit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const table = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  return tipReceipt ? `${table}\n\nDemo tip receipt (open it at /to-giac/theo-doi): ${formatReceipt(tipReceipt)}` : table;
}
