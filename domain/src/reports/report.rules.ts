import type { Day } from '../calendar/calendar.rules.ts';
import { casesEn, casesVi } from '../cases/cases.messages.ts';
import type { Period } from '../cases/cases.rules.ts';
import { CASE_GROUPS, type CaseGroup } from '../cases/cases.schemas.ts';
import { formatQuantity, type SeizureTotal } from '../cases/seizures.rules.ts';
import type { SeizureKind } from '../cases/seizures.schemas.ts';
import type { Locale } from '../common/common.schemas.ts';
import { TIP_CHANNELS, TIP_OUTCOMES, type TipChannel } from '../tips/tips.schemas.ts';
import { type ReportsMessages, reportsEn, reportsVi } from './report.messages.ts';
import type { PeriodicReport, ReportFigure, ReportSection, ReportSegment, ReportValue } from './report.schemas.ts';

/* ---------------------------------------------------------------- periods ---------------------------------------------------------------- */

/**
 * The periods the report offers as presets (domain-vn.md §9: "reports need configurable periods and cut-offs, because at
 * least four different windows exist"):
 * - `month`, `quarter`, `half`, `nine_months`, `year`: calendar periods. The six months are 01/01–30/06, the period the
 *   Lê Mao article reports ("6 tháng đầu năm 2020") and the 6-month period of the justice sector's statistics
 *   (Thông tư 03/2019/TT-BTP, domain-vn.md §4.5).
 * - `state_half`, `state_year`: the data cut-off of periodic state reports, Nghị định 09/2019/NĐ-CP Art. 12 — six
 *   months from 15/12 of the previous year to 14/06, a year from 15/12 to 14/12. [I/V] domain-vn.md §9 could not confirm
 *   this text; check it before a report relies on it.
 * - `tt124_block`: the assessment year of a residential area (khu dân cư), Thông tư 124/2021/TT-BCA Art. 8.2: 01/11 of the
 *   previous year to 31/10.
 * - `tt124_ward`: the assessment year of a ward, agency, enterprise or school, TT 124/2021/TT-BCA Art. 8.2: 16/11 of the
 *   previous year to 15/11.
 * - `force_rating`: the rating year of the grassroots security force, Hướng dẫn 01/HD-BCA-V05 (domain-vn.md §5.3):
 *   15/11 of the previous year to 14/11.
 */
export const PERIOD_PRESETS = [
  'month',
  'quarter',
  'half',
  'nine_months',
  'year',
  'state_half',
  'state_year',
  'tt124_block',
  'tt124_ward',
  'force_rating',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** How many periods of a preset a year holds (12 months, 4 quarters, 2 halves; one of the others). */
export const PRESET_PARTS: Record<PeriodPreset, number> = {
  month: 12,
  quarter: 4,
  half: 2,
  nine_months: 1,
  year: 1,
  state_half: 1,
  state_year: 1,
  tt124_block: 1,
  tt124_ward: 1,
  force_rating: 1,
};

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number): Day => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(d)}`;
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The period of a preset: `part` is the month (1–12), the quarter (1–4) or the half (1–2) where the preset has parts.
 * A window that crosses a year end is named by the year it ends in (the assessment year 2020 of a ward runs 16/11/2019 –
 * 15/11/2020).
 */
export function presetPeriod(preset: PeriodPreset, year: number, part = 1): Period {
  const parts = PRESET_PARTS[preset];
  if (!Number.isInteger(part) || part < 1 || part > parts) throw new RangeError(`${preset} has no part ${part}`);
  switch (preset) {
    case 'month':
      return { from: day(year, part, 1), to: day(year, part, lastDayOfMonth(year, part)) };
    case 'quarter':
      return { from: day(year, part * 3 - 2, 1), to: day(year, part * 3, lastDayOfMonth(year, part * 3)) };
    case 'half':
      return part === 1 ? { from: day(year, 1, 1), to: day(year, 6, 30) } : { from: day(year, 7, 1), to: day(year, 12, 31) };
    case 'nine_months':
      return { from: day(year, 1, 1), to: day(year, 9, 30) };
    case 'year':
      return { from: day(year, 1, 1), to: day(year, 12, 31) };
    case 'state_half':
      return { from: day(year - 1, 12, 15), to: day(year, 6, 14) };
    case 'state_year':
      return { from: day(year - 1, 12, 15), to: day(year, 12, 14) };
    case 'tt124_block':
      return { from: day(year - 1, 11, 1), to: day(year, 10, 31) };
    case 'tt124_ward':
      return { from: day(year - 1, 11, 16), to: day(year, 11, 15) };
    case 'force_rating':
      return { from: day(year - 1, 11, 15), to: day(year, 11, 14) };
  }
}

/** Which preset a period is, if any (the first that matches, in the order of `PERIOD_PRESETS`). */
export function presetOf(period: Period): { preset: PeriodPreset; year: number; part: number } | null {
  const year = Number(period.to.slice(0, 4));
  for (const preset of PERIOD_PRESETS) {
    for (let part = 1; part <= PRESET_PARTS[preset]; part++) {
      const p = presetPeriod(preset, year, part);
      if (p.from === period.from && p.to === period.to) return { preset, year, part };
    }
  }
  return null;
}

function isLastDayOfMonth(d: Day): boolean {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return dd === lastDayOfMonth(y, m);
}

/**
 * The same period a year before, the figures every report sets beside its own. A bound at a month's end stays at the
 * month's end (29/02/2020 ↔ 28/02/2019, so that February stays whole); a start on 29 February moves to 1 March.
 */
export function previousYearPeriod(period: Period): Period {
  const back = (d: Day, isEnd: boolean): Day => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    if (isEnd && isLastDayOfMonth(d)) return day(y - 1, m, lastDayOfMonth(y - 1, m));
    if (m === 2 && dd === 29) return day(y - 1, 3, 1);
    return day(y - 1, m, dd);
  };
  return { from: back(period.from, false), to: back(period.to, true) };
}

/** How many days a period holds, both bounds counted. */
export function periodDays(period: Period): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Vietnam is UTC+7 all year, without daylight saving. */
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * The Vietnam day of a moment, the day a record is counted in: 30/06/2020 23:59 in Vietnam (16:59 UTC) is still 30/06
 * and counts in the first half of 2020; 01/07/2020 00:00 in Vietnam (30/06 17:00 UTC) is 01/07 and does not.
 */
export function vietnamDay(moment: Date | string): Day {
  const t = typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  if (Number.isNaN(t)) throw new RangeError('not a moment');
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a Vietnam day falls in a period (both bounds included). */
export function isInPeriod(d: Day, period: Period): boolean {
  return d >= period.from && d <= period.to;
}

/* ------------------------------------------------------------ background work ------------------------------------------------------------ */

/**
 * A document is written in the background (a job with progress, then a download) when its unit holds more wards than a
 * ward-year of records: wards × days above this. A ward's report over a year or two answers at once; a city over a year,
 * or a province, goes to a job.
 */
export const BACKGROUND_REPORT_WARD_DAYS = 800;

/** Whether a document over this many wards (at least one) and days is written by a background job. */
export function isBackgroundReport(wards: number, days: number): boolean {
  return Math.max(1, wards) * days > BACKGROUND_REPORT_WARD_DAYS;
}

/* --------------------------------------------------------------- numbers ---------------------------------------------------------------- */

const SEPARATORS: Record<Locale, { thousands: string; decimal: string }> = {
  vi: { thousands: '.', decimal: ',' },
  en: { thousands: ',', decimal: '.' },
};

/** A number with the locale's separators and a fixed number of decimals: 1.234 and 2,4 in Vietnamese; 1,234 and 2.4. */
export function formatReportNumber(n: number, lang: Locale, decimals = 0): string {
  const sep = SEPARATORS[lang];
  const [whole = '0', fraction] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep.thousands);
  return `${n < 0 ? '−' : ''}${fraction ? `${grouped}${sep.decimal}${fraction}` : grouped}`;
}

/** A share from 0 to 1 as a percentage with one decimal, as the ward writes it: "95,0%" ("95.0%" in English). */
export function formatReportPercent(rate: number, lang: Locale): string {
  return `${formatReportNumber(rate * 100, lang, 1)}%`;
}

/** A day as dd/mm/yyyy (Nghị định 30/2020/NĐ-CP writes days and months below 10 with a leading zero). */
export function formatReportDay(d: Day): string {
  const [y, m, dd] = d.split('-');
  return `${dd}/${m}/${y}`;
}

/* ------------------------------------------------------------- suppression -------------------------------------------------------------- */

/**
 * Counts from 1 to SMALL_COUNT_THRESHOLD − 1 of personal matters are shown as "< 5" to readers who may not open the
 * records (security.md G12: "statistics endpoints return aggregates only, with small-count suppression"; ux.md §5:
 * "viewers see figures, never people: cells under 5 show <5"). Zero is shown: it reveals nobody.
 */
export const SMALL_COUNT_THRESHOLD = 5;

/**
 * The figures that are "personal matters", decided here: those that count people, or a dossier about one named person —
 * the compulsory-rehabilitation dossiers at every step (health and criminal data, sensitive under NĐ 13/2023 and Law
 * 91/2025; a block with "1 dossier" names a neighbour) and people arrested. Cases, seizures, tips and patrols are not:
 * they count incidents and the force's work, which the ward publishes itself (the Lê Mao article prints them), and a
 * case count does not say who. The change beside a hidden figure is hidden too, so that it cannot be worked back.
 */
export const PERSONAL_FIGURE_KEYS: readonly string[] = [
  'rehab.opened',
  'rehab.sentToCourt',
  'rehab.accepted',
  'rehab.rejected',
  'rehab.carriedOut',
  'cases.arrests',
];

/** Whether a figure counts people or personal dossiers (see `PERSONAL_FIGURE_KEYS`). */
export function isPersonalFigure(key: string): boolean {
  return PERSONAL_FIGURE_KEYS.includes(key);
}

/** Whether a count is small enough to point at a person: 1 to 4. */
export function isSmallCount(n: number): boolean {
  return n >= 1 && n < SMALL_COUNT_THRESHOLD;
}

/** A count as the reader sees it: hidden ("< 5", value null) when it is a small count of a personal matter and the reader
 * may not open the records. */
export function presentCount(key: string, n: number, opts: { suppress: boolean; lang: Locale }): ReportValue {
  if (opts.suppress && isPersonalFigure(key) && isSmallCount(n)) return { value: null, text: messagesOf(opts.lang).suppressed };
  return { value: n, text: formatReportNumber(n, opts.lang) };
}

/* --------------------------------------------------------------- wording ---------------------------------------------------------------- */

function messagesOf(lang: Locale): ReportsMessages {
  return lang === 'en' ? reportsEn : reportsVi;
}

type Piece = string | ReportSegment | readonly ReportSegment[];

/** Fills a template ("{{n}} vụ") with text and figures, keeping each figure a segment of its own (with its link). */
export function fillSegments(template: string, vars: Record<string, Piece>): ReportSegment[] {
  const out: ReportSegment[] = [];
  const push = (seg: ReportSegment) => {
    if (seg.text === '') return;
    const last = out[out.length - 1];
    if (last && !last.href && !seg.href) last.text += seg.text;
    else out.push({ ...seg });
  };
  let rest = template;
  for (let m = /\{\{(\w+)\}\}/.exec(rest); m; m = /\{\{(\w+)\}\}/.exec(rest)) {
    push({ text: rest.slice(0, m.index) });
    const v = vars[m[1] as string] ?? '';
    if (typeof v === 'string') push({ text: v });
    else if (Array.isArray(v)) for (const s of v as readonly ReportSegment[]) push(s);
    else push(v as ReportSegment);
    rest = rest.slice(m.index + m[0].length);
  }
  push({ text: rest });
  return out;
}

/** The plain text of generated segments. */
export function segmentsText(segments: readonly ReportSegment[]): string {
  return segments.map((s) => s.text).join('');
}

/** Joins lists of segments with a separator ("; "). */
function joinSegments(items: readonly ReportSegment[][], separator: string): ReportSegment[] {
  return items.flatMap((item, i) => (i === 0 ? item : [{ text: separator }, ...item]));
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}

const UNIT_PREFIX = /^(Tỉnh|Thành phố|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn|Đặc khu|Khối|Tổ dân phố|Thôn|Xóm|Bản|Ấp|Trường) /u;

/** A unit's name inside a Vietnamese sentence: "Phường Lê Mao" reads "phường Lê Mao" after "Công an". */
export function unitInSentence(name: string, lang: Locale): string {
  return lang === 'vi' && UNIT_PREFIX.test(name) ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name;
}

/** The place a report is signed at, from the name of the city or province above: "Thành phố Vinh" → "Vinh". */
export function placeOf(name: string): string {
  return name.replace(UNIT_PREFIX, '').trim() || name;
}

const POLICE_LEVELS = ['province', 'district', 'ward', 'commune', 'special_zone'];

/**
 * Who writes the report: the police of the unit ("Công an phường Lê Mao"), or for a block, school, agency or enterprise
 * the ward police for that area ("Công an phường Thành Vinh (địa bàn khối Trung Mỹ)").
 */
export function reportAuthor(unit: { name: string; type: string }, wardName: string | null, lang: Locale): string {
  const m = messagesOf(lang);
  if (POLICE_LEVELS.includes(unit.type) || !wardName) return fill(m.police, { unit: unitInSentence(unit.name, lang) });
  return fill(m.policeOfArea, { ward: unitInSentence(wardName, lang), unit: unitInSentence(unit.name, lang) });
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * A period in words, inside a sentence: "6 tháng đầu năm 2020", "quý I năm 2020", "tháng 3 năm 2020", "năm 2020", or
 * "từ ngày 01/01/2020 đến ngày 15/03/2020" (English: "the first half of 2020", "Q1 2020", "March 2020", "2020",
 * "01/01/2020 to 15/03/2020").
 */
export function describePeriod(period: Period, lang: Locale): string {
  const m = messagesOf(lang).period;
  const found = presetOf(period);
  const year = String(found?.year ?? '');
  switch (found?.preset) {
    case 'month':
      return fill(m.month, { month: String(found.part), monthName: MONTHS_EN[found.part - 1] as string, year });
    case 'quarter':
      return fill(m.quarter, { quarter: ROMAN[found.part - 1] as string, quarterNumber: String(found.part), year });
    case 'half':
      return fill(found.part === 1 ? m.h1 : m.h2, { year });
    case 'nine_months':
      return fill(m.nineMonths, { year });
    case 'year':
      return fill(m.year, { year });
    default:
      return fill(m.range, { from: formatReportDay(period.from), to: formatReportDay(period.to) });
  }
}

/** The period a year before, in words: "cùng kỳ năm 2019", or with its days when the period is not a calendar one. */
export function describePreviousPeriod(period: Period, lang: Locale): string {
  const m = messagesOf(lang).period;
  const previous = previousYearPeriod(period);
  const found = presetOf(period);
  if (found && ['month', 'quarter', 'half', 'nine_months', 'year'].includes(found.preset)) {
    return fill(m.previousSame, { year: previous.to.slice(0, 4) });
  }
  return fill(m.previousRange, { from: formatReportDay(previous.from), to: formatReportDay(previous.to) });
}

/**
 * The change from the same period a year before, in words: "tăng 7 vụ (+53,8%)", "giảm 2 (−20,0%)", "không thay đổi";
 * a rate changes in percentage points ("tăng 10,4 điểm %"). Null when either side is hidden or unknown.
 */
export function describeChange(
  current: number | null,
  previous: number | null,
  lang: Locale,
  opts: { kind?: 'count' | 'cases' | 'rate' | 'quantity'; decimals?: number } = {},
): string | null {
  if (current === null || previous === null) return null;
  const m = messagesOf(lang).change;
  const kind = opts.kind ?? 'count';
  const decimals = kind === 'rate' ? 1 : (opts.decimals ?? 0);
  const scale = kind === 'rate' ? 100 : 1;
  const diff = Number(((current - previous) * scale).toFixed(decimals));
  if (diff === 0) return m.same;
  const unit = kind === 'rate' ? m.points : kind === 'cases' ? m.cases : '';
  const text = fill(diff > 0 ? m.up : m.down, { n: formatReportNumber(Math.abs(diff), lang, decimals), unit });
  if (kind === 'rate' || previous === 0) return text;
  const percent = formatReportPercent(Math.abs(diff) / (previous * scale), lang);
  return text + fill(m.percent, { sign: diff > 0 ? '+' : '−', percent });
}

/* ---------------------------------------------------------------- links ----------------------------------------------------------------- */

function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Where a figure's records are in the staff app: the register with the report's filters. */
export type ReportLinks = {
  cases(filter?: { group?: CaseGroup; status?: string }): string | null;
  rehab(filter?: { status?: string; isPeriod?: boolean }): string | null;
  tips(filter?: { channel?: TipChannel }): string | null;
  patrols(): string | null;
  residence(): string | null;
  mediation(): string | null;
  certification(): string | null;
  /** The footage requests (cameras module); absent in older callers. */
  cameras?(): string | null;
  /** The outreach activities (outreach module); absent in older callers. */
  outreach?(): string | null;
};

/**
 * The links of a report: the case register (`/app/cases?group=drugs&from=…&to=…`), the rehab dossiers, the tip inbox and
 * the patrol log, each only for a reader allowed to open it. `unitId` narrows the register to a block or school.
 */
export function reportLinks(
  period: Period,
  allowed: {
    cases: boolean;
    tips: boolean;
    patrols: boolean;
    residence?: boolean;
    mediation?: boolean;
    certification?: boolean;
    cameras?: boolean;
    outreach?: boolean;
  },
  unitId?: string,
  patrolsPath: string | null = null,
): ReportLinks {
  return {
    cases: (f = {}) =>
      allowed.cases ? `/app/cases${query({ group: f.group, status: f.status, unitId, from: period.from, to: period.to })}` : null,
    rehab: (f = {}) =>
      allowed.cases
        ? `/app/rehab${query({ status: f.status, from: f.isPeriod ? period.from : undefined, to: f.isPeriod ? period.to : undefined })}`
        : null,
    tips: (f = {}) => (allowed.tips ? `/app/tips${query({ view: 'all', channel: f.channel, unitId })}` : null),
    patrols: () => (allowed.patrols && patrolsPath ? `${patrolsPath}${query({ from: period.from, to: period.to })}` : null),
    residence: () => (allowed.residence ? '/app/residence' : null),
    mediation: () => (allowed.mediation ? '/app/mediation' : null),
    certification: () => (allowed.certification ? `/app/certification${query({ year: period.to.slice(0, 4) })}` : null),
    cameras: () => (allowed.cameras ? '/app/cameras/requests' : null),
    outreach: () => (allowed.outreach ? '/app/outreach' : null),
  };
}

/* --------------------------------------------------------------- figures ---------------------------------------------------------------- */

export type TipOutcome = (typeof TIP_OUTCOMES)[number];

/** The figures of one period that a report is written from (the report summary, with the tips' details). */
export type ReportFigures = {
  cases: {
    total: number;
    cleared: number;
    clearanceRate: number | null;
    closedNoCrime: number;
    byGroup: Record<CaseGroup, number>;
    clearanceByGroup: Record<CaseGroup, { total: number; cleared: number; clearanceRate: number | null }>;
    /** People arrested, once the summary carries it. */
    arrests?: number;
  };
  seizures: readonly SeizureTotal[];
  rehab: { opened: number; sentToCourt: number; accepted: number; rejected: number; carriedOut: number };
  tips: {
    received: number;
    transferred: number;
    transferredOnTime: number;
    byChannel?: Partial<Record<TipChannel, number>>;
    byOutcome?: Partial<Record<TipOutcome, number>>;
  };
  /** The patrol log's figures, once the patrols module adds them to the summary. */
  patrols?: {
    rounds: number;
    turns: number;
    officerTurns?: number;
    civilianTurns?: number;
    hours?: number;
    incidents?: number;
    residenceChecks?: number;
    blocks?: number;
    blocksCovered?: number;
  } | null;
  /** Residence checks (residence module), once the summary carries them. */
  residence?: {
    placesWatched: number;
    notifications: number;
    notificationsOnTime: number;
    notificationsLate: number;
    inspections: number;
    violations: number;
    finesReferred: number;
  } | null;
  /** Grassroots mediation (mediation module), once the summary carries it. */
  mediation?: {
    received: number;
    settled: number;
    notSettled: number;
    referred: number;
    settlementRate: number | null;
    atRisk: number;
  } | null;
  /** Community cameras (cameras module), once the summary carries them: the registry at the period's end, the requests in it. */
  cameras?: {
    registered: number;
    working: number;
    footageRequests: number;
    outcomes: { pending: number; share: number; no_footage: number; decline: number };
  } | null;
  /** Outreach (outreach module), once the summary carries it: activities and their audience, broadcasts, alerts. */
  outreach?: { activities: number; audience: number; broadcasts: number; alertsSent: number; delivered: number } | null;
  /** The "An toàn về ANTT" recognitions in force, models and awards (certification module), once the summary carries them. */
  certification?: {
    blocks: { registered?: number; recognised: number; total: number };
    schools: { registered?: number; recognised: number; total: number };
    agencies?: { registered: number; recognised: number; total: number };
    enterprises?: { registered: number; recognised: number; total: number };
    modelsActive: number;
    awards: number;
    /** Units per class of the movement's classification (QĐ 510/2022), once the summary carries it. */
    classification?: { excellent: number; good: number; average: number; weak: number };
  } | null;
};

/** What a report needs besides its figures. */
export type ReportContext = {
  lang: Locale;
  unit: { id: string; code: string; name: string; type: string };
  /** The ward's name when the unit lies below a ward (a block, a school). */
  wardName: string | null;
  /** The unit above, for the document's heading; null at the top. */
  parentName: string | null;
  /** Where it is signed ("Vinh"). */
  place: string;
  compiledOn: Day;
  period: Period;
  /** Whether small counts of personal matters are hidden from the reader (who may not open the records). */
  suppress: boolean;
  links: ReportLinks;
};

/** Seized kinds reported with the cases of a group ("thu giữ 2,4 kg thuốc pháo" after the firecracker cases). */
const SEIZURE_GROUP: Partial<Record<SeizureKind, CaseGroup>> = {
  heroin: 'drugs',
  methamphetamine: 'drugs',
  ecstasy: 'drugs',
  cannabis: 'drugs',
  other_drug: 'drugs',
  firecrackers: 'firecrackers',
  firecracker_powder: 'firecrackers',
};

/** A seized total in words: "2,4 kg thuốc pháo", "1 phương tiện", "1.500.000 đồng". */
export function describeSeizure(s: SeizureTotal, lang: Locale): string {
  const what = messagesOf(lang).seizedWhat[s.kind];
  if (s.unit === 'VND') return formatQuantity(s, lang);
  if (s.unit === 'item') return `${formatQuantity({ quantity: s.quantity, unit: 'other' }, lang)} ${what}`;
  return `${formatQuantity(s, lang)} ${what}`;
}

function seizureKey(s: { kind: string; unit: string }): string {
  return `seizures.${s.kind}.${s.unit}`;
}

type Builder = {
  ctx: ReportContext;
  m: ReportsMessages;
  cur: ReportFigures;
  prev: ReportFigures;
  previousPeriod: Period;
  previousWords: string;
};

function figure(
  b: Builder,
  key: string,
  label: string,
  current: number,
  previous: number,
  href: string | null,
  opts: { level?: 0 | 1; kind?: 'count' | 'cases' } = {},
): ReportFigure {
  const shown = presentCount(key, current, { suppress: b.ctx.suppress, lang: b.ctx.lang });
  const before = presentCount(key, previous, { suppress: b.ctx.suppress, lang: b.ctx.lang });
  return {
    key,
    label,
    level: opts.level ?? 0,
    current: shown,
    previous: before,
    change: describeChange(shown.value, before.value, b.ctx.lang, { kind: opts.kind }),
    href,
  };
}

/** A figure inside a sentence: its number (or "dưới 5" when hidden), linked to its records. */
function inline(f: ReportFigure, m: ReportsMessages): ReportSegment {
  const text = f.current.value === null ? m.suppressedInSentence : f.current.text;
  return f.href ? { text, href: f.href } : { text };
}

function countSegment(b: Builder, key: string, n: number, href: string | null): ReportSegment {
  return inline(figure(b, key, '', n, 0, href), b.m);
}

function tipsSection(b: Builder, author: string, authorInner: string): ReportSection {
  const { m, cur, prev, ctx } = b;
  const L = ctx.links;
  const figures: ReportFigure[] = [];
  const received = figure(b, 'tips.received', m.figures.tipsReceived, cur.tips.received, prev.tips.received, L.tips());
  figures.push(received);
  const channels = TIP_CHANNELS.filter((c) => (cur.tips.byChannel?.[c] ?? 0) > 0 || (prev.tips.byChannel?.[c] ?? 0) > 0);
  const channelFigures = channels.map((c) =>
    figure(
      b,
      `tips.channel.${c}`,
      fill(m.figures.tipsChannel, { channel: m.channelWhat[c] }),
      cur.tips.byChannel?.[c] ?? 0,
      prev.tips.byChannel?.[c] ?? 0,
      L.tips({ channel: c }),
      { level: 1 },
    ),
  );
  figures.push(...channelFigures);
  const transferred = figure(b, 'tips.transferred', m.figures.tipsTransferred, cur.tips.transferred, prev.tips.transferred, L.tips());
  const onTime = figure(
    b,
    'tips.transferredOnTime',
    m.figures.tipsTransferredOnTime,
    cur.tips.transferredOnTime,
    prev.tips.transferredOnTime,
    L.tips(),
    { level: 1 },
  );
  figures.push(transferred, onTime);
  const outcomes = TIP_OUTCOMES.map((o) =>
    figure(b, `tips.outcome.${o}`, m.figures.tipsOutcome[o], cur.tips.byOutcome?.[o] ?? 0, prev.tips.byOutcome?.[o] ?? 0, L.tips(), {
      level: 1,
    }),
  );
  figures.push(...outcomes.filter((f) => f.current.value !== 0 || f.previous.value !== 0));

  const sentences: ReportSegment[][] = [];
  if (cur.tips.received === 0) {
    sentences.push(fillSegments(m.sentences.tipsNone, { authorInner }));
  } else {
    const parts = [fillSegments(m.sentences.tipsReceived, { author, received: inline(received, m) })];
    const shownChannels = channelFigures.filter((f) => (f.current.value ?? 1) > 0);
    if (shownChannels.length > 0) {
      const list = joinSegments(
        shownChannels.map((f) =>
          fillSegments(m.sentences.tipsChannelItem, {
            channel: m.channelWhat[f.key.slice('tips.channel.'.length) as TipChannel],
            n: inline(f, m),
          }),
        ),
        ', ',
      );
      parts.push(fillSegments(m.sentences.tipsByChannel, { list }));
    }
    if (cur.tips.transferred > 0) {
      parts.push(fillSegments(m.sentences.tipsTransferred, { transferred: inline(transferred, m), onTime: inline(onTime, m) }));
    }
    sentences.push([...parts.flat(), { text: '.' }]);
    const outcomeItems = outcomes
      .filter((f) => (f.current.value ?? 1) > 0)
      .map((f) => fillSegments(m.sentences.tipsOutcomeItem[f.key.slice('tips.outcome.'.length) as TipOutcome], { n: inline(f, m) }));
    if (outcomeItems.length > 0) sentences.push(fillSegments(m.sentences.tipsOutcomes, { list: joinSegments(outcomeItems, '; ') }));
  }
  return { key: 'tips', title: m.sections.tips, sentences: sentences.map(tidy), figures };
}

function crimeSection(b: Builder, authorInner: string): ReportSection {
  const { m, cur, prev, ctx } = b;
  const L = ctx.links;
  const lang = ctx.lang;
  const groupLabels = lang === 'en' ? casesEn.groups : casesVi.groups;
  const figures: ReportFigure[] = [];
  const total = figure(b, 'cases.total', m.figures.casesTotal, cur.cases.total, prev.cases.total, L.cases(), { kind: 'cases' });
  figures.push(total);
  const groups = CASE_GROUPS.filter((g) => cur.cases.byGroup[g] > 0 || prev.cases.byGroup[g] > 0);
  const groupFigures = new Map<CaseGroup, ReportFigure>();
  for (const g of groups) {
    const f = figure(
      b,
      `cases.${g}`,
      fill(m.figures.casesGroup, { group: groupLabels[g].toLocaleLowerCase(lang) }),
      cur.cases.byGroup[g],
      prev.cases.byGroup[g],
      L.cases({ group: g }),
      { level: 1, kind: 'cases' },
    );
    groupFigures.set(g, f);
    figures.push(f);
  }
  const cleared = figure(b, 'cases.cleared', m.figures.casesCleared, cur.cases.cleared, prev.cases.cleared, L.cases(), { kind: 'cases' });
  figures.push(cleared);
  const rateNow = cur.cases.clearanceRate;
  const ratePrev = prev.cases.clearanceRate;
  const rate: ReportFigure = {
    key: 'cases.clearanceRate',
    label: m.figures.clearanceRate,
    level: 0,
    current: { value: rateNow, text: rateNow === null ? '—' : formatReportPercent(rateNow, lang) },
    previous: { value: ratePrev, text: ratePrev === null ? '—' : formatReportPercent(ratePrev, lang) },
    change: describeChange(rateNow, ratePrev, lang, { kind: 'rate' }),
    href: L.cases(),
  };
  figures.push(rate);
  if (cur.cases.closedNoCrime > 0 || prev.cases.closedNoCrime > 0) {
    figures.push(
      figure(
        b,
        'cases.closedNoCrime',
        m.figures.closedNoCrime,
        cur.cases.closedNoCrime,
        prev.cases.closedNoCrime,
        L.cases({ status: 'closed_no_crime' }),
        { kind: 'cases' },
      ),
    );
  }
  if (cur.cases.arrests !== undefined || prev.cases.arrests !== undefined) {
    figures.push(figure(b, 'cases.arrests', m.figures.arrests, cur.cases.arrests ?? 0, prev.cases.arrests ?? 0, L.cases()));
  }
  // Seizures: each kind and unit as totalled; compared with last year only in the same unit.
  const seizureFigures = new Map<string, { f: ReportFigure; s: SeizureTotal }>();
  const kindLabels = lang === 'en' ? casesEn.seizureKinds : casesVi.seizureKinds;
  const seizureKeys = [...new Set([...cur.seizures, ...prev.seizures].map(seizureKey))];
  for (const key of seizureKeys) {
    const now = cur.seizures.find((s) => seizureKey(s) === key);
    const before = prev.seizures.find((s) => seizureKey(s) === key);
    const s = (now ?? before) as SeizureTotal;
    const decimals = Math.max(...[now, before].map((x) => (x?.quantity.split('.')[1] ?? '').length));
    const group = SEIZURE_GROUP[s.kind];
    const f: ReportFigure = {
      key,
      label: fill(m.figures.seized, { kind: kindLabels[s.kind].toLocaleLowerCase(lang) }),
      level: 0,
      current: { value: now ? Number(now.quantity) : 0, text: describeQuantity(now, s, lang) },
      previous: { value: before ? Number(before.quantity) : 0, text: describeQuantity(before, s, lang) },
      change: describeChange(now ? Number(now.quantity) : 0, before ? Number(before.quantity) : 0, lang, { kind: 'quantity', decimals }),
      href: L.cases(group ? { group } : {}),
    };
    figures.push(f);
    if (now) seizureFigures.set(key, { f, s: now });
  }
  const rehab = figure(b, 'rehab.opened', m.figures.rehabOpened, cur.rehab.opened, prev.rehab.opened, L.rehab({ isPeriod: true }));

  const sentences: ReportSegment[][] = [];
  const seizedSegment = ({ f, s }: { f: ReportFigure; s: SeizureTotal }): ReportSegment[] => [
    { text: describeSeizure(s, lang), ...(f.href ? { href: f.href } : {}) },
  ];
  const seizedWith = (g: CaseGroup) => [...seizureFigures.values()].filter(({ s }) => SEIZURE_GROUP[s.kind] === g).map(seizedSegment);
  const items: ReportSegment[][] = [];
  for (const g of CASE_GROUPS) {
    const n = cur.cases.byGroup[g];
    if (n === 0) continue;
    const f = groupFigures.get(g) as ReportFigure;
    const item = fillSegments(m.sentences.crimeItem, { n: inline(f, m), what: m.crimeWhat[g] });
    const c = cur.cases.clearanceByGroup[g];
    if (c.cleared < n)
      item.push(
        ...fillSegments(m.sentences.crimePartlyCleared, { cleared: formatReportNumber(c.cleared, lang), n: formatReportNumber(n, lang) }),
      );
    const seized = seizedWith(g);
    if (seized.length > 0) item.push(...fillSegments(m.sentences.crimeSeized, { list: joinSegments(seized, ', ') }));
    items.push(item);
  }
  if (items.length > 0) {
    if (cur.rehab.opened > 0) items.push(fillSegments(m.sentences.crimeRehab, { n: inline(rehab, m) }));
    sentences.push(fillSegments(m.sentences.crimeLead, { authorInner, list: joinSegments(items, '; ') }));
  } else {
    sentences.push(fillSegments(m.sentences.crimeNone, {}));
    if (cur.rehab.opened > 0) sentences.push(fillSegments(m.sentences.rehabOnly, { n: inline(rehab, m) }));
  }
  const others = [...seizureFigures.values()]
    .filter(({ s }) => {
      const g = SEIZURE_GROUP[s.kind];
      return !g || cur.cases.byGroup[g] === 0;
    })
    .map(seizedSegment);
  if (others.length > 0) sentences.push(fillSegments(m.sentences.otherSeized, { list: joinSegments(others, ', ') }));
  if (rateNow !== null) {
    const clearance = fillSegments(m.sentences.clearance, {
      rate: rate.href ? { text: rate.current.text, href: rate.href } : rate.current.text,
      cleared: inline(cleared, m),
      total: inline(total, m),
    });
    if (ratePrev !== null)
      clearance.push(...fillSegments(m.sentences.clearancePrevious, { previousPeriod: b.previousWords, rate: rate.previous.text }));
    sentences.push([...clearance, { text: '.' }]);
  }
  if (cur.cases.total > 0 || prev.cases.total > 0) {
    sentences.push(
      fillSegments(m.sentences.compare, {
        previousPeriod: b.previousWords,
        previous: total.previous.text,
        change: total.change ?? '',
      }),
    );
  }
  if (cur.cases.closedNoCrime > 0) {
    sentences.push(
      fillSegments(m.sentences.closedNoCrime, {
        n: countSegment(b, 'cases.closedNoCrime', cur.cases.closedNoCrime, L.cases({ status: 'closed_no_crime' })),
      }),
    );
  }
  return { key: 'crime', title: m.sections.crime, sentences: sentences.map(tidy), figures };
}

function describeQuantity(s: SeizureTotal | undefined, like: SeizureTotal, lang: Locale): string {
  return formatQuantity(s ?? { quantity: '0', unit: like.unit }, lang);
}

function rehabSection(b: Builder): ReportSection {
  const { m, cur, prev, ctx } = b;
  const L = ctx.links;
  const f = {
    opened: figure(b, 'rehab.opened', m.figures.rehabOpened, cur.rehab.opened, prev.rehab.opened, L.rehab({ isPeriod: true })),
    sentToCourt: figure(
      b,
      'rehab.sentToCourt',
      m.figures.rehabSentToCourt,
      cur.rehab.sentToCourt,
      prev.rehab.sentToCourt,
      L.rehab({ status: 'sent_to_court' }),
      { level: 1 },
    ),
    accepted: figure(
      b,
      'rehab.accepted',
      m.figures.rehabAccepted,
      cur.rehab.accepted,
      prev.rehab.accepted,
      L.rehab({ status: 'decided' }),
      {
        level: 1,
      },
    ),
    rejected: figure(
      b,
      'rehab.rejected',
      m.figures.rehabRejected,
      cur.rehab.rejected,
      prev.rehab.rejected,
      L.rehab({ status: 'decided' }),
      {
        level: 1,
      },
    ),
    carriedOut: figure(
      b,
      'rehab.carriedOut',
      m.figures.rehabCarriedOut,
      cur.rehab.carriedOut,
      prev.rehab.carriedOut,
      L.rehab({ status: 'carried_out' }),
      { level: 1 },
    ),
  };
  const s = m.sentences;
  let sentence: ReportSegment[];
  if (cur.rehab.opened === 0 && cur.rehab.sentToCourt === 0 && cur.rehab.accepted === 0 && cur.rehab.carriedOut === 0) {
    sentence = fillSegments(s.rehabNone, {});
  } else {
    sentence = fillSegments(s.rehab, { opened: inline(f.opened, m) });
    if (cur.rehab.sentToCourt > 0) sentence.push(...fillSegments(s.rehabSent, { n: inline(f.sentToCourt, m) }));
    if (cur.rehab.accepted > 0) sentence.push(...fillSegments(s.rehabAccepted, { n: inline(f.accepted, m) }));
    if (cur.rehab.rejected > 0) sentence.push(...fillSegments(s.rehabRejected, { n: inline(f.rejected, m) }));
    if (cur.rehab.carriedOut > 0) sentence.push(...fillSegments(s.rehabCarriedOut, { n: inline(f.carriedOut, m) }));
    sentence.push({ text: '.' });
  }
  return { key: 'rehab', title: m.sections.rehab, sentences: [tidy(sentence)], figures: Object.values(f) };
}

function patrolsSection(b: Builder, author: string): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.patrols;
  const prev = b.prev.patrols;
  if (!cur) return null;
  const href = ctx.links.patrols();
  const lang = ctx.lang;
  const pf = (key: string, label: string, a: number | undefined, p: number | undefined, level: 0 | 1 = 0) =>
    figure(b, `patrols.${key}`, label, a ?? 0, p ?? 0, href, { level });
  const rounds = pf('rounds', m.figures.patrolRounds, cur.rounds, prev?.rounds);
  const turns = pf('turns', m.figures.patrolTurns, cur.turns, prev?.turns);
  const figures = [rounds, turns];
  const hasSplit = cur.officerTurns !== undefined && cur.civilianTurns !== undefined;
  const officer = pf('officerTurns', m.figures.patrolOfficerTurns, cur.officerTurns, prev?.officerTurns, 1);
  const civilian = pf('civilianTurns', m.figures.patrolCivilianTurns, cur.civilianTurns, prev?.civilianTurns, 1);
  if (hasSplit) figures.push(officer, civilian);
  if (cur.hours !== undefined) {
    figures.push({
      key: 'patrols.hours',
      label: m.figures.patrolHours,
      level: 0,
      current: { value: cur.hours, text: formatReportNumber(cur.hours, lang, Number.isInteger(cur.hours) ? 0 : 1) },
      previous: { value: prev?.hours ?? 0, text: formatReportNumber(prev?.hours ?? 0, lang, Number.isInteger(prev?.hours ?? 0) ? 0 : 1) },
      change: describeChange(cur.hours, prev?.hours ?? 0, lang, { kind: 'quantity', decimals: 1 }),
      href,
    });
  }
  const hasCoverage = cur.blocks !== undefined && cur.blocksCovered !== undefined && cur.blocks > 0;
  if (hasCoverage) {
    figures.push({
      key: 'patrols.coverage',
      label: m.figures.patrolCoverage,
      level: 0,
      current: {
        value: cur.blocksCovered ?? 0,
        text: `${formatReportNumber(cur.blocksCovered ?? 0, lang)}/${formatReportNumber(cur.blocks ?? 0, lang)}`,
      },
      previous: {
        value: prev?.blocksCovered ?? 0,
        text: `${formatReportNumber(prev?.blocksCovered ?? 0, lang)}/${formatReportNumber(prev?.blocks ?? 0, lang)}`,
      },
      change: describeChange(cur.blocksCovered ?? 0, prev?.blocksCovered ?? 0, lang),
      href,
    });
  }
  const residence = pf('residenceChecks', m.figures.patrolResidenceChecks, cur.residenceChecks, prev?.residenceChecks);
  const incidents = pf('incidents', m.figures.patrolIncidents, cur.incidents, prev?.incidents);
  if (cur.residenceChecks !== undefined) figures.push(residence);
  if (cur.incidents !== undefined) figures.push(incidents);

  const s = m.sentences;
  let sentence: ReportSegment[];
  if (cur.rounds === 0) sentence = fillSegments(s.patrolsNone, {});
  else {
    sentence = fillSegments(s.patrols, { author, rounds: inline(rounds, m), turns: inline(turns, m) });
    if (hasSplit && (cur.officerTurns ?? 0) + (cur.civilianTurns ?? 0) > 0)
      sentence.push(...fillSegments(s.patrolsSplit, { officer: inline(officer, m), civilian: inline(civilian, m) }));
    if (hasCoverage) {
      sentence.push(
        ...fillSegments(s.patrolsCoverage, {
          covered: href
            ? { text: formatReportNumber(cur.blocksCovered ?? 0, lang), href }
            : formatReportNumber(cur.blocksCovered ?? 0, lang),
          blocks: formatReportNumber(cur.blocks ?? 0, lang),
        }),
      );
    }
    if ((cur.residenceChecks ?? 0) > 0) sentence.push(...fillSegments(s.patrolsResidence, { n: inline(residence, m) }));
    if ((cur.incidents ?? 0) > 0) sentence.push(...fillSegments(s.patrolsIncidents, { n: inline(incidents, m) }));
    sentence.push({ text: '.' });
  }
  return { key: 'patrols', title: m.sections.patrols, sentences: [tidy(sentence)], figures };
}

function residenceSection(b: Builder, author: string): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.residence;
  const prev = b.prev.residence;
  if (!cur) return null;
  const href = ctx.links.residence();
  const rf = (key: keyof NonNullable<ReportFigures['residence']>, label: string, level: 0 | 1 = 0) =>
    figure(b, `residence.${key}`, label, cur[key], prev?.[key] ?? 0, href, { level });
  const places = rf('placesWatched', m.figures.residencePlaces);
  const notifications = rf('notifications', m.figures.residenceNotifications);
  const onTime = rf('notificationsOnTime', m.figures.residenceOnTime, 1);
  const late = rf('notificationsLate', m.figures.residenceLate, 1);
  const inspections = rf('inspections', m.figures.residenceInspections);
  const violations = rf('violations', m.figures.residenceViolations, 1);
  const fines = rf('finesReferred', m.figures.residenceFines, 1);
  const s = m.sentences;
  let sentence: ReportSegment[];
  if (cur.placesWatched + cur.notifications + cur.inspections === 0) sentence = fillSegments(s.residenceNone, {});
  else {
    sentence = fillSegments(s.residence, { author, places: inline(places, m), notifications: inline(notifications, m) });
    if (cur.notifications > 0) sentence.push(...fillSegments(s.residenceTiming, { onTime: inline(onTime, m), late: inline(late, m) }));
    if (cur.inspections > 0) {
      sentence.push(...fillSegments(s.residenceInspections, { inspections: inline(inspections, m), violations: inline(violations, m) }));
      if (cur.finesReferred > 0) sentence.push(...fillSegments(s.residenceFines, { fines: inline(fines, m) }));
    }
    sentence.push({ text: '.' });
  }
  return {
    key: 'residence',
    title: m.sections.residence,
    sentences: [tidy(sentence)],
    figures: [places, notifications, onTime, late, inspections, violations, fines],
  };
}

function mediationSection(b: Builder): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.mediation;
  const prev = b.prev.mediation;
  if (!cur) return null;
  const lang = ctx.lang;
  const href = ctx.links.mediation();
  const mf = (key: 'received' | 'settled' | 'notSettled' | 'referred' | 'atRisk', label: string, level: 0 | 1 = 0) =>
    figure(b, `mediation.${key}`, label, cur[key], prev?.[key] ?? 0, href, { level });
  const received = mf('received', m.figures.mediationReceived);
  const settled = mf('settled', m.figures.mediationSettled, 1);
  const notSettled = mf('notSettled', m.figures.mediationNotSettled, 1);
  const referred = mf('referred', m.figures.mediationReferred, 1);
  const atRisk = mf('atRisk', m.figures.mediationAtRisk, 1);
  const rateText = (r: number | null | undefined) => (r === null || r === undefined ? '—' : formatReportPercent(r, lang));
  const rate: ReportFigure = {
    key: 'mediation.settlementRate',
    label: m.figures.mediationRate,
    level: 0,
    current: { value: cur.settlementRate, text: rateText(cur.settlementRate) },
    previous: { value: prev?.settlementRate ?? null, text: rateText(prev?.settlementRate) },
    change: describeChange(cur.settlementRate, prev?.settlementRate ?? null, lang, { kind: 'rate' }),
    href,
  };
  const s = m.sentences;
  let sentence: ReportSegment[];
  if (cur.received === 0 && cur.settled + cur.notSettled === 0) sentence = fillSegments(s.mediationNone, {});
  else {
    sentence = fillSegments(s.mediation, { received: inline(received, m), settled: inline(settled, m), notSettled: inline(notSettled, m) });
    if (cur.settlementRate !== null) sentence.push(...fillSegments(s.mediationRate, { rate: rateText(cur.settlementRate) }));
    if (cur.referred > 0) sentence.push(...fillSegments(s.mediationReferred, { referred: inline(referred, m) }));
    if (cur.atRisk > 0) sentence.push(...fillSegments(s.mediationAtRisk, { atRisk: inline(atRisk, m) }));
    sentence.push({ text: '.' });
  }
  return {
    key: 'mediation',
    title: m.sections.mediation,
    sentences: [tidy(sentence)],
    figures: [received, settled, notSettled, rate, referred, atRisk],
  };
}

/** The "Camera cộng đồng" model: cameras taking part and working, the footage requests and the owners' answers. */
function camerasSection(b: Builder): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.cameras;
  const prev = b.prev.cameras;
  if (!cur || cur.registered + cur.footageRequests === 0) return null;
  const href = ctx.links.cameras?.() ?? null;
  const registered = figure(b, 'cameras.registered', m.figures.camerasRegistered, cur.registered, prev?.registered ?? 0, href);
  const working = figure(b, 'cameras.working', m.figures.camerasWorking, cur.working, prev?.working ?? 0, href, { level: 1 });
  const requests = figure(b, 'cameras.footageRequests', m.figures.camerasRequests, cur.footageRequests, prev?.footageRequests ?? 0, href);
  const outcome = (key: 'share' | 'no_footage' | 'decline', label: string) =>
    figure(b, `cameras.outcomes.${key}`, label, cur.outcomes[key], prev?.outcomes[key] ?? 0, href, { level: 1 });
  const shared = outcome('share', m.figures.camerasShared);
  const noFootage = outcome('no_footage', m.figures.camerasNoFootage);
  const declined = outcome('decline', m.figures.camerasDeclined);
  const s = m.sentences;
  const sentence = fillSegments(s.cameras, { registered: inline(registered, m), working: inline(working, m) });
  if (cur.footageRequests === 0) sentence.push(...fillSegments(s.camerasNoRequests, {}));
  else
    sentence.push(
      ...fillSegments(s.camerasRequests, {
        requests: inline(requests, m),
        shared: inline(shared, m),
        noFootage: inline(noFootage, m),
        declined: inline(declined, m),
      }),
    );
  sentence.push({ text: '.' });
  return {
    key: 'cameras',
    title: m.sections.cameras,
    sentences: [tidy(sentence)],
    figures: [registered, working, requests, shared, noFootage, declined],
  };
}

/** Outreach (tuyên truyền): activities with their audience, the loudspeaker broadcasts, alerts sent and delivered. */
function outreachSection(b: Builder): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.outreach;
  const prev = b.prev.outreach;
  if (!cur) return null;
  const href = ctx.links.outreach?.() ?? null;
  type Key = 'activities' | 'audience' | 'broadcasts' | 'alertsSent' | 'delivered';
  const of = (key: Key, label: string, level: 0 | 1 = 0) =>
    figure(b, `outreach.${key}`, label, cur[key], prev?.[key] ?? 0, href, { level });
  const activities = of('activities', m.figures.outreachActivities);
  const audience = of('audience', m.figures.outreachAudience, 1);
  const broadcasts = of('broadcasts', m.figures.outreachBroadcasts, 1);
  const alerts = of('alertsSent', m.figures.outreachAlerts);
  const delivered = of('delivered', m.figures.outreachDelivered, 1);
  const s = m.sentences;
  let sentence: ReportSegment[];
  if (cur.activities === 0 && cur.alertsSent === 0) sentence = fillSegments(s.outreachNone, {});
  else {
    sentence = fillSegments(s.outreach, {
      activities: inline(activities, m),
      audience: inline(audience, m),
      broadcasts: inline(broadcasts, m),
    });
    if (cur.alertsSent > 0)
      sentence.push(...fillSegments(s.outreachAlerts, { alerts: inline(alerts, m), delivered: inline(delivered, m) }));
    sentence.push({ text: '.' });
  }
  return {
    key: 'outreach',
    title: m.sections.outreach,
    sentences: [tidy(sentence)],
    figures: [activities, audience, broadcasts, alerts, delivered],
  };
}

function certificationSection(b: Builder): ReportSection | null {
  const { m, ctx } = b;
  const cur = b.cur.certification;
  const prev = b.prev.certification;
  if (
    !cur ||
    cur.blocks.total + cur.schools.total + (cur.agencies?.total ?? 0) + (cur.enterprises?.total ?? 0) + cur.modelsActive + cur.awards === 0
  )
    return null;
  const href = ctx.links.certification();
  type Key = 'blocks.recognised' | 'blocks.total' | 'schools.recognised' | 'modelsActive' | 'awards';
  const certificationValue = (f: NonNullable<ReportFigures['certification']> | null | undefined, key: Key) => {
    if (!f) return 0;
    if (key === 'modelsActive' || key === 'awards') return f[key];
    const [group, part] = key.split('.') as ['blocks' | 'schools', 'recognised' | 'total'];
    return f[group][part];
  };
  const cf = (key: Key, label: string, level: 0 | 1 = 0) =>
    figure(b, `certification.${key}`, label, certificationValue(cur, key), certificationValue(prev, key), href, { level });
  const blocks = cf('blocks.recognised', m.figures.certBlocks);
  const blocksTotal = cf('blocks.total', m.figures.certBlocksTotal, 1);
  const schools = cf('schools.recognised', m.figures.certSchools);
  const models = cf('modelsActive', m.figures.certModels);
  const awards = cf('awards', m.figures.certAwards);
  const s = m.sentences;
  const sentence = fillSegments(s.certification, {
    blocks: inline(blocks, m),
    blocksTotal: inline(blocksTotal, m),
    schools: inline(schools, m),
    models: inline(models, m),
  });
  if (cur.awards > 0) sentence.push(...fillSegments(s.certificationAwards, { awards: inline(awards, m) }));
  sentence.push({ text: '.' });
  const sentences = [tidy(sentence)];
  const figures = [blocks, blocksTotal, schools, models, awards];
  // Units registered by type and the classification by class, once the summary carries them.
  const regTypes = ['blocks', 'schools', 'agencies', 'enterprises'] as const;
  if (cur.blocks.registered !== undefined) {
    const registered = Object.fromEntries(
      regTypes.map((t) => {
        const f = figure(
          b,
          `certification.${t}.registered`,
          m.figures.certRegistered[t],
          cur[t]?.registered ?? 0,
          prev?.[t]?.registered ?? 0,
          href,
          { level: 1 },
        );
        figures.push(f);
        return [t, inline(f, m)];
      }),
    );
    sentences.push(tidy([...fillSegments(s.certificationRegistered, registered), { text: '.' }]));
  }
  if (cur.classification) {
    const classes = ['excellent', 'good', 'average', 'weak'] as const;
    const counted = Object.fromEntries(
      classes.map((c) => {
        const f = figure(
          b,
          `certification.classification.${c}`,
          m.figures.certClass[c],
          cur.classification?.[c] ?? 0,
          prev?.classification?.[c] ?? 0,
          href,
          { level: 1 },
        );
        figures.push(f);
        return [c, inline(f, m)];
      }),
    );
    if (classes.some((c) => (cur.classification?.[c] ?? 0) > 0))
      sentences.push(tidy([...fillSegments(s.certificationClassification, counted), { text: '.' }]));
  }
  return {
    key: 'certification',
    title: m.sections.certification,
    sentences,
    figures,
  };
}

/** Sentences start with a capital letter, whatever their first word. */
function tidy(segments: ReportSegment[]): ReportSegment[] {
  const first = segments[0];
  if (first && first.text.length > 0) first.text = first.text.charAt(0).toLocaleUpperCase() + first.text.slice(1);
  return segments;
}

/**
 * Writes the periodic report from the figures of a period and of the same period a year before, in the ward's own
 * style: a heading, an introduction, then per section its sentences (each figure a link to its records) and its figures
 * with last year beside them. Pure: the same figures always give the same report.
 */
export function buildPeriodicReport(ctx: ReportContext, current: ReportFigures, previous: ReportFigures): PeriodicReport {
  const m = messagesOf(ctx.lang);
  const lang = ctx.lang;
  const previousPeriod = previousYearPeriod(ctx.period);
  const author = reportAuthor(ctx.unit, ctx.wardName, lang);
  const authorInner = lang === 'en' ? author.charAt(0).toLowerCase() + author.slice(1) : author;
  const periodWords = describePeriod(ctx.period, lang);
  const b: Builder = { ctx, m, cur: current, prev: previous, previousPeriod, previousWords: describePreviousPeriod(ctx.period, lang) };
  const sections = [tipsSection(b, author, authorInner), crimeSection(b, authorInner), rehabSection(b)];
  const patrols = patrolsSection(b, author);
  const notes: string[] = [];
  if (patrols) sections.push(patrols);
  else notes.push(m.notes.patrolsMissing);
  const residence = residenceSection(b, author);
  if (residence) sections.push(residence);
  const mediation = mediationSection(b);
  if (mediation) sections.push(mediation);
  const certification = certificationSection(b);
  if (certification) sections.push(certification);
  const cameras = camerasSection(b);
  if (cameras) sections.push(cameras);
  const outreach = outreachSection(b);
  if (outreach) sections.push(outreach);
  if (ctx.links.tips()) notes.push(m.notes.tipsNoPeriodFilter);
  if (ctx.suppress) notes.push(m.suppressionNote);
  return {
    unit: ctx.unit,
    lang,
    author,
    parentAuthor: ctx.parentName ? fill(m.police, { unit: unitInSentence(ctx.parentName, lang) }) : null,
    place: ctx.place,
    compiledOn: ctx.compiledOn,
    title: m.heading.title,
    subtitle: fill(m.heading.subtitle, { period: periodWords }),
    period: { ...ctx.period, label: periodWords },
    previousPeriod: { ...previousPeriod, label: b.previousWords },
    intro: tidy(fillSegments(m.sentences.intro, { period: periodWords, author, authorInner })),
    sections,
    isSuppressed: ctx.suppress,
    notes,
  };
}

/**
 * The place and date line of the document: "Vinh, ngày 12 tháng 9 năm 2020". Nghị định 30/2020/NĐ-CP (Phụ lục I) writes a
 * leading zero before days below 10 and the months 1 and 2 ("ngày 05 tháng 02 năm 2020").
 */
export function placeDateLine(place: string, on: Day, lang: Locale): string {
  const [y, mo, d] = on.split('-').map(Number) as [number, number, number];
  const month = lang === 'vi' && mo <= 2 ? pad(mo) : String(mo);
  const dayText = lang === 'vi' && d < 10 ? pad(d) : String(d);
  return fill(messagesOf(lang).heading.placeDate, {
    place,
    day: lang === 'en' ? pad(d) : dayText,
    month: lang === 'en' ? pad(mo) : month,
    year: String(y),
  });
}

/** The report's messages in a language (headings and column names for the documents). */
export function reportMessages(lang: Locale): ReportsMessages {
  return messagesOf(lang);
}
