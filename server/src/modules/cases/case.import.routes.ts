import { PassThrough } from 'node:stream';
import { CASE_STATUSES } from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { problemOf, requestLocale, requireActor } from '../../platform/http.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { exportCases, exportCasesQuerySchema } from './case.export.ts';
import { caseImportTemplate, IMPORT_COLUMNS, IMPORT_MAX_BYTES, importCases, previewCaseImport, XLSX_MIME } from './case.import.ts';

const tags = ['cases'];

const columnSchema = z.enum(IMPORT_COLUMNS);

/** `POST /api/v1/cases/import/preview`: each data row of the file with its problems, and the counts. */
export const caseImportPreviewSchema = z.object({
  rows: z.array(
    z.object({
      /** The row's number in the sheet, as Excel shows it. */
      line: z.number().int(),
      /** No problem in the row. */
      ok: z.boolean(),
      /** Already in the register (same import key), or an earlier row of the file is the same case: it will be skipped. */
      duplicate: z.boolean(),
      /** Problems, each with the column (a key of `value`, or `unit`), its header in the file and a message in the caller's language. */
      errors: z.array(z.object({ column: columnSchema, header: z.string(), message: z.string() })),
      value: z.object({
        number: z.string().nullable(),
        occurredOn: z.string().nullable(),
        discoveredOn: z.string().nullable(),
        unitId: z.uuid().nullable(),
        unitName: z.string().nullable(),
        /** The type's code in the catalogue. */
        type: z.string().nullable(),
        status: z.enum(CASE_STATUSES).nullable(),
        summary: z.string().nullable(),
        place: z.string().nullable(),
        penalCodeArticle: z.string().nullable(),
        /** The system id of a case exported from here. */
        caseId: z.string().nullable(),
      }),
    }),
  ),
  /** `rows` = all data rows; `ok` = rows that would be written; `errors` = rows with problems; `duplicates` = sound rows skipped. */
  totals: z.object({ rows: z.number().int(), ok: z.number().int(), errors: z.number().int(), duplicates: z.number().int() }),
});

/** The uploaded workbook: one file in a multipart form (field `file`), at most 5 MB. */
async function readWorkbookUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
  const { files } = await readMultipart(req);
  const [file, ...more] = files;
  if (!file) throw new AppError('validation', [{ path: 'file', message: 'validation.required' }]);
  if (more.length) throw new AppError('validation', [{ path: 'file', message: 'validation.invalid' }]);
  if (file.bytes.length > IMPORT_MAX_BYTES) throw new AppError('payloadTooLarge');
  return file.bytes;
}

function sendXlsx(reply: FastifyReply, bytes: Buffer, filename: string): FastifyReply {
  return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${filename}"`).send(bytes);
}

const multipartBody = { consumes: ['multipart/form-data'] };
const NDJSON = 'application/x-ndjson';

/** Import of a ward's existing Excel register (template, preview, import) and the Excel export of the register. */
export function registerCaseImportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cases/import/template.xlsx',
    {
      schema: {
        tags,
        summary: 'The .xlsx template of the case register, with the accepted types, statuses and blocks',
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => sendXlsx(reply, await caseImportTemplate(deps, requireActor(req), requestLocale(req)), 'mau-so-vu-viec.xlsx'),
  );

  r.post(
    '/api/v1/cases/import/preview',
    {
      schema: {
        tags,
        summary: 'Check a filled register (.xlsx, multipart field "file", at most 5 MB): each row with its problems; nothing is written',
        ...multipartBody,
        response: { 200: caseImportPreviewSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requirePermission(actor, 'case.manage');
      return previewCaseImport(deps, actor, await readWorkbookUpload(req), requestLocale(req));
    },
  );

  r.post(
    '/api/v1/cases/import',
    {
      schema: {
        tags,
        summary:
          'Import a register (.xlsx, multipart field "file"): all rows or none; rows already imported are skipped. ' +
          'With "Accept: application/x-ndjson" the answer streams one JSON line per step once the file is accepted: ' +
          '{"total"}, then {"done","total"} every 100 rows, then {"result"} or, when the import fails and nothing is ' +
          'written, {"problem"} (RFC 9457).',
        ...multipartBody,
        produces: ['application/json', NDJSON],
        response: { 201: z.object({ imported: z.number().int(), skippedDuplicates: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'case.manage');
      const bytes = await readWorkbookUpload(req);
      const locale = requestLocale(req);
      if (!req.headers.accept?.includes(NDJSON)) return reply.status(201).send(await importCases(deps, actor, bytes, locale));
      // Progress streams only once the file is accepted; a refusal before that is a plain problem answer.
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
        const result = await importCases(deps, actor, bytes, locale, report);
        if (!stream) return reply.status(201).send(result);
        line({ result });
      } catch (err) {
        if (!stream) throw err;
        if (!(err instanceof AppError)) req.log.error({ err }, 'case import failed while streaming');
        line({ problem: problemOf(locale, err instanceof AppError ? err.code : 'internal', err instanceof AppError ? err.fields : []) });
      }
      (stream as PassThrough | null)?.end();
      return reply;
    },
  );

  r.get(
    '/api/v1/cases/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The register as .xlsx (the filters of GET /api/v1/cases, at most 10 000 cases, no ID numbers; audited)',
        querystring: exportCasesQuerySchema,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const file = await exportCases(deps, requireActor(req), req.query);
      if (file.truncated) reply.header('x-export-truncated', 'true');
      return sendXlsx(reply.header('x-export-rows', String(file.rows)), file.bytes, file.filename);
    },
  );
}
