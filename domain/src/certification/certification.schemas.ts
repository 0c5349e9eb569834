import { z } from 'zod';
import { cursorQuery, dateOnly, trimmed } from '../common/common.schemas.ts';
import { CERT_UNIT_TYPES, EVIDENCE_KINDS, INDICATOR_KEYS } from './certification.criteria.ts';
import {
  AWARD_KINDS,
  AWARD_RECIPIENTS,
  AWARD_STATUSES,
  CYCLE_OUTCOMES,
  CYCLE_STAGES,
  INELIGIBILITY_REASONS,
  MOVEMENT_CLASSES,
} from './certification.rules.ts';

const count = z.number().int().nonnegative();
const year = z.coerce.number().int().min(2012).max(2100);
const optionalText = (max: number) => trimmed(0, max).optional();

export const certUnitTypeSchema = z.enum(CERT_UNIT_TYPES);
export const cycleStageSchema = z.enum(CYCLE_STAGES);
export const cycleOutcomeSchema = z.enum(CYCLE_OUTCOMES);
export const awardKindSchema = z.enum(AWARD_KINDS);
export const awardRecipientSchema = z.enum(AWARD_RECIPIENTS);
export const awardStatusSchema = z.enum(AWARD_STATUSES);
export const movementClassSchema = z.enum(MOVEMENT_CLASSES);

export const certificationYearQuerySchema = z.object({ year });

/** Registration in Q1 (Art. 4.1, 5.1, 6.1, 7.1, 9.2.a). */
export const registerCycleSchema = z.object({
  unitId: z.uuid(),
  year,
  registeredOn: dateOnly,
  resolutionRef: optionalText(200),
  planRef: optionalText(200),
  /** Residential areas: households registered of all households (Art. 4.1: 100%). */
  households: z.object({ registered: count, total: count }).optional(),
  enterpriseSize: z.enum(['micro', 'small', 'medium', 'large']).optional(),
  armedForces: z.boolean().optional(),
  note: optionalText(1000),
});

export const criterionAnswerSchema = z.object({
  criterionId: z.string().min(1).max(60),
  met: z.boolean(),
  note: optionalText(1000),
});

/** The self-assessment meeting (Art. 9.1): the day, who chaired, the answer to each criterion. */
export const selfAssessmentSchema = z.object({
  meetingOn: dateOnly,
  chairedBy: trimmed(1, 200),
  attendees: optionalText(1000),
  answers: z.array(criterionAnswerSchema).min(1).max(80),
});

export const submitCycleSchema = z.object({ submittedOn: dateOnly });
export const appraiseCycleSchema = z.object({ appraisedOn: dateOnly, opinion: trimmed(1, 2000) });
export const decideCycleSchema = z.object({
  decidedOn: dateOnly,
  outcome: cycleOutcomeSchema,
  decisionRef: trimmed(1, 200),
  certificateNo: optionalText(100),
  reason: optionalText(2000),
});
export const classifySchema = z.object({ scores: z.record(z.string().max(40), z.number().int().min(0).max(100)) });

export const dossierQuerySchema = z.object({
  format: z.enum(['pdf', 'docx']),
  lang: z.enum(['vi', 'en']).optional(),
});

export const createAwardSchema = z.object({
  year,
  kind: awardKindSchema,
  recipient: awardRecipientSchema,
  unitId: z.uuid(),
  /** The person, for an individual award. */
  personName: optionalText(200),
  issuer: trimmed(1, 200),
  reason: optionalText(2000),
  proposedOn: dateOnly,
  underDisciplinaryReview: z.boolean().default(false),
  disciplineUntil: dateOnly.optional(),
});
export const decideAwardSchema = z.object({
  decidedOn: dateOnly,
  granted: z.boolean(),
  decisionRef: optionalText(200),
  /** Known at the decision: a review opened since the proposal refuses the award. */
  underDisciplinaryReview: z.boolean().optional(),
});
/** The awards list: search (names, unit, reason, issuer, decision; without regard to diacritics), filters, keyset paging. */
export const listAwardsQuerySchema = z.object({
  year: year.optional(),
  kind: awardKindSchema.optional(),
  status: z.enum(AWARD_STATUSES).optional(),
  q: z.string().max(100).optional(),
  ...cursorQuery,
});

/** The models list: search (name, unit, who runs it, activities, effect; without regard to diacritics), state, paging. */
export const MODEL_STATES = ['running', 'ended', 'not_effective'] as const;
export const listModelsQuerySchema = z.object({
  ward: z.uuid({ message: 'validation.id' }).optional(),
  q: z.string().max(100).optional(),
  state: z.enum(MODEL_STATES).optional(),
  ...cursorQuery,
});

/** The figure of another module that measures a model's effect (the report summary of the model's unit). */
export const MODEL_FIGURE_SOURCES = ['patrols', 'tips', 'mediation', 'cases'] as const;
export const modelFigureSourceSchema = z.enum(MODEL_FIGURE_SOURCES);

export const createModelSchema = z.object({
  unitId: z.uuid(),
  name: trimmed(1, 200),
  runBy: trimmed(1, 300),
  startedOn: dateOnly,
  activities: optionalText(3000),
  effect: optionalText(3000),
  effective: z.boolean().default(true),
  figureSource: modelFigureSourceSchema.optional(),
});
export const updateModelSchema = z.object({
  runBy: trimmed(1, 300).optional(),
  activities: optionalText(3000),
  effect: optionalText(3000),
  effective: z.boolean().optional(),
  figureSource: modelFigureSourceSchema.nullable().optional(),
  endedOn: dateOnly.nullable().optional(),
  /** Replication: more blocks where the model now runs. */
  replicatedUnitIds: z.array(z.uuid()).max(50).optional(),
});

/* ---------- views ---------- */

export const indicatorSchema = z.object({ key: z.enum(INDICATOR_KEYS), value: z.number().nullable() });

export const criterionViewSchema = z.object({
  id: z.string(),
  article: z.string(),
  source: z.string(),
  evidence: z.array(z.enum(EVIDENCE_KINDS)),
  text: z.string(),
  /** A province's own criterion (TT 124/2021 Art. 8.1), shown marked as such. */
  province: z.boolean(),
  indicators: z.array(indicatorSchema),
  answer: z.object({ met: z.boolean(), note: z.string().nullable() }).nullable(),
});

export const cycleRowSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  unitType: z.string(),
  certType: certUnitTypeSchema.nullable(),
  eligible: z.boolean(),
  ineligibleReason: z.enum(INELIGIBILITY_REASONS).nullable(),
  ineligibleArticle: z.string().nullable(),
  cycleId: z.uuid().nullable(),
  stage: cycleStageSchema.nullable(),
  outcome: cycleOutcomeSchema.nullable(),
  decidedOn: z.string().nullable(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  decisionDue: z.string().nullable(),
});

export const wardStatusSchema = z.object({
  units: count,
  registered: count,
  recognised: count,
  effectiveModels: count,
  problems: z.array(z.enum(['noUnits', 'notAllRegistered', 'belowRecognisedShare', 'noEffectiveModel'])),
});

/** `GET /certification/cycles`: the wards the reader reaches that year, the one shown, its rule, its units. */
export const cyclesListSchema = z.object({
  year: z.number(),
  wards: z.array(z.object({ id: z.uuid(), name: z.string() })),
  wardId: z.uuid().nullable(),
  ward: wardStatusSchema.nullable(),
  items: z.array(cycleRowSchema),
});
export type CyclesList = z.infer<typeof cyclesListSchema>;

export const cycleDetailSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  certType: certUnitTypeSchema,
  year: z.number(),
  stage: cycleStageSchema,
  outcome: cycleOutcomeSchema.nullable(),
  window: z.object({ from: z.string(), to: z.string() }),
  registrationDue: z.string(),
  decisionDue: z.string(),
  classificationDue: z.string(),
  registeredOn: z.string(),
  resolutionRef: z.string().nullable(),
  planRef: z.string().nullable(),
  households: z.object({ registered: count, total: count }).nullable(),
  meetingOn: z.string().nullable(),
  chairedBy: z.string().nullable(),
  attendees: z.string().nullable(),
  submittedOn: z.string().nullable(),
  appraisedOn: z.string().nullable(),
  appraisalOpinion: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionRef: z.string().nullable(),
  certificateNo: z.string().nullable(),
  reason: z.string().nullable(),
  classification: z.object({ scores: z.record(z.string(), z.number()), total: z.number(), cls: movementClassSchema }).nullable(),
  sheet: z.array(z.object({ id: z.string(), max: z.number(), text: z.string() })),
  criteria: z.array(criterionViewSchema),
  ward: wardStatusSchema.nullable(),
});

export const awardViewSchema = z.object({
  id: z.uuid(),
  year: z.number(),
  kind: awardKindSchema,
  recipient: awardRecipientSchema,
  unitId: z.uuid(),
  unitName: z.string(),
  personName: z.string().nullable(),
  issuer: z.string(),
  reason: z.string().nullable(),
  status: awardStatusSchema,
  proposedOn: z.string(),
  decidedOn: z.string().nullable(),
  decisionRef: z.string().nullable(),
  refusal: z.string().nullable(),
});

export const modelViewSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  name: z.string(),
  runBy: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  activities: z.string().nullable(),
  effect: z.string().nullable(),
  effective: z.boolean(),
  replicatedTo: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The effect in figures, for readers of report figures: the source's count at the model's unit over the year. */
  figure: z.object({ source: modelFigureSourceSchema, value: z.number(), from: z.string(), to: z.string() }).nullable(),
  figureSource: modelFigureSourceSchema.nullable(),
});

/**
 * The report summary's line, by type: units registered for a year the period covers (registered on or before its
 * end), recognitions in force during the period, units in force.
 */
const recognisedOfTotal = z.object({ registered: count, recognised: count, total: count });
export const certificationSummarySchema = z.object({
  blocks: recognisedOfTotal,
  schools: recognisedOfTotal,
  agencies: recognisedOfTotal,
  enterprises: recognisedOfTotal,
  /** Movement models running during the period; awards decided in it. */
  modelsActive: count,
  awards: count,
  /** The classification (QĐ 510/2022) of the cycles of the years the period covers: units per class. */
  classification: z.object({ excellent: count, good: count, average: count, weak: count }),
});
export type CertificationSummary = z.infer<typeof certificationSummarySchema>;
export type CycleDetail = z.infer<typeof cycleDetailSchema>;
export type CycleRow = z.infer<typeof cycleRowSchema>;
export type AwardView = z.infer<typeof awardViewSchema>;
export type ModelView = z.infer<typeof modelViewSchema>;

/* ---------- a province's own rules ---------- */

const provinceCriterionFields = {
  article: trimmed(1, 80),
  unitTypes: z.array(certUnitTypeSchema).min(1).max(CERT_UNIT_TYPES.length),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).min(1).max(EVIDENCE_KINDS.length),
  fromYear: z.number().int().min(2012).max(2100),
  toYear: z.number().int().min(2012).max(2100).nullable(),
  labelVi: trimmed(1, 500),
  labelEn: trimmed(1, 500),
};
const yearsInOrder = (v: { fromYear?: number | undefined; toYear?: number | null | undefined }) =>
  v.fromYear === undefined || v.toYear === undefined || v.toYear === null || v.toYear >= v.fromYear;
const yearsIssue = { path: ['toYear'], message: 'certification.errors.yearsOrder' };

/** A criterion a province adds (TT 124/2021 Art. 8.1): its article, the unit types, how it is evidenced, its years. */
export const provinceCriterionInputSchema = z.strictObject(provinceCriterionFields).refine(yearsInOrder, yearsIssue);
export const provinceCriterionUpdateSchema = z.strictObject(provinceCriterionFields).partial().refine(yearsInOrder, yearsIssue);

export const provinceCriterionViewSchema = z.object({ id: z.uuid(), criterionId: z.string(), ...provinceCriterionFields });

/** The QĐ 510/2022 class thresholds: the least points of each class. */
export const classThresholdsSchema = z.strictObject({
  excellent: z.number().int().min(0).max(100),
  good: z.number().int().min(0).max(100),
  average: z.number().int().min(0).max(100),
  weak: z.number().int().min(0).max(100),
});

export const provinceRulesSchema = z.object({
  province: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  criteria: z.array(provinceCriterionViewSchema),
  thresholds: classThresholdsSchema,
  defaults: classThresholdsSchema,
  /** Whether the thresholds are the province's own (false: the defaults apply). */
  ownThresholds: z.boolean(),
});
export type ProvinceRules = z.infer<typeof provinceRulesSchema>;
export type ProvinceCriterionView = z.infer<typeof provinceCriterionViewSchema>;
