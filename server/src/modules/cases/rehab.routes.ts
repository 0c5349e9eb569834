import {
  createRehabDossierSchema,
  exportRehabDossiersQuerySchema,
  idParamSchema,
  listRehabDossiersQuerySchema,
  moveRehabDossierSchema,
  rehabAttachmentKindSchema,
  rehabDossierSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { requireActor, sendDownload, validateWith } from '../../platform/http.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { exportRehabDossiers, XLSX_MIME } from './rehab.export.ts';
import {
  attachRehabDocument,
  createRehabDossier,
  downloadRehabDocument,
  getRehabDossier,
  listRehabDossiers,
  moveRehabDossier,
} from './rehab.service.ts';

const tags = ['rehab dossiers'];

/** Dossiers for compulsory drug rehabilitation. */
export function registerRehabRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/rehab-dossiers',
    {
      schema: {
        tags,
        summary:
          'Rehab dossiers: search by name (with or without diacritics) or number, status and period filters, ' +
          'ordered by day found (newest first), name or step, paged by keyset (the read is audited)',
        querystring: listRehabDossiersQuerySchema,
        response: {
          200: z.object({
            items: z.array(rehabDossierSchema),
            /** The id of the last dossier of this page, to pass as `cursor` for the next; null on the last page. */
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    (req) => listRehabDossiers(deps, requireActor(req), req.query),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(
      `/api/v1/rehab-dossiers/export.${format}`,
      {
        schema: {
          tags,
          summary: `The dossiers matching the list's filters, in its order, as ${format === 'csv' ? 'CSV (UTF-8)' : '.xlsx'} (at most 10 000, no ID numbers; audited)`,
          querystring: exportRehabDossiersQuerySchema,
          produces: [format === 'csv' ? 'text/csv' : XLSX_MIME],
        },
      },
      async (req, reply) => {
        const file = await exportRehabDossiers(deps, requireActor(req), req.query, format);
        if (file.truncated) reply.header('x-export-truncated', 'true');
        return reply
          .type(file.mime)
          .header('x-export-rows', String(file.rows))
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .send(file.bytes);
      },
    );
  }
  r.post(
    '/api/v1/rehab-dossiers',
    { schema: { tags, summary: 'Open a dossier', body: createRehabDossierSchema, response: { 201: rehabDossierSchema } } },
    async (req, reply) => reply.status(201).send(await createRehabDossier(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/rehab-dossiers/:id',
    { schema: { tags, summary: 'One dossier (audited)', params: idParamSchema, response: { 200: rehabDossierSchema } } },
    (req) => getRehabDossier(deps, requireActor(req), req.params.id),
  );
  r.post(
    '/api/v1/rehab-dossiers/:id/move',
    {
      schema: {
        tags,
        summary: 'Take a dossier one step further',
        params: idParamSchema,
        body: moveRehabDossierSchema,
        response: { 200: rehabDossierSchema },
      },
    },
    (req) => moveRehabDossier(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/rehab-dossiers/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a typed document (multipart: field "kind", file "file")',
        params: idParamSchema,
        consumes: ['multipart/form-data'],
        response: { 200: rehabDossierSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const { fields, files } = await readMultipart(req);
      const kind = validateWith(rehabAttachmentKindSchema, fields.kind);
      const [file] = files;
      if (!file || files.length !== 1) throw new AppError('validation', [{ path: 'file', message: 'validation.required' }]);
      return attachRehabDocument(deps, actor, req.params.id, kind, file);
    },
  );
  r.get(
    '/api/v1/rehab-dossiers/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download a document (audited)',
        params: z.strictObject({ id: z.uuid({ message: 'validation.id' }), attachmentId: z.uuid({ message: 'validation.id' }) }),
      },
    },
    async (req, reply) => {
      const file = await downloadRehabDocument(deps, requireActor(req), req.params.id, req.params.attachmentId);
      return sendDownload(reply, file, 'tai-lieu');
    },
  );
}
