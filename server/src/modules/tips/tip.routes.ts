import {
  assignTipSchema,
  closeTipSchema,
  idParamSchema,
  listTipsQuerySchema,
  logTipSchema,
  tipContactSchema,
  tipDetailSchema,
  tipNoteSchema,
  tipOutcomeInputSchema,
  tipSummarySchema,
  transferTipSchema,
  triageTipSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { requireActor, sendDownload } from '../../platform/http.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { tipReceptionRecord } from './tip.record.ts';
import {
  addTipNote,
  assignTip,
  attachTipFiles,
  closeTip,
  downloadTipFile,
  getTip,
  getTipContact,
  listAssignees,
  listTips,
  logTip,
  recordTipOutcome,
  reopenTip,
  transferTip,
  triageTip,
} from './tip.service.ts';

const tags = ['tips'];
const countsSchema = z.object({ new: z.number(), overdue: z.number(), mine: z.number(), open: z.number() });
const fileParams = z.strictObject({ id: z.uuid({ message: 'validation.id' }), fileId: z.uuid({ message: 'validation.id' }) });

/** The officers' side of the tip mailbox: the inbox, triage, dialogue, transfer, outcome and the reception record. */
export function registerTipRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/tips',
    {
      schema: {
        tags,
        summary: "The ward's tips, by next legal deadline (keyset paging)",
        querystring: listTipsQuerySchema,
        response: { 200: z.object({ items: z.array(tipSummarySchema), nextCursor: z.string().nullable(), counts: countsSchema }) },
      },
    },
    (req) => listTips(deps, requireActor(req), req.query),
  );
  r.get(
    '/api/v1/tips/assignees',
    {
      schema: {
        tags,
        summary: 'Officers a tip can be assigned to',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
      },
    },
    async (req) => ({
      items: await listAssignees(deps, requireActor(req)),
    }),
  );
  r.post(
    '/api/v1/tips',
    {
      schema: {
        tags,
        summary: 'Log a tip that came by letter, hotline, in person, post or VNeID',
        body: logTipSchema,
        response: { 201: tipDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await logTip(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/tips/:id',
    { schema: { tags, summary: 'One tip (the read is audited)', params: idParamSchema, response: { 200: tipDetailSchema } } },
    (req) => getTip(deps, requireActor(req), req.params.id),
  );
  r.get(
    '/api/v1/tips/:id/contact',
    {
      schema: {
        tags,
        summary: "The sender's contact details (chief or assigned officer; audited)",
        params: idParamSchema,
        response: { 200: tipContactSchema },
      },
    },
    (req) => getTipContact(deps, requireActor(req), req.params.id),
  );
  r.post(
    '/api/v1/tips/:id/triage',
    {
      schema: {
        tags,
        summary: 'Classify a tip and start its legal clocks',
        params: idParamSchema,
        body: triageTipSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => triageTip(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/tips/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a tip to an officer',
        params: idParamSchema,
        body: assignTipSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => assignTip(deps, requireActor(req), req.params.id, req.body.officerId),
  );
  r.post(
    '/api/v1/tips/:id/notes',
    {
      schema: {
        tags,
        summary: 'An internal note, or a question to the sender',
        params: idParamSchema,
        body: tipNoteSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => addTipNote(deps, requireActor(req), req.params.id, req.body.body, req.body.toSender),
  );
  r.post(
    '/api/v1/tips/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Record the transfer to the investigation agency',
        params: idParamSchema,
        body: transferTipSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => transferTip(deps, requireActor(req), req.params.id, req.body.agency, req.body.transferredAt),
  );
  r.post(
    '/api/v1/tips/:id/outcome',
    {
      schema: {
        tags,
        summary: "Record the agency's extension or result, or the receipt notice sent",
        params: idParamSchema,
        body: tipOutcomeInputSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => recordTipOutcome(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/tips/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a tip with a reason',
        params: idParamSchema,
        body: closeTipSchema,
        response: { 200: tipDetailSchema },
      },
    },
    (req) => closeTip(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/tips/:id/reopen',
    { schema: { tags, summary: 'Reopen a closed tip, or take it out of spam', params: idParamSchema, response: { 200: tipDetailSchema } } },
    (req) => reopenTip(deps, requireActor(req), req.params.id),
  );
  r.post(
    '/api/v1/tips/:id/files',
    {
      schema: {
        tags,
        summary: 'Attach files (multipart field "files")',
        params: idParamSchema,
        consumes: ['multipart/form-data'],
        response: { 200: tipDetailSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const { files } = await readMultipart(req);
      return attachTipFiles(deps, actor, req.params.id, files);
    },
  );
  r.get(
    '/api/v1/tips/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download an attachment (quarantined files need ?confirm=1)',
        params: fileParams,
        querystring: z.strictObject({ confirm: z.enum(['1']).optional() }),
      },
    },
    async (req, reply) => {
      const file = await downloadTipFile(deps, requireActor(req), req.params.id, req.params.fileId, req.query.confirm === '1');
      return sendDownload(reply, file, 'tep');
    },
  );
  r.get(
    '/api/v1/tips/:id/reception-record.pdf',
    { schema: { tags, summary: 'The reception record (biên bản tiếp nhận, Mẫu 01 TT 119/2021/TT-BCA) as PDF', params: idParamSchema } },
    async (req, reply) => {
      const pdf = await tipReceptionRecord(deps, requireActor(req), req.params.id);
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="bien-ban-${pdf.number}.pdf"`).send(pdf.bytes);
    },
  );
}
