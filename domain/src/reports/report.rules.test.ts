import { describe, expect, it } from 'vitest';
import { CASE_GROUPS, type CaseGroup } from '../cases/cases.schemas.ts';
import { reportsEn, reportsVi } from './report.messages.ts';
import {
  BACKGROUND_REPORT_WARD_DAYS,
  buildPeriodicReport,
  describeChange,
  describePeriod,
  describePreviousPeriod,
  formatReportDay,
  formatReportNumber,
  formatReportPercent,
  isBackgroundReport,
  isInPeriod,
  isPersonalFigure,
  PERIOD_PRESETS,
  PRESET_PARTS,
  placeDateLine,
  placeOf,
  presentCount,
  presetOf,
  presetPeriod,
  previousYearPeriod,
  type ReportContext,
  type ReportFigures,
  reportAuthor,
  reportLinks,
  SMALL_COUNT_THRESHOLD,
  segmentsText,
  vietnamDay,
} from './report.rules.ts';

const zeroGroups = () => Object.fromEntries(CASE_GROUPS.map((g) => [g, 0])) as Record<CaseGroup, number>;
const groups = (counts: Partial<Record<CaseGroup, [number, number]>>) => {
  const byGroup = zeroGroups();
  const clearanceByGroup = Object.fromEntries(CASE_GROUPS.map((g) => [g, { total: 0, cleared: 0, clearanceRate: null }])) as Record<
    CaseGroup,
    { total: number; cleared: number; clearanceRate: number | null }
  >;
  for (const [g, [total, cleared]] of Object.entries(counts) as [CaseGroup, [number, number]][]) {
    byGroup[g] = total;
    clearanceByGroup[g] = { total, cleared, clearanceRate: total ? cleared / total : null };
  }
  return { byGroup, clearanceByGroup };
};

/** Lê Mao, 1 Jan – 30 Jun 2020, as the article reports it (seed/le-mao-2020.en.md) and the demo register holds it. */
const LE_MAO_H1_2020: ReportFigures = {
  cases: {
    total: 20,
    cleared: 19,
    clearanceRate: 0.95,
    closedNoCrime: 0,
    ...groups({ drugs: [15, 15], firecrackers: [2, 2], theft_fraud: [3, 2] }),
  },
  seizures: [
    { kind: 'heroin', quantity: '5', unit: 'g' },
    { kind: 'firecracker_powder', quantity: '2.4', unit: 'kg' },
    { kind: 'vehicle', quantity: '1', unit: 'item' },
  ],
  rehab: { opened: 8, sentToCourt: 6, accepted: 5, rejected: 0, carriedOut: 4 },
  tips: { received: 0, transferred: 0, transferredOnTime: 0 },
  patrols: {
    rounds: 120,
    turns: 380,
    officerTurns: 140,
    civilianTurns: 240,
    blocks: 9,
    blocksCovered: 9,
    residenceChecks: 12,
    incidents: 3,
  },
};
const LE_MAO_H1_2019: ReportFigures = {
  cases: {
    total: 14,
    cleared: 12,
    clearanceRate: 12 / 14,
    closedNoCrime: 0,
    ...groups({ drugs: [8, 7], theft_fraud: [4, 3], gambling: [2, 2] }),
  },
  seizures: [],
  rehab: { opened: 3, sentToCourt: 0, accepted: 0, rejected: 0, carriedOut: 0 },
  tips: { received: 0, transferred: 0, transferredOnTime: 0 },
  patrols: { rounds: 100, turns: 300 },
};

const H1_2020 = { from: '2020-01-01', to: '2020-06-30' };
const context = (over: Partial<ReportContext> = {}): ReportContext => ({
  lang: 'vi',
  unit: { id: '00000000-0000-4000-8000-000000000001', code: 'le-mao', name: 'Phường Lê Mao', type: 'ward' },
  wardName: null,
  parentName: 'Thành phố Vinh',
  place: 'Vinh',
  compiledOn: '2020-07-05',
  period: H1_2020,
  suppress: false,
  links: reportLinks(H1_2020, { cases: true, tips: true, patrols: true }, undefined, '/app/patrols/rounds'),
  ...over,
});
const textOf = (report: ReturnType<typeof buildPeriodicReport>, key: string) =>
  (report.sections.find((s) => s.key === key)?.sentences ?? []).map(segmentsText).join(' ');

describe('report periods (domain-vn.md §9)', () => {
  it('gives the calendar presets: a month, a quarter, the halves, nine months, a year', () => {
    expect(presetPeriod('month', 2020, 2)).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(presetPeriod('month', 2021, 2)).toEqual({ from: '2021-02-01', to: '2021-02-28' });
    expect(presetPeriod('quarter', 2020, 1)).toEqual({ from: '2020-01-01', to: '2020-03-31' });
    expect(presetPeriod('quarter', 2020, 4)).toEqual({ from: '2020-10-01', to: '2020-12-31' });
    expect(presetPeriod('half', 2020, 1)).toEqual(H1_2020);
    expect(presetPeriod('half', 2020, 2)).toEqual({ from: '2020-07-01', to: '2020-12-31' });
    expect(presetPeriod('nine_months', 2020)).toEqual({ from: '2020-01-01', to: '2020-09-30' });
    expect(presetPeriod('year', 2020)).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(() => presetPeriod('quarter', 2020, 5)).toThrow(RangeError);
  });

  it('TT 124/2021/TT-BCA Art. 8.2: a residential area is assessed 01/11 – 31/10, a ward, agency or school 16/11 – 15/11', () => {
    expect(presetPeriod('tt124_block', 2020)).toEqual({ from: '2019-11-01', to: '2020-10-31' });
    expect(presetPeriod('tt124_ward', 2020)).toEqual({ from: '2019-11-16', to: '2020-11-15' });
  });

  it('Hướng dẫn 01/HD-BCA-V05: the grassroots force is rated over 15/11 – 14/11', () => {
    expect(presetPeriod('force_rating', 2020)).toEqual({ from: '2019-11-15', to: '2020-11-14' });
  });

  it('NĐ 09/2019/NĐ-CP Art. 12: six-month state reports cut their data off on 14/06 (from 15/12), yearly ones on 14/12', () => {
    expect(presetPeriod('state_half', 2020)).toEqual({ from: '2019-12-15', to: '2020-06-14' });
    expect(presetPeriod('state_year', 2020)).toEqual({ from: '2019-12-15', to: '2020-12-14' });
  });

  it('recognises every preset it gives', () => {
    for (const preset of PERIOD_PRESETS) {
      for (let part = 1; part <= PRESET_PARTS[preset]; part++) {
        const found = presetOf(presetPeriod(preset, 2024, part));
        // A year is also 4 quarters' worth, but it is found as the year; a custom range is none.
        expect(found && presetPeriod(found.preset, found.year, found.part)).toEqual(presetPeriod(preset, 2024, part));
      }
    }
    expect(presetOf({ from: '2020-01-01', to: '2020-03-15' })).toBeNull();
  });

  it('sets the same period a year before beside each figure, keeping February whole', () => {
    expect(previousYearPeriod(H1_2020)).toEqual({ from: '2019-01-01', to: '2019-06-30' });
    expect(previousYearPeriod({ from: '2020-02-01', to: '2020-02-29' })).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(previousYearPeriod({ from: '2021-02-01', to: '2021-02-28' })).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(previousYearPeriod({ from: '2020-02-29', to: '2020-03-10' })).toEqual({ from: '2019-03-01', to: '2019-03-10' });
    expect(previousYearPeriod(presetPeriod('tt124_ward', 2020))).toEqual(presetPeriod('tt124_ward', 2019));
  });

  it('counts a record on 30/06 at 23:59 Vietnam time in the first half, and one on 01/07 at 00:00 in the second', () => {
    expect(vietnamDay('2020-06-30T23:59:00+07:00')).toBe('2020-06-30');
    expect(vietnamDay(new Date('2020-06-30T16:59:59Z'))).toBe('2020-06-30');
    expect(vietnamDay('2020-07-01T00:00:00+07:00')).toBe('2020-07-01');
    expect(vietnamDay(new Date('2020-06-30T17:00:00Z'))).toBe('2020-07-01');
    expect(isInPeriod(vietnamDay('2020-06-30T23:59:00+07:00'), H1_2020)).toBe(true);
    expect(isInPeriod(vietnamDay('2020-07-01T00:00:00+07:00'), H1_2020)).toBe(false);
    expect(isInPeriod('2020-01-01', H1_2020)).toBe(true);
  });

  it('names periods the way the ward writes them', () => {
    expect(describePeriod(H1_2020, 'vi')).toBe('6 tháng đầu năm 2020');
    expect(describePeriod(presetPeriod('quarter', 2020, 3), 'vi')).toBe('quý III năm 2020');
    expect(describePeriod(presetPeriod('month', 2020, 3), 'vi')).toBe('tháng 3 năm 2020');
    expect(describePeriod(presetPeriod('year', 2020), 'vi')).toBe('năm 2020');
    expect(describePeriod({ from: '2020-01-01', to: '2020-03-15' }, 'vi')).toBe('từ ngày 01/01/2020 đến ngày 15/03/2020');
    expect(describePeriod(H1_2020, 'en')).toBe('the first half of 2020');
    expect(describePeriod(presetPeriod('month', 2020, 3), 'en')).toBe('March 2020');
    expect(describePreviousPeriod(H1_2020, 'vi')).toBe('cùng kỳ năm 2019');
    expect(describePreviousPeriod({ from: '2020-01-01', to: '2020-03-15' }, 'vi')).toBe(
      'cùng kỳ năm trước (từ ngày 01/01/2019 đến ngày 15/03/2019)',
    );
  });

  it('writes documents over many wards and days in the background', () => {
    expect(isBackgroundReport(1, 182)).toBe(false);
    expect(isBackgroundReport(1, 366)).toBe(false);
    expect(isBackgroundReport(6, 366)).toBe(true);
    expect(isBackgroundReport(0, BACKGROUND_REPORT_WARD_DAYS)).toBe(false);
    expect(isBackgroundReport(0, BACKGROUND_REPORT_WARD_DAYS + 1)).toBe(true);
  });
});

describe('numbers and dates the Vietnamese way (ux.md §6)', () => {
  it('groups thousands with "." and writes decimals with ","', () => {
    expect(formatReportNumber(1234, 'vi')).toBe('1.234');
    expect(formatReportNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatReportNumber(2.4, 'vi', 1)).toBe('2,4');
    expect(formatReportNumber(1234, 'en')).toBe('1,234');
    expect(formatReportPercent(0.95, 'vi')).toBe('95,0%');
    expect(formatReportPercent(0.8571, 'vi')).toBe('85,7%');
    expect(formatReportPercent(0.8571, 'en')).toBe('85.7%');
    expect(formatReportDay('2020-06-30')).toBe('30/06/2020');
  });

  it('dates the document as Nghị định 30/2020/NĐ-CP does', () => {
    expect(placeDateLine('Vinh', '2020-09-12', 'vi')).toBe('Vinh, ngày 12 tháng 9 năm 2020');
    expect(placeDateLine('Vinh', '2020-02-05', 'vi')).toBe('Vinh, ngày 05 tháng 02 năm 2020');
    expect(placeDateLine('Vinh', '2020-02-05', 'en')).toBe('Vinh, 05/02/2020');
  });

  it('describes a change from the year before in words and signs', () => {
    expect(describeChange(20, 13, 'vi', { kind: 'cases' })).toBe('tăng 7 vụ (+53,8%)');
    expect(describeChange(8, 10, 'vi')).toBe('giảm 2 (−20,0%)');
    expect(describeChange(5, 5, 'vi')).toBe('không thay đổi');
    expect(describeChange(3, 0, 'vi')).toBe('tăng 3');
    expect(describeChange(0.95, 0.857, 'vi', { kind: 'rate' })).toBe('tăng 9,3 điểm %');
    expect(describeChange(2.4, 0, 'vi', { kind: 'quantity', decimals: 1 })).toBe('tăng 2,4');
    expect(describeChange(null, 3, 'vi')).toBeNull();
    expect(describeChange(20, 13, 'en', { kind: 'cases' })).toBe('up 7 (+53.8%)');
  });
});

describe('small counts about people (security.md G12)', () => {
  it('hides 1 to 4 rehab dossiers or arrests from readers who may not open the records, and shows 0 and 5', () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(5);
    expect(isPersonalFigure('rehab.opened')).toBe(true);
    expect(isPersonalFigure('cases.arrests')).toBe(true);
    expect(isPersonalFigure('cases.drugs')).toBe(false);
    const hidden = { suppress: true, lang: 'vi' as const };
    expect(presentCount('rehab.opened', 3, hidden)).toEqual({ value: null, text: '< 5' });
    expect(presentCount('rehab.opened', 0, hidden)).toEqual({ value: 0, text: '0' });
    expect(presentCount('rehab.opened', 5, hidden)).toEqual({ value: 5, text: '5' });
    expect(presentCount('cases.drugs', 2, hidden)).toEqual({ value: 2, text: '2' });
    expect(presentCount('rehab.opened', 3, { suppress: false, lang: 'vi' })).toEqual({ value: 3, text: '3' });
  });

  it('writes "dưới 5" in the sentence and hides the change beside a hidden figure', () => {
    const report = buildPeriodicReport(
      context({ suppress: true, links: reportLinks(H1_2020, { cases: false, tips: false, patrols: false }) }),
      { ...LE_MAO_H1_2020, rehab: { opened: 3, sentToCourt: 0, accepted: 0, rejected: 0, carriedOut: 0 } },
      LE_MAO_H1_2019,
    );
    expect(textOf(report, 'crime')).toContain('lập dưới 5 hồ sơ đưa người cai nghiện bắt buộc');
    const opened = report.sections.flatMap((s) => s.figures).find((f) => f.key === 'rehab.opened');
    expect(opened).toMatchObject({
      current: { value: null, text: '< 5' },
      previous: { value: null, text: '< 5' },
      change: null,
      href: null,
    });
    expect(report.isSuppressed).toBe(true);
    expect(report.notes).toContain(reportsVi.suppressionNote);
    // Nothing links to records the reader may not open.
    expect(
      report.sections.flatMap((s) => [...s.figures.map((f) => f.href), ...s.sentences.flat().map((x) => x.href)]).filter(Boolean),
    ).toEqual([]);
  });
});

describe('the narrative, from the figures', () => {
  it('says what the Lê Mao article says for the first half of 2020', () => {
    const report = buildPeriodicReport(context(), LE_MAO_H1_2020, LE_MAO_H1_2019);
    expect(report.author).toBe('Công an phường Lê Mao');
    expect(report.parentAuthor).toBe('Công an thành phố Vinh');
    expect(report.subtitle).toBe('Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc 6 tháng đầu năm 2020');
    expect(report.period.label).toBe('6 tháng đầu năm 2020');
    expect(report.previousPeriod).toMatchObject({ from: '2019-01-01', to: '2019-06-30', label: 'cùng kỳ năm 2019' });
    const crime = textOf(report, 'crime');
    expect(crime).toContain(
      'Cụ thể, Công an phường Lê Mao đã đấu tranh làm rõ, bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy, thu giữ 5 g heroin; ' +
        '2 vụ mua bán, tàng trữ, sử dụng trái phép pháo, thuốc pháo, thu giữ 2,4 kg thuốc pháo; ' +
        '3 vụ trộm cắp, lừa đảo, lạm dụng tín nhiệm chiếm đoạt tài sản (làm rõ 2/3 vụ); ' +
        'lập 8 hồ sơ đưa người cai nghiện bắt buộc.',
    );
    expect(crime).toContain('Ngoài ra, đã thu giữ 1 phương tiện.');
    expect(crime).toContain('Tỷ lệ điều tra, khám phá án đạt 95,0% (làm rõ 19/20 vụ); cùng kỳ năm 2019 đạt 85,7%.');
    expect(crime).toContain('So với cùng kỳ năm 2019 (14 vụ), tổng số vụ việc tăng 6 vụ (+42,9%).');
    expect(textOf(report, 'patrols')).toBe(
      'Công an phường Lê Mao đã phối hợp với lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở tổ chức 120 đợt, 380 lượt tham gia tuần tra khép kín ' +
        'trên địa bàn (140 lượt cán bộ Công an, 240 lượt lực lượng ở cơ sở); các đợt tuần tra đã đến 9/9 khối, tổ dân phố; ' +
        'kiểm tra tạm trú, tạm vắng 12 lượt; phát hiện, xử lý 3 vụ việc.',
    );
    expect(textOf(report, 'rehab')).toBe(
      'Đã lập 8 hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc; chuyển Tòa án nhân dân 6 hồ sơ; ' +
        'Tòa án đã quyết định áp dụng đối với 5 hồ sơ; đã đưa 4 người đi cai nghiện bắt buộc.',
    );
    expect(textOf(report, 'tips')).toBe('Trong kỳ, Công an phường Lê Mao không tiếp nhận tin báo, tố giác về tội phạm nào.');
    expect(segmentsText(report.intro)).toMatch(/^Trong 6 tháng đầu năm 2020, Công an phường Lê Mao báo cáo/);
  });

  it('links every figure, in the table and in the sentences, to the records behind it', () => {
    const report = buildPeriodicReport(context(), LE_MAO_H1_2020, LE_MAO_H1_2019);
    const figures = report.sections.flatMap((s) => s.figures);
    expect(figures.find((f) => f.key === 'cases.drugs')).toMatchObject({
      current: { value: 15, text: '15' },
      previous: { value: 8, text: '8' },
      change: 'tăng 7 vụ (+87,5%)',
      href: '/app/cases?group=drugs&from=2020-01-01&to=2020-06-30',
    });
    expect(figures.find((f) => f.key === 'rehab.opened')?.href).toBe('/app/rehab?from=2020-01-01&to=2020-06-30');
    expect(figures.find((f) => f.key === 'patrols.rounds')?.href).toBe('/app/patrols/rounds?from=2020-01-01&to=2020-06-30');
    for (const f of figures) expect(f.href, f.key).toMatch(/^\/app\//);
    const drugs = report.sections.find((s) => s.key === 'crime')?.sentences[0]?.find((s) => s.text === '15');
    expect(drugs?.href).toBe('/app/cases?group=drugs&from=2020-01-01&to=2020-06-30');
    const powder = report.sections.find((s) => s.key === 'crime')?.sentences[0]?.find((s) => s.text === '2,4 kg thuốc pháo');
    expect(powder?.href).toBe('/app/cases?group=firecrackers&from=2020-01-01&to=2020-06-30');
  });

  it('writes the residence checks and the grassroots mediation once their modules give figures', () => {
    const residence = {
      placesWatched: 12,
      notifications: 90,
      notificationsOnTime: 84,
      notificationsLate: 6,
      inspections: 36,
      violations: 5,
      finesReferred: 2,
    };
    const mediation = { received: 24, settled: 18, notSettled: 3, referred: 1, settlementRate: 18 / 21, atRisk: 1 };
    const links = reportLinks(H1_2020, { cases: true, tips: true, patrols: true, residence: true, mediation: true });
    const report = buildPeriodicReport(
      context({ links }),
      { ...LE_MAO_H1_2020, residence, mediation },
      { ...LE_MAO_H1_2019, residence: { ...residence, inspections: 30 }, mediation: null },
    );
    expect(textOf(report, 'residence')).toBe(
      'Công an phường Lê Mao đang theo dõi 12 cơ sở cho thuê lưu trú; đã tiếp nhận 90 thông báo lưu trú (đúng thời hạn 84, chậm 6); ' +
        'tổ chức 36 lượt kiểm tra cư trú, phát hiện 5 trường hợp vi phạm, đề nghị xử phạt vi phạm hành chính 2 trường hợp.',
    );
    expect(textOf(report, 'mediation')).toBe(
      'Các tổ hòa giải ở cơ sở đã tiếp nhận 24 vụ việc; hòa giải thành 18 vụ, không thành 3 vụ, đạt tỷ lệ 85,7%; ' +
        'chuyển cơ quan có thẩm quyền 1 vụ; 1 vụ có nguy cơ phát sinh phức tạp đã được báo Công an phường.',
    );
    const figures = report.sections.flatMap((s) => s.figures);
    expect(figures.find((f) => f.key === 'residence.inspections')).toMatchObject({
      current: { value: 36 },
      previous: { value: 30 },
      href: '/app/residence',
    });
    expect(figures.find((f) => f.key === 'mediation.settlementRate')?.current.text).toBe('85,7%');
    // Without the reader's right to open them, the figures stay but lose their links.
    const plain = buildPeriodicReport(context(), { ...LE_MAO_H1_2020, residence, mediation }, LE_MAO_H1_2019);
    expect(plain.sections.find((s) => s.key === 'residence')?.figures.every((f) => f.href === null)).toBe(true);
  });

  it('writes the blocks and schools recognised as "safe in security and order" (9/9 and 3 in the 2020 article), the models and the awards', () => {
    const certification = { blocks: { recognised: 9, total: 9 }, schools: { recognised: 3, total: 3 }, modelsActive: 6, awards: 0 };
    const links = reportLinks(H1_2020, { cases: true, tips: true, patrols: true, certification: true });
    const report = buildPeriodicReport(
      context({ links }),
      { ...LE_MAO_H1_2020, certification },
      { ...LE_MAO_H1_2019, certification: { ...certification, awards: 4 } },
    );
    expect(textOf(report, 'certification')).toBe(
      '9/9 khối và 3 trường học đạt tiêu chuẩn "An toàn về an ninh, trật tự"; duy trì 6 mô hình phong trào.',
    );
    const figures = report.sections.flatMap((s) => s.figures);
    expect(figures.find((f) => f.key === 'certification.awards')).toMatchObject({ current: { value: 0 }, previous: { value: 4 } });
    expect(figures.find((f) => f.key === 'certification.blocks.recognised')?.href).toBe('/app/certification?year=2020');
    const awarded = buildPeriodicReport(context(), { ...LE_MAO_H1_2020, certification: { ...certification, awards: 2 } }, LE_MAO_H1_2019);
    expect(textOf(awarded, 'certification')).toContain('; 2 tập thể, cá nhân được khen thưởng.');
  });

  it('writes the units registered by type and the classification by class once the summary carries them', () => {
    const of = (registered: number, recognised: number, total: number) => ({ registered, recognised, total });
    const certification = {
      blocks: of(9, 9, 9),
      schools: of(3, 3, 3),
      agencies: of(1, 0, 2),
      enterprises: of(0, 0, 1),
      modelsActive: 6,
      awards: 0,
      classification: { excellent: 2, good: 7, average: 1, weak: 0 },
    };
    const report = buildPeriodicReport(context(), { ...LE_MAO_H1_2020, certification }, LE_MAO_H1_2019);
    expect(textOf(report, 'certification')).toBe(
      '9/9 khối và 3 trường học đạt tiêu chuẩn "An toàn về an ninh, trật tự"; duy trì 6 mô hình phong trào. ' +
        'Đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 9 khối, 3 trường học, 1 cơ quan, 0 doanh nghiệp. ' +
        'Kết quả phân loại phong trào: 2 đơn vị xuất sắc, 7 khá, 1 trung bình, 0 yếu.',
    );
    const figures = new Map(report.sections.flatMap((s) => s.figures).map((f) => [f.key, f.current.value]));
    expect(figures.get('certification.agencies.registered')).toBe(1);
    expect(figures.get('certification.classification.good')).toBe(7);
    // No class yet (the classification closes in November): the sentence is left out, the figures stay at 0.
    const unclassified = { ...certification, classification: { excellent: 0, good: 0, average: 0, weak: 0 } };
    const early = buildPeriodicReport(context({ lang: 'en' }), { ...LE_MAO_H1_2020, certification: unclassified }, LE_MAO_H1_2019);
    expect(textOf(early, 'certification')).toContain('Registered to be recognised as "safe in security and order": 9 blocks, 3 schools');
    expect(textOf(early, 'certification')).not.toContain('Classification');
  });

  it('writes tips received by channel, transferred in time and their outcomes', () => {
    const report = buildPeriodicReport(
      context(),
      {
        ...LE_MAO_H1_2020,
        tips: {
          received: 42,
          transferred: 12,
          transferredOnTime: 11,
          byChannel: { online: 20, hotline: 10, in_person: 12 },
          byOutcome: { prosecuted: 3, not_prosecuted: 1 },
        },
      },
      LE_MAO_H1_2019,
    );
    expect(textOf(report, 'tips')).toBe(
      'Công an phường Lê Mao đã tiếp nhận 42 tin báo, tố giác về tội phạm và kiến nghị khởi tố (qua hòm thư tố giác trực tuyến 20 tin, ' +
        'qua điện thoại 10 tin, trực tiếp 12 tin); đã chuyển 12 tin đến cơ quan có thẩm quyền, trong đó 11 tin chuyển đúng thời hạn. ' +
        'Theo thông báo kết quả giải quyết của cơ quan có thẩm quyền: 3 tin đã khởi tố vụ án; 1 tin không khởi tố vụ án.',
    );
    const hotline = report.sections[0]?.figures.find((f) => f.key === 'tips.channel.hotline');
    expect(hotline).toMatchObject({ level: 1, href: '/app/tips?view=all&channel=hotline' });
  });

  it('says so when nothing happened, and leaves out patrols until the patrols module gives figures', () => {
    const empty: ReportFigures = {
      cases: { total: 0, cleared: 0, clearanceRate: null, closedNoCrime: 0, ...groups({}) },
      seizures: [],
      rehab: { opened: 0, sentToCourt: 0, accepted: 0, rejected: 0, carriedOut: 0 },
      tips: { received: 0, transferred: 0, transferredOnTime: 0 },
    };
    const report = buildPeriodicReport(context(), empty, empty);
    expect(textOf(report, 'crime')).toBe('Trong kỳ, hồ sơ của đơn vị không ghi nhận vụ việc phạm tội nào trên địa bàn.');
    expect(textOf(report, 'rehab')).toBe('Trong kỳ, không lập hồ sơ đưa người nghiện ma túy vào cơ sở cai nghiện bắt buộc.');
    expect(report.sections.map((s) => s.key)).toEqual(['tips', 'crime', 'rehab']);
    expect(report.notes).toContain(reportsVi.notes.patrolsMissing);
  });

  it('writes English on request', () => {
    const report = buildPeriodicReport(context({ lang: 'en' }), LE_MAO_H1_2020, LE_MAO_H1_2019);
    expect(report.author).toBe('The police of Phường Lê Mao');
    expect(textOf(report, 'crime')).toContain(
      'In detail, the police of Phường Lê Mao investigated and cleared, with arrests, 15 cases of illegal drug trading, storing and use',
    );
    expect(textOf(report, 'crime')).toContain('2.4 kg of firecracker powder');
    expect(textOf(report, 'crime')).toContain('The clearance rate was 95.0% (19 of 20 cases cleared)');
    expect(report.sections[0]?.title).toBe(reportsEn.sections.tips);
  });

  it('names the ward police for a block, and the place from the city above', () => {
    expect(reportAuthor({ name: 'Khối Trung Mỹ', type: 'block' }, 'Phường Thành Vinh', 'vi')).toBe(
      'Công an phường Thành Vinh (địa bàn khối Trung Mỹ)',
    );
    expect(reportAuthor({ name: 'Tỉnh Nghệ An', type: 'province' }, null, 'vi')).toBe('Công an tỉnh Nghệ An');
    expect(placeOf('Thành phố Vinh')).toBe('Vinh');
    expect(placeOf('Tỉnh Nghệ An')).toBe('Nghệ An');
  });
});
