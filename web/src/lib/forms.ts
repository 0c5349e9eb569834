import type { z } from 'zod';
import { ApiError, describeError } from './api.ts';
import { translateMessageKey } from './i18n.ts';

/** Field errors from a shared zod schema, keyed by field path and translated. */
export function validateWithSchema(schema: z.ZodType, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = translateMessageKey(issue.message);
  }
  return errors;
}

/** A field path from a problem document ("username", "body.username", "/username") as the form names it. */
export function normaliseFieldPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\//g, '.');
}

/**
 * Splits a failed submit into errors shown next to known fields and a message for the form as a whole.
 * Field errors come from the problem's `errors[]`, or from its code when that code is about one field
 * (e.g. `usernameTaken` → username).
 */
export function splitSubmitError(
  error: unknown,
  knownFields: readonly string[],
  fieldOfCode: Record<string, string> = {},
): { fieldErrors: Record<string, string>; formError: string | null } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formError: error ? describeError(error) : null };
  const message = error.detail ?? error.title;
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const item of error.fieldErrors) {
    const path = normaliseFieldPath(item.path);
    const field = knownFields.includes(path) ? path : path.split('.')[0];
    if (field && knownFields.includes(field) && !(field in fieldErrors)) fieldErrors[field] = item.message;
    else unmatched.push(item.message);
  }
  const codeField = fieldOfCode[error.code];
  if (error.fieldErrors.length === 0 && codeField && knownFields.includes(codeField)) {
    fieldErrors[codeField] = message;
    return { fieldErrors, formError: null };
  }
  return { fieldErrors, formError: unmatched.length ? `${message} ${unmatched.join(' ')}` : message };
}
