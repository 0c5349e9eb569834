import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export type CriterionAnswer = { criterionId: string; met: boolean; note: string | null };

export const certificationCycles = pgTable(
  'certification_cycles',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    certType: text('cert_type').notNull(),
    stage: text('stage').notNull(),
    registeredOn: date('registered_on').notNull(),
    resolutionRef: text('resolution_ref'),
    planRef: text('plan_ref'),
    householdsRegistered: integer('households_registered'),
    householdsTotal: integer('households_total'),
    enterpriseSize: text('enterprise_size'),
    armedForces: boolean('armed_forces').notNull().default(false),
    meetingOn: date('meeting_on'),
    chairedBy: text('chaired_by'),
    attendees: text('attendees'),
    answers: jsonb('answers').$type<CriterionAnswer[]>().notNull().default([]),
    submittedOn: date('submitted_on'),
    appraisedOn: date('appraised_on'),
    appraisalOpinion: text('appraisal_opinion'),
    decidedOn: date('decided_on'),
    outcome: text('outcome'),
    decisionRef: text('decision_ref'),
    certificateNo: text('certificate_no'),
    reason: text('reason'),
    classScores: jsonb('class_scores').$type<Record<string, number>>(),
    classTotal: integer('class_total'),
    classResult: text('class_result'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type CycleRow = typeof certificationCycles.$inferSelect;

export const certificationModels = pgTable(
  'certification_models',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    runBy: text('run_by').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    activities: text('activities'),
    effect: text('effect'),
    effective: boolean('effective').notNull().default(true),
    replicatedUnitIds: uuid('replicated_unit_ids').array().notNull().default([]),
    figureSource: text('figure_source'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type ModelRow = typeof certificationModels.$inferSelect;

export const certificationAwards = pgTable(
  'certification_awards',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    personName: text('person_name'),
    issuer: text('issuer').notNull(),
    reason: text('reason'),
    status: text('status').notNull(),
    proposedOn: date('proposed_on').notNull(),
    underReview: boolean('under_review').notNull().default(false),
    disciplineUntil: date('discipline_until'),
    decidedOn: date('decided_on'),
    decisionRef: text('decision_ref'),
    refusal: text('refusal'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type AwardRow = typeof certificationAwards.$inferSelect;

/** A province's own criteria (TT 124/2021 Art. 8.1): shared by the wards of the province, no ward of their own. */
export const certificationProvinceCriteria = pgTable(
  'certification_province_criteria',
  {
    provinceId: uuid('province_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    article: text('article').notNull(),
    unitTypes: text('unit_types').array().notNull(),
    evidence: text('evidence').array().notNull(),
    fromYear: integer('from_year').notNull(),
    toYear: integer('to_year'),
    labelVi: text('label_vi').notNull(),
    labelEn: text('label_en').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.id] })],
);
export type ProvinceCriterionRow = typeof certificationProvinceCriteria.$inferSelect;

/** A province's class thresholds (QĐ 510/2022): the least points of each class. */
export const certificationClassThresholds = pgTable(
  'certification_class_thresholds',
  {
    provinceId: uuid('province_id').notNull(),
    cls: text('cls').notNull(),
    minPoints: integer('min_points').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.cls] })],
);
