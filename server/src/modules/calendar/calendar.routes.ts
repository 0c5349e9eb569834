import { calendarDayParamSchema, calendarDaySchema, calendarQuerySchema, calendarYearSchema, setCalendarDaySchema } from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { vnToday } from '../../platform/time.ts';
import { listCalendar, resetCalendarDay, setCalendarDay } from './calendar.service.ts';

const tags = ['calendar'];

/** The working-day calendar: the exception days of a year, and the administrator's edits. */
export function registerCalendarRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/api/v1/calendar',
    {
      schema: {
        tags,
        summary: 'The exception days of a year (weekdays are working days and weekends rest days unless listed)',
        querystring: calendarQuerySchema,
        response: { 200: calendarYearSchema },
      },
    },
    (req) => listCalendar(db, requireActor(req), req.query.year ?? Number(vnToday(deps.clock()).slice(0, 4))),
  );

  r.put(
    '/api/v1/calendar/days/:day',
    {
      schema: {
        tags,
        summary: 'Mark a day as a working day or a rest day',
        params: calendarDayParamSchema,
        body: setCalendarDaySchema,
        response: { 200: calendarDaySchema },
      },
    },
    (req) => setCalendarDay(db, requireActor(req), req.params.day, req.body),
  );

  r.delete(
    '/api/v1/calendar/days/:day',
    {
      schema: { tags, summary: 'Put a day back to its seeded value', params: calendarDayParamSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await resetCalendarDay(db, requireActor(req), req.params.day);
      return reply.status(204).send(null);
    },
  );
}
