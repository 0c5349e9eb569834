import { randomUUID } from 'node:crypto';
import { type ActivityType, type AudienceGroup, OUTREACH_TOPICS, type OutreachTopic, SUBSCRIPTION_CONSENT_VERSION } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { keyedHash, seal } from '../../platform/crypto.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { VN_OFFSET_MS } from '../../platform/time.ts';
import { insertActivity, insertAnnouncement, insertBroadcast, insertScript, insertScriptVersion } from './outreach.repository.ts';

/**
 * The demo outreach. The 2020 article names the channels (block meetings, mass-organisation meetings, the ward and block
 * loudspeakers, mass media) but gives no counts: Lê Mao's first half of 2020 is therefore seeded with plausible figures
 * — a block meeting in each of the 9 blocks every two months (fewer in April, under the epidemic's distancing), monthly
 * meetings of the Women's Union, Youth Union, Veterans and Elderly associations, two ward broadcasts a month read from a
 * small script library, a session in each of the 3 schools, leaflets before Tết on firecrackers, two articles in the
 * media — and the 19 August day of 2020. Then Thành Vinh's last three months: activities, the loudspeaker schedule of the
 * next two weeks, announcements (an alert about a scam in Trung Mỹ, a survey after the patrol period), a few subscribers
 * with sample contacts and their deliveries. Generated from a fixed seed; every contact is a sample address.
 */
type DemoWard = { id: string };

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

const SCRIPTS: { title: string; topic: OutreachTopic; versions: string[] }[] = [
  {
    title: 'Phòng, chống ma túy trong khu dân cư',
    topic: 'drugs',
    versions: [
      'Kính thưa bà con nhân dân! Ma túy đang len lỏi vào từng khu dân cư, đe dọa sức khỏe và tương lai của con em chúng ta. Mỗi gia đình hãy quan tâm, quản lý con em; khi phát hiện người có biểu hiện sử dụng, mua bán trái phép chất ma túy, xin báo ngay cho Công an phường hoặc gọi 113.',
      'Kính thưa bà con nhân dân! Ma túy đang len lỏi vào từng khu dân cư, kể cả dưới dạng "nước vui", "bánh lạ", thuốc lá điện tử pha trộn. Mỗi gia đình hãy quan tâm, quản lý con em; khi phát hiện người có biểu hiện sử dụng, mua bán trái phép chất ma túy, xin báo ngay cho Công an phường, gửi tin qua hòm thư tố giác hoặc gọi 113.',
    ],
  },
  {
    title: 'Không sản xuất, tàng trữ, đốt pháo nổ dịp Tết',
    topic: 'firecrackers',
    versions: [
      'Kính thưa bà con! Tết Nguyên đán sắp đến. Nghiêm cấm sản xuất, mua bán, vận chuyển, tàng trữ, đốt pháo nổ và thuốc pháo. Người vi phạm có thể bị xử lý hình sự. Đề nghị các gia đình nhắc nhở con em không mua pháo qua mạng xã hội.',
    ],
  },
  {
    title: 'Cảnh giác cuộc gọi giả danh cơ quan công an',
    topic: 'fraud',
    versions: [
      'Kính thưa bà con! Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền vào tài khoản để "xác minh". Khi nhận cuộc gọi như vậy, hãy tắt máy và báo cho Công an phường.',
      'Kính thưa bà con! Công an không làm việc qua điện thoại, không yêu cầu cài ứng dụng lạ hay chuyển tiền vào tài khoản để "xác minh", "cập nhật định danh". Khi nhận cuộc gọi, tin nhắn như vậy, hãy tắt máy, không bấm vào đường dẫn và báo cho Công an phường.',
    ],
  },
  {
    title: 'Thông báo lưu trú và khai báo tạm vắng',
    topic: 'residence',
    versions: [
      'Kính thưa bà con! Khi có người đến ở lại qua đêm, chủ hộ, chủ cơ sở lưu trú thông báo lưu trú với Công an phường trước 23 giờ (người đến sau 23 giờ: trước 8 giờ sáng hôm sau), qua ứng dụng VNeID, trang Bình An hoặc trực tiếp.',
    ],
  },
];

const ORGANISATIONS: { name: string; group: AudienceGroup }[] = [
  { name: 'Hội Liên hiệp Phụ nữ phường', group: 'women' },
  { name: 'Đoàn Thanh niên phường', group: 'youth' },
  { name: 'Hội Cựu chiến binh phường', group: 'veterans' },
  { name: 'Hội Người cao tuổi phường', group: 'elderly' },
];

const dayOf = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const atVn = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00Z`) - VN_OFFSET_MS);
const addDaysTo = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function blocksOf(tx: DbOrTx, wardId: string) {
  return queryRows<{ id: string; name: string; type: string }>(
    tx,
    sql`SELECT id, name, type FROM units WHERE parent_id = ${wardId} AND type IN ('block', 'school') ORDER BY name`,
  );
}

async function scriptLibrary(tx: DbOrTx, wardId: string, firstOn: string) {
  const out: { id: string; title: string; topic: OutreachTopic; version: number }[] = [];
  for (const [i, s] of SCRIPTS.entries()) {
    const id = randomUUID();
    await insertScript(tx, { wardId, id, unitId: wardId, title: s.title, topic: s.topic, currentVersion: s.versions.length });
    for (const [v, body] of s.versions.entries()) {
      await insertScriptVersion(tx, {
        wardId,
        scriptId: id,
        version: v + 1,
        body,
        note: v ? 'Cập nhật thủ đoạn mới' : null,
        createdAt: atVn(addDaysTo(firstOn, i + v * 60), '08:00'),
      });
    }
    out.push({ id, title: s.title, topic: s.topic, version: s.versions.length });
  }
  return out;
}

async function activity(
  tx: DbOrTx,
  wardId: string,
  unitId: string,
  type: ActivityType,
  topic: OutreachTopic,
  heldOn: string,
  title: string,
  groups: Partial<Record<AudienceGroup, number>>,
  extra: { organisers?: string; materials?: string[]; broadcastId?: string; total?: number } = {},
) {
  const total = extra.total ?? Object.values(groups).reduce<number>((s, n) => s + (n ?? 0), 0);
  await insertActivity(tx, {
    wardId,
    id: randomUUID(),
    unitId,
    type,
    topic,
    heldOn,
    title,
    organisers: extra.organisers ?? null,
    audienceTotal: total,
    audienceGroups: groups as Record<string, number>,
    materials: extra.materials ?? [],
    broadcastId: extra.broadcastId ?? null,
  });
}

async function broadcast(
  tx: DbOrTx,
  wardId: string,
  unitId: string,
  script: { id: string; title: string; topic: OutreachTopic; version: number },
  day: string,
  aired: boolean,
  listeners: number,
) {
  const id = randomUUID();
  const airsAt = atVn(day, '06:30');
  await insertBroadcast(tx, {
    wardId,
    id,
    unitId,
    scriptId: script.id,
    scriptVersion: script.version,
    system: unitId === wardId ? 'ward' : 'block',
    airsAt,
    minutes: 15,
    airedAt: aired ? new Date(airsAt.getTime() + 15 * 60_000) : null,
  });
  if (aired)
    await activity(
      tx,
      wardId,
      unitId,
      'loudspeaker',
      script.topic,
      day,
      script.title,
      {},
      {
        broadcastId: id,
        total: listeners,
        materials: [`${script.title} (v${script.version})`],
      },
    );
}

export async function loadDemoOutreach(tx: DbOrTx, key: Buffer, wards: { leMao: DemoWard; thanhVinh: DemoWard }, today: string) {
  const rnd = seeded(2020_0819);
  const n = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  /* ---------- Lê Mao, January–June 2020 (and 19 August 2020) ---------- */
  const lm = wards.leMao.id;
  const lmUnits = await blocksOf(tx, lm);
  const lmBlocks = lmUnits.filter((u) => u.type === 'block');
  const lmSchools = lmUnits.filter((u) => u.type === 'school');
  const lmScripts = await scriptLibrary(tx, lm, '2019-12-20');
  const blockTopics: OutreachTopic[] = ['firecrackers', 'drugs', 'residence', 'drugs', 'theft', 'traffic'];
  for (const [i, month] of [1, 3, 5].entries()) {
    for (const b of lmBlocks) {
      // April's distancing moved the May meetings later and smaller.
      const residents = month === 5 ? n(25, 45) : n(45, 90);
      await activity(
        tx,
        lm,
        b.id,
        'block_meeting',
        blockTopics[i * 2] as OutreachTopic,
        dayOf(2020, month, n(5, 25)),
        `Họp dân ${b.name}: phong trào toàn dân bảo vệ ANTQ`,
        {
          residents,
          party_members: n(5, 12),
        },
        { organisers: `Chi bộ và Ban cán sự ${b.name}, Cảnh sát khu vực`, materials: ['Đề cương tuyên truyền của Công an phường'] },
      );
    }
  }
  for (const month of [1, 2, 3, 5, 6]) {
    for (const org of ORGANISATIONS) {
      if (month === 2 && org.group === 'elderly') continue;
      const topic = (['drugs', 'fraud', 'traffic', 'theft'] as const)[n(0, 3)] ?? 'drugs';
      await activity(
        tx,
        lm,
        lm,
        'organisation_meeting',
        topic,
        dayOf(2020, month, n(8, 26)),
        `${org.name}: lồng ghép tuyên truyền ANTT`,
        {
          [org.group]: n(30, 70),
        },
        { organisers: `${org.name} phối hợp Công an phường` },
      );
    }
  }
  for (let month = 1; month <= 6; month++) {
    for (const day of [8, 22]) {
      const script = month === 1 && day === 8 ? lmScripts[1] : lmScripts[(month + day) % lmScripts.length];
      await broadcast(tx, lm, lm, script as (typeof lmScripts)[number], dayOf(2020, month, day), true, n(800, 1500));
    }
  }
  for (const s of lmSchools) {
    await activity(
      tx,
      lm,
      s.id,
      'school_session',
      'drugs',
      dayOf(2020, 1, n(6, 15)),
      `Ngoại khóa phòng, chống ma túy tại ${s.name}`,
      {
        students: n(250, 450),
      },
      { organisers: 'Công an phường, Đoàn Thanh niên', materials: ['Phim tư liệu', 'Tờ rơi "Nói không với ma túy"'] },
    );
  }
  await activity(
    tx,
    lm,
    lmSchools[0]?.id ?? lm,
    'school_session',
    'traffic',
    dayOf(2020, 6, 2),
    'Mô hình "Cổng trường an toàn giao thông"',
    { students: 380 },
    {
      organisers: 'Công an phường, Ban giám hiệu',
    },
  );
  await activity(
    tx,
    lm,
    lm,
    'leaflet',
    'firecrackers',
    '2020-01-10',
    'Phát tờ rơi cam kết không sản xuất, tàng trữ, đốt pháo nổ',
    { residents: 1800 },
    {
      materials: ['Tờ rơi và mẫu cam kết của hộ gia đình'],
    },
  );
  await activity(tx, lm, lm, 'leaflet', 'fraud', '2020-06-15', 'Phát tờ rơi cảnh giác lừa đảo qua mạng', { residents: 900 });
  await activity(
    tx,
    lm,
    lm,
    'media_article',
    'general',
    '2020-03-12',
    'Bài viết về mô hình "Tổ tuần tra nhân dân" trên Cổng thông tin Công an tỉnh',
    {},
  );
  await activity(
    tx,
    lm,
    lm,
    'media_article',
    'drugs',
    '2020-06-26',
    'Phóng sự Ngày quốc tế phòng, chống ma túy trên Đài truyền thanh thành phố',
    {},
  );
  await activity(
    tx,
    lm,
    lm,
    'security_day',
    'general',
    '2020-08-19',
    'Ngày hội toàn dân bảo vệ ANTQ năm 2020',
    { residents: 450, party_members: 60, youth: 80, veterans: 40 },
    {
      organisers: 'Ủy ban nhân dân phường, Ủy ban MTTQ phường, Công an phường',
      materials: ['Báo cáo sơ kết phong trào', 'Danh sách khen thưởng'],
    },
  );

  /* ---------- Thành Vinh, the last three months ---------- */
  const tv = wards.thanhVinh.id;
  const tvUnits = await blocksOf(tx, tv);
  const tvBlocks = tvUnits.filter((u) => u.type === 'block');
  const tvSchools = tvUnits.filter((u) => u.type === 'school');
  const tvScripts = await scriptLibrary(tx, tv, addDaysTo(today, -120));
  for (let back = 90; back >= 1; back -= 30) {
    for (const b of tvBlocks) {
      const day = addDaysTo(today, -back + n(0, 20));
      if (day >= today) continue;
      await activity(
        tx,
        tv,
        b.id,
        'block_meeting',
        (['fraud', 'drugs', 'residence', 'fire'] as const)[n(0, 3)] ?? 'fraud',
        day,
        `Họp dân ${b.name}`,
        {
          residents: n(40, 85),
          elderly: n(5, 20),
        },
        { organisers: `Trưởng ${b.name}, Cảnh sát khu vực` },
      );
    }
    for (const org of ORGANISATIONS) {
      const day = addDaysTo(today, -back + n(0, 25));
      if (day < today)
        await activity(tx, tv, tv, 'organisation_meeting', 'fraud', day, `${org.name}: nhận diện thủ đoạn lừa đảo qua mạng`, {
          [org.group]: n(30, 80),
        });
    }
  }
  for (const s of tvSchools.slice(0, 2)) {
    await activity(
      tx,
      tv,
      s.id,
      'school_session',
      'traffic',
      addDaysTo(today, -n(20, 60)),
      `An toàn giao thông cổng trường tại ${s.name}`,
      { students: n(300, 500) },
    );
  }
  for (let back = 84; back >= 0; back -= 7) {
    const day = addDaysTo(today, -back);
    const script = tvScripts[back % tvScripts.length] as (typeof tvScripts)[number];
    await broadcast(tx, tv, tv, script, day, back > 0, n(1500, 3000));
  }
  // The schedule of the next two weeks: the ward's loudspeakers twice a week, Trung Mỹ's on Saturdays.
  const trungMy = tvBlocks.find((b) => b.name.includes('Trung Mỹ'));
  for (let ahead = 1; ahead <= 14; ahead++) {
    const day = addDaysTo(today, ahead);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 1 || weekday === 4)
      await broadcast(tx, tv, tv, tvScripts[ahead % tvScripts.length] as (typeof tvScripts)[number], day, false, 0);
    if (weekday === 6 && trungMy) await broadcast(tx, tv, trungMy.id, tvScripts[2] as (typeof tvScripts)[number], day, false, 0);
  }

  // Announcements, subscribers and their deliveries.
  const published = async (
    daysAgo: number,
    a: {
      kind: 'news' | 'alert' | 'survey';
      topic: OutreachTopic;
      title: string;
      body: string;
      blockIds?: string[];
      urgent?: boolean;
      survey?: boolean;
      unitId?: string;
      period?: { from: string; to: string };
    },
  ) => {
    const id = randomUUID();
    const at = atVn(addDaysTo(today, -daysAgo), '09:15');
    await insertAnnouncement(tx, {
      wardId: tv,
      id,
      unitId: a.unitId ?? tv,
      kind: a.kind,
      topic: a.topic,
      title: a.title,
      body: a.body,
      blockIds: a.blockIds ?? [],
      urgent: a.urgent ?? false,
      survey: a.survey ?? false,
      periodFrom: a.period?.from ?? null,
      periodTo: a.period?.to ?? null,
      publishedAt: daysAgo >= 0 ? at : null,
      createdAt: at,
    });
    return { id, at };
  };
  const subscribers: { id: string; topics: string[]; blockIds: string[]; channel: string }[] = [];
  for (let i = 1; i <= 14; i++) {
    const channel = i % 5 === 0 ? 'sms' : 'email';
    const contact = channel === 'sms' ? `09120000${String(i).padStart(2, '0')}` : `cu.dan${String(i).padStart(2, '0')}@example.test`;
    const block = tvBlocks[i % tvBlocks.length];
    const topics = i % 3 === 0 ? [...OUTREACH_TOPICS] : ['fraud', 'drugs', 'general'];
    const blockIds = i % 4 === 0 || !block ? [] : [block.id];
    const id = randomUUID();
    const since = atVn(addDaysTo(today, -n(20, 80)), '20:00');
    await queryRows(
      tx,
      sql`INSERT INTO outreach_subscribers (ward_id, id, unit_id, channel, contact_sealed, contact_hash, contact_hint, topics, block_ids,
            quiet_from, quiet_to, consent_version, consent_at, verified_at)
          VALUES (${tv}, ${id}, ${tv}, ${channel}, ${seal(key, contact, 'outreach-contact')},
            ${keyedHash(key, `${tv}:${channel}:${contact}`, 'outreach-contact')},
            ${channel === 'sms' ? `${contact.slice(0, 3)}****${contact.slice(-3)}` : `c***@example.test`},
            ${`{${topics.join(',')}}`}::text[], ${`{${blockIds.join(',')}}`}::uuid[], ${i % 2 ? '22:00' : null}, ${i % 2 ? '06:00' : null},
            ${SUBSCRIPTION_CONSENT_VERSION}, ${since.toISOString()}::timestamptz, ${since.toISOString()}::timestamptz)
          RETURNING id`,
    );
    subscribers.push({ id, topics, blockIds, channel });
  }
  const deliver = async (a: { id: string; at: Date }, topic: string, blockIds: string[], urgent: boolean) => {
    for (const [i, s] of subscribers.entries()) {
      const reaches =
        (urgent || s.topics.includes(topic)) && (!blockIds.length || !s.blockIds.length || blockIds.some((b) => s.blockIds.includes(b)));
      if (!reaches) continue;
      const failed = i === 7;
      await queryRows(
        tx,
        sql`INSERT INTO outreach_deliveries (ward_id, announcement_id, subscriber_id, channel, status, attempts, next_attempt_at, last_error, sent_at)
            VALUES (${tv}, ${a.id}, ${s.id}, ${s.channel}, ${failed ? 'failed' : 'sent'}, ${failed ? 6 : 1}, ${a.at.toISOString()}::timestamptz,
              ${failed ? 'smtp reply 550' : null}, ${failed ? null : new Date(a.at.getTime() + 60_000).toISOString()}::timestamptz)
            RETURNING id`,
      );
    }
  };
  const scam = await published(3, {
    kind: 'alert',
    topic: 'fraud',
    title: 'Cảnh báo: giả danh nhân viên điện lực gọi điện đòi tiền ở khối Trung Mỹ',
    body: 'Mấy ngày qua, một số hộ ở khối Trung Mỹ nhận cuộc gọi của người tự xưng nhân viên điện lực, báo sắp cắt điện và yêu cầu chuyển tiền hoặc bấm vào đường dẫn để "thanh toán".\n\nĐiện lực không thu tiền qua cuộc gọi. Không chuyển tiền, không bấm đường dẫn; hãy báo cho Công an phường hoặc gọi 113.',
    blockIds: trungMy ? [trungMy.id] : [],
  });
  await deliver(scam, 'fraud', trungMy ? [trungMy.id] : [], false);
  const drugs = await published(24, {
    kind: 'news',
    topic: 'drugs',
    title: 'Phường ra quân tuyên truyền phòng, chống ma túy trong thanh thiếu niên',
    body: 'Công an phường phối hợp Đoàn Thanh niên tổ chức tuyên truyền tại các khối và trường học về tác hại của ma túy "núp bóng" thực phẩm, thuốc lá điện tử.',
  });
  await deliver(drugs, 'drugs', [], false);
  // A survey sent on its own after the patrol period (about three months of evening patrols, to the day before it).
  const survey = await published(10, {
    kind: 'survey',
    period: { from: addDaysTo(today, -86), to: addDaysTo(today, -11) },
    topic: 'general',
    title: 'Sau ba tháng tuần tra của Tổ bảo vệ ANTT: bạn có thấy an toàn hơn?',
    body: 'Từ tháng 9, Tổ bảo vệ ANTT và tổ tuần tra nhân dân tuần tra mỗi tối ở các khối. Xin bà con cho biết cảm nhận của mình (không cần ghi tên).',
    survey: true,
  });
  await deliver(survey, 'general', [], false);
  await published(45, {
    kind: 'news',
    topic: 'residence',
    title: 'Thông báo lưu trú trực tuyến tại trang Bình An',
    body: 'Chủ hộ, chủ nhà trọ có thể thông báo lưu trú cho khách tại trang /luu-tru, không cần tài khoản, kể cả khi tắt JavaScript.',
  });
  await published(-1, {
    kind: 'alert',
    topic: 'fire',
    title: 'Nhắc lịch kiểm tra phòng cháy ở nhà trọ khối Tân Quang',
    body: 'Bản nháp chưa đăng.',
    unitId: tvBlocks.find((b) => b.name.includes('Tân Quang'))?.id ?? tv,
  });
  for (const b of tvBlocks) {
    for (let k = 0; k < n(2, 8); k++) {
      const r = rnd();
      const answer = r < 0.7 ? 'safer' : r < 0.92 ? 'same' : 'less_safe';
      await queryRows(
        tx,
        sql`INSERT INTO outreach_survey_answers (ward_id, announcement_id, unit_id, answer, answered_on)
            VALUES (${tv}, ${survey.id}, ${b.id}, ${answer}, ${addDaysTo(today, -n(1, 9))}::date) RETURNING id`,
      );
    }
  }
}
