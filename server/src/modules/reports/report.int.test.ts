import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PeriodicReport, type ReportFigure, vietnamDay } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { type Actor, withActor } from '../../platform/access.ts';
import { queryRows } from '../../platform/db.ts';
import { type JobRunner, startJobs } from '../../platform/jobs.ts';
import { buildActor } from '../auth/index.ts';
import { findCredentialsByUsername } from '../users/index.ts';
import { renderReportJob } from './index.ts';

const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
const HAS_SOFFICE = !spawnSync('soffice', ['--version']).error;
const NO_PDFTOTEXT = 'pdftotext is not on PATH (Debian package poppler-utils): the PDF text checks are skipped';
const NO_SOFFICE =
  'soffice is not on PATH: install LibreOffice (apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui) to check that the DOCX and XLSX open';

/** A test that needs a tool of the machine: skipped, with the reason printed, only when the tool is absent. */
function itWith(hasTool: boolean, missing: string, name: string, fn: () => Promise<void>, timeout?: number): void {
  if (hasTool) it(name, fn, timeout);
  else {
    console.warn(missing);
    it.skip(`${name} (${missing})`, () => {});
  }
}

let t: TestApp;
const tokens = new Map<string, string>();
const workDir = mkdtempSync(path.join(tmpdir(), 'report-int-'));

beforeAll(async () => {
  t = await createTestApp();
  for (const username of ['truongcongan', 'canbo', 'theodoi', 'truongkhoi', 'canbo.truongvinh', 'quantri']) {
    tokens.set(username, await t.tokenFor(username));
  }
});
afterAll(async () => {
  await t?.close();
  rmSync(workDir, { recursive: true, force: true });
});

function get(username: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(username)}` } });
}

function post(username: string, url: string, payload: object) {
  return t.app.inject({ method: 'POST', url, payload, headers: { ...CSRF, authorization: `Bearer ${tokens.get(username)}` } });
}

const H1_2020 = 'unit=le-mao&from=2020-01-01&to=2020-06-30';
const figuresOf = (report: PeriodicReport) =>
  new Map<string, ReportFigure>(report.sections.flatMap((s) => s.figures).map((f) => [f.key, f]));
const sentencesOf = (report: PeriodicReport) =>
  report.sections.flatMap((s) => s.sentences.map((sentence) => sentence.map((seg) => seg.text).join(''))).join(' ');

let fileNo = 0;
function saveFile(bytes: Buffer, ext: string): string {
  fileNo += 1;
  const file = path.join(workDir, `report-${fileNo}.${ext}`);
  writeFileSync(file, bytes);
  return file;
}

/** A PDF's text as pdftotext gives it back, runs of white space made single spaces. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Opens a document in LibreOffice (headless) and converts it to PDF; throws if LibreOffice cannot open it. */
function openInLibreOffice(file: string): string {
  const outDir = mkdtempSync(path.join(workDir, 'lo-'));
  const profile = `file://${mkdtempSync(path.join(workDir, 'lo-profile-'))}`;
  const res = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (res.status !== 0 || !readFileSafe(out)) throw new Error(`LibreOffice could not open ${path.basename(file)}: ${res.stderr}`);
  return out;
}

function readFileSafe(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

describe('the periodic report of Lê Mao, 1 Jan – 30 Jun 2020 (seed/le-mao-2020.en.md)', () => {
  let report: PeriodicReport;
  beforeAll(async () => {
    const res = await get('truongcongan', `/api/v1/reports/periodic?${H1_2020}`);
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
  });

  it("states the article's table", async () => {
    const f = figuresOf(report);
    expect(f.get('cases.drugs')?.current).toEqual({ value: 15, text: '15' });
    expect(f.get('cases.firecrackers')?.current).toEqual({ value: 2, text: '2' });
    expect(f.get('cases.theft_fraud')?.current).toEqual({ value: 3, text: '3' });
    expect(f.get('seizures.firecracker_powder.kg')?.current).toEqual({ value: 2.4, text: '2,4 kg' });
    expect(f.get('rehab.opened')?.current).toEqual({ value: 8, text: '8' });
    expect(f.get('patrols.rounds')?.current).toEqual({ value: 120, text: '120' });
    expect(f.get('patrols.turns')?.current).toEqual({ value: 380, text: '380' });
    expect(f.get('cases.clearanceRate')?.current.value).toBeGreaterThan(0.8);
    expect(report.author).toBe('Công an phường Lê Mao');
    expect(report.parentAuthor).toBe('Công an thành phố Vinh');
    expect(report.place).toBe('Vinh');
    expect(report.period.label).toBe('6 tháng đầu năm 2020');
    expect(report.previousPeriod).toMatchObject({ from: '2019-01-01', to: '2019-06-30', label: 'cùng kỳ năm 2019' });
    expect(report.isSuppressed).toBe(false);
  });

  it('takes its figures from the report summary, this period and the same period a year before', async () => {
    const now = (await get('truongcongan', `/api/v1/reports/summary?${H1_2020}`)).json();
    const before = (await get('truongcongan', '/api/v1/reports/summary?unit=le-mao&from=2019-01-01&to=2019-06-30')).json();
    const f = figuresOf(report);
    expect(f.get('cases.total')?.current.value).toBe(now.cases.total);
    expect(f.get('cases.total')?.previous.value).toBe(before.cases.total);
    expect(f.get('cases.cleared')?.current.value).toBe(now.cases.cleared);
    expect(f.get('cases.clearanceRate')?.current.value).toBe(now.cases.clearanceRate);
    expect(f.get('cases.drugs')?.previous.value).toBe(before.cases.byGroup.drugs);
    expect(f.get('rehab.carriedOut')?.current.value).toBe(now.rehab.carriedOut);
    expect(f.get('tips.received')?.current.value).toBe(now.tips.received);
    expect(f.get('patrols.rounds')?.previous.value).toBe(before.patrols.rounds);
  });

  it('says it in sentences, each figure a link to the records behind it', () => {
    const text = sentencesOf(report);
    expect(text).toContain('đã đấu tranh làm rõ, bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy');
    expect(text).toContain('2 vụ mua bán, tàng trữ, sử dụng trái phép pháo, thuốc pháo, thu giữ 2,4 kg thuốc pháo');
    expect(text).toContain('9/9 khối và 3 trường học đạt tiêu chuẩn "An toàn về an ninh, trật tự"');
    expect(text).toContain('3 vụ trộm cắp, lừa đảo, lạm dụng tín nhiệm chiếm đoạt tài sản');
    expect(text).toContain('lập 8 hồ sơ đưa người cai nghiện bắt buộc');
    expect(text).toContain('tổ chức 120 đợt, 380 lượt tham gia tuần tra');
    expect(text).toMatch(/Tỷ lệ điều tra, khám phá án đạt (8\d|9\d|100),\d%/);
    const crime = report.sections.find((s) => s.key === 'crime');
    const drugs = crime?.sentences[0]?.find((seg) => seg.text === '15');
    expect(drugs?.href).toBe('/app/cases?group=drugs&from=2020-01-01&to=2020-06-30');
    for (const f of report.sections.flatMap((s) => s.figures)) {
      expect(f.href, f.key).toMatch(
        /^\/app\/(cases|rehab|tips|patrols\/rounds|residence|mediation|certification|cameras\/requests|outreach)/,
      );
    }
    // The modules that landed after the first report add their sections: residence checks and mediation.
    expect(report.sections.map((s) => s.key)).toEqual([
      'tips',
      'crime',
      'rehab',
      'patrols',
      'residence',
      'mediation',
      'certification',
      'cameras',
      'outreach',
    ]);
    expect(text).toMatch(/tổ chức \d+ lượt kiểm tra cư trú/);
    expect(text).toMatch(/Mô hình "Camera cộng đồng" có \d+ camera tham gia/);
    expect(text).toMatch(/Các tổ hòa giải ở cơ sở đã tiếp nhận \d+ vụ việc/);
  });

  itWith(
    HAS_PDFTOTEXT,
    NO_PDFTOTEXT,
    'prints the sentences with their figures and diacritics into the PDF',
    async () => {
      const res = await get('truongcongan', `/api/v1/reports/periodic?${H1_2020}&format=pdf`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('bao-cao-le-mao-2020-01-01-2020-06-30.pdf');
      const text = pdfText(saveFile(res.rawPayload, 'pdf'));
      for (const expected of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'CÔNG AN PHƯỜNG LÊ MAO',
        'Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc 6 tháng đầu năm 2020',
        'đã đấu tranh làm rõ, bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy',
        'thu giữ 2,4 kg thuốc pháo',
        '3 vụ trộm cắp, lừa đảo, lạm dụng tín nhiệm chiếm đoạt tài sản',
        'lập 8 hồ sơ đưa người cai nghiện bắt buộc',
        'tổ chức 120 đợt, 380 lượt tham gia tuần tra',
        'Tỷ lệ điều tra, khám phá án đạt',
        'cùng kỳ năm 2019',
      ]) {
        expect(text, expected).toContain(expected);
      }
    },
    60_000,
  );

  itWith(
    HAS_SOFFICE,
    NO_SOFFICE,
    'writes a DOCX and an XLSX that LibreOffice opens without error',
    async () => {
      const docx = await get('truongcongan', `/api/v1/reports/periodic?${H1_2020}&format=docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const docxPdf = openInLibreOffice(saveFile(docx.rawPayload, 'docx'));
      if (HAS_PDFTOTEXT) {
        // LibreOffice justifies the lines, and pdftotext then splits some words where it stretched them: compare without spaces.
        const text = pdfText(docxPdf).replace(/\s/g, '');
        for (const expected of [
          'bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy',
          'thu giữ 2,4 kg thuốc pháo',
          'CÔNG AN PHƯỜNG LÊ MAO',
        ]) {
          expect(text, expected).toContain(expected.replace(/\s/g, ''));
        }
      }
      const xlsx = await get('truongcongan', `/api/v1/reports/periodic?${H1_2020}&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      openInLibreOffice(saveFile(xlsx.rawPayload, 'xlsx'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Số liệu', 'Vụ việc', 'Hồ sơ cai nghiện', 'Tin báo']);
      const figures = workbook.getWorksheet('Số liệu');
      const drugs = figures?.getColumn(1).values.findIndex((v) => typeof v === 'string' && v.includes('Vụ ma túy'));
      expect(figures?.getRow(drugs ?? 0).getCell(2).value).toBe(15);
      // The lists hold numbers, days, areas and states: 20 cases of the half year, 8 dossiers, and no one's name.
      expect(workbook.getWorksheet('Vụ việc')?.rowCount).toBe(21);
      expect(workbook.getWorksheet('Hồ sơ cai nghiện')?.rowCount).toBe(9);
      const rehabCells = JSON.stringify(workbook.getWorksheet('Hồ sơ cai nghiện')?.getSheetValues());
      expect(rehabCells).not.toMatch(/Nguyễn|Trần|Phạm|Hoàng/);
    },
    240_000,
  );
});

describe('the edges of the period, in Vietnam time', () => {
  it('counts a tip and a case of 30 June at 23:59 in the first half, and those of 1 July at 00:00 in the second', async () => {
    const [ward] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM units WHERE code = 'thanh-vinh'`);
    const url = (from: string, to: string) => `/api/v1/reports/periodic?unit=thanh-vinh&from=${from}&to=${to}`;
    const count = async (from: string, to: string) => {
      const f = figuresOf((await get('canbo', url(from, to))).json());
      return { tips: f.get('tips.received')?.current.value, cases: f.get('cases.total')?.current.value };
    };
    const h1Before = await count('2020-01-01', '2020-06-30');
    const h2Before = await count('2020-07-01', '2020-12-31');
    for (const at of ['2020-06-30T23:59:00+07:00', '2020-07-01T00:00:00+07:00']) {
      const tip = await post('canbo', '/api/v1/tips', {
        channel: 'hotline',
        unitId: ward?.id,
        what: 'Người dân gọi điện báo có đánh bạc',
        reporterIdentity: 'anonymous',
        receivedAt: at,
      });
      expect(tip.statusCode, tip.body).toBe(201);
      const day = vietnamDay(at);
      const created = await post('canbo', '/api/v1/cases', {
        unitId: ward?.id,
        type: 'gambling',
        occurredOn: day,
        discoveredOn: day,
        summary: `Phát hiện đánh bạc lúc ${at}`,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const h1 = await count('2020-01-01', '2020-06-30');
    const h2 = await count('2020-07-01', '2020-12-31');
    expect(h1).toEqual({ tips: (h1Before.tips ?? 0) + 1, cases: (h1Before.cases ?? 0) + 1 });
    expect(h2).toEqual({ tips: (h2Before.tips ?? 0) + 1, cases: (h2Before.cases ?? 0) + 1 });
  });
});

describe('who may read it', () => {
  it('hides small counts about people from a viewer, and links nothing they may not open', async () => {
    const q1 = '/api/v1/reports/periodic?unit=le-mao&from=2020-01-01&to=2020-03-31';
    const chief = figuresOf((await get('truongcongan', q1)).json());
    expect(chief.get('rehab.opened')?.current).toEqual({ value: 4, text: '4' });
    const res = await get('theodoi', q1);
    expect(res.statusCode).toBe(200);
    const report: PeriodicReport = res.json();
    const viewer = figuresOf(report);
    expect(report.isSuppressed).toBe(true);
    expect(viewer.get('rehab.opened')).toMatchObject({ current: { value: null, text: '< 5' }, change: null, href: null });
    expect(viewer.get('cases.drugs')?.current.value).toBe(chief.get('cases.drugs')?.current.value);
    expect(sentencesOf(report)).toContain('lập dưới 5 hồ sơ đưa người cai nghiện bắt buộc');
    expect(JSON.stringify(report)).not.toContain('/app/');
    // The viewer's workbook holds the figures only: no lists of records.
    const xlsx = await get('theodoi', `${q1}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Số liệu']);
  });

  it('counts the tips of the wards for a province reader, who still cannot list, open or read a tip row', async () => {
    // The demo's tips are of recent months: the ward over the year to today.
    const now = t.deps.clock();
    const year = `unit=thanh-vinh&from=${vietnamDay(new Date(now.getTime() - 364 * 86_400_000))}&to=${vietnamDay(now)}`;
    const summary = (username: string) => get(username, `/api/v1/reports/summary?${year}`).then((r) => r.json());
    const chief = await summary('truongcongan');
    expect(chief.tips.received).toBeGreaterThan(0);
    const province = await get('quantri', `/api/v1/reports/summary?${year}`);
    expect(province.statusCode).toBe(200);
    expect(province.json().tips).toEqual(chief.tips);
    const periodic = (username: string) =>
      get(username, `/api/v1/reports/periodic?${year}`).then((r) => figuresOf(r.json()).get('tips.received')?.current.value);
    expect(await periodic('quantri')).toBe(chief.tips.received);
    // The account reaches every ward, yet the mailbox stays closed to it: no list, no tip, no row.
    const [tip] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM tips LIMIT 1`);
    expect((await get('quantri', '/api/v1/tips?view=new')).statusCode).toBe(403);
    expect((await get('quantri', `/api/v1/tips/${tip?.id}`)).statusCode).toBe(403);
    const user = await findCredentialsByUsername(t.deps.database.db, 'quantri');
    const actor = user ? await buildActor(t.deps.database.db, user, 'token') : null;
    expect(actor?.wardIds).toBe('all');
    const seen = await withActor(t.deps.database.db, actor as Actor, (tx) =>
      queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM tips`),
    );
    expect(seen[0]?.n).toBe(0);
    // The count is of the reader's own wards only: another ward's officer counts none of Thành Vinh's tips.
    const [ward] = await queryRows<{ ids: string }>(
      t.deps.database.db,
      sql`SELECT array_agg(s.id)::text AS ids FROM units u JOIN units s ON s.path <@ u.path WHERE u.code = 'thanh-vinh'`,
    );
    const otherUser = await findCredentialsByUsername(t.deps.database.db, 'canbo.truongvinh');
    const otherActor = otherUser ? await buildActor(t.deps.database.db, otherUser, 'token') : null;
    const counted = await withActor(t.deps.database.db, otherActor as Actor, (tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`SELECT coalesce(sum(n), 0)::int AS n FROM report_tip_counts(${ward?.ids}::uuid[], '2000-01-01', '2100-12-31')`,
      ),
    );
    expect(counted[0]?.n).toBe(0);
  });

  it('refuses a block leader, and answers another ward as if the unit did not exist', async () => {
    expect((await get('truongkhoi', `/api/v1/reports/periodic?${H1_2020}`)).statusCode).toBe(403);
    const other = await get('canbo.truongvinh', `/api/v1/reports/periodic?${H1_2020}`);
    const missing = await get('canbo.truongvinh', '/api/v1/reports/periodic?unit=khong-co&from=2020-01-01&to=2020-06-30');
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    expect((await get('canbo.truongvinh', `/api/v1/reports/periodic?${H1_2020}&format=pdf`)).statusCode).toBe(404);
  });

  it('answers bad input with a 400 in the caller’s language, and writes nothing', async () => {
    const before = await queryRows<{ jobs: number; audits: number }>(
      t.deps.database.db,
      sql`SELECT (SELECT count(*)::int FROM report_jobs) AS jobs, (SELECT count(*)::int FROM audit_log WHERE action = 'report.periodic') AS audits`,
    );
    for (const query of [
      'unit=le-mao&from=2020-06-30&to=2020-01-01',
      'unit=le-mao&from=2020-02-30&to=2020-06-30',
      'unit=le-mao&from=01/01/2020&to=2020-06-30',
      'unit=le-mao&from=2020-01-01&to=2020-06-30&format=doc',
      'unit=le-mao&from=2020-01-01&to=2020-06-30&lang=fr',
      'unit=le-mao&from=2000-01-01&to=2020-06-30',
      'unit=le-mao&from=2020-01-01&to=2020-06-30&extra=1',
      'from=2020-01-01&to=2020-06-30',
    ]) {
      const res = await get('truongcongan', `/api/v1/reports/periodic?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('validation');
      expect(res.json().title, query).toBeTruthy();
    }
    const inverted = await get('truongcongan', '/api/v1/reports/periodic?unit=le-mao&from=2020-06-30&to=2020-01-01');
    expect(inverted.json().errors[0].message).toBe('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
    const after = await queryRows<{ jobs: number; audits: number }>(
      t.deps.database.db,
      sql`SELECT (SELECT count(*)::int FROM report_jobs) AS jobs, (SELECT count(*)::int FROM audit_log WHERE action = 'report.periodic') AS audits`,
    );
    expect(after).toEqual(before);
    expect((await get('truongcongan', '/api/v1/reports/jobs/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('large documents, written in the background', () => {
  const PROVINCE_YEAR = '/api/v1/reports/periodic?unit=nghe-an&from=2020-01-01&to=2020-12-31&format=pdf';

  async function waitForJob(username: string, id: string) {
    for (let i = 0; i < 240; i++) {
      const job = (await get(username, `/api/v1/reports/jobs/${id}`)).json();
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the report job did not finish');
  }

  it('answers a small document at once (a ward over half a year)', async () => {
    const res = await get('quantri', '/api/v1/reports/periodic?unit=le-mao&from=2020-01-01&to=2020-06-30&format=docx');
    expect(res.statusCode).toBe(200);
  });

  it('writes a province over a year in this process when no worker runs jobs, with progress and a download', async () => {
    const res = await get('quantri', PROVINCE_YEAR);
    expect(res.statusCode, res.body).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ status: 'queued', progress: 0, format: 'pdf', unit: 'nghe-an', downloadUrl: null });
    expect(res.headers.location).toBe(`/api/v1/reports/jobs/${started.id}`);
    const job = await waitForJob('quantri', started.id);
    expect(job).toMatchObject({ status: 'done', progress: 100, downloadUrl: `/api/v1/reports/jobs/${started.id}/download` });
    const file = await get('quantri', job.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    if (HAS_PDFTOTEXT) expect(pdfText(saveFile(file.rawPayload, 'pdf'))).toContain('CÔNG AN TỈNH NGHỆ AN');
    // Another account cannot follow or fetch it.
    expect((await get('truongcongan', `/api/v1/reports/jobs/${started.id}`)).statusCode).toBe(404);
    expect((await get('truongcongan', job.downloadUrl)).statusCode).toBe(404);
  }, 120_000);

  it('sends it to the job queue when a worker runs (pg-boss), and refuses the download until it is written', async () => {
    const runner: JobRunner = await startJobs(t.deps, [renderReportJob], 0.5);
    try {
      const res = await get('quantri', PROVINCE_YEAR.replace('format=pdf', 'format=xlsx'));
      expect(res.statusCode, res.body).toBe(202);
      const { id } = res.json();
      const [queued] = await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'reports.render' AND data->>'jobId' = ${id}`,
      );
      expect(queued?.n).toBe(1);
      const job = await waitForJob('quantri', id);
      expect(job.status).toBe('done');
      const file = await get('quantri', job.downloadUrl);
      expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } finally {
      await runner.stop();
    }
    // A job not yet written cannot be downloaded.
    const [admin] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM users WHERE username = 'quantri'`);
    const [nghean] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM units WHERE code = 'nghe-an'`);
    const pending = '00000000-0000-4000-8000-00000000a001';
    await t.deps.database.db.execute(
      sql`INSERT INTO report_jobs (user_id, id, unit_id, unit_key, period_from, period_to, format, lang, origin, status, created_at, expires_at)
          VALUES (${admin?.id}, ${pending}, ${nghean?.id}, 'nghe-an', '2020-01-01', '2020-12-31', 'pdf', 'vi', 'http://localhost', 'running', now(), now() + interval '1 day')`,
    );
    expect((await get('quantri', `/api/v1/reports/jobs/${pending}`)).json()).toMatchObject({ status: 'running', downloadUrl: null });
    expect((await get('quantri', `/api/v1/reports/jobs/${pending}/download`)).statusCode).toBe(409);
  }, 120_000);
});
