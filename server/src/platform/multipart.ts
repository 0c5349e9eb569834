import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { MAX_FILE_BYTES, MAX_FILES } from './files.ts';

export type Upload = { bytes: Buffer; name: string };

/** Reads a multipart form fully into memory (fields and files), within the upload limits. Empty file inputs are skipped. */
export async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 1, fields: 40, fieldSize: 32_768 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError('payloadTooLarge');
        if (bytes.length === 0 && !part.filename) continue;
        if (bytes.length === 0) continue;
        files.push({ bytes, name: part.filename });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    // A body that is not the multipart form it says it is (no boundary, cut short): bad input, never a 500.
    if (isMalformedMultipart(err)) throw new AppError('badRequest');
    throw err;
  }
  if (files.length > MAX_FILES) throw new AppError('tooManyFiles');
  return { fields, files };
}

/** The parser's own errors for a malformed body (they carry no HTTP status); the plugin's limits carry theirs. */
export function isMalformedMultipart(err: unknown): boolean {
  if (!(err instanceof Error) || err instanceof AppError || 'statusCode' in err) return false;
  return /^Multipart: Boundary not found|unexpected end of multipart data|^Malformed part header/i.test(err.message);
}
