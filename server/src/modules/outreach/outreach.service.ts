import { randomUUID } from 'node:crypto';
import {
  ACTIVITY_TYPES,
  type addScriptVersionSchema,
  audienceTotal,
  type broadcastDoneSchema,
  type createActivitySchema,
  type createAnnouncementSchema,
  type createBroadcastSchema,
  type createScriptSchema,
  type Locale,
  type listActivitiesQuerySchema,
  type listAnnouncementsQuerySchema,
  type listBroadcastsQuerySchema,
  type listScriptsQuerySchema,
  OUTREACH_TOPICS,
  type OutreachSummary,
  reaches,
  SURVEY_ANSWERS,
  type SurveyAnswer,
  saferShare,
  sendableAt,
  translate,
  type updateActivitySchema,
  type updateAnnouncementSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { buildCsv, CSV_MIME } from '../../platform/csv.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanUpload, MAX_FILE_BYTES } from '../../platform/files.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import type { Upload } from '../../platform/multipart.ts';
import { VN_OFFSET_MS, vnToday } from '../../platform/time.ts';
import { findUnitInScope } from '../units/index.ts';
import {
  type ActivityListRow,
  type AnnouncementListRow,
  type BroadcastRow,
  deleteDraftAnnouncement,
  figures,
  findActiveSubscribers,
  findActivities,
  findActivityInScope,
  findAnnouncements,
  findBroadcasts,
  findDeliveries,
  findMaterial,
  findScripts,
  findScriptVersions,
  insertActivity,
  insertAnnouncement,
  insertBroadcast,
  insertDeliveries,
  insertMaterial,
  insertScript,
  insertScriptVersion,
  markBroadcastAired,
  markPublished,
  type ScriptRow,
  setScriptVersion,
  subscriberCounts,
  surveyByBlock,
  updateActivityRow,
  updateAnnouncementRow,
} from './outreach.repository.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const invalid = (path: string, message = 'validation.invalid') => new AppError('validation', [{ path, message }]);
export const DELIVER_JOB = 'outreach.deliver';

/** The unit a record is for: in reach (a block leader: her block only), and a ward or a block. */
async function unitFor(tx: Tx, actor: Actor, unitId: string, today: string) {
  const unit = await findUnitInScope(tx, actor, unitId, today);
  if (!unit?.wardId) throw new AppError('notFound');
  if (!['ward', 'commune', 'block', 'school'].includes(unit.type)) throw invalid('unitId');
  return unit as typeof unit & { wardId: string };
}

/* ---------- activities ---------- */

function activityView(r: ActivityListRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    type: r.type,
    topic: r.topic,
    heldOn: r.held_on,
    title: r.title,
    organisers: r.organisers,
    audienceTotal: Number(r.audience_total),
    audienceGroups: r.audience_groups,
    materials: r.materials,
    note: r.note,
    files: r.files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size) })),
  };
}

/** Records an activity: a block meeting, a broadcast, a school session … with its audience by group where known. */
export async function createActivity(deps: Deps, actor: Actor, input: z.output<typeof createActivitySchema>) {
  requirePermission(actor, 'outreach.manage');
  const today = vnToday(deps.clock());
  if (input.heldOn > today) throw invalid('heldOn', 'outreach.errors.future');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, today);
    const groups = input.audienceGroups ?? {};
    const summed = audienceTotal(groups);
    if (input.audienceTotal !== undefined && input.audienceTotal < summed) throw invalid('audienceTotal');
    await insertActivity(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      type: input.type,
      topic: input.topic,
      heldOn: input.heldOn,
      title: input.title,
      organisers: input.organisers || null,
      audienceTotal: input.audienceTotal ?? summed,
      audienceGroups: groups as Record<string, number>,
      materials: input.materials ?? [],
      note: input.note || null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'outreach.activity_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'outreach_activity',
      entityId: id,
    });
    const row = (await findActivities(tx, actor, { from: input.heldOn, to: input.heldOn }, 1000)).find((r) => r.id === id);
    if (!row) throw new AppError('notFound');
    return activityView(row);
  });
}

/**
 * Corrects a recorded activity (type, topic, day, title, organisers, audience, materials, note); its unit stays. The
 * audit entry names the fields changed, not their values.
 */
export async function updateActivity(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateActivitySchema>) {
  requirePermission(actor, 'outreach.manage');
  const today = vnToday(deps.clock());
  if (input.heldOn !== undefined && input.heldOn > today) throw invalid('heldOn', 'outreach.errors.future');
  return withActor(deps.database.db, actor, async (tx) => {
    const [a] = await findActivities(tx, actor, { id }, 1);
    if (!a) throw new AppError('notFound');
    const next = {
      type: input.type ?? a.type,
      topic: input.topic ?? a.topic,
      heldOn: input.heldOn ?? a.held_on,
      title: input.title ?? a.title,
      organisers: input.organisers === undefined ? a.organisers : input.organisers || null,
      audienceGroups: (input.audienceGroups as Record<string, number> | undefined) ?? a.audience_groups,
      materials: input.materials ?? a.materials,
      note: input.note === undefined ? a.note : input.note || null,
    };
    const summed = audienceTotal(next.audienceGroups);
    // New groups without a total: the total becomes their sum; a total never falls below the groups' sum.
    const total = input.audienceTotal ?? (input.audienceGroups !== undefined ? summed : Number(a.audience_total));
    if (total < summed) throw invalid('audienceTotal', 'outreach.errors.audienceBelowGroups');
    const before: Record<string, unknown> = {
      type: a.type,
      topic: a.topic,
      heldOn: a.held_on,
      title: a.title,
      organisers: a.organisers,
      audienceGroups: a.audience_groups,
      audienceTotal: Number(a.audience_total),
      materials: a.materials,
      note: a.note,
    };
    const after: Record<string, unknown> = { ...next, audienceTotal: total };
    const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return activityView(a);
    await updateActivityRow(tx, a.ward_id, a.id, { ...next, audienceTotal: total });
    await recordAudit(tx, {
      action: 'outreach.activity_update',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_activity',
      entityId: a.id,
      detail: { changed },
    });
    const [row] = await findActivities(tx, actor, { id }, 1);
    return activityView(row as ActivityListRow);
  });
}

/** Attaches a material to an activity (a leaflet, an outline, slides, a photo): checked by its bytes, pictures re-encoded. */
export async function attachMaterial(deps: Deps, actor: Actor, activityId: string, upload: Upload) {
  requirePermission(actor, 'outreach.manage');
  if (upload.bytes.length > MAX_FILE_BYTES) throw new AppError('payloadTooLarge');
  const clean = await cleanUpload(upload.bytes, upload.name);
  if (!clean) throw new AppError('fileType');
  // Written (sealed by the store) before the transaction that records it, and removed again if that fails.
  const storageKey = await deps.blobs.put(clean.bytes);
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await findActivityInScope(tx, actor, activityId);
    if (!a) throw new AppError('notFound');
    const id = randomUUID();
    await insertMaterial(tx, {
      wardId: a.ward_id,
      id,
      activityId: a.id,
      name: clean.name,
      mime: clean.mime,
      size: clean.bytes.length,
      storageKey,
      uploadedBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'outreach.material_attach',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_activity',
      entityId: a.id,
      detail: { materialId: id, mime: clean.mime },
    });
    return { id, name: clean.name, mime: clean.mime, size: clean.bytes.length };
  }).catch(deps.blobs.discarding([storageKey]));
}

export async function downloadMaterial(deps: Deps, actor: Actor, activityId: string, id: string) {
  requirePermission(actor, 'outreach.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await findActivityInScope(tx, actor, activityId);
    const m = a ? await findMaterial(tx, a.ward_id, a.id, id) : null;
    if (!m) throw new AppError('notFound');
    return { bytes: await deps.blobs.get(m.storage_key), mime: m.mime, name: m.name };
  });
}

function readCursor(cursor: string) {
  const [heldOn = '', id = ''] = cursor.split('~');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn) || !/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor');
  return { heldOn, id };
}

/** The most activities one export holds. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * Activities in reach, newest first (keyset paging), searched without diacritics; or all that match (up to 10 000) as
 * CSV or XLSX, an audited export.
 */
export async function listActivities(deps: Deps, actor: Actor, q: z.output<typeof listActivitiesQuerySchema>, locale: Locale = 'vi') {
  requirePermission(actor, 'outreach.read');
  const format = q.format;
  const limit = format ? EXPORT_MAX_ROWS : (q.limit ?? 50);
  const after = q.cursor && !format ? readCursor(q.cursor) : undefined;
  const result = await withActor(deps.database.db, actor, async (tx) => {
    const rows = await findActivities(
      tx,
      actor,
      { q: q.q, unitId: q.unitId, type: q.type, topic: q.topic, from: q.from, to: q.to, after },
      limit + 1,
    );
    const page = rows.slice(0, limit).map(activityView);
    const last = page[page.length - 1];
    if (format)
      await recordAudit(tx, {
        action: 'outreach.activities_export',
        actor: by(actor),
        wardId: actor.wardId,
        detail: {
          format,
          rows: page.length,
          truncated: rows.length > limit,
          filter: { unitId: q.unitId, type: q.type, topic: q.topic, from: q.from, to: q.to, search: q.q ? true : undefined },
        },
      });
    return { items: page, nextCursor: rows.length > limit && last ? `${last.heldOn}~${last.id}` : null };
  });
  if (format === 'csv') return { ...result, file: activitiesCsv(result.items, locale) };
  if (format === 'xlsx') return { ...result, file: await activitiesXlsx(deps, result.items, locale) };
  return result;
}

type ActivityView = ReturnType<typeof activityView>;

function activityColumns(locale: Locale) {
  const t = (k: string) => translate(locale, k);
  const head =
    locale === 'en'
      ? ['Date', 'Unit', 'Type', 'Topic', 'Title', 'Organisers', 'Audience', 'Materials']
      : ['Ngày', 'Đơn vị', 'Hình thức', 'Chủ đề', 'Nội dung', 'Đơn vị tổ chức', 'Số người dự', 'Tài liệu'];
  const cells = (a: ActivityView) => [
    a.unitName,
    t(`outreach.types.${a.type}`),
    t(`outreach.topics.${a.topic}`),
    a.title,
    a.organisers ?? '',
    a.audienceTotal,
    a.materials.join('; '),
  ];
  return { head, cells };
}

function activitiesCsv(items: ActivityView[], locale: Locale) {
  const { head, cells } = activityColumns(locale);
  const day = (d: string) => d.split('-').reverse().join('/');
  return {
    mime: CSV_MIME,
    filename: 'hoat-dong-tuyen-truyen.csv',
    bytes: buildCsv(
      head,
      items.map((a) => [day(a.heldOn), ...cells(a)]),
    ),
  };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The activities as a workbook: real dates shown dd/mm/yyyy, audiences as numbers, a filter on the header row. */
async function activitiesXlsx(deps: Deps, items: ActivityView[], locale: Locale) {
  const { head, cells } = activityColumns(locale);
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Outreach' : 'Tuyên truyền');
  sheet.addRow(head);
  sheet.getRow(1).font = { bold: true };
  for (const a of items) sheet.addRow([new Date(`${a.heldOn}T00:00:00Z`), ...cells(a)]);
  sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(5).width = 48;
  sheet.getColumn(7).width = 12;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
  return {
    mime: XLSX_MIME,
    filename: 'hoat-dong-tuyen-truyen.xlsx',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/* ---------- the script library ---------- */

const scriptView = (s: ScriptRow) => ({
  id: s.id,
  unitId: s.unit_id,
  unitName: s.unit_name,
  title: s.title,
  topic: s.topic,
  version: Number(s.current_version),
  body: s.body,
  updatedAt: new Date(s.updated_at).toISOString(),
});

/** The script library, by title (keyset paging), searched without diacritics, filtered by topic. */
export async function listScripts(deps: Deps, actor: Actor, q: z.output<typeof listScriptsQuerySchema> = {}) {
  requirePermission(actor, 'outreach.read');
  const limit = q.limit ?? 50;
  let after: { title: string; id: string } | undefined;
  if (q.cursor) {
    const cut = q.cursor.lastIndexOf('~');
    const id = q.cursor.slice(cut + 1);
    if (cut < 1 || !/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor');
    after = { title: q.cursor.slice(0, cut), id };
  }
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findScripts(tx, actor, undefined, { q: q.q, topic: q.topic, after }, limit + 1);
    const page = rows.slice(0, limit).map(scriptView);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? `${last.title}~${last.id}` : null };
  });
}

async function scriptDetail(tx: Tx, actor: Actor, id: string) {
  const [s] = await findScripts(tx, actor, id);
  if (!s) throw new AppError('notFound');
  const versions = await findScriptVersions(tx, s.ward_id, s.id);
  return {
    ...scriptView(s),
    versions: versions.map((v) => ({
      version: Number(v.version),
      body: v.body,
      note: v.note,
      createdAt: new Date(v.created_at).toISOString(),
    })),
  };
}

export async function getScript(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'outreach.read');
  return withActor(deps.database.db, actor, (tx) => scriptDetail(tx, actor, id));
}

/** A ready-to-read script for the loudspeakers; each change is a new version, earlier ones kept. */
export async function createScript(deps: Deps, actor: Actor, input: z.output<typeof createScriptSchema>) {
  requirePermission(actor, 'outreach.manage');
  const today = vnToday(deps.clock());
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, today);
    await insertScript(tx, { wardId: unit.wardId, id, unitId: unit.id, title: input.title, topic: input.topic });
    await insertScriptVersion(tx, { wardId: unit.wardId, scriptId: id, version: 1, body: input.body, createdBy: actor.userId });
    await recordAudit(tx, {
      action: 'outreach.script_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'outreach_script',
      entityId: id,
    });
    return scriptDetail(tx, actor, id);
  });
}

export async function addScriptVersion(deps: Deps, actor: Actor, id: string, input: z.output<typeof addScriptVersionSchema>) {
  requirePermission(actor, 'outreach.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const [s] = await findScripts(tx, actor, id);
    if (!s) throw new AppError('notFound');
    const version = Number(s.current_version) + 1;
    await insertScriptVersion(tx, {
      wardId: s.ward_id,
      scriptId: s.id,
      version,
      body: input.body,
      note: input.note || null,
      createdBy: actor.userId,
    });
    await setScriptVersion(tx, s.ward_id, s.id, version);
    await recordAudit(tx, {
      action: 'outreach.script_version',
      actor: by(actor),
      wardId: s.ward_id,
      entityType: 'outreach_script',
      entityId: s.id,
      detail: { version },
    });
    return scriptDetail(tx, actor, id);
  });
}

/* ---------- the broadcast schedule ---------- */

const broadcastView = (b: BroadcastRow) => ({
  id: b.id,
  unitId: b.unit_id,
  unitName: b.unit_name,
  scriptId: b.script_id,
  scriptTitle: b.script_title,
  topic: b.script_topic,
  scriptVersion: Number(b.script_version),
  body: b.body,
  system: b.system,
  airsAt: new Date(b.airs_at).toISOString(),
  minutes: Number(b.minutes),
  airedAt: b.aired_at ? new Date(b.aired_at).toISOString() : null,
});

const vnMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);

/** The loudspeaker schedule of a period (default: this week and the next), each slot with the script's text to read. */
export async function listBroadcasts(deps: Deps, actor: Actor, q: z.output<typeof listBroadcastsQuerySchema>) {
  requirePermission(actor, 'outreach.read');
  const today = vnToday(deps.clock());
  const from = q.from ?? today;
  const to = q.to ?? new Date(Date.parse(`${from}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
  if (to < from) throw invalid('to');
  return withActor(deps.database.db, actor, async (tx) => ({
    from,
    to,
    items: (await findBroadcasts(tx, actor, { fromAt: vnMidnight(from), toAt: new Date(vnMidnight(to).getTime() + 86_400_000) })).map(
      broadcastView,
    ),
  }));
}

/** Schedules a script (its current version) on the ward's or a block's loudspeakers. */
export async function createBroadcast(deps: Deps, actor: Actor, input: z.output<typeof createBroadcastSchema>) {
  requirePermission(actor, 'outreach.manage');
  const today = vnToday(deps.clock());
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, today);
    if (unit.type === 'school' || (input.system === 'block') !== (unit.type === 'block')) throw invalid('system');
    const [s] = await findScripts(tx, actor, input.scriptId);
    if (!s || s.ward_id !== unit.wardId) throw invalid('scriptId');
    const airsAt = new Date(Date.parse(`${input.airsOn}T${input.airsAt}:00Z`) - VN_OFFSET_MS);
    await insertBroadcast(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      scriptId: s.id,
      scriptVersion: Number(s.current_version),
      system: input.system,
      airsAt,
      minutes: input.minutes,
    });
    await recordAudit(tx, {
      action: 'outreach.broadcast_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'outreach_broadcast',
      entityId: id,
    });
    const [b] = await findBroadcasts(tx, actor, { id });
    return broadcastView(b as BroadcastRow);
  });
}

/** Marks a slot aired; it counts as a loudspeaker activity of its day. */
export async function markBroadcastDone(deps: Deps, actor: Actor, id: string, input: z.output<typeof broadcastDoneSchema>) {
  requirePermission(actor, 'outreach.manage');
  const now = deps.clock();
  return withActor(deps.database.db, actor, async (tx) => {
    const [b] = await findBroadcasts(tx, actor, { id });
    if (!b) throw new AppError('notFound');
    if (b.aired_at) throw new AppError('conflict');
    if (new Date(b.airs_at).getTime() > now.getTime()) throw invalid('airsAt', 'outreach.errors.future');
    await markBroadcastAired(tx, b.ward_id, b.id, now);
    await insertActivity(tx, {
      wardId: b.ward_id,
      id: randomUUID(),
      unitId: b.unit_id,
      type: 'loudspeaker',
      topic: b.script_topic,
      heldOn: vnToday(new Date(b.airs_at)),
      title: b.script_title,
      audienceTotal: input.listeners ?? 0,
      audienceGroups: {},
      materials: [`${b.script_title} (v${b.script_version})`],
      broadcastId: b.id,
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'outreach.broadcast_done',
      actor: by(actor),
      wardId: b.ward_id,
      entityType: 'outreach_broadcast',
      entityId: b.id,
    });
    const [done] = await findBroadcasts(tx, actor, { id });
    return broadcastView(done as BroadcastRow);
  });
}

/* ---------- announcements and alerts ---------- */

const announcementView = (a: AnnouncementListRow) => ({
  id: a.id,
  unitId: a.unit_id,
  unitName: a.unit_name,
  kind: a.kind,
  topic: a.topic,
  title: a.title,
  body: a.body,
  blockIds: a.block_ids,
  urgent: a.urgent,
  survey: a.survey,
  periodFrom: a.period_from,
  periodTo: a.period_to,
  publishedAt: a.published_at ? new Date(a.published_at).toISOString() : null,
  createdAt: new Date(a.created_at).toISOString(),
  deliveries: Number(a.deliveries),
  delivered: Number(a.delivered),
  failed: Number(a.failed),
});

export async function listAnnouncements(deps: Deps, actor: Actor, q: z.output<typeof listAnnouncementsQuerySchema>) {
  requirePermission(actor, 'outreach.read');
  const limit = q.limit ?? 50;
  let after: { createdAt: string; id: string } | undefined;
  if (q.cursor) {
    const [createdAt = '', id = ''] = q.cursor.split('~');
    if (Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor');
    after = { createdAt, id };
  }
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findAnnouncements(
      tx,
      actor,
      { q: q.q, unitId: q.unitId, kind: q.kind, topic: q.topic, state: q.state, after },
      limit + 1,
    );
    const page = rows.slice(0, limit).map(announcementView);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? `${last.createdAt}~${last.id}` : null };
  });
}

async function loadAnnouncement(tx: Tx, actor: Actor, id: string) {
  const [a] = await findAnnouncements(tx, actor, { id }, 1);
  if (!a) throw new AppError('notFound');
  return a;
}

export async function getAnnouncement(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'outreach.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await loadAnnouncement(tx, actor, id);
    const survey = a.survey ? await surveyByBlock(tx, actor, a.id) : [];
    const blocks = new Map<string, { unitId: string; unitName: string; counts: Record<SurveyAnswer, number> }>();
    for (const r of survey) {
      const b = blocks.get(r.unit_id) ?? { unitId: r.unit_id, unitName: r.unit_name, counts: { safer: 0, same: 0, less_safe: 0 } };
      b.counts[r.answer as SurveyAnswer] = Number(r.n);
      blocks.set(r.unit_id, b);
    }
    return { ...announcementView(a), surveyByBlock: [...blocks.values()].map((b) => ({ ...b, saferShare: saferShare(b.counts) })) };
  });
}

/**
 * The patrol period a survey asks about: both days for a survey (already past, in order), none for news or an alert.
 * A survey always carries the question.
 */
function surveyPeriod(kind: string, from: string | null | undefined, to: string | null | undefined, today: string) {
  if (kind !== 'survey') {
    if (from || to) throw invalid('periodFrom', 'outreach.errors.period');
    return { periodFrom: null, periodTo: null };
  }
  if (!from || !to || from > to || to > today) throw invalid(from && to && from > to ? 'periodTo' : 'periodFrom', 'outreach.errors.period');
  return { periodFrom: from, periodTo: to };
}

/** The blocks an announcement targets: a block's own announcement targets that block; a ward's, any of its blocks. */
async function targetBlocks(tx: Tx, actor: Actor, unit: { id: string; type: string }, requested: readonly string[], today: string) {
  const blockIds = [...new Set(requested)];
  if (unit.type === 'block') {
    if (blockIds.some((b) => b !== unit.id)) throw invalid('blockIds', 'outreach.errors.notBlockOfWard');
    return [unit.id];
  }
  for (const b of blockIds) {
    const block = await findUnitInScope(tx, actor, b, today);
    if (block?.type !== 'block' || block.parentId !== unit.id) throw invalid('blockIds', 'outreach.errors.notBlockOfWard');
  }
  return blockIds;
}

/**
 * Changes a draft announcement (kind, topic, title, text, blocks, urgency, survey); a published one no longer changes
 * (409). Only a chief may make it urgent. The audit entry names the fields changed.
 */
export async function updateAnnouncement(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateAnnouncementSchema>) {
  requirePermission(actor, 'outreach.manage');
  if (input.urgent && !can(actor, 'outreach.urgent')) throw new AppError('forbidden');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await loadAnnouncement(tx, actor, id);
    if (a.published_at) throw new AppError('conflict');
    const values: Record<string, unknown> = {};
    if (input.kind !== undefined) values.kind = input.kind;
    if (input.topic !== undefined) values.topic = input.topic;
    if (input.title !== undefined) values.title = input.title;
    if (input.body !== undefined) values.body = input.body;
    if (input.urgent !== undefined) values.urgent = input.urgent;
    if (input.survey !== undefined) values.survey = input.survey;
    if (input.kind !== undefined && (input.kind === 'survey') !== (a.kind === 'survey'))
      throw invalid('kind', 'outreach.errors.kindSurvey');
    if (a.kind === 'survey') {
      if (input.survey === false) throw invalid('survey', 'outreach.errors.period');
      const period = surveyPeriod('survey', input.periodFrom ?? a.period_from, input.periodTo ?? a.period_to, today);
      values.periodFrom = period.periodFrom;
      values.periodTo = period.periodTo;
    } else if (input.periodFrom !== undefined || input.periodTo !== undefined) throw invalid('periodFrom', 'outreach.errors.period');
    if (input.blockIds !== undefined) {
      const unit = await findUnitInScope(tx, actor, a.unit_id, today);
      if (!unit) throw new AppError('notFound');
      values.blockIds = await targetBlocks(tx, actor, unit, input.blockIds, today);
    }
    const current: Record<string, unknown> = {
      kind: a.kind,
      topic: a.topic,
      title: a.title,
      body: a.body,
      urgent: a.urgent,
      survey: a.survey,
      blockIds: a.block_ids,
      periodFrom: a.period_from,
      periodTo: a.period_to,
    };
    const changed = Object.keys(values).filter((k) => JSON.stringify(values[k]) !== JSON.stringify(current[k]));
    if (changed.length === 0) return announcementView(a);
    await updateAnnouncementRow(tx, a.ward_id, a.id, Object.fromEntries(changed.map((k) => [k, values[k]])));
    await recordAudit(tx, {
      action: 'outreach.announcement_update',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_announcement',
      entityId: a.id,
      detail: { changed },
    });
    return announcementView(await loadAnnouncement(tx, actor, id));
  });
}

/** Discards a draft announcement (the screen asks first); a published one stays (409). */
export async function discardAnnouncement(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'outreach.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await loadAnnouncement(tx, actor, id);
    if (a.published_at || !(await deleteDraftAnnouncement(tx, a.ward_id, a.id))) throw new AppError('conflict');
    await recordAudit(tx, {
      action: 'outreach.announcement_discard',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_announcement',
      entityId: a.id,
      detail: { kind: a.kind },
    });
  });
}

/**
 * Drafts an announcement or alert for a unit in reach: a block leader for her block, the ward police for the ward (and
 * any of its blocks). Only a chief may mark it urgent.
 */
export async function createAnnouncement(deps: Deps, actor: Actor, input: z.output<typeof createAnnouncementSchema>) {
  requirePermission(actor, 'outreach.manage');
  if (input.urgent && !can(actor, 'outreach.urgent')) throw new AppError('forbidden');
  const today = vnToday(deps.clock());
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, today);
    const blockIds = await targetBlocks(tx, actor, unit, input.blockIds ?? [], today);
    const period = surveyPeriod(input.kind, input.periodFrom, input.periodTo, today);
    await insertAnnouncement(tx, {
      ...period,
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      kind: input.kind,
      topic: input.topic,
      title: input.title,
      body: input.body,
      blockIds,
      urgent: input.urgent ?? false,
      survey: input.kind === 'survey' || (input.survey ?? false),
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'outreach.announcement_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'outreach_announcement',
      entityId: id,
      detail: { kind: input.kind, urgent: input.urgent ?? false },
    });
    return announcementView(await loadAnnouncement(tx, actor, id));
  });
}

/**
 * Publishes an announcement on /thong-bao and its feed, and writes one delivery per subscriber it reaches (topic,
 * blocks), each held until the end of the subscriber's quiet hours unless the alert is urgent. The delivery job sends
 * them (queued at once when a worker runs; its minute schedule picks up the rest).
 */
export async function publishAnnouncement(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'outreach.manage');
  const now = deps.clock();
  const result = await withActor(deps.database.db, actor, async (tx) => {
    const a = await loadAnnouncement(tx, actor, id);
    if (a.published_at) throw new AppError('conflict');
    if (a.urgent && !can(actor, 'outreach.urgent')) throw new AppError('forbidden');
    await markPublished(tx, a.ward_id, a.id, now);
    const subscribers = await findActiveSubscribers(tx, a.ward_id);
    const target = { topic: a.topic, blockIds: a.block_ids, urgent: a.urgent };
    const rows = subscribers
      .filter((s) => reaches({ topics: s.topics, blockIds: s.block_ids }, target))
      .map((s) => ({
        subscriberId: s.id,
        channel: s.channel,
        at: sendableAt(now, s.quiet_from && s.quiet_to ? { from: s.quiet_from, to: s.quiet_to } : null, a.urgent),
      }));
    const queued = await insertDeliveries(tx, a.ward_id, a.id, rows);
    await recordAudit(tx, {
      action: 'outreach.announcement_publish',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_announcement',
      entityId: a.id,
      detail: { deliveries: queued, urgent: a.urgent },
    });
    return { view: announcementView(await loadAnnouncement(tx, actor, id)), wardId: a.ward_id, queued };
  });
  if (result.queued > 0) await enqueueJob(deps.database, DELIVER_JOB, { wardId: result.wardId });
  return result.view;
}

/** The delivery status per recipient of an announcement, contacts masked; an audited read. */
export async function listDeliveries(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'outreach.deliveries');
  return withActor(deps.database.db, actor, async (tx) => {
    const a = await loadAnnouncement(tx, actor, id);
    const rows = await findDeliveries(tx, a.ward_id, a.id);
    await recordAudit(tx, {
      action: 'outreach.deliveries_read',
      actor: by(actor),
      wardId: a.ward_id,
      entityType: 'outreach_announcement',
      entityId: a.id,
    });
    return {
      items: rows.map((d) => ({
        id: d.id,
        channel: d.channel,
        contact: d.contact_hint ?? '—',
        status: d.status,
        attempts: Number(d.attempts),
        nextAttemptAt: d.status === 'pending' ? new Date(d.next_attempt_at).toISOString() : null,
        error: d.last_error,
        sentAt: d.sent_at ? new Date(d.sent_at).toISOString() : null,
      })),
    };
  });
}

/* ---------- figures ---------- */

/**
 * Subscriber counts of the actor's ward by channel (confirmed and pending), topic and block (confirmed): figures only,
 * never a contact. A subscription without blocks counts under the whole ward.
 */
export async function subscriberFigures(deps: Deps, actor: Actor) {
  requirePermission(actor, 'outreach.read');
  if (!actor.wardId) throw new AppError('notFound');
  const wardId = actor.wardId;
  return withActor(deps.database.db, actor, async (tx) => {
    const f = await subscriberCounts(tx, wardId);
    const byChannel = f.byChannel.map((r) => ({ channel: r.channel, confirmed: Number(r.confirmed), pending: Number(r.pending) }));
    return {
      confirmed: byChannel.reduce((s, r) => s + r.confirmed, 0),
      pending: byChannel.reduce((s, r) => s + r.pending, 0),
      byChannel,
      byTopic: f.byTopic.map((r) => ({ topic: r.topic, count: Number(r.n) })),
      byBlock: f.byBlock.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, count: Number(r.n) })),
    };
  });
}

/** The outreach part of the report summary: activities by type and topic, audiences, broadcasts, alerts, survey. */
export async function summariseOutreach(tx: Tx, unitIds: readonly string[], from: string, to: string): Promise<OutreachSummary> {
  const f = await figures(tx, unitIds, from, to);
  const byType = Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, 0])) as Record<string, number>;
  const byTopic = Object.fromEntries(OUTREACH_TOPICS.map((t) => [t, 0])) as Record<string, number>;
  let activities = 0;
  let audience = 0;
  for (const r of f.activities) {
    byType[r.type] = (byType[r.type] ?? 0) + Number(r.n);
    byTopic[r.topic] = (byTopic[r.topic] ?? 0) + Number(r.n);
    activities += Number(r.n);
    audience += Number(r.audience);
  }
  const counts = Object.fromEntries(SURVEY_ANSWERS.map((a) => [a, Number(f.survey.find((s) => s.answer === a)?.n ?? 0)])) as Record<
    SurveyAnswer,
    number
  >;
  return {
    activities,
    audience,
    byType,
    byTopic,
    broadcasts: Number(f.other?.broadcasts ?? 0),
    alertsSent: Number(f.other?.alerts ?? 0),
    deliveries: Number(f.other?.deliveries ?? 0),
    delivered: Number(f.other?.delivered ?? 0),
    surveyAnswers: SURVEY_ANSWERS.reduce((s, a) => s + counts[a], 0),
    saferShare: saferShare(counts),
  };
}
