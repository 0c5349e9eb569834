import type { CalendarDay, CalendarDayKind, CalendarSource, Day } from '@binh-an/domain';
import { and, asc, between, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.ts';
import { calendarDays, calendarYears } from './calendar.table.ts';

const columns = {
  day: calendarDays.day,
  isWorking: calendarDays.isWorking,
  kind: calendarDays.kind,
  name: calendarDays.name,
  source: calendarDays.source,
};

type Row = { day: string; isWorking: boolean; kind: string; name: string; source: string };

const toDay = (r: Row): CalendarDay => ({
  day: r.day,
  isWorking: r.isWorking,
  kind: r.kind as CalendarDayKind,
  name: r.name,
  source: r.source as CalendarSource,
});

export type CalendarDayValues = { day: Day; isWorking: boolean; kind: CalendarDayKind; name: string };

/** Whether a year has been seeded. */
export async function isYearSeeded(tx: DbOrTx, year: number): Promise<boolean> {
  const rows = await tx.select({ year: calendarYears.year }).from(calendarYears).where(eq(calendarYears.year, year)).limit(1);
  return rows.length > 0;
}

/**
 * Records a year as seeded; answers false when it already was. A concurrent claim of the same year waits on the
 * primary key until the first one commits, so only one transaction seeds a year.
 */
export async function claimYear(tx: DbOrTx, year: number): Promise<boolean> {
  const rows = await tx.insert(calendarYears).values({ year }).onConflictDoNothing().returning({ year: calendarYears.year });
  return rows.length > 0;
}

/** The stored days between two days, both included, in order. */
export async function findDaysBetween(tx: DbOrTx, from: Day, to: Day): Promise<CalendarDay[]> {
  const rows = await tx
    .select(columns)
    .from(calendarDays)
    .where(between(calendarDays.day, from, to))
    .orderBy(asc(calendarDays.day));
  return (rows as Row[]).map(toDay);
}

/** One stored day, if any. */
export async function findDay(tx: DbOrTx, day: Day): Promise<CalendarDay | null> {
  const rows = await tx.select(columns).from(calendarDays).where(eq(calendarDays.day, day)).limit(1);
  const row = rows[0] as Row | undefined;
  return row ? toDay(row) : null;
}

/**
 * Writes seeded days: new days are added, days still seeded are refreshed, and seeded days of the year the rules no
 * longer give are removed. Days an administrator set are never touched.
 */
export async function writeSeedDays(tx: DbOrTx, year: number, days: readonly CalendarDayValues[]): Promise<void> {
  const stale = and(eq(calendarDays.source, 'seed'), between(calendarDays.day, `${year}-01-01`, `${year}-12-31`));
  await tx.delete(calendarDays).where(
    days.length
      ? and(
          stale,
          notInArray(
            calendarDays.day,
            days.map((d) => d.day),
          ),
        )
      : stale,
  );
  if (days.length === 0) return;
  await tx
    .insert(calendarDays)
    .values(days.map((d) => ({ ...d, source: 'seed' })))
    .onConflictDoUpdate({
      target: calendarDays.day,
      set: { isWorking: sql`excluded.is_working`, kind: sql`excluded.kind`, name: sql`excluded.name`, updatedAt: sql`now()` },
      setWhere: eq(calendarDays.source, 'seed'),
    });
}

/** Adds seeded days that are not stored yet, leaving every stored day as it is. */
export async function insertMissingSeedDays(tx: DbOrTx, days: readonly CalendarDayValues[]): Promise<void> {
  if (days.length === 0) return;
  await tx
    .insert(calendarDays)
    .values(days.map((d) => ({ ...d, source: 'seed' })))
    .onConflictDoNothing();
}

/** Stores an administrator's value for a day, replacing whatever was stored. */
export async function upsertAdminDay(tx: DbOrTx, values: CalendarDayValues): Promise<CalendarDay> {
  const [row] = await tx
    .insert(calendarDays)
    .values({ ...values, source: 'admin' })
    .onConflictDoUpdate({
      target: calendarDays.day,
      set: { isWorking: values.isWorking, kind: values.kind, name: values.name, source: 'admin', updatedAt: sql`now()` },
    })
    .returning(columns);
  if (!row) throw new Error('upsert returned no row');
  return toDay(row as Row);
}

/** Removes a stored day. */
export async function deleteDay(tx: DbOrTx, day: Day): Promise<void> {
  await tx.delete(calendarDays).where(eq(calendarDays.day, day));
}
