import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const outreachActivities = pgTable(
  'outreach_activities',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    type: text('type').notNull(),
    topic: text('topic').notNull(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    organisers: text('organisers'),
    audienceTotal: integer('audience_total').notNull().default(0),
    audienceGroups: jsonb('audience_groups').$type<Record<string, number>>().notNull().default({}),
    materials: text('materials').array().notNull().default([]),
    note: text('note'),
    broadcastId: uuid('broadcast_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type ActivityRow = typeof outreachActivities.$inferSelect;

export const outreachScripts = pgTable(
  'outreach_scripts',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    title: text('title').notNull(),
    topic: text('topic').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const outreachScriptVersions = pgTable(
  'outreach_script_versions',
  {
    wardId: uuid('ward_id').notNull(),
    scriptId: uuid('script_id').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.scriptId, t.version] })],
);

export const outreachBroadcasts = pgTable(
  'outreach_broadcasts',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    scriptId: uuid('script_id').notNull(),
    scriptVersion: integer('script_version').notNull(),
    system: text('system').notNull(),
    airsAt: ts('airs_at').notNull(),
    minutes: integer('minutes').notNull(),
    airedAt: ts('aired_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const outreachAnnouncements = pgTable(
  'outreach_announcements',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    blockIds: uuid('block_ids').array().notNull().default([]),
    urgent: boolean('urgent').notNull().default(false),
    survey: boolean('survey').notNull().default(false),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    publishedAt: ts('published_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type AnnouncementRow = typeof outreachAnnouncements.$inferSelect;

export const outreachSubscribers = pgTable(
  'outreach_subscribers',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    channel: text('channel').notNull(),
    contactSealed: text('contact_sealed'),
    contactHash: text('contact_hash'),
    contactHint: text('contact_hint'),
    topics: text('topics').array().notNull().default([]),
    blockIds: uuid('block_ids').array().notNull().default([]),
    quietFrom: text('quiet_from'),
    quietTo: text('quiet_to'),
    consentVersion: text('consent_version').notNull(),
    consentAt: ts('consent_at').notNull(),
    codeHash: text('code_hash'),
    codeExpiresAt: ts('code_expires_at'),
    codeAttempts: integer('code_attempts').notNull().default(0),
    verifiedAt: ts('verified_at'),
    unsubscribedAt: ts('unsubscribed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type SubscriberRow = typeof outreachSubscribers.$inferSelect;

export const outreachDeliveries = pgTable(
  'outreach_deliveries',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    announcementId: uuid('announcement_id').notNull(),
    subscriberId: uuid('subscriber_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    claimedAt: ts('claimed_at'),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    sentAt: ts('sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const outreachSurveyAnswers = pgTable(
  'outreach_survey_answers',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    announcementId: uuid('announcement_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    answer: text('answer').notNull(),
    answeredOn: date('answered_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
