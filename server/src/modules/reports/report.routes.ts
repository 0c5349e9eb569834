import { idParamSchema, periodicReportQuerySchema, periodicReportSchema, reportJobSchema } from '@binh-an/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor, sendDownload } from '../../platform/http.ts';
import { replicaDeps } from '../../platform/read-replica.ts';
import { downloadReportJob, getReportJob, periodicReport } from './report.service.ts';

const tags = ['reports'];

/** Where the request came from ("https://binhan.example.vn"), for the links printed in documents; a safe default else. */
function originOf(req: FastifyRequest): string {
  const origin = `${req.protocol}://${req.host}`;
  return /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin) || /^https?:\/\/\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(origin)
    ? origin
    : 'http://localhost';
}

/** The periodic report: on screen, as documents, and the background jobs that write the large ones. */
export function registerReportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The report on screen reads from the replica when there is one; documents (which may queue a job) from the primary.
  const reading = replicaDeps(deps);
  r.get(
    '/api/v1/reports/periodic',
    {
      schema: {
        tags,
        summary:
          'The periodic report of a unit over a period, with the same period a year before: JSON (default), or format=pdf|docx|xlsx ' +
          'as a download. A large document (many wards over a long period) answers 202 with a background job to follow.',
        querystring: periodicReportQuerySchema,
        response: { 200: periodicReportSchema, 202: reportJobSchema },
      },
    },
    async (req, reply) => {
      const onScreen = (req.query.format ?? 'json') === 'json';
      const result = await periodicReport(onScreen ? reading : deps, requireActor(req), req.query, originOf(req));
      if (result.kind === 'report') return result.report;
      if (result.kind === 'job') return reply.status(202).header('Location', `/api/v1/reports/jobs/${result.job.id}`).send(result.job);
      return sendDownload(reply, result.file, 'bao-cao');
    },
  );
  r.get(
    '/api/v1/reports/jobs/:id',
    {
      schema: {
        tags,
        summary: 'A background report of the caller: its progress, and its download once ready',
        params: idParamSchema,
        response: { 200: reportJobSchema },
      },
    },
    (req) => getReportJob(deps, requireActor(req), req.params.id),
  );
  r.get(
    '/api/v1/reports/jobs/:id/download',
    { schema: { tags, summary: 'Download a background report once it is ready (409 before; audited)', params: idParamSchema } },
    async (req, reply) => sendDownload(reply, await downloadReportJob(deps, requireActor(req), req.params.id), 'bao-cao'),
  );
}
