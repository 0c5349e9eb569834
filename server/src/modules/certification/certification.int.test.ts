import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { awardViewSchema, cycleDetailSchema, cyclesListSchema, modelViewSchema } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
const NO_PDFTOTEXT = 'pdftotext is not on PATH (Debian package poppler-utils): the PDF text checks are skipped';

let t: TestApp;
const auth: Record<string, string> = {};
const units: Record<string, string> = {};

beforeAll(async () => {
  // PGlite runs in this process: its queries hold the event loop, which the load shedding would read as overload.
  t = await createTestApp({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' });
  for (const u of ['canbo', 'truongcongan', 'truongkhoi', 'theodoi', 'nhatruong', 'quantri', 'canbo.truongvinh'])
    auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const rows = await queryRows<{ id: string; code: string; ward: string }>(
    t.deps.database.db,
    sql`SELECT u.id, u.code, w.code AS ward FROM units u JOIN units w ON w.id = u.ward_id`,
  );
  for (const r of rows) units[r.ward === r.code ? r.code : `${r.ward}:${r.code}`] = r.id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const as = (who: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });
const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.deps.database.db, q))[0]?.n ?? 0);
const base = '/api/v1/certification';

type Criterion = { id: string; article: string; indicators: { key: string; value: number | null }[]; answer: { met: boolean } | null };

describe('the report summary (the contract)', () => {
  it('gives the demo ward 9 of 9 blocks and 3 of 3 schools recognised in the first half of 2020', async () => {
    const res = await as('truongcongan', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().certification;
    expect(c.blocks).toMatchObject({ recognised: 9, total: 9 });
    expect(c.schools).toMatchObject({ recognised: 3, total: 3 });
    expect(c.modelsActive).toBeGreaterThanOrEqual(6);
    // Registered for 2020 in February; classified as of the 2019 sheets, one class per block and school.
    expect([c.blocks.registered, c.schools.registered, c.agencies.registered, c.enterprises.registered]).toEqual([9, 3, 0, 0]);
    const classified2019 = await count(
      sql`SELECT count(*)::int AS n FROM certification_cycles c JOIN units u ON u.id = c.unit_id
          WHERE u.ward_id = ${units['le-mao']}::uuid AND u.type IN ('block', 'school') AND c.year = 2019 AND c.class_result = 'excellent'`,
    );
    expect(c.classification.excellent).toBe(classified2019);
    expect(Object.values(c.classification as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(12);
    // The viewer reads the same figures; the lead flag of 2019 was granted in December 2019.
    const viewer = await as('theodoi', 'GET', '/api/v1/reports/summary?unit=le-mao&from=2019-01-01&to=2019-12-31');
    expect(viewer.json().certification.awards).toBeGreaterThanOrEqual(2);
  });

  it('counts only the recognitions in force: the last block refused last year lowers this year’s figure', async () => {
    const year = new Date().getUTCFullYear();
    const res = await as('canbo', 'GET', `/api/v1/reports/summary?unit=thanh-vinh&from=${year}-01-01&to=${year}-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().certification.blocks).toMatchObject({ recognised: 8, total: 9, registered: 9 });
  });
});

describe('a ward’s year', () => {
  it('lists the units with their stage, the windows across the calendar year and the ward rule', async () => {
    const res = await as('canbo', 'GET', `${base}/cycles?year=2020&ward=${units['le-mao']}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = cyclesListSchema.parse(res.json());
    expect(body.items).toHaveLength(13);
    const block = body.items.find((i) => i.unitId === units['le-mao:trung-my']);
    expect(block).toMatchObject({
      certType: 'residential_area',
      stage: 'decided',
      outcome: 'recognised',
      window: { from: '2019-11-01', to: '2020-10-31' },
    });
    const school = body.items.find((i) => i.unitId === units['le-mao:thcs-le-mao']);
    expect(school?.window).toEqual({ from: '2019-11-16', to: '2020-11-15' });
    expect(body.ward).toMatchObject({ units: 12, registered: 12, recognised: 12, problems: [] });
    const xlsx = await as('canbo', 'GET', `${base}/cycles.xlsx?year=2020&ward=${units['le-mao']}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe('13');
    expect(xlsx.headers['content-disposition']).toContain('an-toan-antt-phuong-le-mao-2020.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(14);
    expect(sheet?.getRow(1).getCell(1).text).toBe('Đơn vị');
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.export'`)).toBe(1);
  });

  it('keeps a block leader to her own block and a viewer from registering', async () => {
    const year = new Date().getUTCFullYear();
    const mine = (await as('truongkhoi', 'GET', `${base}/cycles?year=${year}`)).json();
    expect(mine.items.map((i: { unitId: string }) => i.unitId)).toEqual([units['thanh-vinh:trung-my']]);
    const refused = await as('theodoi', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh:khoi-1'],
      year,
      registeredOn: `${year}-02-01`,
    });
    expect(refused.statusCode).toBe(403);
    // Another ward's unit answers like a missing one.
    const other = await as('canbo', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh:khoi-1'],
      year,
      registeredOn: `${year}-02-01`,
      households: { registered: 10, total: 10 },
    });
    expect(other.statusCode).toBe(404);
  });

  it('shows each criterion with its article and the figures of the live records', async () => {
    const year = new Date().getUTCFullYear() - 1;
    const list = (await as('canbo', 'GET', `${base}/cycles?year=${year}`)).json();
    const row = list.items.find((i: { unitId: string }) => i.unitId === units['thanh-vinh:tan-quang']);
    const res = await as('canbo', 'GET', `${base}/cycles/${row.cycleId}`);
    expect(res.statusCode, res.body).toBe(200);
    const criteria = cycleDetailSchema.parse(res.json()).criteria as Criterion[];
    expect(criteria.map((c) => c.article)).toEqual(['Art. 4.1', 'Art. 4.2', 'Art. 4.3', 'Art. 4.4', 'Art. 4.5']);
    const figures = Object.fromEntries(criteria.flatMap((c) => c.indicators.map((i) => [i.key, i.value])));
    expect(figures.householdRate).toBe(100);
    for (const key of ['cases', 'casesPreviousWindow', 'tips', 'prolongedDisputes', 'patrolRounds'])
      expect(typeof figures[key]).toBe('number');
    // Without report.read (a block leader) the figures are not given.
    const own = (await as('truongkhoi', 'GET', `${base}/cycles?year=${year}`)).json().items[0];
    const leader = (await as('truongkhoi', 'GET', `${base}/cycles/${own.cycleId}`)).json();
    expect((leader.criteria as Criterion[]).find((c) => c.article === 'Art. 4.4')?.indicators.every((i) => i.value === null)).toBe(true);
  });
});

describe('the cycle of a ward with no record yet (Trường Vinh)', () => {
  const year = 2026;
  let k1: string;
  let k2: string;
  let wardCycle: string;
  const answersFor = async (id: string, unmet: string | null = null) =>
    ((await as('canbo.truongvinh', 'GET', `${base}/cycles/${id}`)).json().criteria as Criterion[]).map((c) => ({
      criterionId: c.id,
      met: c.id !== unmet,
    }));
  const walk = async (id: string, meetingOn: string, unmet: string | null) => {
    const assessed = await as('canbo.truongvinh', 'POST', `${base}/cycles/${id}/self-assessment`, {
      meetingOn,
      chairedBy: 'Trưởng khối',
      answers: await answersFor(id, unmet),
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect((await as('canbo.truongvinh', 'POST', `${base}/cycles/${id}/submit`, { submittedOn: meetingOn })).statusCode).toBe(200);
    const appraised = await as('canbo.truongvinh', 'POST', `${base}/cycles/${id}/appraisal`, {
      appraisedOn: meetingOn,
      opinion: 'Hồ sơ đầy đủ',
    });
    expect(appraised.statusCode, appraised.body).toBe(200);
  };

  it('registers in Q1 with 100% of households, and refuses otherwise without writing (Art. 4.1)', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM certification_cycles`);
    const late = await as('canbo.truongvinh', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh:khoi-1'],
      year,
      registeredOn: `${year}-04-01`,
      households: { registered: 50, total: 50 },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0]).toMatchObject({ path: 'registeredOn', message: 'Đăng ký trong quý I của năm xét' });
    const short = await as('canbo.truongvinh', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh:khoi-1'],
      year,
      registeredOn: `${year}-02-01`,
      households: { registered: 49, total: 50 },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toBe('Khu dân cư cần 100% hộ gia đình đăng ký');
    expect(await count(sql`SELECT count(*)::int AS n FROM certification_cycles`)).toBe(before);
    for (const code of ['khoi-1', 'khoi-2']) {
      const ok = await as('canbo.truongvinh', 'POST', `${base}/cycles`, {
        unitId: units[`truong-vinh:${code}`],
        year,
        registeredOn: `${year}-02-01`,
        households: { registered: 50, total: 50 },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      if (code === 'khoi-1') k1 = ok.json().id;
      else k2 = ok.json().id;
    }
    const again = await as('canbo.truongvinh', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh:khoi-1'],
      year,
      registeredOn: `${year}-02-02`,
      households: { registered: 50, total: 50 },
    });
    expect(again.statusCode).toBe(400);
    const ward = await as('canbo.truongvinh', 'POST', `${base}/cycles`, {
      unitId: units['truong-vinh'],
      year,
      registeredOn: `${year}-03-31`,
    });
    expect(ward.statusCode, ward.body).toBe(201);
    wardCycle = ward.json().id;
  });

  it('refuses a primary school with the reason (TT 124/2021 Art. 1)', async () => {
    const created = await as('quantri', 'POST', '/api/v1/units', {
      parentId: units['truong-vinh'],
      code: 'th-truong-vinh',
      name: 'Trường Tiểu học Trường Vinh',
      type: 'school',
      schoolLevel: 'primary',
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await as('canbo.truongvinh', 'POST', `${base}/cycles`, { unitId: created.json().id, year, registeredOn: `${year}-02-01` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toBe('Trường tiểu học, mầm non, nhà trẻ không thuộc đối tượng xét công nhận');
    const list = (await as('canbo.truongvinh', 'GET', `${base}/cycles?year=${year}`)).json();
    expect(list.items.find((i: { unitId: string }) => i.unitId === created.json().id)).toMatchObject({
      eligible: false,
      ineligibleReason: 'schoolLevel',
      ineligibleArticle: 'TT 124/2021 Art. 1',
    });
  });

  it('holds the meeting after the window, answers every criterion, and recognises only when all are met', async () => {
    const early = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k1}/self-assessment`, {
      meetingOn: `${year}-10-30`,
      chairedBy: 'Trưởng khối',
      answers: await answersFor(k1),
    });
    expect(early.statusCode).toBe(400);
    const partial = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k1}/self-assessment`, {
      meetingOn: `${year}-11-02`,
      chairedBy: 'Trưởng khối',
      answers: (await answersFor(k1)).slice(1),
    });
    expect(partial.statusCode).toBe(400);
    const skipped = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k1}/decision`, {
      decidedOn: `${year}-11-10`,
      outcome: 'recognised',
      decisionRef: 'QĐ 1',
    });
    expect(skipped.statusCode).toBe(400);
    await walk(k1, `${year}-11-03`, 'tt124:4.3');
    const wrong = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k1}/decision`, {
      decidedOn: `${year}-11-10`,
      outcome: 'recognised',
      decisionRef: 'QĐ 1',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].message).toBe('Không thể công nhận khi còn tiêu chí chưa đạt');
    const refused = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k1}/decision`, {
      decidedOn: `${year}-11-10`,
      outcome: 'not_recognised',
      decisionRef: 'QĐ 1',
      reason: 'Tranh chấp kéo dài',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ stage: 'decided', outcome: 'not_recognised' });
    await walk(k2, `${year}-11-03`, null);
    const granted = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k2}/decision`, {
      decidedOn: `${year}-11-12`,
      outcome: 'recognised',
      decisionRef: 'QĐ 2',
      certificateNo: '01/GCN',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const audited = await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.decide' AND entity_id = ${k2}`);
    expect(audited).toBe(1);
  });

  it('refuses to recognise the ward below 70% and without an effective model (Art. 5.4, 5.1)', async () => {
    await walk(wardCycle, `${year}-11-16`, null);
    const decide = () =>
      as('canbo.truongvinh', 'POST', `${base}/cycles/${wardCycle}/decision`, {
        decidedOn: `${year}-11-19`,
        outcome: 'recognised',
        decisionRef: 'QĐ 3',
      });
    const low = await decide();
    expect(low.statusCode).toBe(400);
    expect(low.json().errors[0].message).toBe('Dưới 70% đơn vị được công nhận');
    const list = (await as('canbo.truongvinh', 'GET', `${base}/cycles?year=${year}`)).json();
    expect(list.ward).toMatchObject({ units: 2, registered: 2, recognised: 1, problems: ['belowRecognisedShare', 'noEffectiveModel'] });
    const model = await as('canbo.truongvinh', 'POST', `${base}/models`, {
      unitId: units['truong-vinh:khoi-1'],
      name: 'Camera cộng đồng',
      runBy: 'Ban công tác Mặt trận khối 1',
      startedOn: `${year}-01-15`,
      effect: 'Hai vụ trộm được làm rõ nhờ hình ảnh',
    });
    expect(model.statusCode, model.body).toBe(201);
    const replicated = await as('canbo.truongvinh', 'PATCH', `${base}/models/${model.json().id}`, {
      replicatedUnitIds: [units['truong-vinh:khoi-2']],
    });
    expect(replicated.json().replicatedTo).toEqual([{ id: units['truong-vinh:khoi-2'], name: 'Khối 2' }]);
    const after = (await as('canbo.truongvinh', 'GET', `${base}/cycles?year=${year}`)).json();
    expect(after.ward.problems).toEqual(['belowRecognisedShare']);
    // Marked not effective (the models screen asks first), it no longer meets Art. 5.1; marked again, it does.
    const mid = model.json().id as string;
    const off = await as('canbo.truongvinh', 'PATCH', `${base}/models/${mid}`, { effective: false });
    expect(off.json().effective).toBe(false);
    expect((await as('canbo.truongvinh', 'GET', `${base}/cycles?year=${year}`)).json().ward.problems).toContain('noEffectiveModel');
    await as('canbo.truongvinh', 'PATCH', `${base}/models/${mid}`, { effective: true });
    expect((await as('canbo.truongvinh', 'GET', `${base}/cycles?year=${year}`)).json().ward.problems).toEqual(['belowRecognisedShare']);
    // An end before the start is refused and changes nothing.
    const backwards = await as('canbo.truongvinh', 'PATCH', `${base}/models/${mid}`, { endedOn: `${year - 1}-12-31` });
    expect(backwards.statusCode).toBe(422);
    expect(await count(sql`SELECT count(*)::int AS n FROM certification_models WHERE id = ${mid}::uuid AND ended_on IS NOT NULL`)).toBe(0);
    // The demo ward's patrol team model reads its effect from the patrol log: the summary's count of rounds for the
    // model's unit and period, counted alone (the list reads no whole summary per model, and audits none).
    const summaries = sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.summary'`;
    const summariesBefore = await count(summaries);
    const listed = (await as('canbo', 'GET', `${base}/models`)).json().items;
    expect(await count(summaries)).toBe(summariesBefore);
    for (const m of listed) modelViewSchema.parse(m);
    const models = listed as {
      name: string;
      unitId: string;
      endedOn: string | null;
      figure: { source: string; value: number; from: string; to: string } | null;
    }[];
    const patrol = models.find((m) => m.name === 'Tổ tuần tra nhân dân' && m.endedOn === null);
    expect(patrol?.figure?.source).toBe('patrols');
    expect(patrol?.figure?.value).toBeGreaterThan(0);
    const summary = await as(
      'canbo',
      'GET',
      `/api/v1/reports/summary?unit=${patrol?.unitId}&from=${patrol?.figure?.from}&to=${patrol?.figure?.to}`,
    );
    expect(summary.statusCode, summary.body).toBe(200);
    expect(patrol?.figure?.value).toBe(summary.json().patrols.rounds);
  });

  it('scores the classification sheet within each line’s maximum (QĐ 510/2022)', async () => {
    const bad = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k2}/classification`, { scores: { leadership: 16 } });
    expect(bad.statusCode).toBe(400);
    const ok = await as('canbo.truongvinh', 'POST', `${base}/cycles/${k2}/classification`, {
      scores: { leadership: 15, outreach: 18, models: 18, results: 27, force: 13 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().classification).toMatchObject({ total: 91, cls: 'excellent' });
  });

  it('writes the dossier as PDF and DOCX with Vietnamese diacritics', async () => {
    const pdf = await as('canbo.truongvinh', 'GET', `${base}/cycles/${k2}/dossier?format=pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const docx = await as('canbo.truongvinh', 'GET', `${base}/cycles/${k2}/dossier?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(docxText(docx.rawPayload)).toContain('Biên bản họp tự đánh giá');
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.dossier' AND entity_id = ${k2}`)).toBe(2);
    if (!HAS_PDFTOTEXT) {
      console.warn(NO_PDFTOTEXT);
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-'));
    const file = path.join(dir, 'dossier.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('"AN TOÀN VỀ AN NINH, TRẬT TỰ"');
    expect(text).toContain('Biên bản họp tự đánh giá');
    expect(text).toContain('Khối 2');
  });

  it('gives the certificate of a recognised unit as PDF, and refuses one for a year not yet decided', async () => {
    const list = (await as('canbo', 'GET', `${base}/cycles?year=2020&ward=${units['le-mao']}`)).json();
    const recognised = list.items.find((i: { unitId: string }) => i.unitId === units['le-mao:trung-my']).cycleId as string;
    const pdf = await as('canbo', 'GET', `${base}/cycles/${recognised}/certificate`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.certificate' AND entity_id = ${recognised}`),
    ).toBe(1);
    const thisYear = (await as('canbo', 'GET', `${base}/cycles?year=${new Date().getUTCFullYear()}`)).json();
    const undecided = thisYear.items.find((i: { unitId: string }) => i.unitId === units['thanh-vinh']).cycleId as string;
    const open = await as('canbo', 'GET', `${base}/cycles/${undecided}/certificate`);
    expect(open.statusCode).toBe(400);
    expect(open.json().errors[0].message).toBe('Chỉ cấp giấy công nhận cho đơn vị đã có quyết định công nhận');
    if (!HAS_PDFTOTEXT) {
      console.warn(NO_PDFTOTEXT);
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'certificate-'));
    const file = path.join(dir, 'certificate.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY CÔNG NHẬN');
    expect(text).toContain('Đạt tiêu chuẩn "An toàn về an ninh, trật tự"');
    expect(text).toContain('Năm 2020');
  });
});

describe('awards', () => {
  it('keeps the ward’s history: the lead flag in 2018 and 2019', async () => {
    const res = await as('canbo', 'GET', `${base}/awards?kind=lead_flag`);
    expect(res.statusCode).toBe(200);
    for (const a of res.json().items) awardViewSchema.parse(a);
    const years = (res.json().items as { year: number; status: string }[]).filter((a) => a.status === 'granted').map((a) => a.year);
    expect([...new Set(years)].sort()).toEqual([2018, 2019]);
  });

  it('searches the models without regard to diacritics, filters by state, pages and exports them (audited)', async () => {
    const all = (await as('canbo', 'GET', `${base}/models?limit=200`)).json().items as {
      id: string;
      name: string;
      endedOn: string | null;
    }[];
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as('canbo', 'GET', `${base}/models?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((m) => m.id));
    const patrols = (await as('canbo', 'GET', `${base}/models?limit=200&q=${encodeURIComponent('to tuan tra')}`)).json().items as {
      name: string;
    }[];
    expect(patrols.length).toBeGreaterThan(0);
    expect(patrols.every((m) => m.name === 'Tổ tuần tra nhân dân')).toBe(true);
    const ended = (await as('canbo', 'GET', `${base}/models?limit=200&state=ended`)).json().items as { endedOn: string | null }[];
    expect(ended.every((m) => m.endedOn !== null)).toBe(true);
    const running = (await as('canbo', 'GET', `${base}/models?limit=200&state=running`)).json().items as unknown[];
    expect(running.length + ended.length).toBe(all.length);
    expect((await as('canbo', 'GET', `${base}/models?state=closed`)).statusCode).toBe(400);
    const xlsx = await as('canbo', 'GET', `${base}/models.xlsx?q=${encodeURIComponent('to tuan tra')}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe(String(patrols.length));
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.models_export'`)).toBe(1);
  });

  it('searches the awards without regard to diacritics, filters, pages and exports them (audited)', async () => {
    const all = (await as('canbo', 'GET', `${base}/awards?limit=200`)).json().items as { id: string; status: string; issuer: string }[];
    expect(all.length).toBeGreaterThan(2);
    // Paged two at a time, the pages join up to the whole list, in the same order and without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as('canbo', 'GET', `${base}/awards?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((a) => a.id));
    expect((await as('canbo', 'GET', `${base}/awards?cursor=nonsense`)).statusCode).toBe(400);
    // The issuer typed without diacritics ("ubnd phuong ...") finds it.
    const issuer = all[0]?.issuer ?? '';
    const folded = issuer
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    const found = (await as('canbo', 'GET', `${base}/awards?limit=200&q=${encodeURIComponent(folded)}`)).json().items as {
      issuer: string;
    }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((a) => a.issuer === issuer)).toBe(true);
    const nothing = (await as('canbo', 'GET', `${base}/awards?q=${encodeURIComponent('không có khen thưởng nào như thế')}`)).json();
    expect(nothing.items).toEqual([]);
    const granted = (await as('canbo', 'GET', `${base}/awards?limit=200&status=granted`)).json().items as { status: string }[];
    expect(granted.length).toBe(all.filter((a) => a.status === 'granted').length);
    const xlsx = await as('canbo', 'GET', `${base}/awards.xlsx?status=granted`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe(String(granted.length));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(granted.length + 1);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.awards_export'`)).toBe(1);
  });

  it('refuses anyone under disciplinary review (TT 12/2019 Art. 2), at the proposal and at the decision', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM certification_awards`);
    const proposal = {
      year: 2026,
      kind: 'commendation',
      recipient: 'individual',
      unitId: units['thanh-vinh:tan-quang'],
      personName: 'Người mẫu',
      issuer: 'UBND phường Thành Vinh',
      proposedOn: '2026-11-20',
    };
    const refused = await as('canbo', 'POST', `${base}/awards`, { ...proposal, underDisciplinaryReview: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toBe('Đang trong thời gian xem xét kỷ luật: không được khen thưởng');
    const serving = await as('canbo', 'POST', `${base}/awards`, { ...proposal, disciplineUntil: '2026-12-31' });
    expect(serving.statusCode).toBe(400);
    const flag = await as('canbo', 'POST', `${base}/awards`, { ...proposal, kind: 'lead_flag' });
    expect(flag.statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM certification_awards`)).toBe(before);
    const ok = await as('canbo', 'POST', `${base}/awards`, proposal);
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    const late = await as('canbo', 'POST', `${base}/awards/${id}/decision`, {
      decidedOn: '2026-11-25',
      granted: true,
      underDisciplinaryReview: true,
    });
    expect(late.statusCode).toBe(400);
    const granted = await as('canbo', 'POST', `${base}/awards/${id}/decision`, {
      decidedOn: '2026-11-25',
      granted: true,
      decisionRef: 'QĐ 9',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().status).toBe('granted');
  });
});

/** The text of a DOCX's main part (word/document.xml), read from the ZIP without a library. */
function docxText(zip: Buffer): string {
  let offset = 0;
  while (offset < zip.length - 30 && zip.readUInt32LE(offset) === 0x04034b50) {
    const method = zip.readUInt16LE(offset + 8);
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extra = zip.readUInt16LE(offset + 28);
    const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extra;
    const data = zip.subarray(start, start + size);
    if (name === 'word/document.xml') {
      const xml = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
      return xml.replace(/<[^>]+>/g, '');
    }
    offset = start + size;
  }
  return '';
}

describe('the province’s own criteria and class thresholds (TT 124/2021 Art. 8.1; QĐ 510/2022)', () => {
  const year = new Date().getUTCFullYear();
  const criterion = {
    article: 'QĐ 15/2024/QĐ-UBND Điều 3',
    unitTypes: ['residential_area'],
    evidence: ['minutes'],
    fromYear: year,
    toYear: null,
    labelVi: 'Có tổ an ninh tự quản hoạt động thường xuyên',
    labelEn: 'A self-managed security team meets regularly',
  };
  const blockCycle = async () => {
    const list = (await as('canbo', 'GET', `${base}/cycles?year=${year}`)).json();
    return list.items.find((i: { unitId: string }) => i.unitId === units['thanh-vinh:tan-quang']).cycleId as string;
  };

  it('lets only the province-level administrator add a criterion, shown with the national ones for its years, and audits it', async () => {
    const empty = await as('quantri', 'GET', `${base}/province-rules`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ province: { code: 'nghe-an' }, criteria: [], ownThresholds: false });
    expect((await as('canbo', 'POST', `${base}/province-criteria`, criterion)).statusCode).toBe(403);
    const backwards = await as('quantri', 'POST', `${base}/province-criteria`, { ...criterion, toYear: year - 1 });
    expect(backwards.statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM certification_province_criteria`)).toBe(0);

    const added = await as('quantri', 'POST', `${base}/province-criteria`, criterion);
    expect(added.statusCode, added.body).toBe(201);
    const { id, criterionId } = added.json();
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.province_criterion_create'`)).toBe(1);

    const cycleId = await blockCycle();
    const detail = cycleDetailSchema.parse((await as('canbo', 'GET', `${base}/cycles/${cycleId}`)).json());
    const last = detail.criteria.at(-1);
    expect(last).toMatchObject({
      id: criterionId,
      province: true,
      article: 'QĐ 15/2024/QĐ-UBND Điều 3',
      source: 'Quy định của Tỉnh Nghệ An',
    });
    expect(detail.criteria.filter((c) => c.province)).toHaveLength(1);
    // Not in the years before it applies.
    const before = (await as('canbo', 'GET', `${base}/cycles?year=${year - 1}`)).json();
    const old = before.items.find((i: { unitId: string }) => i.unitId === units['thanh-vinh:tan-quang']);
    const oldDetail = cycleDetailSchema.parse((await as('canbo', 'GET', `${base}/cycles/${old.cycleId}`)).json());
    expect(oldDetail.criteria.some((c) => c.province)).toBe(false);

    // Ended with a last year before this one, it leaves this year's list.
    const ended = await as('quantri', 'PATCH', `${base}/province-criteria/${id}`, { fromYear: year - 3, toYear: year - 2 });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.province_criterion_update'`)).toBe(1);
    const now = cycleDetailSchema.parse((await as('canbo', 'GET', `${base}/cycles/${cycleId}`)).json());
    expect(now.criteria.some((c) => c.province)).toBe(false);
    const reversed = await as('quantri', 'PATCH', `${base}/province-criteria/${id}`, { toYear: year - 5 });
    expect(reversed.statusCode).toBe(400);
  });

  it('classifies with the province’s thresholds once its administrator sets them, refusing thresholds that leave a gap', async () => {
    const gap = await as('quantri', 'PUT', `${base}/class-thresholds`, { excellent: 95, good: 80, average: 60, weak: 5 });
    expect(gap.statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM certification_class_thresholds`)).toBe(0);
    expect((await as('canbo', 'PUT', `${base}/class-thresholds`, { excellent: 95, good: 80, average: 60, weak: 0 })).statusCode).toBe(403);
    const set = await as('quantri', 'PUT', `${base}/class-thresholds`, { excellent: 95, good: 80, average: 60, weak: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ ownThresholds: true, thresholds: { excellent: 95 }, defaults: { excellent: 90 } });
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.thresholds_update'`)).toBe(1);
    const cycleId = await blockCycle();
    const scored = await as('canbo', 'POST', `${base}/cycles/${cycleId}/classification`, {
      scores: { leadership: 15, outreach: 20, models: 20, results: 30, force: 9 },
    });
    expect(scored.statusCode, scored.body).toBe(200);
    // 94 points: excellent by the defaults, good by the province's own thresholds.
    expect(scored.json().classification).toMatchObject({ total: 94, cls: 'good' });
  });
});
