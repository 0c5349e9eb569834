import { z } from 'zod';
import { cameraSummarySchema } from '../cameras/camera.schemas.ts';
import { certificationSummarySchema } from '../certification/certification.schemas.ts';
import { cursorQuery, dateOnly, trimmed } from '../common/common.schemas.ts';
import { mediationSummarySchema } from '../mediation/mediation.schemas.ts';
import { outreachSummarySchema } from '../outreach/outreach.schemas.ts';
import { patrolSummarySchema } from '../patrols/patrols.schemas.ts';
import { residenceSummarySchema } from '../residence/residence.schemas.ts';
import { seizureTotalSchema, seizureViewSchema } from './seizures.schemas.ts';

/** The groups a ward reports cases in (domain-vn.md §9: cases by type, clearance rate). */
export const CASE_GROUPS = ['drugs', 'firecrackers', 'theft_fraud', 'gambling', 'assault', 'disorder', 'traffic', 'other'] as const;
export const caseGroupSchema = z.enum(CASE_GROUPS);
export type CaseGroup = z.infer<typeof caseGroupSchema>;

/**
 * The built-in case types, seeded into the catalogue (`case_types`) with their group and Penal Code article from
 * `CASE_TYPES` (cases.rules.ts). An administrator may rename them, change their article, retire them or add others.
 */
export const CASE_TYPE_CODES = [
  'drug_trading',
  'drug_transporting',
  'drug_storing',
  'drug_organising_use',
  'drug_harbouring_use',
  'drug_using',
  'firecracker_trading',
  'firecracker_storing',
  'firecracker_using',
  'explosives',
  'theft',
  'fraud',
  'abuse_of_trust',
  'gambling',
  'gambling_organising',
  'assault',
  'public_disorder',
  'traffic',
  'other',
] as const;
export type BuiltinCaseType = (typeof CASE_TYPE_CODES)[number];
/** A case type's code: lower-case letters, digits and underscores; the catalogue says whether it exists. */
export const caseTypeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'cases.typeCodeFormat' });
export type CaseType = string;

/**
 * received → verifying → cleared (làm rõ: offender and facts established) → transferred / prosecuted, or closed
 * without a crime (closed_no_crime) at any step before the case is transferred or prosecuted.
 */
export const CASE_STATUSES = ['received', 'verifying', 'cleared', 'transferred', 'prosecuted', 'closed_no_crime'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const CASE_PERSON_ROLES = ['suspect', 'victim', 'witness'] as const;
export const casePersonRoleSchema = z.enum(CASE_PERSON_ROLES);
export type CasePersonRole = z.infer<typeof casePersonRoleSchema>;

/**
 * How a suspect was taken: caught in the act (BLTTHS 2015 Art. 111), a wanted person (Art. 112), held in an emergency
 * (Art. 110, decided by the investigation agency), administrative custody (Luật XLVPHC 2012 Art. 122), or other.
 */
export const ARREST_MEASURES = ['caught_in_act', 'wanted', 'emergency_custody', 'administrative_custody', 'other'] as const;
export const arrestMeasureSchema = z.enum(ARREST_MEASURES);
export type ArrestMeasure = z.infer<typeof arrestMeasureSchema>;

export const CASE_SUMMARY_MAX = 5000;

/** Long text counted after NFC normalisation, so that decomposed Vietnamese does not count double. */
const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().max(max, { message: 'validation.tooLong' }));

/** A Penal Code article as written after "Điều": digits, with a letter for articles inserted later (217a). */
export const penalCodeArticleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[1-9]\d{0,2}[a-z]?$/, { message: 'cases.penalCodeArticleFormat' });

/** Ignores the spaces and dots people type into a citizen ID number (001 234 567 890, 001.234.567.890). */
export function normaliseIdNumber(input: string): string {
  return input.replace(/[\s.]/g, '');
}

/** Whether a normalised number has the shape of a citizen identity card (CCCD) or personal ID number: 12 digits. */
export function isIdNumberShaped(id: string): boolean {
  return /^\d{12}$/.test(id);
}

/** Shows the first four and last four digits only: 001234567890 → 0012••••7890. Anything else is masked whole. */
export function maskIdNumber(id: string): string {
  const n = normaliseIdNumber(id);
  return isIdNumberShaped(n) ? `${n.slice(0, 4)}••••${n.slice(-4)}` : '•'.repeat(n.length);
}

/** A CCCD / personal ID number: spaces and dots stripped, then exactly 12 digits. */
export const idNumberSchema = z
  .string()
  .max(40, { message: 'cases.idNumberFormat' })
  .transform(normaliseIdNumber)
  .pipe(z.string().regex(/^\d{12}$/, { message: 'cases.idNumberFormat' }));

/** A year of birth: from 1900 to the current year. */
export const birthYearSchema = z
  .number({ message: 'cases.birthYearInvalid' })
  .int({ message: 'cases.birthYearInvalid' })
  .min(1900, { message: 'cases.birthYearInvalid' })
  .refine((y) => y <= new Date().getUTCFullYear(), { message: 'cases.birthYearInvalid' });

const officerIds = z
  .array(z.uuid({ message: 'validation.id' }))
  .max(20, { message: 'cases.tooManyOfficers' })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'cases.officersDuplicate' });

const caseFields = {
  /** The block or the ward the case belongs to. */
  unitId: z.uuid({ message: 'validation.id' }),
  type: caseTypeSchema,
  occurredOn: dateOnly,
  discoveredOn: dateOnly,
  place: text(500).optional(),
  summary: text(CASE_SUMMARY_MAX).pipe(z.string().min(1, { message: 'validation.required' })),
  /** Defaults to the type's article in `CASE_TYPES` when absent. */
  penalCodeArticle: penalCodeArticleSchema.nullable().optional(),
  officerIds: officerIds.optional(),
};

const discoveredAfterOccurred = (v: { occurredOn?: string; discoveredOn?: string }) =>
  !(v.occurredOn && v.discoveredOn) || v.discoveredOn >= v.occurredOn;

export const createCaseSchema = z.strictObject(caseFields).refine(discoveredAfterOccurred, {
  message: 'cases.discoveredBeforeOccurred',
  path: ['discoveredOn'],
});
export type CreateCaseInput = z.input<typeof createCaseSchema>;

/**
 * Changes to a case's facts; the status moves only through `moveCaseSchema`. When only one of the two dates is sent,
 * the server checks it against the stored other one with `isDiscoveredAfterOccurred`.
 */
export const updateCaseSchema = z
  .strictObject({
    unitId: caseFields.unitId.optional(),
    type: caseTypeSchema.optional(),
    occurredOn: dateOnly.optional(),
    discoveredOn: dateOnly.optional(),
    place: text(500).nullable().optional(),
    summary: caseFields.summary.optional(),
    penalCodeArticle: penalCodeArticleSchema.nullable().optional(),
    officerIds: officerIds.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'cases.nothingToUpdate' })
  .refine(discoveredAfterOccurred, { message: 'cases.discoveredBeforeOccurred', path: ['discoveredOn'] });
export type UpdateCaseInput = z.input<typeof updateCaseSchema>;

/** Whether the day a case was discovered is not before the day it occurred. */
export function isDiscoveredAfterOccurred(occurredOn: string, discoveredOn: string): boolean {
  return discoveredAfterOccurred({ occurredOn, discoveredOn });
}

/** A status change; `caseTransitionError` (cases.rules.ts) says whether it is allowed. */
export const moveCaseSchema = z.strictObject({ to: caseStatusSchema, note: text(1000).optional() });

export const arrestSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, message: 'cases.arrestTime' }),
  measure: arrestMeasureSchema,
});

/** A person in a case. Only a suspect can have an arrest. */
export const casePersonSchema = z
  .strictObject({
    role: casePersonRoleSchema,
    name: trimmed(1, 200),
    birthYear: birthYearSchema.nullable().optional(),
    idNumber: idNumberSchema.nullable().optional(),
    address: text(500).optional(),
    arrest: arrestSchema.nullable().optional(),
    note: text(1000).optional(),
  })
  .refine((v) => !v.arrest || v.role === 'suspect', { message: 'cases.arrestOnlySuspect', path: ['arrest'] });
export type CasePersonInput = z.input<typeof casePersonSchema>;

/** A person as read back: the ID number only masked (`maskIdNumber`); the full number is a separate, audited read. */
export const casePersonViewSchema = z.object({
  id: z.uuid(),
  role: casePersonRoleSchema,
  name: z.string(),
  birthYear: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
  arrest: z.object({ at: z.string(), measure: arrestMeasureSchema }).nullable(),
  note: z.string().nullable(),
});

/** A case in a list. */
export const caseSummarySchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  number: z.string(),
  /** The case's number in the ward's own register before it was imported (sổ cũ), if the file gave one. */
  wardRef: z.string().nullable(),
  type: z.string(),
  group: caseGroupSchema,
  status: caseStatusSchema,
  occurredOn: z.string(),
  discoveredOn: z.string(),
  /** The day the case reached `cleared` (làm rõ), kept when it moves on to transferred or prosecuted. */
  clearedOn: z.string().nullable(),
  penalCodeArticle: z.string().nullable(),
  excerpt: z.string(),
  officers: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

/** A case as read back (response; no transform). */
export const caseSchema = caseSummarySchema.extend({
  place: z.string().nullable(),
  summary: z.string(),
  persons: z.array(casePersonViewSchema),
  seizures: z.array(seizureViewSchema),
  /** The tips that led to or helped the case. */
  tips: z.array(z.object({ id: z.uuid(), number: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * How the case list is ordered: by the day the case was discovered (the default), occurred, or by register number;
 * newest first unless `dir=asc`. Paging is by keyset on the sort key with the register number as tie-breaker.
 */
export const CASE_SORTS = ['discovered', 'occurred', 'number'] as const;
export const caseSortSchema = z.enum(CASE_SORTS);
export type CaseSort = z.infer<typeof caseSortSchema>;

export const listCasesQuerySchema = z
  .strictObject({
    sort: caseSortSchema.optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    q: z.string().max(200).optional(),
    type: caseTypeSchema.optional(),
    group: caseGroupSchema.optional(),
    status: caseStatusSchema.optional(),
    unitId: z.uuid({ message: 'validation.id' }).optional(),
    /** Bounds on the day the case was discovered, inclusive (the figures' period). */
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    ...cursorQuery,
  })
  .refine((v) => !(v.from && v.to) || v.from <= v.to, { message: 'cases.periodInverted', path: ['to'] });

/** The period and unit of `GET /api/v1/reports/summary`: the unit by its code (or id), with its sub-units. */
export const reportSummaryQuerySchema = z
  .strictObject({ unit: z.string().min(1).max(100), from: dateOnly, to: dateOnly })
  .refine((v) => v.from <= v.to, { message: 'cases.periodInverted', path: ['to'] });

const count = z.number().int().min(0);
/** A share from 0 to 1, or null when there is nothing to divide by. */
const rate = z.number().min(0).max(1).nullable();
/** A group's figures: the cases counted (`total`, closed-without-crime excluded), those cleared, and the rate. */
const groupFigures = z.object({ total: count, cleared: count, clearanceRate: rate });
const byGroup = <T extends z.ZodType>(value: T) =>
  z.object({
    drugs: value,
    firecrackers: value,
    theft_fraud: value,
    gambling: value,
    assault: value,
    disorder: value,
    traffic: value,
    other: value,
  });

/**
 * `GET /api/v1/reports/summary`: the figures of a unit and its sub-units over a period. Cases are counted in the period
 * of the day they were discovered, closed-without-crime apart (`clearanceRate` in cases.rules.ts); seizures are totalled
 * per kind (`sumByKind`); `rehabDossiers` counts the dossiers opened in the period. Later modules add their figures.
 */
export const reportSummarySchema = z.object({
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  cases: z.object({
    /** Cases discovered in the period, not counting those closed without a crime (the rate's denominator). */
    total: count,
    cleared: count,
    clearanceRate: rate,
    closedNoCrime: count,
    /** Suspects arrested or held (bắt, giữ) in the cases counted; null when hidden (see `suppressed`). */
    arrests: count.nullable(),
    /** Cases per report group (the same counting as `total`). */
    byGroup: byGroup(count),
    clearanceByGroup: byGroup(groupFigures),
    definition: z.object({ vi: z.string(), en: z.string() }),
  }),
  seizures: z.array(seizureTotalSchema),
  /** Null when hidden (see `suppressed`). */
  rehabDossiers: count.nullable(),
  rehab: z.object({
    opened: count.nullable(),
    sentToCourt: count.nullable(),
    accepted: count.nullable(),
    rejected: count.nullable(),
    carriedOut: count.nullable(),
  }),
  tips: z.object({ received: count, transferred: count, transferredOnTime: count }),
  /** The patrol log (patrols module): rounds and turns (officers' and civilians'), hours, incidents, block coverage. */
  patrols: patrolSummarySchema,
  /** Residence checks (residence module): places watched, stay notifications on time and late, inspections, violations, by block. */
  residence: residenceSummarySchema,
  /** Grassroots mediation (mediation module): received, settled, not settled, referred, the settlement rate, by type. */
  mediation: mediationSummarySchema,
  /**
   * The "An toàn về ANTT" recognition (certification module): residential areas (blocks), schools, agencies and
   * enterprises recognised of those in force, counting the recognitions in force during the period, and those
   * registered for the period's years; the classification by class (QĐ 510/2022); models running; awards granted.
   */
  certification: certificationSummarySchema,
  /** Community cameras (cameras module): registered, working, footage requests and the owners' answers, blocks covered. */
  cameras: cameraSummarySchema,
  /**
   * Outreach (outreach module): activities by type and topic, their audience, loudspeaker broadcasts aired, alerts
   * published, deliveries and those delivered, survey answers and the share feeling safer.
   */
  outreach: outreachSummarySchema,
  /**
   * The figures given as null: small counts (1–4) of personal matters — people arrested, rehab dossiers — hidden from a
   * reader who may not open the records (`presentCount` in reports/report.rules.ts), e.g. ["rehabDossiers",
   * "rehab.opened", "cases.arrests"]. Empty for readers of the register.
   */
  suppressed: z.array(z.string()),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** A name in the catalogue as people read it: NFC, trimmed, 1–120 characters. */
const catalogueLabel = text(120).pipe(z.string().min(1, { message: 'validation.required' }));

/**
 * An entry of the case-type catalogue (danh mục loại vụ việc), shared by every ward: its report group decides where
 * its cases are counted, its article is the default for new cases. Retired types (`active: false`) stay on the cases
 * that have them and can no longer be chosen.
 */
export const caseTypeEntrySchema = z.object({
  code: z.string(),
  group: caseGroupSchema,
  penalCodeArticle: z.string().nullable(),
  labelVi: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
  /** Seeded with the product (its code can never be reused for something else). */
  builtin: z.boolean(),
  position: z.number().int(),
});
export type CaseTypeEntry = z.infer<typeof caseTypeEntrySchema>;

export const createCaseTypeSchema = z.strictObject({
  code: caseTypeSchema,
  group: caseGroupSchema,
  penalCodeArticle: penalCodeArticleSchema.nullable().optional(),
  labelVi: catalogueLabel,
  /** Defaults to the Vietnamese name. */
  labelEn: catalogueLabel.optional(),
});
export type CreateCaseTypeInput = z.input<typeof createCaseTypeSchema>;

export const updateCaseTypeSchema = z
  .strictObject({
    group: caseGroupSchema.optional(),
    penalCodeArticle: penalCodeArticleSchema.nullable().optional(),
    labelVi: catalogueLabel.optional(),
    labelEn: catalogueLabel.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'cases.nothingToUpdate' });
export type UpdateCaseTypeInput = z.input<typeof updateCaseTypeSchema>;
