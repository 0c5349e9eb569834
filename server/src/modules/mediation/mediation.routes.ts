import {
  addMediatorSchema,
  createMediationCaseSchema,
  createMediationTeamSchema,
  handToPoliceSchema,
  idParamSchema,
  leaveMediatorSchema,
  listMediationCasesQuerySchema,
  listMediationTeamsQuerySchema,
  mediationBlockFiguresSchema,
  mediationBookQuerySchema,
  mediationFiguresQuerySchema,
  mediationFollowUpSchema,
  mediationFromTipSchema,
  mediationResultInputSchema,
  mediationRiskInputSchema,
  mediationSessionSchema,
  REPORT_MAX_DAYS,
  updateMediationPartiesSchema,
  updateMediationTeamSchema,
  updateMediatorSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requestLocale, requireActor } from '../../platform/http.ts';
import { mediationFigures } from './mediation.figures.ts';
import {
  addFollowUp,
  addMediator,
  addSession,
  createCase,
  createCaseFromTip,
  createTeam,
  exportBook,
  getCase,
  getTeam,
  handToPolice,
  leaveMediator,
  listCases,
  listNotifications,
  listTeams,
  listTipsToMediate,
  markNotification,
  recordResult,
  setRisk,
  settlementRecord,
  updateMediator,
  updateParties,
  updateTeam,
} from './mediation.service.ts';

const tags = ['mediation'];
/** The period of the figures: both days inclusive, in order, at most ten years (as the report's). */
const figuresQuery = mediationFiguresQuerySchema
  .refine((v) => v.from <= v.to, { message: 'reports.periodInverted', path: ['to'] })
  .refine((v) => v.from > v.to || Date.parse(v.to) - Date.parse(v.from) < REPORT_MAX_DAYS * 86_400_000, {
    message: 'reports.periodTooLong',
    path: ['to'],
  });
const memberParams = z.strictObject({ id: z.uuid({ message: 'validation.id' }), memberId: z.uuid({ message: 'validation.id' }) });

/** Mediation teams and mediators, the mediation book, the book's documents, and the ward police's notifications. */
export function registerMediationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/mediation';

  /* ---------- teams ---------- */
  r.get(
    `${base}/teams`,
    {
      schema: {
        tags,
        summary: 'Teams with mediators, composition warnings and recognition clocks',
        querystring: listMediationTeamsQuerySchema,
      },
    },
    (req) => listTeams(deps, requireActor(req), req.query),
  );
  r.post(`${base}/teams`, { schema: { tags, summary: 'Set up a team for a block', body: createMediationTeamSchema } }, async (req, reply) =>
    reply.status(201).send(await createTeam(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/teams/:id`, { schema: { tags, summary: 'One team', params: idParamSchema } }, (req) =>
    getTeam(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/teams/:id`,
    { schema: { tags, summary: 'Change a team', params: idParamSchema, body: updateMediationTeamSchema } },
    (req) => updateTeam(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/teams/:id/members`,
    { schema: { tags, summary: 'Add a mediator or the team leader', params: idParamSchema, body: addMediatorSchema } },
    async (req, reply) => reply.status(201).send(await addMediator(deps, requireActor(req), req.params.id, req.body)),
  );
  r.patch(
    `${base}/teams/:id/members/:memberId`,
    { schema: { tags, summary: 'Recognition, training or role of a mediator', params: memberParams, body: updateMediatorSchema } },
    (req) => updateMediator(deps, requireActor(req), req.params.id, req.params.memberId, req.body),
  );
  r.post(
    `${base}/teams/:id/members/:memberId/leave`,
    { schema: { tags, summary: 'A mediator leaves the role', params: memberParams, body: leaveMediatorSchema } },
    (req) => leaveMediator(deps, requireActor(req), req.params.id, req.params.memberId, req.body),
  );

  /* ---------- the book ---------- */
  r.get(
    `${base}/cases`,
    {
      schema: {
        tags,
        summary: 'The book (keyset paging); the ward police see its escalations only',
        querystring: listMediationCasesQuerySchema,
      },
    },
    (req) => listCases(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}/cases`,
    { schema: { tags, summary: 'Record a case, screened at intake (Art. 3.1)', body: createMediationCaseSchema } },
    async (req, reply) => reply.status(201).send(await createCase(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/tips`, { schema: { tags, summary: 'Tips classified as a dispute for mediation, not yet sent' } }, (req) =>
    listTipsToMediate(deps, requireActor(req)),
  );
  r.post(
    `${base}/cases/from-tip`,
    { schema: { tags, summary: 'Send a tip classified as a dispute to its block’s book', body: mediationFromTipSchema } },
    async (req, reply) => reply.status(201).send(await createCaseFromTip(deps, requireActor(req), req.body.tipId, req.body.teamId)),
  );
  r.get(
    `${base}/book`,
    {
      schema: {
        tags,
        summary: 'The book of a block for a year in its own layout (PDF, DOCX, XLSX)',
        querystring: mediationBookQuerySchema,
      },
    },
    async (req, reply) => {
      const file = await exportBook(deps, requireActor(req), req.query, requestLocale(req));
      return reply
        .type(file.mime)
        .header('x-export-rows', String(file.rows))
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );
  r.get(
    `${base}/figures`,
    {
      schema: {
        tags,
        summary: 'Cases received and results of each block of a unit over a period, most cases first (counts only)',
        querystring: figuresQuery,
        response: { 200: mediationBlockFiguresSchema },
      },
    },
    (req) => mediationFigures(deps, requireActor(req), req.query),
  );
  r.get(`${base}/cases/:id`, { schema: { tags, summary: 'One case (audited read)', params: idParamSchema } }, (req) =>
    getCase(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/cases/:id`,
    {
      schema: {
        tags,
        summary: 'Correct the parties and the invitees of a recorded case',
        params: idParamSchema,
        body: updateMediationPartiesSchema,
      },
    },
    (req) => updateParties(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/cases/:id/sessions`,
    { schema: { tags, summary: 'Record a session', params: idParamSchema, body: mediationSessionSchema } },
    (req) => addSession(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/cases/:id/result`,
    { schema: { tags, summary: 'Record the result (Art. 23)', params: idParamSchema, body: mediationResultInputSchema } },
    (req) => recordResult(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/cases/:id/follow-ups`,
    { schema: { tags, summary: 'Follow-up of a settlement (Art. 26)', params: idParamSchema, body: mediationFollowUpSchema } },
    (req) => addFollowUp(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/cases/:id/risk`,
    { schema: { tags, summary: 'Mark or clear a risk', params: idParamSchema, body: mediationRiskInputSchema } },
    (req) => setRisk(deps, requireActor(req), req.params.id, req.body.risk, req.body.note),
  );
  r.post(
    `${base}/cases/:id/hand-to-police`,
    { schema: { tags, summary: 'Hand the case to the ward police as a case draft', params: idParamSchema, body: handToPoliceSchema } },
    (req) => handToPolice(deps, requireActor(req), req.params.id, req.body.note),
  );
  r.get(
    `${base}/cases/:id/settlement.pdf`,
    { schema: { tags, summary: 'The written settlement record (Art. 24)', params: idParamSchema } },
    async (req, reply) => {
      const file = await settlementRecord(deps, requireActor(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
    },
  );

  /* ---------- notifications ---------- */
  r.get(
    `${base}/notifications`,
    {
      schema: {
        tags,
        summary: 'The ward police’s notifications of escalations',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional() }),
      },
    },
    (req) => listNotifications(deps, requireActor(req), req.query.unread === 'true'),
  );
  r.post(`${base}/notifications/:id/read`, { schema: { tags, summary: 'Mark a notification read', params: idParamSchema } }, (req) =>
    markNotification(deps, requireActor(req), req.params.id),
  );
}
