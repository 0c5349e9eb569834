/**
 * The criteria of the "An toàn về an ninh, trật tự" standard as versioned data: one set per legal text and period, a
 * province's own additions as a further set (Art. 8.1). Each criterion names its article, the unit types it applies to,
 * how it is evidenced and, where the system already knows something, the live indicator shown next to it.
 * `certification.criteria.test.ts` holds the data together (ids unique, articles named, every type covered).
 */

/** The unit types that can be recognised (TT 124/2021 Art. 1–2). */
export const CERT_UNIT_TYPES = ['residential_area', 'ward', 'agency', 'enterprise', 'school'] as const;
export type CertUnitType = (typeof CERT_UNIT_TYPES)[number];

/** How a criterion is shown to be met: a document, the meeting's minutes, a figure the system holds, a unit's attestation. */
export const EVIDENCE_KINDS = ['document', 'minutes', 'figure', 'attestation'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Figures read from the other modules for the unit and its evaluation window. */
export const INDICATOR_KEYS = [
  'householdRate',
  'cases',
  'casesPreviousWindow',
  'seriousCases',
  'tips',
  'prolongedDisputes',
  'disputesAtRisk',
  'patrolRounds',
  'activeModels',
  'unitsRegistered',
  'unitsRecognised',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type Criterion = {
  /** Stable id, used by the self-assessment answers: `<set>:<article>`. */
  id: string;
  article: string;
  unitTypes: readonly CertUnitType[];
  evidence: readonly EvidenceKind[];
  indicators: readonly IndicatorKey[];
  vi: string;
  en: string;
};

export type CriteriaSet = {
  id: string;
  /** The legal text, as written on the dossier. */
  source: string;
  /** The first and last evaluation years the set applies to (inclusive; null = still in force). */
  fromYear: number;
  toYear: number | null;
  /** A province's own criteria (Art. 8.1) carry its unit code; the national sets null. */
  province: string | null;
  criteria: readonly Criterion[];
};

const KDC = ['residential_area'] as const;
const ORG = ['agency', 'enterprise'] as const;
const SCHOOL = ['school'] as const;

/**
 * TT 124/2021/TT-BCA (in force 10/02/2022: the first full evaluation year is 2022), as amended by TT 48/2025/TT-BCA
 * (which changed the route of dossiers, not the criteria). [V] The amended wording of Art. 9.1(a) and Art. 10.
 */
export const TT124_2021: CriteriaSet = {
  id: 'tt124-2021',
  source: 'Thông tư 124/2021/TT-BCA (sửa đổi bởi Thông tư 48/2025/TT-BCA)',
  fromYear: 2022,
  toYear: null,
  province: null,
  criteria: [
    {
      id: 'tt124:4.1',
      article: 'Art. 4.1',
      unitTypes: KDC,
      evidence: ['document', 'figure'],
      indicators: ['householdRate'],
      vi: 'Quý I: chi bộ có nghị quyết, khu dân cư đăng ký, 100% hộ gia đình đăng ký tham gia',
      en: 'Q1: the Party cell resolution, the area registers, 100% of households register',
    },
    {
      id: 'tt124:4.2',
      article: 'Art. 4.2',
      unitTypes: KDC,
      evidence: ['minutes'],
      indicators: [],
      vi: 'Thực hiện đầy đủ chủ trương, chính sách, pháp luật và quy định về ANTT của địa phương',
      en: 'Policies, laws and local security rules fully carried out',
    },
    {
      id: 'tt124:4.3',
      article: 'Art. 4.3',
      unitTypes: KDC,
      evidence: ['minutes', 'figure'],
      indicators: ['prolongedDisputes', 'disputesAtRisk'],
      vi: 'Không xảy ra các trường hợp tại khoản 3 (chống đối, phá hoại, tranh chấp phức tạp kéo dài, tụ tập khiếu kiện…)',
      en: 'None of the cases of clause 3 (hostile acts, sabotage, prolonged complex disputes, mass complaints…)',
    },
    {
      id: 'tt124:4.4',
      article: 'Art. 4.4',
      unitTypes: KDC,
      evidence: ['figure', 'minutes'],
      indicators: ['cases', 'casesPreviousWindow', 'seriousCases', 'tips'],
      vi: 'Tội phạm, tệ nạn xã hội được kiềm chế, giảm so với năm trước; không có tội phạm nghiêm trọng trở lên; không cháy, nổ nghiêm trọng',
      en: 'Crime and social evils held down or reduced on the previous year; no serious crime; no serious fire or explosion',
    },
    {
      id: 'tt124:4.5',
      article: 'Art. 4.5',
      unitTypes: KDC,
      evidence: ['document', 'figure'],
      indicators: ['patrolRounds'],
      vi: 'Lực lượng tham gia bảo vệ ANTT ở cơ sở được xếp loại hoàn thành nhiệm vụ trở lên, không có thành viên bị kỷ luật',
      en: 'The grassroots security force rated "completed its tasks" or better; no member disciplined',
    },
    {
      id: 'tt124:5.1',
      article: 'Art. 5.1',
      unitTypes: ['ward'],
      evidence: ['document', 'figure'],
      indicators: ['activeModels'],
      vi: 'Quý I: Đảng ủy có nghị quyết, UBND có kế hoạch và đăng ký; có ít nhất 01 mô hình phong trào toàn dân bảo vệ ANTQ hoạt động hiệu quả',
      en: 'Q1: the Party committee resolution, the People’s Committee plan and registration; at least one effective movement model',
    },
    {
      id: 'tt124:5.2',
      article: 'Art. 5.2',
      unitTypes: ['ward'],
      evidence: ['figure', 'minutes'],
      indicators: ['cases', 'casesPreviousWindow', 'seriousCases', 'prolongedDisputes'],
      vi: 'Đạt các tiêu chí tại khoản 2, 3, 4 Điều 4 trên toàn địa bàn',
      en: 'Meets Art. 4.2, 4.3 and 4.4 over the whole ward',
    },
    {
      id: 'tt124:5.3',
      article: 'Art. 5.3',
      unitTypes: ['ward'],
      evidence: ['document'],
      indicators: [],
      vi: 'Công an xã, phường nắm chắc tình hình, tham mưu hiệu quả; không có cá nhân bị kỷ luật',
      en: 'The ward police stay on top of the situation and advise effectively; nobody disciplined',
    },
    {
      id: 'tt124:5.4',
      article: 'Art. 5.4',
      unitTypes: ['ward'],
      evidence: ['figure'],
      indicators: ['unitsRegistered', 'unitsRecognised'],
      vi: '100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đăng ký; từ 70% trở lên được công nhận',
      en: '100% of residential areas, agencies, enterprises and schools registered; at least 70% recognised',
    },
    {
      id: 'tt124:6.1',
      article: 'Art. 6.1',
      unitTypes: ORG,
      evidence: ['document', 'attestation'],
      indicators: ['activeModels'],
      vi: 'Quý I: nghị quyết, kế hoạch, đăng ký; nội quy, quy chế bảo vệ; 100% cán bộ được phổ biến; có ít nhất 01 mô hình hiệu quả',
      en: 'Q1: resolution, plan, registration; internal rules; 100% of staff briefed; at least one effective model',
    },
    {
      id: 'tt124:6.2',
      article: 'Art. 6.2',
      unitTypes: ORG,
      evidence: ['minutes'],
      indicators: [],
      vi: 'Thực hiện đầy đủ chính sách, pháp luật, quy chế phối hợp với Công an',
      en: 'Policies, laws and coordination rules with the police fully carried out',
    },
    {
      id: 'tt124:6.3',
      article: 'Art. 6.3',
      unitTypes: ORG,
      evidence: ['attestation', 'figure'],
      indicators: ['cases', 'seriousCases'],
      vi: 'Không xảy ra các trường hợp tại khoản 3 (đình công trái pháp luật, tội phạm nghiêm trọng, lộ bí mật nhà nước…)',
      en: 'None of the cases of clause 3 (unlawful strikes, serious crime, state-secret breaches…)',
    },
    {
      id: 'tt124:6.4',
      article: 'Art. 6.4',
      unitTypes: ORG,
      evidence: ['attestation'],
      indicators: [],
      vi: 'Lực lượng bảo vệ đạt danh hiệu Tập thể lao động tiên tiến hoặc hoàn thành tốt nhiệm vụ trở lên',
      en: 'The unit’s security force holds "Advanced labour collective" or is rated "completed its tasks well" or better',
    },
    {
      id: 'tt124:6.5',
      article: 'Art. 6.5',
      unitTypes: ORG,
      evidence: ['attestation'],
      indicators: [],
      vi: 'Từ 70% trở lên phòng, ban, tổ, đội đạt danh hiệu Tập thể lao động tiên tiến hoặc hoàn thành tốt nhiệm vụ',
      en: 'At least 70% of its departments and teams hold "Advanced labour collective" or "completed its tasks well"',
    },
    {
      id: 'tt124:7.1',
      article: 'Art. 7.1',
      unitTypes: SCHOOL,
      evidence: ['document', 'attestation'],
      indicators: ['activeModels'],
      vi: 'Như khoản 1 Điều 6, gồm quy định quản lý, giáo dục người học; 100% cán bộ, giáo viên, người học được phổ biến; có mô hình hiệu quả',
      en: 'As Art. 6.1, with rules on managing learners; 100% of staff, teachers and learners briefed; an effective model',
    },
    {
      id: 'tt124:7.2',
      article: 'Art. 7.2',
      unitTypes: SCHOOL,
      evidence: ['document'],
      indicators: [],
      vi: 'Như khoản 2 Điều 6, có phối hợp với Ban đại diện cha mẹ học sinh trong quản lý học sinh',
      en: 'As Art. 6.2, with coordination with the parents’ board on managing pupils',
    },
    {
      id: 'tt124:7.3',
      article: 'Art. 7.3',
      unitTypes: SCHOOL,
      evidence: ['attestation', 'figure'],
      indicators: ['cases', 'seriousCases'],
      vi: 'Không xảy ra các trường hợp tại các điểm a, b, c, đ, e, g khoản 3 Điều 6',
      en: 'None of the cases of Art. 6.3 a, b, c, đ, e, g',
    },
    {
      id: 'tt124:7.4',
      article: 'Art. 7.4',
      unitTypes: SCHOOL,
      evidence: ['attestation', 'figure'],
      indicators: ['cases'],
      vi: 'Không có bạo lực học đường; không có cán bộ, giáo viên, người học phạm tội hoặc bị kỷ luật từ cảnh cáo trở lên',
      en: 'No school violence; no staff, teacher or learner committing a crime or disciplined at warning level or above',
    },
    {
      id: 'tt124:7.5',
      article: 'Art. 7.5',
      unitTypes: SCHOOL,
      evidence: ['attestation'],
      indicators: [],
      vi: 'Lực lượng bảo vệ nhà trường (nếu có) như khoản 4 Điều 6',
      en: 'The school security force (if any) as Art. 6.4',
    },
    {
      id: 'tt124:7.6',
      article: 'Art. 7.6',
      unitTypes: SCHOOL,
      evidence: ['attestation'],
      indicators: [],
      vi: 'Từ 70% trở lên khoa, phòng, ban, tổ chuyên môn như khoản 5 Điều 6',
      en: 'At least 70% of faculties, departments and teams as Art. 6.5',
    },
  ],
};

/**
 * TT 23/2012/TT-BCA, for the records of the years before TT 124/2021 (the 2020 Lê Mao figures were judged under it).
 * Its school criteria covered every "nhà trường", primary schools included.
 */
export const TT23_2012: CriteriaSet = {
  id: 'tt23-2012',
  source: 'Thông tư 23/2012/TT-BCA',
  fromYear: 2012,
  toYear: 2021,
  province: null,
  criteria: [
    {
      id: 'tt23:5',
      article: 'TT 23/2012 Art. 5',
      unitTypes: KDC,
      evidence: ['document', 'minutes', 'figure'],
      indicators: ['householdRate', 'cases', 'casesPreviousWindow', 'prolongedDisputes'],
      vi: 'Tiêu chuẩn khu dân cư an toàn về ANTT (đăng ký, không để xảy ra tội phạm nghiêm trọng, tranh chấp phức tạp)',
      en: 'The residential-area standard (registration, no serious crime, no complex disputes)',
    },
    {
      id: 'tt23:6',
      article: 'TT 23/2012 Art. 6',
      unitTypes: ['ward'],
      evidence: ['figure', 'document'],
      indicators: ['unitsRegistered', 'unitsRecognised'],
      vi: 'Từ 70% khu dân cư trở lên đạt chuẩn; Công an xã và bảo vệ dân phố đạt danh hiệu Đơn vị tiên tiến',
      en: 'At least 70% of residential areas recognised; the ward police and civil guards hold "Advanced unit"',
    },
    {
      id: 'tt23:7',
      article: 'TT 23/2012 Art. 7',
      unitTypes: ['agency', 'enterprise', 'school'],
      evidence: ['attestation', 'figure'],
      indicators: ['cases'],
      vi: 'Tiêu chuẩn cơ quan, doanh nghiệp, nhà trường an toàn về ANTT',
      en: 'The agency, enterprise and school standard',
    },
  ],
};

export const NATIONAL_CRITERIA_SETS: readonly CriteriaSet[] = [TT23_2012, TT124_2021];

/** The criteria that apply to a unit type in an evaluation year: the national set of that year, then the province's own. */
export function criteriaFor(
  unitType: CertUnitType,
  year: number,
  provinceSets: readonly CriteriaSet[] = [],
  province: string | null = null,
): { set: CriteriaSet; criterion: Criterion }[] {
  const applies = (s: CriteriaSet) => s.fromYear <= year && (s.toYear === null || year <= s.toYear);
  const sets = [
    ...NATIONAL_CRITERIA_SETS.filter(applies),
    ...provinceSets.filter((s) => applies(s) && s.province !== null && s.province === province),
  ];
  return sets.flatMap((set) => set.criteria.filter((c) => c.unitTypes.includes(unitType)).map((criterion) => ({ set, criterion })));
}
