import type { z } from 'zod';
import { ApiError } from './api.ts';
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
  return path.replace(/^\/+/, '').replace(/^body[./]/, '').replace(/\//g, '.');
}

/**
 * Splits a failed submit into errors shown next to known fields and a message for the form as a whole
 * (what the server said when no field matched, or the problem title).
 */
export function splitSubmitError(
  error: unknown,
  knownFields: readonly string[],
): { fieldErrors: Record<string, string>; formError: string | null } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formError: null };
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const item of error.fieldErrors) {
    const path = normaliseFieldPath(item.path);
    if (knownFields.includes(path)) fieldErrors[path] = item.message;
    else unmatched.push(item.message);
  }
  const base = error.detail ?? error.title;
  const formError = unmatched.length ? `${base} ${unmatched.join(' ')}` : Object.keys(fieldErrors).length ? base : base;
  return { fieldErrors, formError };
}
