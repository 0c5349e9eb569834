/** Vietnam is UTC+7 all year (no daylight saving). */
export const VN_OFFSET_MS = 7 * 3_600_000;

/** Today's date in Vietnam, yyyy-mm-dd. */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
