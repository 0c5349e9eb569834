export { registerCalendarRoutes } from './calendar.routes.ts';
export { holidaysOf, type SeedHoliday, seedDaysOf } from './calendar.seed.ts';
export {
  ensureYearSeeded,
  listCalendar,
  loadWorkingDayPredicate,
  loadWorkingDayPredicateCached,
  reseedYear,
  resetCalendarDay,
  setCalendarDay,
} from './calendar.service.ts';
export { calendarDays, calendarYears } from './calendar.table.ts';
