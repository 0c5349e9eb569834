import { boolean, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The exceptions to "Monday to Friday work, Saturday and Sunday rest" (deployment-wide, not scoped by ward). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  isWorking: boolean('is_working').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The years already seeded. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).defaultNow(),
});
