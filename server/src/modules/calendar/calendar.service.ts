import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarYear,
  type Day,
  isWeekend,
  type setCalendarDaySchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { ShortCache } from '../../platform/short-cache.ts';
import {
  type CalendarDayValues,
  claimYear,
  deleteDay,
  findDay,
  findDaysBetween,
  insertMissingSeedDays,
  isYearSeeded,
  upsertAdminDay,
  writeSeedDays,
} from './calendar.repository.ts';
import { seedDaysOf } from './calendar.seed.ts';

const yearOf = (day: Day) => Number(day.slice(0, 4));

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) throw new AppError('validation');
}

const seedCache = new Map<number, CalendarDayValues[]>();

/** The seeded exceptions of a year, as stored (computed once per process). */
function seedValuesOf(year: number): CalendarDayValues[] {
  let values = seedCache.get(year);
  if (!values) {
    values = seedDaysOf(year).map((h) => ({ day: h.day, isWorking: false, kind: h.kind, name: h.name }));
    seedCache.set(year, values);
  }
  return values;
}

const seedValueOf = (day: Day) => seedValuesOf(yearOf(day)).find((d) => d.day === day) ?? null;

/**
 * Seeds a year the first time anything needs it: the legal holidays on weekdays and the compensatory days. Idempotent,
 * safe under concurrency, and never overwrites a day already stored (an administrator's edit stays). Runs in the
 * caller's transaction when given one (the application role may seed).
 */
export async function ensureYearSeeded(db: DbOrTx, year: number): Promise<void> {
  checkYear(year);
  if (await isYearSeeded(db, year)) return;
  await db.transaction(async (tx) => {
    if (await claimYear(tx, year)) await insertMissingSeedDays(tx, seedValuesOf(year));
  });
}

/**
 * Seeds a year again from the current rules (after an update of the rules or of date-holidays): seeded days are
 * refreshed or removed, days an administrator set are kept. An operator's task; requests only use ensureYearSeeded.
 */
export async function reseedYear(db: DbOrTx, year: number): Promise<void> {
  checkYear(year);
  seedCache.delete(year);
  workingDays.forget();
  await db.transaction(async (tx) => {
    await claimYear(tx, year);
    await writeSeedDays(tx, year, seedValuesOf(year));
  });
}

/**
 * Whether each day between `fromDay` and `toDay` (both included) is a working day, for deadlines counted in working
 * days (use with addWorkingDays / workingDaysBetween). Seeds the years it covers. Asking about a day outside the loaded
 * range throws, rather than silently ignoring holidays: load a range wide enough for the longest deadline.
 */
export async function loadWorkingDayPredicate(db: DbOrTx, fromDay: Day, toDay: Day): Promise<(day: Day) => boolean> {
  const [from, to] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
  for (let year = yearOf(from); year <= yearOf(to); year += 1) await ensureYearSeeded(db, year);
  const exceptions = new Map((await findDaysBetween(db, from, to)).map((d) => [d.day, d.isWorking]));
  return (day: Day) => {
    if (day < from || day > to) throw new RangeError(`${day} is outside the loaded calendar range ${from}…${to}`);
    return exceptions.get(day) ?? !isWeekend(day);
  };
}

/** Loaded calendar ranges, reused for a minute (other servers' edits reach them within it); calendar writes here forget them. */
const workingDays = new ShortCache<(day: Day) => boolean>(60_000, 100);

/**
 * `loadWorkingDayPredicate` remembered for a minute per database and range, for the public tip route, which needs
 * the same range (today and the next 60 days) for every tip of the day. Staff screens read the calendar fresh.
 */
export function loadWorkingDayPredicateCached(db: Db, fromDay: Day, toDay: Day): Promise<(day: Day) => boolean> {
  return workingDays.get(db, `${fromDay}/${toDay}`, () => loadWorkingDayPredicate(db, fromDay, toDay));
}

/** Every exception day of a year (holidays, compensatory days, working weekends, administrators' days), in order. */
export async function listCalendar(db: Db, actor: Actor, year: number): Promise<CalendarYear> {
  requirePermission(actor, 'calendar.read');
  checkYear(year);
  return withActor(db, actor, async (tx) => {
    await ensureYearSeeded(tx, year);
    return { year, days: await findDaysBetween(tx, `${year}-01-01`, `${year}-12-31`) };
  });
}

/**
 * The kind of a day an administrator sets: a seeded holiday kept as a rest day keeps its kind; otherwise a worked
 * Saturday or Sunday, a named weekend rest day, or a custom weekday.
 */
function adminKindOf(day: Day, isWorking: boolean, seeded: CalendarDayValues | null): CalendarDayKind {
  if (seeded && seeded.isWorking === isWorking) return seeded.kind;
  if (isWeekend(day)) return isWorking ? 'working_weekend' : 'weekend';
  return 'custom';
}

const auditValue = (d: CalendarDay | CalendarDayValues | null) =>
  d ? { isWorking: d.isWorking, kind: d.kind, name: d.name, ...('source' in d ? { source: d.source } : {}) } : null;

/** Marks a day as a working day or a rest day, with its name; the value survives any later seeding. */
export async function setCalendarDay(db: Db, actor: Actor, day: Day, input: z.output<typeof setCalendarDaySchema>): Promise<CalendarDay> {
  requirePermission(actor, 'calendar.manage');
  checkYear(yearOf(day));
  workingDays.forget();
  const saved = await withActor(db, actor, async (tx) => {
    await ensureYearSeeded(tx, yearOf(day));
    const before = await findDay(tx, day);
    const kind = adminKindOf(day, input.isWorking, seedValueOf(day));
    const after = await upsertAdminDay(tx, { day, isWorking: input.isWorking, kind, name: input.name });
    await recordAudit(tx, {
      action: 'calendar.update',
      actor: { userId: actor.userId, username: actor.username },
      wardId: null,
      entityType: 'calendar_day',
      entityId: day,
      detail: { before: auditValue(before), after: auditValue(after) },
    });
    return after;
  });
  workingDays.forget();
  return saved;
}

/** Puts a day back to its seeded value (a legal holiday, or an ordinary day), undoing an administrator's edit. */
export async function resetCalendarDay(db: Db, actor: Actor, day: Day): Promise<void> {
  requirePermission(actor, 'calendar.manage');
  checkYear(yearOf(day));
  workingDays.forget();
  await withActor(db, actor, async (tx) => {
    await ensureYearSeeded(tx, yearOf(day));
    const before = await findDay(tx, day);
    const seeded = seedValueOf(day);
    const isSeeded =
      before?.source === 'seed' &&
      seeded !== null &&
      before.isWorking === seeded.isWorking &&
      before.kind === seeded.kind &&
      before.name === seeded.name;
    if (isSeeded || (before === null && seeded === null)) return;
    await deleteDay(tx, day);
    if (seeded) await insertMissingSeedDays(tx, [seeded]);
    await recordAudit(tx, {
      action: 'calendar.reset',
      actor: { userId: actor.userId, username: actor.username },
      wardId: null,
      entityType: 'calendar_day',
      entityId: day,
      detail: { before: auditValue(before), after: auditValue(seeded) },
    });
  });
  workingDays.forget();
}
