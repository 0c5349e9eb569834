/** PostgreSQL error codes the services turn into user-facing answers. */
function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return pgCode(err) === '23505';
}

export function isRlsViolation(err: unknown): boolean {
  return pgCode(err) === '42501';
}

/** Text the database cannot store (a NUL character, an invalid byte sequence): the caller's input, refused with a 400. */
export function isUnstorableText(err: unknown): boolean {
  const code = pgCode(err);
  return code === '22021' || code === '22P05';
}
