import { z } from 'zod';
import { cursorQuery, dateOnly, trimmed } from '../common/common.schemas.ts';
import { ACTIVITY_TYPES, AUDIENCE_GROUPS, BROADCAST_SYSTEMS, CLOCK_TIME, OUTREACH_TOPICS, SURVEY_ANSWERS } from './outreach.rules.ts';

const uuid = z.uuid({ message: 'validation.id' });
const optionalText = (max: number) => trimmed(0, max).optional();
const count = z.number().int().min(0).max(1_000_000);

export const activityTypeSchema = z.enum(ACTIVITY_TYPES);
export const outreachTopicSchema = z.enum(OUTREACH_TOPICS);
export const audienceGroupSchema = z.enum(AUDIENCE_GROUPS);
export const clockTime = z.string().regex(CLOCK_TIME, { message: 'outreach.errors.time' });

export const createActivitySchema = z.strictObject({
  unitId: uuid,
  type: activityTypeSchema,
  topic: outreachTopicSchema,
  heldOn: dateOnly,
  title: trimmed(1, 300),
  organisers: optionalText(500),
  /** The audience by group where known; the total is their sum unless given. */
  audienceGroups: z.partialRecord(audienceGroupSchema, count).optional(),
  audienceTotal: count.optional(),
  /** Materials used: titles of leaflets, scripts, slides, links. */
  materials: z.array(trimmed(1, 300)).max(20).optional(),
  note: optionalText(2000),
});

/** Corrections to a recorded activity (its unit stays); the audit entry names the fields changed, not their values. */
export const updateActivitySchema = z
  .strictObject({
    type: activityTypeSchema.optional(),
    topic: outreachTopicSchema.optional(),
    heldOn: dateOnly.optional(),
    title: trimmed(1, 300).optional(),
    organisers: optionalText(500).nullable(),
    audienceGroups: z.partialRecord(audienceGroupSchema, count).optional(),
    audienceTotal: count.optional(),
    materials: z.array(trimmed(1, 300)).max(20).optional(),
    note: optionalText(2000).nullable(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'outreach.errors.nothingToUpdate' });

export const listActivitiesQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: uuid.optional(),
  type: activityTypeSchema.optional(),
  topic: outreachTopicSchema.optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
  ...cursorQuery,
});

export const createScriptSchema = z.strictObject({
  unitId: uuid,
  title: trimmed(1, 300),
  topic: outreachTopicSchema,
  body: trimmed(1, 20_000),
});
export const addScriptVersionSchema = z.strictObject({ body: trimmed(1, 20_000), note: optionalText(500) });

export const createBroadcastSchema = z.strictObject({
  unitId: uuid,
  scriptId: uuid,
  system: z.enum(BROADCAST_SYSTEMS),
  airsOn: dateOnly,
  airsAt: clockTime,
  minutes: z.number().int().min(1).max(240),
});
export const listBroadcastsQuerySchema = z.strictObject({ from: dateOnly.optional(), to: dateOnly.optional() });
export const broadcastDoneSchema = z.strictObject({ listeners: count.optional() });

/** News, an alert, or a survey sent on its own after a patrol period ("do you feel safer?"). */
export const ANNOUNCEMENT_KINDS = ['news', 'alert', 'survey'] as const;
export const createAnnouncementSchema = z.strictObject({
  unitId: uuid,
  kind: z.enum(ANNOUNCEMENT_KINDS),
  topic: outreachTopicSchema,
  title: trimmed(1, 200),
  body: trimmed(1, 10_000),
  /** Blocks the alert concerns; none: the whole unit. */
  blockIds: z.array(uuid).max(50).optional(),
  /** Urgent: sent at once, through quiet hours (a chief only). */
  urgent: z.boolean().optional(),
  /** Ask readers "do you feel safer?" under it. */
  survey: z.boolean().optional(),
  /** A survey after a patrol period: the period it asks about (both days, already past). */
  periodFrom: dateOnly.optional(),
  periodTo: dateOnly.optional(),
});
/** Changes to a draft announcement (a published one no longer changes). */
export const updateAnnouncementSchema = z
  .strictObject({
    kind: z.enum(ANNOUNCEMENT_KINDS).optional(),
    topic: outreachTopicSchema.optional(),
    title: trimmed(1, 200).optional(),
    body: trimmed(1, 10_000).optional(),
    blockIds: z.array(uuid).max(50).optional(),
    urgent: z.boolean().optional(),
    survey: z.boolean().optional(),
    periodFrom: dateOnly.optional(),
    periodTo: dateOnly.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'outreach.errors.nothingToUpdate' });

export const ANNOUNCEMENT_STATES = ['draft', 'published'] as const;
export const listAnnouncementsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: uuid.optional(),
  kind: z.enum(ANNOUNCEMENT_KINDS).optional(),
  topic: outreachTopicSchema.optional(),
  state: z.enum(ANNOUNCEMENT_STATES).optional(),
  ...cursorQuery,
});
export const listScriptsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  topic: outreachTopicSchema.optional(),
  ...cursorQuery,
});

export const surveyAnswerSchema = z.enum(SURVEY_ANSWERS);
export const outreachSummaryQuerySchema = z.strictObject({ unitId: uuid.optional(), from: dateOnly, to: dateOnly });

/** The outreach part of the report summary. */
export const outreachSummarySchema = z.object({
  activities: z.number(),
  audience: z.number(),
  byType: z.record(z.string(), z.number()),
  byTopic: z.record(z.string(), z.number()),
  broadcasts: z.number(),
  alertsSent: z.number(),
  deliveries: z.number(),
  delivered: z.number(),
  surveyAnswers: z.number(),
  saferShare: z.number().nullable(),
});
export type OutreachSummary = z.infer<typeof outreachSummarySchema>;
