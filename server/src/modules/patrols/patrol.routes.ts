import {
  addMemberSchema,
  calendarFeedSchema,
  checkpointParamsSchema,
  checkpointVisitInputSchema,
  closeTeamSchema,
  createRoundSchema,
  createRouteSchema,
  createScheduleSchema,
  createTeamSchema,
  exportRoundsQuerySchema,
  exportTeamsQuerySchema,
  idParamSchema,
  incidentInputSchema,
  incidentParamsSchema,
  leaveMemberSchema,
  listMembersQuerySchema,
  listRoundsQuerySchema,
  listRoutesQuerySchema,
  listSchedulesQuerySchema,
  listShiftsQuerySchema,
  listTeamsQuerySchema,
  memberSchema,
  patrolFiguresQuerySchema,
  patrolFiguresSchema,
  patrolMeSchema,
  rateSchema,
  ratingYearParamsSchema,
  replaceCheckpointsSchema,
  residenceCheckInputSchema,
  rosterMemberSchema,
  roundSchema,
  roundSummarySchema,
  routeSchema,
  scheduleSchema,
  shiftSchema,
  teamRatingsSchema,
  teamSchema,
  updateIncidentSchema,
  updateMemberSchema,
  updateRoundSchema,
  updateRouteSchema,
  updateScheduleSchema,
  updateShiftSchema,
  updateTeamSchema,
} from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requestLocale, requireActor, sendProblem } from '../../platform/http.ts';
import { type IdempotentRequest, readIdempotencyKey, sendIdempotent } from '../../platform/idempotency.ts';
import { type ExportFile, exportRounds, exportTeams } from './patrol.export.ts';
import { calendarFeed } from './patrol.ical.ts';
import { checkpointQr, qrSheetPdf } from './patrol.qr.ts';
import {
  addCheckpointVisits,
  addIncident,
  addResidenceCheck,
  createRound,
  getRound,
  handIncidentToPolice,
  listRounds,
  patrolFigures,
  updateIncident,
  updateRound,
} from './patrol.rounds.ts';
import {
  addMember,
  closeTeam,
  createCalendarFeed,
  createRoute,
  createSchedule,
  createTeam,
  getMe,
  getMember,
  getRoute,
  getSchedule,
  getTeam,
  getTeamRatings,
  leaveMember,
  listMembers,
  listRoster,
  listRoutes,
  listSchedules,
  listShifts,
  listTeams,
  rateMember,
  rateTeam,
  replaceCheckpoints,
  revokeCalendarFeed,
  updateMember,
  updateRoute,
  updateSchedule,
  updateShift,
  updateTeam,
} from './patrol.service.ts';

const tags = ['patrols'];
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The Idempotency-Key header, documented; other headers pass through untouched. */
const idempotencyHeader = (required: boolean) =>
  z.looseObject({
    'idempotency-key': z
      .string()
      .max(300)
      .optional()
      .describe(
        required
          ? 'Required. A key of the client per new record (a UUID). The same key with the same body replays the first answer (header Idempotent-Replayed: true); with another body: 422. Kept at least 7 days.'
          : 'Optional. When sent, the same key with the same body replays the first answer; with another body: 422.',
      ),
  });

/** The request as the idempotency keys see it. */
function idempotent(req: FastifyRequest): IdempotentRequest {
  return { key: readIdempotencyKey(req), method: req.method, route: req.routeOptions.url ?? req.url, body: req.body };
}

function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  if (file.truncated) reply.header('x-export-truncated', 'true');
  return reply
    .type(file.mime)
    .header('x-export-rows', String(file.rows))
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .send(file.bytes);
}

/** Teams and members, routes and checkpoints, schedules and shifts, the patrol log and its figures; the shift calendar feed. */
export function registerPatrolRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/patrols';

  r.get(
    `${base}/me`,
    { schema: { tags, summary: 'The teams the caller serves in, and what they may do', response: { 200: patrolMeSchema } } },
    (req) => getMe(deps, requireActor(req)),
  );

  /* ---------- teams ---------- */
  r.get(
    `${base}/teams`,
    {
      schema: {
        tags,
        summary: 'Teams by name (keyset paging); a civil guard or block leader sees only their own',
        querystring: listTeamsQuerySchema,
        response: { 200: page(teamSchema) },
      },
    },
    (req) => listTeams(deps, requireActor(req), req.query),
  );
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(
      `${base}/teams/export.${format}`,
      {
        schema: {
          tags,
          summary: `The teams as .${format} (the list's filters, at most 10 000, no contacts; audited)`,
          querystring: exportTeamsQuerySchema,
        },
      },
      async (req, reply) => sendFile(reply, await exportTeams(deps, requireActor(req), req.query, format, requestLocale(req))),
    );
  }
  r.post(
    `${base}/teams`,
    { schema: { tags, summary: 'Set up a team', body: createTeamSchema, response: { 201: teamSchema } } },
    async (req, reply) => reply.status(201).send(await createTeam(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/teams/:id`, { schema: { tags, summary: 'One team', params: idParamSchema, response: { 200: teamSchema } } }, (req) =>
    getTeam(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/teams/:id`,
    {
      schema: {
        tags,
        summary: "Change a team's name, area, dates or notes",
        params: idParamSchema,
        body: updateTeamSchema,
        response: { 200: teamSchema },
      },
    },
    (req) => updateTeam(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/teams/:id/close`,
    {
      schema: {
        tags,
        summary: 'Close a team on a day; its members leave then',
        params: idParamSchema,
        body: closeTeamSchema,
        response: { 200: teamSchema },
      },
    },
    (req) => closeTeam(deps, requireActor(req), req.params.id, req.body),
  );
  r.get(
    `${base}/teams/:id/members`,
    {
      schema: {
        tags,
        summary: "A team's members with contacts (audited)",
        params: idParamSchema,
        querystring: listMembersQuerySchema,
        response: { 200: items(memberSchema) },
      },
    },
    (req) => listMembers(deps, requireActor(req), req.params.id, req.query.includeLeft === 'true'),
  );
  r.get(
    `${base}/teams/:id/roster`,
    {
      schema: {
        tags,
        summary: "A team's roster for picking members: names, roles and whether they still serve, no contacts",
        params: idParamSchema,
        querystring: listMembersQuerySchema,
        response: { 200: items(rosterMemberSchema) },
      },
    },
    (req) => listRoster(deps, requireActor(req), req.params.id, req.query.includeLeft === 'true'),
  );
  r.post(
    `${base}/teams/:id/members`,
    {
      schema: {
        tags,
        summary: 'Add a member (age 18–70 checked for a Tổ bảo vệ ANTT, Luật 2023 Art. 13)',
        params: idParamSchema,
        body: addMemberSchema,
        response: { 201: memberSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addMember(deps, requireActor(req), req.params.id, req.body)),
  );
  r.get(
    `${base}/teams/:id/ratings/:year`,
    {
      schema: {
        tags,
        summary: "A team's and its members' ratings for a year (15/11 → 14/11), with the ward's quota",
        params: ratingYearParamsSchema,
        response: { 200: teamRatingsSchema },
      },
    },
    (req) => getTeamRatings(deps, requireActor(req), req.params.id, req.params.year),
  );
  r.put(
    `${base}/teams/:id/ratings/:year`,
    {
      schema: {
        tags,
        summary: 'Rate a team for a year',
        params: ratingYearParamsSchema,
        body: rateSchema,
        response: { 200: teamRatingsSchema },
      },
    },
    (req) => rateTeam(deps, requireActor(req), req.params.id, req.params.year, req.body),
  );

  /* ---------- members ---------- */
  r.get(
    `${base}/members/:id`,
    { schema: { tags, summary: 'One member with contacts (audited)', params: idParamSchema, response: { 200: memberSchema } } },
    (req) => getMember(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/members/:id`,
    { schema: { tags, summary: 'Change a member', params: idParamSchema, body: updateMemberSchema, response: { 200: memberSchema } } },
    (req) => updateMember(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/members/:id/leave`,
    {
      schema: {
        tags,
        summary: 'A member leaves the team on a day',
        params: idParamSchema,
        body: leaveMemberSchema,
        response: { 200: memberSchema },
      },
    },
    (req) => leaveMember(deps, requireActor(req), req.params.id, req.body),
  );
  r.put(
    `${base}/members/:id/ratings/:year`,
    {
      schema: {
        tags,
        summary: 'Rate a member for a year',
        params: ratingYearParamsSchema,
        body: rateSchema,
        response: { 200: teamRatingsSchema },
      },
    },
    (req) => rateMember(deps, requireActor(req), req.params.id, req.params.year, req.body),
  );
  r.post(
    `${base}/members/:id/calendar-feed`,
    {
      schema: {
        tags,
        summary: "Open a new secret calendar feed of the member's shifts (the address is shown once; an earlier one stops)",
        params: idParamSchema,
        response: { 201: calendarFeedSchema },
      },
    },
    async (req, reply) => {
      const feed = await createCalendarFeed(deps, requireActor(req), req.params.id);
      const path = `/ical/${feed.token}.ics`;
      return reply
        .status(201)
        .send({ url: `${req.protocol}://${req.host}${path}`, webcalUrl: `webcal://${req.host}${path}`, createdAt: feed.createdAt });
    },
  );
  r.delete(
    `${base}/members/:id/calendar-feed`,
    { schema: { tags, summary: "Stop the member's calendar feed", params: idParamSchema } },
    async (req, reply) => {
      await revokeCalendarFeed(deps, requireActor(req), req.params.id);
      return reply.status(204).send();
    },
  );

  /* ---------- routes and checkpoints ---------- */
  r.get(
    `${base}/routes`,
    {
      schema: {
        tags,
        summary: 'Routes with their checkpoints in walking order',
        querystring: listRoutesQuerySchema,
        response: { 200: items(routeSchema) },
      },
    },
    (req) => listRoutes(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}/routes`,
    { schema: { tags, summary: 'Make a route of ordered checkpoints', body: createRouteSchema, response: { 201: routeSchema } } },
    async (req, reply) => reply.status(201).send(await createRoute(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/routes/:id`, { schema: { tags, summary: 'One route', params: idParamSchema, response: { 200: routeSchema } } }, (req) =>
    getRoute(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/routes/:id`,
    {
      schema: {
        tags,
        summary: "Change a route's name, team, description or use",
        params: idParamSchema,
        body: updateRouteSchema,
        response: { 200: routeSchema },
      },
    },
    (req) => updateRoute(deps, requireActor(req), req.params.id, req.body),
  );
  r.put(
    `${base}/routes/:id/checkpoints`,
    {
      schema: {
        tags,
        summary: "Set a route's checkpoints in order (kept by id, added without, the others retired)",
        params: idParamSchema,
        body: replaceCheckpointsSchema,
        response: { 200: routeSchema },
      },
    },
    (req) => replaceCheckpoints(deps, requireActor(req), req.params.id, req.body),
  );
  r.get(
    `${base}/routes/:id/qr-sheet.pdf`,
    {
      schema: {
        tags,
        summary: "A printable A4 sheet of the route's checkpoint QR codes (audited)",
        params: idParamSchema,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const file = await qrSheetPdf(deps, requireActor(req), req.params.id, requestLocale(req));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${file.filename}"`).send(file.bytes);
    },
  );
  for (const format of ['svg', 'png'] as const) {
    r.get(
      `${base}/routes/:id/checkpoints/:checkpointId/qr.${format}`,
      {
        schema: {
          tags,
          summary: `One checkpoint's QR code as ${format.toUpperCase()} (audited)`,
          params: checkpointParamsSchema,
          produces: [format === 'svg' ? 'image/svg+xml' : 'image/png'],
        },
      },
      async (req, reply) => {
        const qr = await checkpointQr(deps, requireActor(req), req.params.id, req.params.checkpointId, format);
        return reply.type(qr.mime).send(qr.bytes);
      },
    );
  }

  /* ---------- schedules and shifts ---------- */
  r.get(
    `${base}/schedules`,
    { schema: { tags, summary: 'Shift schedules', querystring: listSchedulesQuerySchema, response: { 200: items(scheduleSchema) } } },
    (req) => listSchedules(deps, requireActor(req), req.query.teamId),
  );
  r.post(
    `${base}/schedules`,
    {
      schema: {
        tags,
        summary: 'Make a weekly or monthly schedule and the shifts it falls on (at most 366 days)',
        body: createScheduleSchema,
        response: { 201: scheduleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createSchedule(deps, requireActor(req), req.body)),
  );
  r.get(
    `${base}/schedules/:id`,
    { schema: { tags, summary: 'One schedule', params: idParamSchema, response: { 200: scheduleSchema } } },
    (req) => getSchedule(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/schedules/:id`,
    {
      schema: {
        tags,
        summary: 'Change a schedule; its shifts from now on are made again',
        params: idParamSchema,
        body: updateScheduleSchema,
        response: { 200: scheduleSchema },
      },
    },
    (req) => updateSchedule(deps, requireActor(req), req.params.id, req.body),
  );
  r.get(
    `${base}/shifts`,
    {
      schema: {
        tags,
        summary: 'Shifts starting in a period (at most 92 days), of a team, a member or the caller',
        querystring: listShiftsQuerySchema,
        response: { 200: items(shiftSchema) },
      },
    },
    (req) => listShifts(deps, requireActor(req), req.query),
  );
  r.patch(
    `${base}/shifts/:id`,
    {
      schema: {
        tags,
        summary: "Change a shift's members, route, cancellation or note",
        params: idParamSchema,
        body: updateShiftSchema,
        response: { 200: shiftSchema },
      },
    },
    (req) => updateShift(deps, requireActor(req), req.params.id, req.body),
  );

  /* ---------- the patrol log ---------- */
  r.get(
    `${base}/rounds`,
    {
      schema: {
        tags,
        summary: 'The patrol log, newest first (keyset paging); a civil guard or block leader sees only their teams',
        querystring: listRoundsQuerySchema,
        response: { 200: page(roundSummarySchema) },
      },
    },
    (req) => listRounds(deps, requireActor(req), req.query),
  );
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(
      `${base}/rounds/export.${format}`,
      {
        schema: {
          tags,
          summary: `The patrol log as .${format} (the list's filters, at most 10 000 rounds, counts only; audited)`,
          querystring: exportRoundsQuerySchema,
        },
      },
      async (req, reply) => sendFile(reply, await exportRounds(deps, requireActor(req), req.query, format, requestLocale(req))),
    );
  }
  r.post(
    `${base}/rounds`,
    {
      schema: {
        tags,
        summary:
          "Record a round, whole (the phone's sync): requires an Idempotency-Key; a resend replays the first answer, exactly one round is kept",
        headers: idempotencyHeader(true),
        body: createRoundSchema,
        response: { 201: roundSchema },
      },
    },
    async (req, reply) => sendIdempotent(reply, await createRound(deps, requireActor(req), req.body, idempotent(req))),
  );
  r.get(
    `${base}/rounds/:id`,
    { schema: { tags, summary: 'One round (audited)', params: idParamSchema, response: { 200: roundSchema } } },
    (req) => getRound(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/rounds/:id`,
    {
      schema: {
        tags,
        summary: "Change a round's times, route, participants or note",
        params: idParamSchema,
        body: updateRoundSchema,
        response: { 200: roundSchema },
      },
    },
    (req) => updateRound(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/rounds/:id/checkpoints`,
    {
      schema: {
        tags,
        summary: 'Add checkpoints reached (QR, tap or GPS)',
        params: idParamSchema,
        headers: idempotencyHeader(false),
        body: z.strictObject({ checkpoints: z.array(checkpointVisitInputSchema).min(1).max(200) }),
        response: { 200: roundSchema },
      },
    },
    async (req, reply) =>
      sendIdempotent(reply, await addCheckpointVisits(deps, requireActor(req), req.params.id, req.body.checkpoints, idempotent(req))),
  );
  r.post(
    `${base}/rounds/:id/residence-checks`,
    {
      schema: {
        tags,
        summary: 'Add a residence check and its findings',
        params: idParamSchema,
        headers: idempotencyHeader(false),
        body: residenceCheckInputSchema,
        response: { 200: roundSchema },
      },
    },
    async (req, reply) => sendIdempotent(reply, await addResidenceCheck(deps, requireActor(req), req.params.id, req.body, idempotent(req))),
  );
  r.post(
    `${base}/rounds/:id/incidents`,
    {
      schema: {
        tags,
        summary: 'Add an incident met on the round (handed to the police: a case is recorded)',
        params: idParamSchema,
        headers: idempotencyHeader(false),
        body: incidentInputSchema,
        response: { 200: roundSchema },
      },
    },
    async (req, reply) => sendIdempotent(reply, await addIncident(deps, requireActor(req), req.params.id, req.body, idempotent(req))),
  );
  r.patch(
    `${base}/rounds/:id/incidents/:incidentId`,
    {
      schema: {
        tags,
        summary: "Change an incident's type, description or handling",
        params: incidentParamsSchema,
        body: updateIncidentSchema,
        response: { 200: roundSchema },
      },
    },
    (req) => updateIncident(deps, requireActor(req), req.params.id, req.params.incidentId, req.body),
  );
  r.post(
    `${base}/rounds/:id/incidents/:incidentId/hand-to-police`,
    {
      schema: {
        tags,
        summary: 'Hand an incident to the ward police: a case is recorded in the register (once)',
        params: incidentParamsSchema,
        headers: idempotencyHeader(false),
        response: { 200: roundSchema },
      },
    },
    async (req, reply) =>
      sendIdempotent(reply, await handIncidentToPolice(deps, requireActor(req), req.params.id, req.params.incidentId, idempotent(req))),
  );

  /* ---------- figures ---------- */
  r.get(
    `${base}/figures`,
    {
      schema: {
        tags,
        summary: 'Rounds, turns, hours, incidents, residence checks and block coverage of a unit over a period (counts only)',
        querystring: patrolFiguresQuerySchema,
        response: { 200: patrolFiguresSchema },
      },
    },
    (req) => patrolFigures(deps, requireActor(req), req.query),
  );

  /* ---------- the calendar feed (no account: the URL's token is the credential) ---------- */
  r.get(
    '/ical/:file',
    {
      // The token is in the path: this route is never logged.
      logLevel: 'silent',
      schema: {
        tags,
        summary: "A member's shifts as iCalendar (RFC 5545), at the secret address POST …/calendar-feed answered",
        params: z.strictObject({ file: z.string().max(100) }),
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const file = req.params.file;
      const body = file.endsWith('.ics') ? await calendarFeed(deps, file.slice(0, -4)) : null;
      if (body === null) return sendProblem(req, reply, 'notFound');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="ca-tuan-tra.ics"')
        .send(body);
    },
  );
}
