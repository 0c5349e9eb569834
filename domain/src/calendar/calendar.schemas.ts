import { z } from 'zod';
import { dateOnly, trimmed } from '../common/common.schemas.ts';

/**
 * Why a day differs from "Monday to Friday work, Saturday and Sunday rest":
 * - holiday: a public holiday on a weekday (Labour Code 2019 Art. 112.1);
 * - tet: one of the five Tết Nguyên Đán days (Art. 112.1.b);
 * - compensatory: the day off owed when a holiday falls on a weekly rest day (Art. 111.3);
 * - working_weekend: a Saturday or Sunday worked in exchange for a day off (announced each year);
 * - weekend: a Saturday or Sunday named by an administrator (e.g. part of an announced Tết break);
 * - custom: any other day an administrator set.
 */
export const CALENDAR_DAY_KINDS = ['weekend', 'holiday', 'tet', 'compensatory', 'working_weekend', 'custom'] as const;
export const calendarDayKindSchema = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof calendarDayKindSchema>;

export const CALENDAR_SOURCES = ['seed', 'admin'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** The years the calendar can be asked about. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

/** Whether a yyyy-mm-dd day falls in a year the calendar handles. */
export function isCalendarDay(day: string): boolean {
  const year = Number(day.slice(0, 4));
  return year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
}

export const calendarDaySchema = z.object({
  day: z.string(),
  isWorking: z.boolean(),
  kind: calendarDayKindSchema,
  name: z.string(),
  source: z.enum(CALENDAR_SOURCES),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarYearSchema = z.object({ year: z.number().int(), days: z.array(calendarDaySchema) });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** `?year=2026`; without it, the current year in Vietnam. */
export const calendarQuerySchema = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'validation.invalid' })
    .transform(Number)
    .pipe(
      z.number().int().min(CALENDAR_MIN_YEAR, { message: 'validation.invalid' }).max(CALENDAR_MAX_YEAR, { message: 'validation.invalid' }),
    )
    .optional(),
});

export const calendarDayParamSchema = z.strictObject({
  day: dateOnly.refine(isCalendarDay, { message: 'validation.invalid' }),
});

/** Marks a day as a working day or a rest day, with the name shown in the calendar. */
export const setCalendarDaySchema = z.strictObject({
  isWorking: z.boolean(),
  name: trimmed(1, 200),
});
export type SetCalendarDayInput = z.input<typeof setCalendarDaySchema>;
