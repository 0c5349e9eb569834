import { parseDateInput } from '../../lib/format.ts';

/** Reads a time typed as "14:05", "14h05", "14.05" or "14" into "HH:mm"; '' for empty, null if not a time of day. */
export function parseTimeInput(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return '';
  const m = /^(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?$/.exec(trimmed);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export type MomentInputResult =
  | { ok: true; value: string | undefined }
  | { ok: false; field: 'date' | 'time' | 'both'; reason: 'format' | 'future' };

/**
 * A moment typed as a Vietnam date (dd/mm/yyyy) and time (HH:mm), as an ISO string with the +07:00 offset.
 * Both empty means "not given" (the server uses the time of saving); one without the other is refused.
 */
export function readMomentInput(dateText: string, timeText: string, now: Date = new Date()): MomentInputResult {
  const day = parseDateInput(dateText);
  const time = parseTimeInput(timeText);
  if (day === null) return { ok: false, field: 'date', reason: 'format' };
  if (time === null) return { ok: false, field: 'time', reason: 'format' };
  if (day === '' && time === '') return { ok: true, value: undefined };
  if (day === '' || time === '') return { ok: false, field: day === '' ? 'date' : 'time', reason: 'format' };
  const value = `${day}T${time}:00+07:00`;
  // A minute of slack for a clock set a little ahead of the server's.
  if (Date.parse(value) > now.getTime() + 60_000) return { ok: false, field: 'both', reason: 'future' };
  return { ok: true, value };
}

/** Bytes in words, e.g. "2,4 MB" (Vietnamese decimal comma when the language is Vietnamese). */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 });
  return `${format.format(value)} ${units[unit]}`;
}
