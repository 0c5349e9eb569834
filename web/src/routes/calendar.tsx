import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const CalendarPage = lazyRouteComponent(() => import('../modules/calendar/calendar-page.tsx'), 'CalendarPage');

export type CalendarSearch = { year?: number };

const yearOf = (value: unknown) => {
  const year = Number(optionalString(value));
  return Number.isInteger(year) && year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR ? year : undefined;
};

export const calendarRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/calendar',
  validateSearch: (search: Record<string, unknown>): CalendarSearch => ({ year: yearOf(search.year) }),
  component: () => (
    <RequirePermission action="calendar.read" titleKey="nav.calendar">
      <CalendarPage />
    </RequirePermission>
  ),
});
