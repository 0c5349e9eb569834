import {
  appraiseCycleSchema,
  certificationYearQuerySchema,
  classifySchema,
  classThresholdsSchema,
  createAwardSchema,
  createModelSchema,
  decideAwardSchema,
  decideCycleSchema,
  dossierQuerySchema,
  idParamSchema,
  listAwardsQuerySchema,
  listModelsQuerySchema,
  provinceCriterionInputSchema,
  provinceCriterionUpdateSchema,
  registerCycleSchema,
  selfAssessmentSchema,
  submitCycleSchema,
  updateModelSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requestLocale, requireActor } from '../../platform/http.ts';
import { createProvinceCriterion, getProvinceRules, setThresholds, updateProvinceCriterion } from './certification.province.ts';
import {
  appraiseCycle,
  classifyCycle,
  createModel,
  decideAward,
  decideCycle,
  exportAwards,
  exportCertificate,
  exportCycles,
  exportDossier,
  exportModels,
  getCycle,
  listAwards,
  listCycles,
  listModels,
  proposeAward,
  registerCycle,
  selfAssess,
  submitCycle,
  updateModel,
} from './certification.service.ts';

const tags = ['certification'];
const wardQuery = { ward: z.uuid({ message: 'validation.id' }).optional() };

/** The "An toàn về ANTT" recognition year by year, the unit's dossier and its steps, movement models and awards. */
export function registerCertificationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/certification';

  r.get(
    `${base}/cycles`,
    {
      schema: {
        tags,
        summary: 'A ward’s units for a year: eligibility with the reason, stage, outcome, and the ward rule (Art. 5.4)',
        querystring: certificationYearQuerySchema.extend(wardQuery),
      },
    },
    (req) => listCycles(deps, requireActor(req), req.query),
  );
  r.get(
    `${base}/cycles.xlsx`,
    {
      schema: {
        tags,
        summary: 'A ward’s year as an Excel workbook (audited)',
        querystring: certificationYearQuerySchema.extend(wardQuery),
      },
    },
    async (req, reply) => {
      const file = await exportCycles(deps, requireActor(req), req.query, requestLocale(req));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('x-export-rows', String(file.rows))
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );
  r.post(
    `${base}/cycles`,
    { schema: { tags, summary: 'Register a unit for a year (Q1)', body: registerCycleSchema } },
    async (req, reply) => reply.status(201).send(await registerCycle(deps, requireActor(req), req.body, requestLocale(req))),
  );
  r.get(
    `${base}/cycles/:id`,
    { schema: { tags, summary: 'A unit’s year: criteria with live figures, steps', params: idParamSchema } },
    (req) => getCycle(deps, requireActor(req), req.params.id, requestLocale(req)),
  );
  r.post(
    `${base}/cycles/:id/self-assessment`,
    { schema: { tags, summary: 'The self-assessment meeting (Art. 9.1)', params: idParamSchema, body: selfAssessmentSchema } },
    (req) => selfAssess(deps, requireActor(req), req.params.id, req.body, requestLocale(req)),
  );
  r.post(
    `${base}/cycles/:id/submit`,
    { schema: { tags, summary: 'Send the dossier (Art. 9.2.b)', params: idParamSchema, body: submitCycleSchema } },
    (req) => submitCycle(deps, requireActor(req), req.params.id, req.body, requestLocale(req)),
  );
  r.post(
    `${base}/cycles/:id/appraisal`,
    { schema: { tags, summary: 'The ward’s appraisal', params: idParamSchema, body: appraiseCycleSchema } },
    (req) => appraiseCycle(deps, requireActor(req), req.params.id, req.body, requestLocale(req)),
  );
  r.post(
    `${base}/cycles/:id/decision`,
    { schema: { tags, summary: 'The decision: đạt / chưa đạt (Art. 9–10)', params: idParamSchema, body: decideCycleSchema } },
    (req) => decideCycle(deps, requireActor(req), req.params.id, req.body, requestLocale(req)),
  );
  r.post(
    `${base}/cycles/:id/classification`,
    { schema: { tags, summary: 'The movement classification sheet (QĐ 510/2022)', params: idParamSchema, body: classifySchema } },
    (req) => classifyCycle(deps, requireActor(req), req.params.id, req.body, requestLocale(req)),
  );
  r.get(
    `${base}/cycles/:id/dossier`,
    {
      schema: {
        tags,
        summary: 'The dossier: request, minutes, results report (PDF, DOCX)',
        params: idParamSchema,
        querystring: dossierQuerySchema,
      },
    },
    async (req, reply) => {
      const file = await exportDossier(deps, requireActor(req), req.params.id, req.query, requestLocale(req));
      return reply.type(file.mime).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
    },
  );

  r.get(
    `${base}/cycles/:id/certificate`,
    { schema: { tags, summary: 'The certificate of a recognised unit (PDF; audited)', params: idParamSchema } },
    async (req, reply) => {
      const file = await exportCertificate(deps, requireActor(req), req.params.id, requestLocale(req));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
    },
  );
  r.get(
    `${base}/models.xlsx`,
    { schema: { tags, summary: 'The models, searched and filtered, as an Excel workbook (audited)', querystring: listModelsQuerySchema } },
    async (req, reply) => {
      const file = await exportModels(deps, requireActor(req), req.query, requestLocale(req));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('x-export-rows', String(file.rows))
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );
  r.get(`${base}/models`, { schema: { tags, summary: 'Movement models', querystring: listModelsQuerySchema } }, (req) =>
    listModels(deps, requireActor(req), req.query),
  );
  r.post(`${base}/models`, { schema: { tags, summary: 'Add a movement model', body: createModelSchema } }, async (req, reply) =>
    reply.status(201).send(await createModel(deps, requireActor(req), req.body)),
  );
  r.patch(
    `${base}/models/:id`,
    { schema: { tags, summary: 'Change a model: activities, effect, replication, end', params: idParamSchema, body: updateModelSchema } },
    (req) => updateModel(deps, requireActor(req), req.params.id, req.body),
  );

  r.get(
    `${base}/awards.xlsx`,
    { schema: { tags, summary: 'The awards, searched and filtered, as an Excel workbook (audited)', querystring: listAwardsQuerySchema } },
    async (req, reply) => {
      const file = await exportAwards(deps, requireActor(req), req.query, requestLocale(req));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('x-export-rows', String(file.rows))
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );
  r.get(`${base}/awards`, { schema: { tags, summary: 'The ward’s awards and proposals', querystring: listAwardsQuerySchema } }, (req) =>
    listAwards(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}/awards`,
    { schema: { tags, summary: 'Propose an award (TT 12/2019 Art. 2 checked)', body: createAwardSchema } },
    async (req, reply) => reply.status(201).send(await proposeAward(deps, requireActor(req), req.body)),
  );
  r.post(
    `${base}/awards/:id/decision`,
    { schema: { tags, summary: 'Decide a proposed award', params: idParamSchema, body: decideAwardSchema } },
    (req) => decideAward(deps, requireActor(req), req.params.id, req.body),
  );
  /* A province's own criteria (TT 124/2021 Art. 8.1) and class thresholds (QĐ 510/2022), kept at province level. */
  r.get(`${base}/province-rules`, { schema: { tags, summary: 'The province’s own criteria and class thresholds' } }, (req) =>
    getProvinceRules(deps, requireActor(req)),
  );
  r.post(
    `${base}/province-criteria`,
    {
      schema: {
        tags,
        summary: 'Add a province criterion, with its article, unit types, evidence and years',
        body: provinceCriterionInputSchema,
      },
    },
    async (req, reply) => reply.status(201).send(await createProvinceCriterion(deps, requireActor(req), req.body)),
  );
  r.patch(
    `${base}/province-criteria/:id`,
    {
      schema: {
        tags,
        summary: 'Change a province criterion or end it with a last year',
        params: idParamSchema,
        body: provinceCriterionUpdateSchema,
      },
    },
    (req) => updateProvinceCriterion(deps, requireActor(req), req.params.id, req.body),
  );
  r.put(
    `${base}/class-thresholds`,
    { schema: { tags, summary: 'Set the least points of each class of the movement', body: classThresholdsSchema } },
    (req) => setThresholds(deps, requireActor(req), req.body),
  );
}
