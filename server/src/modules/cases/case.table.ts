import { boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const cases = pgTable(
  'cases',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    reportGroup: text('report_group').notNull(),
    penalCodeArticle: text('penal_code_article'),
    status: text('status').notNull(),
    occurredOn: date('occurred_on').notNull(),
    discoveredOn: date('discovered_on').notNull(),
    place: text('place'),
    summary: text('summary').notNull(),
    officerIds: uuid('officer_ids').array().notNull().default([]),
    clearedOn: date('cleared_on'),
    transferredOn: date('transferred_on'),
    transferredTo: text('transferred_to'),
    prosecutedOn: date('prosecuted_on'),
    closedOn: date('closed_on'),
    importKey: text('import_key'),
    wardRef: text('ward_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

/** The case-type catalogue, shared by every ward (no ward column, no row policy: configuration, no case data). */
export const caseTypes = pgTable('case_types', {
  code: text('code').primaryKey(),
  reportGroup: text('report_group').notNull(),
  penalCodeArticle: text('penal_code_article'),
  labelVi: text('label_vi').notNull(),
  labelEn: text('label_en').notNull(),
  active: boolean('active').notNull().default(true),
  builtin: boolean('builtin').notNull().default(false),
  position: integer('position').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type CaseTypeRow = typeof caseTypes.$inferSelect;

export const casePeople = pgTable(
  'case_people',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    role: text('role').notNull(),
    fullName: text('full_name').notNull(),
    birthYear: integer('birth_year'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    address: text('address'),
    arrestedAt: timestamp('arrested_at', { withTimezone: true }),
    measure: text('measure'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const caseSeizures = pgTable(
  'case_seizures',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    quantity: numeric('quantity', { precision: 24, scale: 6 }).notNull(),
    unit: text('unit').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const caseTips = pgTable(
  'case_tips',
  {
    wardId: uuid('ward_id').notNull(),
    caseId: uuid('case_id').notNull(),
    tipId: uuid('tip_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.caseId, t.tipId] })],
);

export const caseCounters = pgTable(
  'case_counters',
  {
    wardId: uuid('ward_id').notNull(),
    register: text('register').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.register, t.year] })],
);

export const rehabDossiers = pgTable(
  'rehab_dossiers',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    status: text('status').notNull(),
    fullName: text('full_name').notNull(),
    birthYear: integer('birth_year'),
    idNumberEnc: text('id_number_enc'),
    address: text('address'),
    caseId: uuid('case_id'),
    ground: text('ground'),
    foundOn: date('found_on').notNull(),
    compileDueOn: date('compile_due_on'),
    compiledOn: date('compiled_on'),
    sentOn: date('sent_on'),
    court: text('court'),
    decision: text('decision'),
    decisionNumber: text('decision_number'),
    decisionOn: date('decision_on'),
    carriedOutOn: date('carried_out_on'),
    note: text('note'),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export type CaseRow = typeof cases.$inferSelect;
export type CasePersonRow = typeof casePeople.$inferSelect;
export type CaseSeizureRow = typeof caseSeizures.$inferSelect;
export type RehabDossierRow = typeof rehabDossiers.$inferSelect;

export const rehabAttachments = pgTable(
  'rehab_attachments',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    dossierId: uuid('dossier_id').notNull(),
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    nameEnc: text('name_enc').notNull(),
    dataKey: text('data_key').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type RehabAttachmentRow = typeof rehabAttachments.$inferSelect;
