import type { Day } from '../calendar/calendar.rules.ts';
import type { Period } from '../cases/cases.rules.ts';
import type { CaseStatus } from '../cases/cases.schemas.ts';

/* ------------------------------------------------------------- overdue work ------------------------------------------------------------- */

/**
 * A case still "received" (not yet being verified) this many days after the ward learned of it is shown as overdue
 * work. The figure borrows the 20 days BLTTHS 2015 Art. 147.1 gives to verify a report of a crime and decide on it: a
 * case nobody has started to verify by then cannot meet that limit. It is the ward's own alert, not a legal deadline
 * of the register.
 */
export const CASE_UNVERIFIED_DAYS = 20;
export const CASE_UNVERIFIED_BASIS = 'BLTTHS 2015 Điều 147.1 (20 ngày kiểm tra, xác minh tin báo)';

function addDays(d: Day, n: number): Day {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The last discovery day of a case that is overdue on `today` if it is still "received". */
export function unverifiedCutoff(today: Day): Day {
  return addDays(today, -CASE_UNVERIFIED_DAYS - 1);
}

/** Whether a case has waited too long to be verified: still received, discovered more than 20 days before today. */
export function isCaseUnverifiedTooLong(status: CaseStatus, discoveredOn: Day, today: Day): boolean {
  return status === 'received' && discoveredOn <= unverifiedCutoff(today);
}

/* ----------------------------------------------------------------- months ---------------------------------------------------------------- */

/** The longest trend the dashboard draws month by month (ten years, the longest period a report covers). */
export const DASHBOARD_MAX_MONTHS = 121;

/** The months a period touches, as "yyyy-mm", in order ("2020-01" … "2020-06" for the first half of 2020). */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const end = period.to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > end || out.length >= DASHBOARD_MAX_MONTHS) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/* ----------------------------------------------------------------- areas ----------------------------------------------------------------- */

/**
 * The area of the dashboard a record's unit falls in: the unit directly below the dashboard's unit on the way down to
 * it (a block or school of a ward; a ward of a province), or the dashboard's unit itself for records booked on it
 * (a ward's records not tied to a block). Null when the unit is not below the dashboard's unit.
 */
export function areaOf(unitId: string, rootId: string, parentOf: ReadonlyMap<string, string | null>): string | null {
  if (unitId === rootId) return rootId;
  const seen = new Set<string>();
  let current = unitId;
  while (!seen.has(current)) {
    seen.add(current);
    const parent = parentOf.get(current);
    if (parent === undefined || parent === null) return null;
    if (parent === rootId) return current;
    current = parent;
  }
  return null;
}
