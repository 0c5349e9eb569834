import type { CalendarDay, CalendarYear } from '@binh-an/domain';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const calendarQueryKey = ['calendar'] as const;

/** The exception days of a year (holidays, compensatory days off, working weekends, administrators' days). */
export function fetchCalendar(year: number, signal?: AbortSignal): Promise<CalendarYear> {
  return api.get<CalendarYear>('/calendar', { query: { year }, signal });
}

/** The query for one year of the calendar. */
export function calendarQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...calendarQueryKey, year],
    queryFn: ({ signal }) => fetchCalendar(year, signal),
  });
}

/** Marks a day (yyyy-mm-dd) as a working day or a day off, with its name. */
export function saveCalendarDay(day: string, body: { isWorking: boolean; name: string }): Promise<CalendarDay> {
  return api.put<CalendarDay>(`/calendar/days/${encodeURIComponent(day)}`, body);
}

/** Puts a day back to its default (seeded) value. */
export function resetCalendarDay(day: string): Promise<void> {
  return api.delete<void>(`/calendar/days/${encodeURIComponent(day)}`);
}
