import { caseTypeEntrySchema, caseTypeSchema, createCaseTypeSchema, updateCaseTypeSchema } from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { createCaseType, listCaseTypes, updateCaseType } from './case-type.service.ts';

const tags = ['cases'];

/** The case-type catalogue: read by everyone who records or counts cases, kept by a province-level administrator. */
export function registerCaseTypeRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/case-types',
    {
      schema: {
        tags,
        summary: 'The case-type catalogue in display order, retired types included',
        response: { 200: z.object({ items: z.array(caseTypeEntrySchema) }) },
      },
    },
    async (req) => ({ items: await listCaseTypes(deps, requireActor(req)) }),
  );
  r.post(
    '/api/v1/case-types',
    { schema: { tags, summary: 'Add a case type to the catalogue', body: createCaseTypeSchema, response: { 201: caseTypeEntrySchema } } },
    async (req, reply) => reply.status(201).send(await createCaseType(deps, requireActor(req), req.body)),
  );
  r.patch(
    '/api/v1/case-types/:code',
    {
      schema: {
        tags,
        summary: 'Rename, regroup (its cases move with it), change the article of, retire or restore a case type',
        params: z.strictObject({ code: caseTypeSchema }),
        body: updateCaseTypeSchema,
        response: { 200: caseTypeEntrySchema.extend({ movedCases: z.number().int().min(0) }) },
      },
    },
    (req) => updateCaseType(deps, requireActor(req), req.params.code, req.body),
  );
}
