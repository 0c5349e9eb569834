import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tips = pgTable(
  'tips',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    channel: text('channel').notNull(),
    reporterIdentity: text('reporter_identity').notNull(),
    classification: text('classification'),
    category: text('category'),
    urgency: text('urgency'),
    status: text('status').notNull(),
    receivedOn: date('received_on').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    assignedTo: uuid('assigned_to'),
    dataKey: text('data_key').notNull(),
    bodyEnc: text('body_enc').notNull(),
    contactEnc: text('contact_enc'),
    anonymousCheck: jsonb('anonymous_check').$type<Record<string, boolean>>(),
    transferredAt: timestamp('transferred_at', { withTimezone: true }),
    transferredTo: text('transferred_to'),
    outcome: text('outcome'),
    outcomeOn: date('outcome_on'),
    extensionUntil: date('extension_until'),
    closeReason: text('close_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    intakeDueOn: date('intake_due_on'),
    transferDueAt: timestamp('transfer_due_at', { withTimezone: true }),
    receiptNoticeDueOn: date('receipt_notice_due_on'),
    receiptNoticeSentOn: date('receipt_notice_sent_on'),
    agencyDueOn: date('agency_due_on'),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    receiptHash: text('receipt_hash'),
    lastActivityOn: date('last_activity_on').notNull(),
    hasUnreadFromSender: boolean('has_unread_from_sender').notNull().default(false),
    usedInCase: boolean('used_in_case').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const tipMessages = pgTable(
  'tip_messages',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    tipId: uuid('tip_id').notNull(),
    n: bigint('n', { mode: 'number' }).generatedAlwaysAsIdentity(),
    author: text('author').$type<'sender' | 'officer'>().notNull(),
    toSender: boolean('to_sender').notNull().default(false),
    authorId: uuid('author_id'),
    bodyEnc: text('body_enc').notNull(),
    createdOn: date('created_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const tipFiles = pgTable(
  'tip_files',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    tipId: uuid('tip_id').notNull(),
    n: bigint('n', { mode: 'number' }).generatedAlwaysAsIdentity(),
    uploadedBy: text('uploaded_by').$type<'sender' | 'officer'>().notNull(),
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    nameEnc: text('name_enc').notNull(),
    storageKey: text('storage_key').notNull(),
    quarantined: boolean('quarantined').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const tipCounters = pgTable(
  'tip_counters',
  {
    wardId: uuid('ward_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.year] })],
);

export type TipRow = typeof tips.$inferSelect;
export type TipMessageRow = typeof tipMessages.$inferSelect;
export type TipFileRow = typeof tipFiles.$inferSelect;
