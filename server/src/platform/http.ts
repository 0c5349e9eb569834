import { type Locale, translate } from '@binh-an/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySerializerCompiler } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, ResponseSerializationError } from 'fastify-type-provider-zod';
import { safeParse, type ZodType, type z } from 'zod';
import type { Actor } from './access.ts';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.ts';
import { isDatabaseUnavailable } from './health.ts';
import { isUnstorableText } from './pg-errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How far the caller's login has come, when it came with a session cookie. */
    sessionStage: 'password' | 'totp_enrol' | 'full' | null;
  }
}

/**
 * Every JSON answer is checked against its response schema, which also drops any field the schema does not name, then
 * written as JSON. Response schemas have no transforms or codecs (a house rule), so parsing gives what encoding would,
 * for half the work of `fastify-type-provider-zod`'s serializer, which encodes.
 */
export const responseSerializer: FastifySerializerCompiler<ZodType> =
  ({ schema, method, url }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };

/** The caller's language: an explicit Accept-Language of vi or en, else the account's, else Vietnamese. */
export function requestLocale(req: FastifyRequest): Locale {
  const header = req.headers['accept-language'];
  if (typeof header === 'string') {
    for (const part of header.split(',')) {
      const tag = part.trim().slice(0, 2).toLowerCase();
      if (tag === 'vi' || tag === 'en') return tag;
    }
  }
  return req.actor?.locale ?? 'vi';
}

/** The actor of an authenticated request; refuses anonymous callers and logins that still owe a TOTP code. */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor) return req.actor;
  if (req.sessionStage === 'password' || req.sessionStage === 'totp_enrol') throw new AppError('totpRequired');
  throw new AppError('unauthenticated');
}

type FieldError = { path: string; message: string };

/** Sends an RFC 9457 problem document with a stable code and a message in the caller's language. */
/** An RFC 9457 problem in the caller's language (also for a problem met after a streamed answer has begun). */
export function problemOf(locale: Locale, code: ErrorCode, fields: readonly FieldError[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://binh-an.vn/problems/${code}`,
    title: translate(locale, `errors.${code}`),
    status: ERROR_STATUS[code],
    code,
  };
  if (fields.length) body.errors = fields.map((f) => ({ path: f.path, message: translate(locale, f.message) }));
  return body;
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, fields: FieldError[] = []): FastifyReply {
  return reply
    .status(ERROR_STATUS[code])
    .type('application/problem+json; charset=utf-8')
    .send(problemOf(requestLocale(req), code, fields));
}

/** Validates a value the route could not validate itself (a multipart form's fields); bad input becomes a 400. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    'validation',
    result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issueKey({ keyword: issue.code, message: issue.message, params: issue as unknown as Record<string, unknown> }),
    })),
  );
}

/** Turns a zod issue into a message key. */
function issueKey(issue: { keyword: string; message?: string; params?: Record<string, unknown> }): string {
  if (issue.message && /^[a-z]+\.[A-Za-z]+$/.test(issue.message)) return issue.message;
  switch (issue.keyword) {
    case 'too_small':
      return issue.params?.minimum === 1 ? 'validation.required' : 'validation.tooShort';
    case 'too_big':
      return 'validation.tooLong';
    case 'invalid_type':
      return issue.params?.input === undefined ? 'validation.required' : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

type Refusal = (req: FastifyRequest, code: ErrorCode) => Promise<void>;

/** Maps every error to a problem document: 4xx for anything the caller sent wrong, 500 only for our own faults. */
export function installErrorHandling(app: FastifyInstance, onRefusal: Refusal): void {
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, 'notFound'));
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'forbidden' || error.code === 'csrf') await onRefusal(req, error.code).catch(() => undefined);
      return sendProblem(req, reply, error.code, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const locale = requestLocale(req);
      const fields: FieldError[] = [];
      for (const issue of error.validation) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        if (issue.keyword === 'unrecognized_keys') {
          const keys = (issue.params?.keys as string[] | undefined) ?? [];
          for (const k of keys) fields.push({ path: k, message: translate(locale, 'validation.unknownField', { field: k }) });
        } else {
          fields.push({ path, message: translate(locale, issueKey(issue)) });
        }
      }
      return sendProblem(
        req,
        reply,
        'validation',
        fields.map((f) => ({ path: f.path, message: f.message })),
      );
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: { message: error.message } }, 'response did not match its schema');
      return sendProblem(req, reply, 'internal');
    }
    const code = mapFastifyError(error);
    if (code) return sendProblem(req, reply, code);
    req.log.error({ err: { message: error.message, stack: error.stack, code: error.code } }, 'unhandled error');
    return sendProblem(req, reply, 'internal');
  });
}

function mapFastifyError(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformedJson';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payloadTooLarge';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'unsupportedMediaType';
    default:
      break;
  }
  if (error.statusCode === 429) return 'rateLimited';
  if (error.statusCode === 413) return 'payloadTooLarge';
  if (error.statusCode === 406 || error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return 'unsupportedMediaType';
  if (error instanceof SyntaxError) return 'malformedJson';
  // The database refused or dropped the connection: come back later (Retry-After), not a fault of ours or the caller's.
  if (isDatabaseUnavailable(error)) return 'unavailable';
  // A NUL character or an invalid byte sequence in what the caller sent: the database refused it, nothing was written.
  if (isUnstorableText(error)) return 'validation';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'badRequest';
  return null;
}

/** Sends a decrypted file as a download: its own type, never sniffed, under a neutral ASCII name and its real UTF-8 name. */
export function sendDownload(reply: FastifyReply, file: { bytes: Buffer; mime: string; name: string }, stem: string): FastifyReply {
  const ext = file.name.includes('.') ? file.name.split('.').pop() : 'bin';
  return reply
    .type(file.mime)
    .header('Content-Disposition', `attachment; filename="${stem}.${ext}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(file.bytes);
}
