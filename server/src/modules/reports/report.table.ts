import { customType, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A document's bytes: a Buffer on node-postgres, a Uint8Array on PGlite; always read back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** Periodic reports written in the background, one account's each (row-level security by `app.user_id`). */
export const reportJobs = pgTable(
  'report_jobs',
  {
    userId: uuid('user_id').notNull(),
    id: uuid('id').notNull(),
    wardId: uuid('ward_id'),
    unitId: uuid('unit_id').notNull(),
    unitKey: text('unit_key').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    format: text('format').$type<'pdf' | 'docx' | 'xlsx'>().notNull(),
    lang: text('lang').$type<'vi' | 'en'>().notNull(),
    origin: text('origin').notNull(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull(),
    progress: integer('progress').notNull().default(0),
    fileName: text('file_name'),
    mime: text('mime'),
    document: bytea('document'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] })],
);

export type ReportJobRow = typeof reportJobs.$inferSelect;
