/** A calendar day, yyyy-mm-dd. */
export type Day = string;

/** The day after (or before, with a negative count) a calendar day. */
export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The same day `n` calendar months later, clamped to the month's last day (31/01 + 1 month = 28/02 or 29/02). */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whether a day is a Saturday or Sunday (the default rest days of Labour Code 2019 Art. 111 for state bodies). */
export function isWeekend(day: Day): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The day `n` working days after `day` (the start day itself is not counted), skipping every day the calendar marks
 * as a rest day. Legal time limits "in working days" count this way (e.g. the 3-working-day receipt notice,
 * TTLT 01/2017 Art. 14.1).
 */
export function addWorkingDays(day: Day, n: number, isWorkingDay: (day: Day) => boolean): Day {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: Day, to: Day, isWorkingDay: (day: Day) => boolean): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let count = 0;
  let current = from;
  while (current !== to) {
    current = addDays(current, sign);
    if (isWorkingDay(current)) count += sign;
  }
  return count;
}
