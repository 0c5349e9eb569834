import {
  casePersonSchema,
  caseSchema,
  caseSummarySchema,
  createCaseSchema,
  idParamSchema,
  listCasesQuerySchema,
  moveCaseSchema,
  reportSummaryQuerySchema,
  reportSummarySchema,
  seizureSchema,
  updateCaseSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import {
  addCasePerson,
  addSeizure,
  createCase,
  getCase,
  linkCaseTip,
  listCases,
  moveCase,
  reportSummary,
  revealIdNumber,
  updateCase,
} from './case.service.ts';
import { registerCaseTypeRoutes } from './case-type.routes.ts';
import { registerRehabRoutes } from './rehab.routes.ts';

const tags = ['cases'];

/** The case register and the summary figures every report is built on. */
export function registerCaseRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerRehabRoutes(app, deps);
  registerCaseTypeRoutes(app, deps);

  r.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: 'The case register, newest first (keyset paging)',
        querystring: listCasesQuerySchema,
        response: { 200: z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => listCases(deps, requireActor(req), req.query),
  );
  r.post(
    '/api/v1/cases',
    { schema: { tags, summary: 'Record a case', body: createCaseSchema, response: { 201: caseSchema } } },
    async (req, reply) => reply.status(201).send(await createCase(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/cases/:id',
    {
      schema: { tags, summary: 'One case (ID numbers masked; the read is audited)', params: idParamSchema, response: { 200: caseSchema } },
    },
    (req) => getCase(deps, requireActor(req), req.params.id),
  );
  r.patch(
    '/api/v1/cases/:id',
    {
      schema: {
        tags,
        summary: "Correct a case's facts (the status moves through /move; the change is audited)",
        params: idParamSchema,
        body: updateCaseSchema,
        response: { 200: caseSchema },
      },
    },
    (req) => updateCase(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/cases/:id/move',
    { schema: { tags, summary: "Change a case's status", params: idParamSchema, body: moveCaseSchema, response: { 200: caseSchema } } },
    (req) => moveCase(deps, requireActor(req), req.params.id, req.body.to),
  );
  r.post(
    '/api/v1/cases/:id/people',
    {
      schema: {
        tags,
        summary: 'Add a suspect, victim or witness',
        params: idParamSchema,
        body: casePersonSchema,
        response: { 200: caseSchema },
      },
    },
    (req) => addCasePerson(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/cases/:id/seizures',
    { schema: { tags, summary: 'Add a seized item', params: idParamSchema, body: seizureSchema, response: { 200: caseSchema } } },
    (req) => addSeizure(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/cases/:id/tips',
    {
      schema: {
        tags,
        summary: 'Link a tip that led to or helped the case',
        params: idParamSchema,
        body: z.strictObject({ tipId: z.uuid({ message: 'validation.id' }) }),
        response: { 200: caseSchema },
      },
    },
    (req) => linkCaseTip(deps, requireActor(req), req.params.id, req.body.tipId),
  );
  r.get(
    '/api/v1/cases/:id/people/:personId/id-number',
    {
      schema: {
        tags,
        summary: "A person's full ID number (audited)",
        params: z.strictObject({ id: z.uuid({ message: 'validation.id' }), personId: z.uuid({ message: 'validation.id' }) }),
        response: { 200: z.object({ idNumber: z.string().nullable() }) },
      },
    },
    (req) => revealIdNumber(deps, requireActor(req), req.params.id, req.params.personId),
  );
  r.get(
    '/api/v1/reports/summary',
    {
      schema: {
        tags: ['reports'],
        summary: 'Figures of a unit and its sub-units over a period (counts only)',
        querystring: reportSummaryQuerySchema,
        response: { 200: reportSummarySchema },
      },
    },
    (req) => reportSummary(deps, requireActor(req), req.query.unit, req.query.from, req.query.to),
  );
}
