import { z } from 'zod';

/** A string trimmed and normalised to NFC, so that decomposed Vietnamese counts and compares like typed text. */
export const trimmed = (min: number, max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, { message: min <= 1 ? 'validation.required' : 'validation.tooShort' })
        .max(max, { message: 'validation.tooLong' }),
    );

/** A calendar date, yyyy-mm-dd. */
export const dateOnly = z.iso.date({ message: 'validation.date' });

export const idParamSchema = z.strictObject({ id: z.uuid({ message: 'validation.id' }) });

export const cursorQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
};

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const LOCALES = ['vi', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
