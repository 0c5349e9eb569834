import { and, eq, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern } from '../units/index.ts';
import {
  outreachActivities,
  outreachAnnouncements,
  outreachBroadcasts,
  outreachScripts,
  outreachScriptVersions,
  outreachSurveyAnswers,
} from './outreach.table.ts';

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/* ---------- activities ---------- */

export async function insertActivity(tx: DbOrTx, row: typeof outreachActivities.$inferInsert) {
  await tx.insert(outreachActivities).values(row);
}

export type ActivityListRow = {
  id: string;
  ward_id: string;
  unit_id: string;
  unit_name: string;
  type: string;
  topic: string;
  held_on: string;
  title: string;
  organisers: string | null;
  audience_total: number;
  audience_groups: Record<string, number>;
  materials: string[];
  note: string | null;
  files: { id: string; name: string; mime: string; size: number }[];
};

export async function findActivities(
  tx: DbOrTx,
  actor: Actor,
  f: {
    q?: string;
    id?: string;
    unitId?: string;
    type?: string;
    topic?: string;
    from?: string;
    to?: string;
    after?: { heldOn: string; id: string };
  },
  limit: number,
): Promise<ActivityListRow[]> {
  const a = outreachActivities;
  const where = [inScope(actor, { wardId: a.wardId, unitId: a.unitId })];
  if (f.q?.trim()) {
    const p = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    where.push(
      sql`(f_unaccent(lower(${a.title})) LIKE f_unaccent(${p}) OR f_unaccent(lower(coalesce(${a.organisers}, ''))) LIKE f_unaccent(${p}))`,
    );
  }
  if (f.id) where.push(sql`${a.id} = ${f.id}`);
  if (f.unitId) where.push(sql`${a.unitId} = ${f.unitId}`);
  if (f.type) where.push(sql`${a.type} = ${f.type}`);
  if (f.topic) where.push(sql`${a.topic} = ${f.topic}`);
  if (f.from) where.push(sql`${a.heldOn} >= ${f.from}::date`);
  if (f.to) where.push(sql`${a.heldOn} <= ${f.to}::date`);
  if (f.after) where.push(sql`(${a.heldOn}, ${a.id}) < (${f.after.heldOn}::date, ${f.after.id}::uuid)`);
  return queryRows<ActivityListRow>(
    tx,
    sql`SELECT outreach_activities.id, outreach_activities.ward_id, outreach_activities.unit_id, u.name AS unit_name, outreach_activities.type, outreach_activities.topic, outreach_activities.held_on::text AS held_on, outreach_activities.title, outreach_activities.organisers,
               outreach_activities.audience_total, outreach_activities.audience_groups, outreach_activities.materials, outreach_activities.note,
               coalesce((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size) ORDER BY f.created_at, f.id)
                           FROM outreach_materials f WHERE f.ward_id = outreach_activities.ward_id AND f.activity_id = outreach_activities.id), '[]') AS files
          FROM outreach_activities JOIN units u ON u.id = outreach_activities.unit_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY outreach_activities.held_on DESC, outreach_activities.id DESC LIMIT ${limit}`,
  );
}

export async function updateActivityRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof outreachActivities.$inferInsert>) {
  await tx
    .update(outreachActivities)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(outreachActivities.wardId, wardId), eq(outreachActivities.id, id)));
}

export async function findActivityInScope(tx: DbOrTx, actor: Actor, id: string) {
  const a = outreachActivities;
  const [row] = await queryRows<{ ward_id: string; id: string }>(
    tx,
    sql`SELECT ward_id, id FROM outreach_activities WHERE id = ${id} AND ${inScope(actor, { wardId: a.wardId, unitId: a.unitId })}`,
  );
  return row ?? null;
}

export async function insertMaterial(
  tx: DbOrTx,
  row: { wardId: string; id: string; activityId: string; name: string; mime: string; size: number; storageKey: string; uploadedBy: string },
) {
  await queryRows(
    tx,
    sql`INSERT INTO outreach_materials (ward_id, id, activity_id, name, mime, size, storage_key, uploaded_by)
        VALUES (${row.wardId}, ${row.id}, ${row.activityId}, ${row.name}, ${row.mime}, ${row.size}, ${row.storageKey}, ${row.uploadedBy})
        RETURNING id`,
  );
}

export async function findMaterial(tx: DbOrTx, wardId: string, activityId: string, id: string) {
  const [row] = await queryRows<{ name: string; mime: string; storage_key: string }>(
    tx,
    sql`SELECT name, mime, storage_key FROM outreach_materials WHERE ward_id = ${wardId} AND activity_id = ${activityId} AND id = ${id}`,
  );
  return row ?? null;
}

/* ---------- scripts ---------- */

export async function insertScript(tx: DbOrTx, row: typeof outreachScripts.$inferInsert) {
  await tx.insert(outreachScripts).values(row);
}

export async function insertScriptVersion(tx: DbOrTx, row: typeof outreachScriptVersions.$inferInsert) {
  await tx.insert(outreachScriptVersions).values(row);
}

export async function setScriptVersion(tx: DbOrTx, wardId: string, id: string, version: number) {
  await tx
    .update(outreachScripts)
    .set({ currentVersion: version, updatedAt: new Date() })
    .where(and(eq(outreachScripts.wardId, wardId), eq(outreachScripts.id, id)));
}

export type ScriptRow = {
  id: string;
  ward_id: string;
  unit_id: string;
  unit_name: string;
  title: string;
  topic: string;
  current_version: number;
  body: string;
  updated_at: Date;
};

export async function findScripts(
  tx: DbOrTx,
  actor: Actor,
  id?: string,
  f: { q?: string; topic?: string; after?: { title: string; id: string } } = {},
  limit = 500,
): Promise<ScriptRow[]> {
  const s = outreachScripts;
  const where = [inScope(actor, { wardId: s.wardId, unitId: s.unitId })];
  if (id) where.push(sql`outreach_scripts.id = ${id}`);
  if (f.topic) where.push(sql`outreach_scripts.topic = ${f.topic}`);
  if (f.q?.trim())
    where.push(sql`f_unaccent(lower(outreach_scripts.title)) LIKE f_unaccent(${likePattern(f.q.trim().normalize('NFC').toLowerCase())})`);
  if (f.after) where.push(sql`(outreach_scripts.title, outreach_scripts.id) > (${f.after.title}, ${f.after.id}::uuid)`);
  return queryRows<ScriptRow>(
    tx,
    sql`SELECT outreach_scripts.id, outreach_scripts.ward_id, outreach_scripts.unit_id, u.name AS unit_name, outreach_scripts.title, outreach_scripts.topic, outreach_scripts.current_version, v.body, outreach_scripts.updated_at
          FROM outreach_scripts JOIN units u ON u.id = outreach_scripts.unit_id
          JOIN outreach_script_versions v ON v.ward_id = outreach_scripts.ward_id AND v.script_id = outreach_scripts.id AND v.version = outreach_scripts.current_version
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY outreach_scripts.title, outreach_scripts.id LIMIT ${limit}`,
  );
}

export async function findScriptVersions(tx: DbOrTx, wardId: string, scriptId: string) {
  return queryRows<{ version: number; body: string; note: string | null; created_at: Date }>(
    tx,
    sql`SELECT version, body, note, created_at FROM outreach_script_versions
         WHERE ward_id = ${wardId} AND script_id = ${scriptId} ORDER BY version DESC`,
  );
}

/* ---------- broadcasts ---------- */

export async function insertBroadcast(tx: DbOrTx, row: typeof outreachBroadcasts.$inferInsert) {
  await tx.insert(outreachBroadcasts).values(row);
}

export type BroadcastRow = {
  id: string;
  ward_id: string;
  unit_id: string;
  unit_name: string;
  script_id: string;
  script_title: string;
  script_topic: string;
  script_version: number;
  body: string;
  system: string;
  airs_at: Date;
  minutes: number;
  aired_at: Date | null;
};

export async function findBroadcasts(tx: DbOrTx, actor: Actor, f: { fromAt?: Date; toAt?: Date; id?: string }): Promise<BroadcastRow[]> {
  const b = outreachBroadcasts;
  return queryRows<BroadcastRow>(
    tx,
    sql`SELECT outreach_broadcasts.id, outreach_broadcasts.ward_id, outreach_broadcasts.unit_id, u.name AS unit_name, outreach_broadcasts.script_id, s.title AS script_title, s.topic AS script_topic,
               outreach_broadcasts.script_version, v.body, outreach_broadcasts.system, outreach_broadcasts.airs_at, outreach_broadcasts.minutes, outreach_broadcasts.aired_at
          FROM outreach_broadcasts JOIN units u ON u.id = outreach_broadcasts.unit_id
          JOIN outreach_scripts s ON s.ward_id = outreach_broadcasts.ward_id AND s.id = outreach_broadcasts.script_id
          JOIN outreach_script_versions v ON v.ward_id = outreach_broadcasts.ward_id AND v.script_id = outreach_broadcasts.script_id AND v.version = outreach_broadcasts.script_version
         WHERE ${inScope(actor, { wardId: b.wardId, unitId: b.unitId })}
           ${f.id ? sql`AND outreach_broadcasts.id = ${f.id}` : sql``}
           ${f.fromAt ? sql`AND outreach_broadcasts.airs_at >= ${f.fromAt.toISOString()}::timestamptz` : sql``}
           ${f.toAt ? sql`AND outreach_broadcasts.airs_at < ${f.toAt.toISOString()}::timestamptz` : sql``}
         ORDER BY outreach_broadcasts.airs_at, outreach_broadcasts.id LIMIT 500`,
  );
}

export async function markBroadcastAired(tx: DbOrTx, wardId: string, id: string, at: Date) {
  await tx
    .update(outreachBroadcasts)
    .set({ airedAt: at })
    .where(and(eq(outreachBroadcasts.wardId, wardId), eq(outreachBroadcasts.id, id)));
}

/* ---------- announcements ---------- */

export async function insertAnnouncement(tx: DbOrTx, row: typeof outreachAnnouncements.$inferInsert) {
  await tx.insert(outreachAnnouncements).values(row);
}

export type AnnouncementListRow = {
  id: string;
  ward_id: string;
  unit_id: string;
  unit_name: string;
  kind: string;
  topic: string;
  title: string;
  body: string;
  block_ids: string[];
  urgent: boolean;
  survey: boolean;
  period_from: string | null;
  period_to: string | null;
  published_at: Date | null;
  created_at: Date;
  deliveries: number;
  delivered: number;
  failed: number;
};

export async function findAnnouncements(
  tx: DbOrTx,
  actor: Actor,
  f: {
    q?: string;
    id?: string;
    unitId?: string;
    kind?: string;
    topic?: string;
    state?: 'draft' | 'published';
    after?: { createdAt: string; id: string };
  },
  limit: number,
): Promise<AnnouncementListRow[]> {
  const a = outreachAnnouncements;
  const where = [inScope(actor, { wardId: a.wardId, unitId: a.unitId })];
  if (f.id) where.push(sql`outreach_announcements.id = ${f.id}`);
  if (f.unitId) where.push(sql`outreach_announcements.unit_id = ${f.unitId}`);
  if (f.kind) where.push(sql`outreach_announcements.kind = ${f.kind}`);
  if (f.topic) where.push(sql`outreach_announcements.topic = ${f.topic}`);
  if (f.state === 'draft') where.push(sql`outreach_announcements.published_at IS NULL`);
  if (f.state === 'published') where.push(sql`outreach_announcements.published_at IS NOT NULL`);
  if (f.q?.trim())
    where.push(
      sql`f_unaccent(lower(outreach_announcements.title)) LIKE f_unaccent(${likePattern(f.q.trim().normalize('NFC').toLowerCase())})`,
    );
  if (f.after)
    where.push(
      sql`(outreach_announcements.created_at, outreach_announcements.id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`,
    );
  return queryRows<AnnouncementListRow>(
    tx,
    sql`SELECT outreach_announcements.id, outreach_announcements.ward_id, outreach_announcements.unit_id, u.name AS unit_name, outreach_announcements.kind, outreach_announcements.topic, outreach_announcements.title, outreach_announcements.body, outreach_announcements.block_ids, outreach_announcements.urgent, outreach_announcements.survey,
               outreach_announcements.period_from::text AS period_from, outreach_announcements.period_to::text AS period_to, outreach_announcements.published_at, outreach_announcements.created_at,
               (SELECT count(*)::int FROM outreach_deliveries d WHERE d.ward_id = outreach_announcements.ward_id AND d.announcement_id = outreach_announcements.id) AS deliveries,
               (SELECT count(*)::int FROM outreach_deliveries d WHERE d.ward_id = outreach_announcements.ward_id AND d.announcement_id = outreach_announcements.id AND d.status = 'sent') AS delivered,
               (SELECT count(*)::int FROM outreach_deliveries d WHERE d.ward_id = outreach_announcements.ward_id AND d.announcement_id = outreach_announcements.id AND d.status = 'failed') AS failed
          FROM outreach_announcements JOIN units u ON u.id = outreach_announcements.unit_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY outreach_announcements.created_at DESC, outreach_announcements.id DESC LIMIT ${limit}`,
  );
}

export async function updateAnnouncementRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof outreachAnnouncements.$inferInsert>,
) {
  await tx
    .update(outreachAnnouncements)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(outreachAnnouncements.wardId, wardId), eq(outreachAnnouncements.id, id), sql`published_at IS NULL`));
}

/** Discards a draft: nothing refers to an announcement before it is published (no delivery, no survey answer). */
export async function deleteDraftAnnouncement(tx: DbOrTx, wardId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`DELETE FROM outreach_announcements WHERE ward_id = ${wardId} AND id = ${id} AND published_at IS NULL RETURNING id`,
  );
  return rows.length === 1;
}

/** Subscriber counts of a ward by channel, topic and block, confirmed or pending: figures only, never a contact. */
export async function subscriberCounts(tx: DbOrTx, wardId: string) {
  const byChannel = await queryRows<{ channel: string; confirmed: number; pending: number }>(
    tx,
    sql`SELECT channel, count(*) FILTER (WHERE verified_at IS NOT NULL)::int AS confirmed, count(*) FILTER (WHERE verified_at IS NULL)::int AS pending
          FROM outreach_subscribers WHERE ward_id = ${wardId} AND unsubscribed_at IS NULL GROUP BY channel ORDER BY channel`,
  );
  const byTopic = await queryRows<{ topic: string; n: number }>(
    tx,
    sql`SELECT t AS topic, count(*)::int AS n FROM outreach_subscribers, unnest(topics) AS t
         WHERE ward_id = ${wardId} AND unsubscribed_at IS NULL AND verified_at IS NOT NULL GROUP BY t ORDER BY t`,
  );
  const byBlock = await queryRows<{ unit_id: string | null; unit_name: string | null; n: number }>(
    tx,
    sql`SELECT b AS unit_id, u.name AS unit_name, count(*)::int AS n
          FROM outreach_subscribers
          LEFT JOIN LATERAL unnest(CASE WHEN cardinality(block_ids) = 0 THEN ARRAY[NULL::uuid] ELSE block_ids END) AS b ON true
          LEFT JOIN units u ON u.id = b
         WHERE outreach_subscribers.ward_id = ${wardId} AND unsubscribed_at IS NULL AND verified_at IS NOT NULL
         GROUP BY b, u.name ORDER BY u.name NULLS FIRST`,
  );
  return { byChannel, byTopic, byBlock };
}

export async function markPublished(tx: DbOrTx, wardId: string, id: string, at: Date) {
  await tx
    .update(outreachAnnouncements)
    .set({ publishedAt: at, updatedAt: at })
    .where(and(eq(outreachAnnouncements.wardId, wardId), eq(outreachAnnouncements.id, id)));
}

/** The ward's confirmed subscribers, for matching an announcement. */
export async function findActiveSubscribers(tx: DbOrTx, wardId: string) {
  return queryRows<{
    id: string;
    channel: string;
    topics: string[];
    block_ids: string[];
    quiet_from: string | null;
    quiet_to: string | null;
  }>(
    tx,
    sql`SELECT id, channel, topics, block_ids, quiet_from, quiet_to FROM outreach_subscribers
         WHERE ward_id = ${wardId} AND verified_at IS NOT NULL AND unsubscribed_at IS NULL`,
  );
}

/** One delivery row per recipient: a second call for the same announcement adds none. */
export async function insertDeliveries(
  tx: DbOrTx,
  wardId: string,
  announcementId: string,
  rows: { subscriberId: string; channel: string; at: Date }[],
): Promise<number> {
  let n = 0;
  for (const r of rows) {
    const done = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO outreach_deliveries (ward_id, announcement_id, subscriber_id, channel, status, next_attempt_at)
          VALUES (${wardId}, ${announcementId}, ${r.subscriberId}, ${r.channel}, 'pending', ${r.at.toISOString()}::timestamptz)
          ON CONFLICT (ward_id, announcement_id, subscriber_id) DO NOTHING RETURNING id`,
    );
    n += done.length;
  }
  return n;
}

export async function findDeliveries(tx: DbOrTx, wardId: string, announcementId: string) {
  return queryRows<{
    id: string;
    channel: string;
    status: string;
    attempts: number;
    next_attempt_at: Date;
    last_error: string | null;
    sent_at: Date | null;
    contact_hint: string | null;
  }>(
    tx,
    sql`SELECT d.id, d.channel, d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, s.contact_hint
          FROM outreach_deliveries d JOIN outreach_subscribers s ON s.ward_id = d.ward_id AND s.id = d.subscriber_id
         WHERE d.ward_id = ${wardId} AND d.announcement_id = ${announcementId}
         ORDER BY d.created_at, d.id LIMIT 5000`,
  );
}

/* ---------- figures ---------- */

export async function figures(tx: DbOrTx, unitIds: readonly string[], from: string, to: string) {
  const ids = uuidArray(unitIds);
  const fromAt = `${from}T00:00:00+07:00`;
  const toAt = `${to}T23:59:59.999+07:00`;
  const activities = await queryRows<{ type: string; topic: string; n: number; audience: number }>(
    tx,
    sql`SELECT type, topic, count(*)::int AS n, coalesce(sum(audience_total), 0)::int AS audience FROM outreach_activities
         WHERE unit_id = ANY (${ids}) AND held_on BETWEEN ${from}::date AND ${to}::date GROUP BY type, topic`,
  );
  const [other] = await queryRows<{ broadcasts: number; alerts: number; deliveries: number; delivered: number }>(
    tx,
    sql`SELECT
          (SELECT count(*)::int FROM outreach_broadcasts WHERE unit_id = ANY (${ids}) AND aired_at BETWEEN ${fromAt}::timestamptz AND ${toAt}::timestamptz) AS broadcasts,
          (SELECT count(*)::int FROM outreach_announcements WHERE unit_id = ANY (${ids}) AND kind = 'alert' AND published_at BETWEEN ${fromAt}::timestamptz AND ${toAt}::timestamptz) AS alerts,
          (SELECT count(*)::int FROM outreach_deliveries d JOIN outreach_announcements a ON a.ward_id = d.ward_id AND a.id = d.announcement_id
            WHERE a.unit_id = ANY (${ids}) AND a.published_at BETWEEN ${fromAt}::timestamptz AND ${toAt}::timestamptz) AS deliveries,
          (SELECT count(*)::int FROM outreach_deliveries d JOIN outreach_announcements a ON a.ward_id = d.ward_id AND a.id = d.announcement_id
            WHERE a.unit_id = ANY (${ids}) AND d.status = 'sent' AND a.published_at BETWEEN ${fromAt}::timestamptz AND ${toAt}::timestamptz) AS delivered`,
  );
  const survey = await queryRows<{ answer: string; n: number }>(
    tx,
    sql`SELECT answer, count(*)::int AS n FROM outreach_survey_answers
         WHERE unit_id = ANY (${ids}) AND answered_on BETWEEN ${from}::date AND ${to}::date GROUP BY answer`,
  );
  return { activities, other, survey };
}

/** Survey answers by block of one ward's announcements in reach. */
export async function surveyByBlock(tx: DbOrTx, actor: Actor, announcementId: string) {
  return queryRows<{ unit_id: string; unit_name: string; answer: string; n: number }>(
    tx,
    sql`SELECT outreach_survey_answers.unit_id, u.name AS unit_name, outreach_survey_answers.answer, count(*)::int AS n
          FROM outreach_survey_answers JOIN units u ON u.id = outreach_survey_answers.unit_id
         WHERE outreach_survey_answers.announcement_id = ${announcementId} AND ${inScope(actor, { wardId: outreachSurveyAnswers.wardId })}
         GROUP BY outreach_survey_answers.unit_id, u.name, outreach_survey_answers.answer ORDER BY u.name`,
  );
}
