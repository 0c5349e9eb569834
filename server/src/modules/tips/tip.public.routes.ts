import { publicTipSchema, publicTipStatusSchema, senderMessageSchema } from '@binh-an/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validateWith } from '../../platform/http.ts';
import { readMultipart, type Upload } from '../../platform/multipart.ts';
import { addSenderMessage, openTipByReceipt, submitTip, tipChallenge } from './tip.public.service.ts';

const tags = ['public tips'];
const receiptHeader = z.object({ 'x-receipt': z.string().max(64) });

/** Limits for the public channel, counted per source (a daily-rotating keyed hash of the address, never the address). */
export const RECEIPT_LIMIT = { max: 30, timeWindow: '10 minutes' };

/** Tips one source may send in an hour (TIP_RATE_LIMIT; GlobaLeaks allows 10). */
export function tipSubmitLimit(deps: Deps) {
  return { max: deps.cfg.tipRateLimit, timeWindow: '1 hour' };
}

/** A JSON body, or a multipart form whose field `data` holds the JSON and whose `files` parts are attachments. */
async function jsonOrMultipart<S extends z.ZodType>(req: FastifyRequest, schema: S): Promise<{ input: z.output<S>; files: Upload[] }> {
  if (req.isMultipart()) {
    const { fields, files } = await readMultipart(req);
    let data: unknown;
    try {
      data = JSON.parse(fields.data ?? '{}');
    } catch {
      throw new AppError('malformedJson');
    }
    return { input: validateWith(schema, data), files };
  }
  return { input: validateWith(schema, req.body), files: [] };
}

/** The resident's side of the mailbox as an API (the pages at /to-giac use the same services). */
export function registerPublicTipRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/public/tips',
    {
      config: { rateLimit: tipSubmitLimit(deps) },
      schema: {
        tags,
        summary: 'Send a tip (JSON, or multipart with field "data" and "files"); answers the receipt code once',
        consumes: ['application/json', 'multipart/form-data'],
        body: publicTipSchema.nullish(),
        response: { 201: z.object({ receipt: z.string() }) },
      },
    },
    async (req, reply) => {
      const { input, files } = await jsonOrMultipart(req, publicTipSchema);
      return reply.status(201).send(await submitTip(deps, input, files));
    },
  );

  r.get(
    '/api/v1/public/tips/challenge',
    {
      config: { rateLimit: RECEIPT_LIMIT },
      schema: {
        tags,
        summary: 'Whether a tip to this ward must carry a proof-of-work now (while it is flooded), with a challenge',
        querystring: z.strictObject({ wardCode: z.string().max(60) }),
        response: { 200: z.object({ required: z.boolean(), challenge: z.string().nullable(), bits: z.number() }) },
      },
    },
    (req) => tipChallenge(deps, req.query.wardCode),
  );

  r.get(
    '/api/v1/public/tips/status',
    {
      config: { rateLimit: RECEIPT_LIMIT },
      schema: {
        tags,
        summary: 'The status and the dialogue of a tip, by its receipt code',
        headers: receiptHeader,
        response: { 200: publicTipStatusSchema },
      },
    },
    (req) => openTipByReceipt(deps, req.headers['x-receipt']),
  );

  r.post(
    '/api/v1/public/tips/messages',
    {
      config: { rateLimit: RECEIPT_LIMIT },
      schema: {
        tags,
        summary: 'Answer the police or add information and files (JSON, or multipart with "data" and "files")',
        consumes: ['application/json', 'multipart/form-data'],
        headers: receiptHeader,
        body: senderMessageSchema.nullish(),
        response: { 201: publicTipStatusSchema },
      },
    },
    async (req, reply) => {
      const { input, files } = await jsonOrMultipart(req, senderMessageSchema);
      return reply.status(201).send(await addSenderMessage(deps, req.headers['x-receipt'], input.body, files));
    },
  );
}
