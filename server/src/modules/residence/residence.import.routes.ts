import { PassThrough } from 'node:stream';
import { listNotificationsQuerySchema, listPlacesQuerySchema, listResidentsQuerySchema } from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { problemOf, requestLocale, requireActor } from '../../platform/http.ts';
import { readMultipart } from '../../platform/multipart.ts';
import {
  EXPORT_MAX_ROWS,
  exportNotifications,
  exportPlaces,
  exportResidents,
  IMPORT_MAX_BYTES,
  importResidence,
  previewResidenceImport,
  residenceImportTemplate,
  XLSX_MIME,
} from './residence.import.ts';
import { listNotifications, listPlaces, listResidents } from './residence.service.ts';

const tags = ['residence'];
const NDJSON = 'application/x-ndjson';
const multipartBody = { consumes: ['multipart/form-data'] };

const previewSchema = z.object({
  rows: z.array(
    z.object({
      sheet: z.enum(['places', 'residents']),
      line: z.number().int(),
      label: z.string(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })),
      duplicate: z.boolean(),
    }),
  ),
  totals: z.object({ rows: z.number().int(), ok: z.number().int(), errors: z.number().int(), duplicates: z.number().int() }),
});

async function readUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
  const { files } = await readMultipart(req);
  const [file, ...more] = files;
  if (!file) throw new AppError('validation', [{ path: 'file', message: 'validation.required' }]);
  if (more.length) throw new AppError('validation', [{ path: 'file', message: 'validation.invalid' }]);
  if (file.bytes.length > IMPORT_MAX_BYTES) throw new AppError('payloadTooLarge');
  return file.bytes;
}

const sendXlsx = (reply: FastifyReply, bytes: Buffer, filename: string) =>
  reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${filename}"`).send(bytes);

/** The Excel import of the ward's existing registers of places and residents, and the export of the places. */
export function registerResidenceImportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/residence/import/template.xlsx',
    { schema: { tags, summary: 'The .xlsx template (places, and temporary residents and absences)', produces: [XLSX_MIME] } },
    async (req, reply) => {
      requirePermission(requireActor(req), 'residence.manage');
      return sendXlsx(reply, await residenceImportTemplate(), 'mau-co-so-luu-tru.xlsx');
    },
  );

  r.post(
    '/api/v1/residence/import/preview',
    {
      schema: {
        tags,
        summary: 'Check a filled workbook (.xlsx, field "file"): each row with its problems; nothing is written',
        ...multipartBody,
        response: { 200: previewSchema },
      },
    },
    async (req) => previewResidenceImport(deps, requireActor(req), await readUpload(req), requestLocale(req)),
  );

  r.post(
    '/api/v1/residence/import',
    {
      schema: {
        tags,
        summary:
          'Import a workbook: all rows or none; rows already imported are skipped. With "Accept: application/x-ndjson" ' +
          'the answer streams {"total"}, then {"done","total"}, then {"result"} or {"problem"}.',
        ...multipartBody,
        produces: ['application/json', NDJSON],
        response: { 201: z.object({ places: z.number().int(), residents: z.number().int(), skippedDuplicates: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'residence.manage');
      const bytes = await readUpload(req);
      const locale = requestLocale(req);
      if (!req.headers.accept?.includes(NDJSON)) return reply.status(201).send(await importResidence(deps, actor, bytes, locale));
      let stream: PassThrough | null = null;
      const line = (value: object) => stream?.write(`${JSON.stringify(value)}\n`);
      const report = {
        start: (total: number) => {
          stream = new PassThrough();
          (reply as FastifyReply).status(201).type(`${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(stream);
          line({ total });
        },
        progress: (done: number, total: number) => line({ done, total }),
      };
      try {
        const result = await importResidence(deps, actor, bytes, locale, report);
        if (!stream) return reply.status(201).send(result);
        line({ result });
      } catch (err) {
        if (!stream) throw err;
        line({ problem: problemOf(locale, err instanceof AppError ? err.code : 'internal', err instanceof AppError ? err.fields : []) });
      }
      (stream as PassThrough | null)?.end();
      return reply;
    },
  );

  r.get(
    '/api/v1/residence/places/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The places of the filters as .xlsx (at most 5 000; audited)',
        querystring: listPlacesQuerySchema.omit({ offset: true, limit: true }),
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'residence.manage');
      const items = [];
      for (let offset = 0; offset < 5000; offset += 200) {
        const page = await listPlaces(deps, actor, { ...req.query, offset, limit: 200 });
        items.push(...page.items);
        if (page.items.length < 200) break;
      }
      const file = await exportPlaces(deps, actor, items);
      return sendXlsx(reply.header('x-export-rows', String(items.length)), file.bytes, file.filename);
    },
  );

  /** Reads every page of a list the reader may see, up to EXPORT_MAX_ROWS. */
  async function allPages<T>(read: (offset: number, limit: number) => Promise<{ items: T[] }>): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 200) {
      const page = await read(offset, Math.min(200, EXPORT_MAX_ROWS - offset));
      items.push(...page.items);
      if (page.items.length < 200) break;
    }
    return items;
  }

  r.get(
    '/api/v1/residence/notifications/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The stay notifications of the filters as .xlsx, one row per guest, masked per reader (at most 10 000; audited)',
        querystring: listNotificationsQuerySchema.omit({ offset: true, limit: true }),
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'residence.manage');
      const items = await allPages((offset, limit) => listNotifications(deps, actor, { ...req.query, offset, limit }));
      const file = await exportNotifications(deps, actor, items);
      return sendXlsx(reply.header('x-export-rows', String(items.length)), file.bytes, file.filename);
    },
  );

  r.get(
    '/api/v1/residence/residents/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The temporary residents and absences of the filters as .xlsx, masked per reader (at most 10 000; audited)',
        querystring: listResidentsQuerySchema.omit({ offset: true, limit: true }),
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'residence.manage');
      const items = await allPages((offset, limit) => listResidents(deps, actor, { ...req.query, offset, limit }));
      const file = await exportResidents(deps, actor, items);
      return sendXlsx(reply.header('x-export-rows', String(items.length)), file.bytes, file.filename);
    },
  );
}
