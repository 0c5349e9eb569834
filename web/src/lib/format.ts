/** Vietnam has one time zone and no daylight saving; every time shown to staff is in it. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(value: string | Date): Record<string, string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** A moment as "dd/mm/yyyy HH:mm" (or with seconds) in Vietnam time, whatever the browser's zone. */
export function formatDateTime(value: string | Date | null | undefined, options: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const p = partsOf(value);
  if (!p) return '';
  const time = options.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.day}/${p.month}/${p.year} ${time}`;
}

/** Today's date in Vietnam, as yyyy-mm-dd. */
export function todayInVietnam(now: Date = new Date()): string {
  const p = partsOf(now);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

/** A calendar date "yyyy-mm-dd" (or an ISO moment) as "dd/mm/yyyy"; a calendar date has no zone to convert. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return formatDateTime(value).slice(0, 10);
}

/** Reads a date typed as d/m/yyyy (also with dots, dashes or spaces) into yyyy-mm-dd; '' for empty, null if invalid. */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const m = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(trimmed);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number the Vietnamese way: "." groups thousands, "," is the decimal mark (1.234,5). */
export function formatNumber(value: number, fractionDigits = 0): string {
  let format = numberFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', {
      minimumFractionDigits: 0,
      maximumFractionDigits: fractionDigits,
      useGrouping: true,
    });
    numberFormats.set(fractionDigits, format);
  }
  return format.format(value);
}

/** A secret grouped in fours for reading and typing ("ABCD EFGH …"). */
export function groupInFours(text: string): string {
  return text.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
