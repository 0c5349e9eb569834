import { z } from 'zod';
import { dateOnly, trimmed } from '../common/common.schemas.ts';
import { birthYearSchema, idNumberSchema } from './cases.schemas.ts';

/**
 * A dossier proposing compulsory drug rehabilitation (hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt
 * buộc, domain-vn.md §6.3): opened → documents_gathered → compiled (within 5 working days) → sent_to_court → decided
 * (accepted or rejected, `REHAB_DECISION_OUTCOMES`) → carried_out. The ward compiles and sends; the court decides.
 */
export const REHAB_DOSSIER_STATUSES = ['opened', 'documents_gathered', 'compiled', 'sent_to_court', 'decided', 'carried_out'] as const;
export const rehabDossierStatusSchema = z.enum(REHAB_DOSSIER_STATUSES);
export type RehabDossierStatus = z.infer<typeof rehabDossierStatusSchema>;

export const REHAB_DECISION_OUTCOMES = ['accepted', 'rejected'] as const;
export const rehabDecisionOutcomeSchema = z.enum(REHAB_DECISION_OUTCOMES);
export type RehabDecisionOutcome = z.infer<typeof rehabDecisionOutcomeSchema>;

/**
 * Why an addicted adult is proposed (Luật Phòng, chống ma túy 2021 Art. 32): did not register for, carry out or
 * finish voluntary rehab; used drugs during voluntary rehab; left or was expelled from opioid-substitution treatment;
 * relapsed during post-rehab management.
 */
export const REHAB_GROUNDS = [
  'voluntary_rehab_not_done',
  'used_during_voluntary_rehab',
  'substitution_treatment_stopped',
  'relapsed_after_rehab',
] as const;
export const rehabGroundSchema = z.enum(REHAB_GROUNDS);
export type RehabGround = z.infer<typeof rehabGroundSchema>;

/** The typed attachments of a dossier; which are required is in `REHAB_DOSSIER_RULES` (rehab.rules.ts). */
export const REHAB_ATTACHMENT_KINDS = [
  'personal_history',
  'violation_record',
  'addiction_assessment',
  'personal_statement',
  'family_opinion',
  'court_decision',
  'other',
] as const;
export const rehabAttachmentKindSchema = z.enum(REHAB_ATTACHMENT_KINDS);
export type RehabAttachmentKind = z.infer<typeof rehabAttachmentKindSchema>;

const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().max(max, { message: 'validation.tooLong' }));

export const createRehabDossierSchema = z.strictObject({
  unitId: z.uuid({ message: 'validation.id' }),
  caseId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  subject: z.strictObject({
    name: trimmed(1, 200),
    birthYear: birthYearSchema.nullable().optional(),
    idNumber: idNumberSchema.nullable().optional(),
    address: text(500).optional(),
  }),
  ground: rehabGroundSchema,
  /** The day the person was found to be in an Art. 32 case: the 5-working-day clock starts the next working day. */
  foundOn: dateOnly,
  note: text(2000).optional(),
});
export type CreateRehabDossierInput = z.input<typeof createRehabDossierSchema>;

/** A court decision as received: its number, its date, and whether it applies the measure. */
export const rehabDecisionSchema = z.strictObject({
  number: z
    .string({ message: 'cases.rehab.decisionNumberRequired' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'cases.rehab.decisionNumberRequired' }).max(100, { message: 'validation.tooLong' })),
  date: dateOnly,
  outcome: rehabDecisionOutcomeSchema,
});
export type RehabDecision = z.infer<typeof rehabDecisionSchema>;

/**
 * A step of the dossier. `on` is the day it happened (compiled, sent, decision received, carried out). Moving to
 * `decided` needs the decision; `rehabTransitionError` (rehab.rules.ts) checks the rest against the stored dossier.
 */
export const moveRehabDossierSchema = z
  .strictObject({
    to: rehabDossierStatusSchema,
    on: dateOnly,
    court: text(300).optional(),
    decision: rehabDecisionSchema.optional(),
    note: text(1000).optional(),
  })
  .refine((v) => v.to !== 'decided' || v.decision !== undefined, { message: 'cases.rehab.decisionRequired', path: ['decision'] })
  .refine((v) => v.to === 'decided' || v.decision === undefined, { message: 'cases.rehab.decisionOnlyWhenDecided', path: ['decision'] });

/**
 * How the dossier list is ordered: by the day the person was found (`found`, the default, newest first), by the
 * person's name (`name`: given name first, in Vietnamese alphabetical order), or by step (`status`, in the order of
 * `REHAB_DOSSIER_STATUSES`, the longest-waiting first within a step). `dir` reverses it; by default `found` runs
 * newest first and the others ascending. Paging is by keyset; the cursor is the last dossier's id, never its name.
 */
export const REHAB_SORTS = ['found', 'name', 'status'] as const;
export const rehabSortSchema = z.enum(REHAB_SORTS);
export type RehabSort = z.infer<typeof rehabSortSchema>;
export const REHAB_SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type RehabSortDirection = (typeof REHAB_SORT_DIRECTIONS)[number];

/** The default direction of each order: the newest dossiers first; names and steps from the start of the alphabet. */
export function defaultRehabSortDirection(sort: RehabSort): RehabSortDirection {
  return sort === 'found' ? 'desc' : 'asc';
}

/** The filters shared by the list and its exports. */
const rehabFilterShape = {
  /** Words of the person's name (typed with or without diacritics) or of the dossier number; every word must match. */
  q: z.string().max(200, { message: 'validation.tooLong' }).optional(),
  status: rehabDossierStatusSchema.optional(),
  /** Bounds on the day the person was found (the day the dossier is opened and counted), inclusive. */
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  sort: rehabSortSchema.optional(),
  dir: z.enum(REHAB_SORT_DIRECTIONS).optional(),
};
const periodInOrder = (v: { from?: string; to?: string }) => !(v.from && v.to) || v.from <= v.to;

/** `GET /api/v1/rehab-dossiers`: the filters, the order and a page. */
export const listRehabDossiersQuerySchema = z
  .strictObject({
    ...rehabFilterShape,
    cursor: z.uuid({ message: 'validation.invalid' }).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine(periodInOrder, { message: 'cases.periodInverted', path: ['to'] });
export type ListRehabDossiersQuery = z.output<typeof listRehabDossiersQuerySchema>;

/** `GET /api/v1/rehab-dossiers/export.csv|.xlsx`: the list's filters and order, without paging. */
export const exportRehabDossiersQuerySchema = z
  .strictObject(rehabFilterShape)
  .refine(periodInOrder, { message: 'cases.periodInverted', path: ['to'] });
export type ExportRehabDossiersQuery = z.output<typeof exportRehabDossiersQuerySchema>;

/** The form fields sent with an uploaded attachment. */
export const rehabAttachmentSchema = z.strictObject({ kind: rehabAttachmentKindSchema, note: text(500).optional() });

/** A dossier as read back (response; no transform). Health and criminal data: every read is audited. */
export const rehabDossierSchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  unitId: z.uuid(),
  caseId: z.uuid().nullable(),
  number: z.string(),
  subject: z.object({
    name: z.string(),
    birthYear: z.number().int().nullable(),
    idNumberMasked: z.string().nullable(),
    address: z.string().nullable(),
  }),
  ground: rehabGroundSchema,
  status: rehabDossierStatusSchema,
  foundOn: z.string(),
  /** `rehabCompileDeadline`: fixed when the dossier is opened, with the basis of the rule in force on `foundOn`. */
  compileDueOn: z.string(),
  compileBasis: z.string(),
  isCompileOverdue: z.boolean(),
  compiledOn: z.string().nullable(),
  sentToCourtOn: z.string().nullable(),
  court: z.string().nullable(),
  decision: z.object({ number: z.string(), date: z.string(), outcome: rehabDecisionOutcomeSchema }).nullable(),
  carriedOutOn: z.string().nullable(),
  attachments: z.array(
    z.object({ id: z.uuid(), kind: rehabAttachmentKindSchema, name: z.string(), size: z.number(), uploadedAt: z.string() }),
  ),
  missingAttachments: z.array(rehabAttachmentKindSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
