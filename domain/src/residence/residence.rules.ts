/**
 * Rules of the ward's residence checks (kiểm tra tạm trú, tạm vắng; domain-vn.md §3). Bình An is not a residence
 * register: registration itself happens on the national systems (VNeID, the residence database). These rules serve the
 * ward's working tool: the places it watches, the stay notifications hosts send it, the temporary residents and
 * absences it knows of, and its inspections.
 */

const VN_OFFSET_MS = 7 * 3_600_000;

// ---------------------------------------------------------------------------------------------------------------------
// Citizen ID numbers (CCCD / số định danh cá nhân)

/**
 * The province codes that open a 12-digit personal identification number, as listed for the 63 provinces and cities in
 * TT 07/2016/TT-BCA Art. 7 (kept by TT 59/2021/TT-BCA). The 2025 merger of provinces did not reissue numbers: a number
 * keeps the code of the province where it was issued, so the old list stays the one to check against.
 */
export const CCCD_PROVINCE_CODES: readonly string[] = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]; // biome-ignore format: a table

/** What a valid number says about its holder: the province code, the sex and the year of birth. */
export type CccdInfo = { provinceCode: string; sex: 'male' | 'female'; birthYear: number };

/** Spaces, dots, dashes and underscores typed between digits are dropped (ux.md: be forgiving). */
export function normaliseCccd(value: string): string {
  return value.normalize('NFC').replace(/[\s.\-_]/g, '');
}

/**
 * Reads a 12-digit number: 3 digits of province, 1 digit of century and sex (0/1 = male/female born 1900–1999, 2/3 =
 * 2000–2099, 4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399), 2 digits of the year of birth, then 6 random digits
 * (TT 07/2016/TT-BCA Art. 7). Answers null when the shape or the province is wrong.
 */
export function parseCccd(value: string): CccdInfo | null {
  const n = normaliseCccd(value);
  if (!/^\d{12}$/.test(n)) return null;
  const provinceCode = n.slice(0, 3);
  if (!CCCD_PROVINCE_CODES.includes(provinceCode)) return null;
  const code = Number(n[3]);
  const century = 1900 + Math.floor(code / 2) * 100;
  return { provinceCode, sex: code % 2 === 0 ? 'male' : 'female', birthYear: century + Number(n.slice(4, 6)) };
}

/**
 * Why a number is refused, as a message key, or null when it is valid: the shape, the province, a year of birth after
 * `todayYear`, or a year that disagrees with the date of birth given beside it.
 */
export function cccdError(value: string, opts: { todayYear: number; birthDate?: string | null }): string | null {
  const n = normaliseCccd(value);
  if (!/^\d{12}$/.test(n)) return 'residence.cccdFormat';
  const info = parseCccd(n);
  if (!info) return 'residence.cccdProvince';
  if (info.birthYear > opts.todayYear) return 'residence.cccdYear';
  if (opts.birthDate && Number(opts.birthDate.slice(0, 4)) !== info.birthYear) return 'residence.cccdBirthMismatch';
  return null;
}

/** A number as lists show it: the province code and the last three digits, e.g. "040•••••••123". */
export function maskCccd(value: string): string {
  const n = normaliseCccd(value);
  return /^\d{12}$/.test(n) ? `${n.slice(0, 3)}${'•'.repeat(6)}${n.slice(-3)}` : '•'.repeat(Math.min(n.length, 12));
}

// ---------------------------------------------------------------------------------------------------------------------
// Names: search without diacritics, masking

/** Folds Vietnamese text for comparison: NFD, no combining marks, đ → d, lower case, single spaces. */
export function foldVietnamese(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether `text` contains `query`, both folded: "Nguyen Van Hung" matches "Nguyễn Văn Hùng". */
export function matchesWithoutDiacritics(text: string, query: string): boolean {
  return foldVietnamese(text).includes(foldVietnamese(query));
}

/**
 * A name as a reader without `residence.identity` sees it: the family name, then initials ("Nguyễn V. H."). Enough to
 * recognise a person met on patrol, not enough to look them up.
 */
export function maskPersonName(name: string): string {
  const parts = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ? `${parts[0].charAt(0)}.` : '';
  const [family, ...rest] = parts;
  return `${family} ${rest.map((p) => `${p.charAt(0)}.`).join(' ')}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Stay notifications (thông báo lưu trú): the deadline

/**
 * The deadline rule of a stay notification, as a dated table so that a notification keeps the rule of the day the guest
 * arrived. As read: "before 23:00 of the arrival day; for a guest arriving after 23:00, before 08:00 the next day"
 * (Luật Cư trú 2020 Art. 30; the hours are set by the guiding circular, TT 55/2021/TT-BCA Art. 15 as we read it
 * [V: domain-vn.md §3.2 confirms the hours from a provincial police page, not the article; TT 53/2025/TT-BCA amended
 * TT 55/2021 from 01/07/2025]). A change is a new row here, not an edit.
 */
export const STAY_NOTICE_RULES: readonly { from: string; basis: string; cutoffMinute: number; lateDueMinute: number }[] = [
  { from: '2021-07-01', basis: 'Luật Cư trú 2020 Art. 30; TT 55/2021/TT-BCA Art. 15 [V]', cutoffMinute: 23 * 60, lateDueMinute: 8 * 60 },
];

function ruleOn(day: string) {
  const rules = STAY_NOTICE_RULES.filter((r) => r.from <= day);
  return rules[rules.length - 1] ?? (STAY_NOTICE_RULES[0] as (typeof STAY_NOTICE_RULES)[number]);
}

/** The Vietnamese calendar day (yyyy-mm-dd) and minute of the day of an instant. */
export function vnDayAndMinute(at: Date): { day: string; minute: number } {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return { day: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant of a Vietnamese day and minute. */
export function vnInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + minute * 60_000);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * When the host's notification is due for a guest arriving at `arrivalAt`: 23:00 Vietnam time of the arrival day, or
 * 08:00 the next day when the guest arrives at 23:00 or later (STAY_NOTICE_RULES).
 */
export function stayNoticeDueAt(arrivalAt: Date): Date {
  const { day, minute } = vnDayAndMinute(arrivalAt);
  const rule = ruleOn(day);
  return minute < rule.cutoffMinute ? vnInstant(day, rule.cutoffMinute) : vnInstant(nextDay(day), rule.lateDueMinute);
}

/** Whether a notification received at `receivedAt` was in time ("trước 23 giờ": strictly before the deadline). */
export function isStayNoticeOnTime(arrivalAt: Date, receivedAt: Date): boolean {
  return receivedAt.getTime() < stayNoticeDueAt(arrivalAt).getTime();
}

// ---------------------------------------------------------------------------------------------------------------------
// Temporary residence: the renewal window

/** A temporary stay may be renewed within the 15 days before it ends (Luật Cư trú 2020 Art. 28; domain-vn.md §3.1). */
export const RENEWAL_WINDOW_DAYS = 15;

/** The first day of the renewal window of a stay ending on `until`. */
export function renewalWindowStart(until: string): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - RENEWAL_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** A temporary stay's state on `today`: current, in its renewal window (expiring), or expired. */
export function stayState(until: string | null, today: string): 'current' | 'expiring' | 'expired' {
  if (!until) return 'current';
  if (until < today) return 'expired';
  return renewalWindowStart(until) <= today ? 'expiring' : 'current';
}

// ---------------------------------------------------------------------------------------------------------------------
// Retention

export const RETENTION_RECORD_TYPES = ['notification', 'resident', 'inspection'] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * How long each kind of record is kept after it ends, in days, unless the ward sets its own (residence_retention).
 * No text fixes these periods for a ward's working records [V: Luật BVDLCN 91/2025 and NĐ 356/2025 ask for retention
 * "as long as needed for the purpose"; confirm with counsel]: a notification 1 year after the guest arrived; a
 * temporary resident or absence 2 years after it ended (one more stay); an inspection 5 years after it was done (the
 * time an administrative fine's file may be asked for).
 */
export const RETENTION_DEFAULT_DAYS: Record<RetentionRecordType, number> = { notification: 365, resident: 730, inspection: 1825 };
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;

/** The last day a record that ended on `endedOn` is kept: it is purged the day after. */
export function retentionCutoff(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------------
// Consent for what the public form collects

/**
 * The consent text the public stay-notification form shows, by version. A notification records the version the host
 * agreed to; a new wording is a new version, never an edit of an old one (Luật BVDLCN 2025 Art. 9; domain-vn.md §8.2).
 */
export const STAY_CONSENT_TEXTS = {
  '2026-11': {
    vi: 'Tôi đồng ý để Công an phường dùng thông tin trong thông báo này (họ tên, ngày sinh, số định danh cá nhân của người lưu trú; họ tên và số điện thoại hoặc thư điện tử của tôi) để quản lý cư trú trên địa bàn, theo Luật Cư trú. Thông tin được giữ có thời hạn rồi xoá; tôi có thể yêu cầu xem, sửa hoặc xoá.',
    en: "I agree that the ward police use the information in this notification (the guests' names, dates of birth and personal ID numbers; my name and phone number or e-mail) to manage residence in the ward under the Law on Residence. It is kept for a limited time and then deleted; I may ask to see, correct or delete it.",
  },
} as const;
export type StayConsentVersion = keyof typeof STAY_CONSENT_TEXTS;
export const STAY_CONSENT_VERSION: StayConsentVersion = '2026-11';

// ---------------------------------------------------------------------------------------------------------------------
// Inspections: fines are referred, never computed here

/**
 * The fine bands an officer may cite when referring a violation (NĐ 282/2025/NĐ-CP, effective 15/12/2025, as reported
 * in domain-vn.md §3.4 [V: read from press summaries, not the decree]): a warning or 0.5–1 million VND for an individual
 * who does not notify a stay, register temporary residence or declare an absence; 4–8 million VND for an accommodation
 * business that does not notify; organisations pay twice. Data, not code: the ward refers the fine, the decision is
 * not made here.
 */
export const RESIDENCE_FINE_BANDS: readonly { from: string; key: string; minVnd: number; maxVnd: number }[] = [
  { from: '2025-12-15', key: 'individual', minVnd: 500_000, maxVnd: 1_000_000 },
  { from: '2025-12-15', key: 'accommodation_business', minVnd: 4_000_000, maxVnd: 8_000_000 },
];

/** What a date typed in three boxes (ux.md: dates people know) lacks or gets wrong; `part` is the first box to fix. */
export type DayPartsProblem = 'required' | 'missingPart' | 'day' | 'month' | 'year' | 'notReal';
export type DayPartsResult =
  | { ok: true; date: string | null }
  | { ok: false; problem: DayPartsProblem; part: 'day' | 'month' | 'year'; missing?: 'day' | 'month' | 'year' };

/**
 * Reads a day from three boxes, forgiving as ux.md asks: spaces dropped, "03" or "3", the month also as "T3", "th3" or
 * "tháng 3". All three empty is no date (`date: null`); the caller decides whether that is allowed.
 */
export function readDayParts(parts: { day?: string; month?: string; year?: string }): DayPartsResult {
  const clean = (s: string | undefined) => (s ?? '').normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, '');
  const day = clean(parts.day);
  const month = clean(parts.month).replace(/^(tháng|thang|th|t)(?=\d)/u, '');
  const year = clean(parts.year);
  if (!day && !month && !year) return { ok: true, date: null };
  for (const [name, value] of [
    ['day', day],
    ['month', month],
    ['year', year],
  ] as const)
    if (!value) return { ok: false, problem: 'missingPart', part: name, missing: name };
  const d = /^\d{1,2}$/.test(day) ? Number(day) : 0;
  if (d < 1 || d > 31) return { ok: false, problem: 'day', part: 'day' };
  const m = /^\d{1,2}$/.test(month) ? Number(month) : 0;
  if (m < 1 || m > 12) return { ok: false, problem: 'month', part: 'month' };
  if (!/^\d{4}$/.test(year) || Number(year) < 1900) return { ok: false, problem: 'year', part: 'year' };
  const at = new Date(Date.UTC(Number(year), m - 1, d));
  if (at.getUTCDate() !== d || at.getUTCMonth() !== m - 1) return { ok: false, problem: 'notReal', part: 'day' };
  return { ok: true, date: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
