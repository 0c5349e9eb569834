import { randomUUID } from 'node:crypto';
import {
  type Boundary,
  blindPoints,
  blockCoverageShare,
  boundarySchema,
  CAMERA_CONSENT_VERSION,
  type CameraSummary,
  checkFootageRequest,
  type createCameraSchema,
  type createFootageRequestSchema,
  DEFAULT_FOOTAGE_LIMITS,
  type FieldOfView,
  FOOTAGE_OUTCOMES,
  type FootageLimits,
  type FootageOutcome,
  fieldOfViewReaches,
  footageGoneAt,
  type footageLimitsSchema,
  type footageSearchSchema,
  greatCircleMetres,
  type Locale,
  limitsWithinBounds,
  type listCamerasQuerySchema,
  type listFootageRequestsQuerySchema,
  PLANNING_CLUSTER_METRES,
  PLANNING_WINDOW_DAYS,
  type publicCameraSchema,
  rankPlacementSites,
  readReference,
  retentionHolds,
  searchable,
  sectorPolygon,
  translate,
  type updateCameraSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { open, seal } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { openFile } from '../../platform/envelope.ts';
import { AppError } from '../../platform/errors.ts';
import { messengerOf } from '../../platform/messaging/index.ts';
import { vnToday } from '../../platform/time.ts';
import { findCaseByNumber } from '../cases/index.ts';
import { findTipByNumber } from '../tips/index.ts';
import { findActiveBlocks, findUnitInScope, findUnitsForMap, findWardByCode, type UnitRecord } from '../units/index.ts';
import { asChannel, channelFits, contactHash, newCode, ownerLink, readContact } from './camera.contact.ts';
import {
  type CameraRecord,
  countCameras,
  countContactCodeAttempt,
  countRequests,
  deleteContactCode,
  findCameraById,
  findCameraInScope,
  findCamerasInScope,
  findCamerasOfWards,
  findContactCode,
  findLimits,
  findRecentIncidentPlaces,
  findRequestInScope,
  findRequestsInScope,
  findTarget,
  findTargets,
  insertCamera,
  insertContactCode,
  insertRequest,
  insertTargets,
  markNotified,
  monthlyCounts,
  nextRequestNumber,
  updateCameraRow,
  upsertLimits,
} from './camera.repository.ts';
import type { CameraRow } from './camera.table.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const invalid = (path: string, message = 'validation.invalid') => new AppError('validation', [{ path, message }]);
const NAME = 'camera-owner-name';
const CONTACT = 'camera-contact';

export const fovOf = (c: { lat: number; lng: number; direction: number; angle: number; rangeM: number }): FieldOfView => ({
  lat: c.lat,
  lng: c.lng,
  direction: c.direction,
  angle: c.angle,
  range: c.rangeM,
});

/** A camera as staff read it: no owner's name or contact unless asked for (and audited). */
function cameraView(c: CameraRecord | (CameraRow & { unitName?: string })) {
  return {
    id: c.id,
    wardId: c.wardId,
    unitId: c.unitId,
    unitName: c.unitName ?? '',
    kind: c.kind as 'resident' | 'business' | 'ward',
    source: c.source as 'staff' | 'public',
    label: c.label,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    direction: c.direction,
    angle: c.angle,
    range: c.rangeM,
    covers: c.covers,
    retentionDays: c.retentionDays,
    working: c.working,
    status: c.status as 'active' | 'withdrawn',
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    channel: c.channel,
    contactVerified: c.contactVerified,
    consentVersion: c.consentVersion,
    consentAt: c.consentAt?.toISOString() ?? null,
    hasOwner: c.contactEnc !== null,
    searchable: searchable({
      kind: c.kind as 'ward',
      status: c.status as 'active',
      working: c.working,
      consentVersion: c.consentVersion,
    }),
    createdAt: c.createdAt.toISOString(),
  };
}

/** Keyset paging: the cursor is the last row's sort key, opaque to the reader (base64url JSON). */
function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function decodeCursor<T>(cursor: string | undefined, ok: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (ok(v)) return v;
  } catch {
    // falls through: a cursor that does not read is bad input
  }
  throw invalid('cursor');
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isCameraCursor = (v: unknown): v is { status: string; label: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { status: unknown }).status === 'string' &&
  typeof (v as { label: unknown }).label === 'string' &&
  UUID.test(String((v as { id: unknown }).id));
const isRequestCursor = (v: unknown): v is { at: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Number.isNaN(Date.parse(String((v as { at: unknown }).at))) &&
  UUID.test(String((v as { id: unknown }).id));

async function unitOf(tx: Tx, actor: Actor, unitId: string, today: string): Promise<UnitRecord & { wardId: string }> {
  const unit = await findUnitInScope(tx, actor, unitId, today);
  if (!unit?.wardId || !unit.isActive) throw new AppError('notFound');
  if (unit.type !== 'block' && unit.id !== unit.wardId) throw invalid('unitId');
  return unit as UnitRecord & { wardId: string };
}

/** Sends one message to an owner; a failure is reported, never thrown (the record stands), never with the contact. */
async function tell(deps: Deps, c: CameraRow, subject: string, text: string): Promise<boolean> {
  if (!c.contactEnc) return false;
  try {
    const to = open(deps.key, c.contactEnc, CONTACT);
    const res = await messengerOf(deps).send({ channel: asChannel(c.channel), to, subject, text });
    return res.ok;
  } catch {
    return false;
  }
}

async function sendOwnerLink(deps: Deps, c: CameraRow, wardName: string, locale: Locale = 'vi') {
  const t = (k: string, v?: Record<string, string>) => translate(locale, `cameras.messages.${k}`, v);
  return tell(deps, c, t('linkSubject'), t('linkText', { label: c.label, ward: wardName, link: ownerLink(deps, c) }));
}

/* ---------- the registry (staff) ---------- */

export async function listCameras(deps: Deps, actor: Actor, q: z.output<typeof listCamerasQuerySchema>) {
  requirePermission(actor, 'camera.read');
  const limit = q.limit ?? 50;
  const after = decodeCursor(q.cursor, isCameraCursor);
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items: rows } = await findCamerasInScope(tx, actor, q, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    await recordAudit(tx, {
      action: 'camera.list',
      actor: by(actor),
      wardId: actor.wardId,
      detail: { rows: items.length, search: q.q ? true : undefined, status: q.status },
    });
    return {
      total,
      items: items.map(cameraView),
      nextCursor: rows.length > limit && last ? encodeCursor({ status: last.status, label: last.label, id: last.id }) : null,
    };
  });
}

/** One camera with its owner's name and contact (personal data: the read is audited). */
export async function getCamera(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'camera.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await findCameraInScope(tx, actor, id);
    if (!c) throw new AppError('notFound');
    await recordAudit(tx, { action: 'camera.read', actor: by(actor), wardId: c.wardId, entityType: 'camera', entityId: c.id });
    return {
      ...cameraView(c),
      ownerName: c.ownerNameEnc ? open(deps.key, c.ownerNameEnc, NAME) : null,
      contact: c.contactEnc ? open(deps.key, c.contactEnc, CONTACT) : null,
    };
  });
}

/** An officer registers the ward's own camera, or a resident's or business's on their behalf with their consent. */
export async function createCamera(deps: Deps, actor: Actor, input: z.output<typeof createCameraSchema>) {
  requirePermission(actor, 'camera.manage');
  const today = vnToday(deps.clock());
  const id = randomUUID();
  const owned = input.kind !== 'ward';
  const contact = input.contact ? readContact(input.contact) : null;
  if (owned) {
    if (!input.ownerName) throw invalid('ownerName', 'validation.required');
    if (!contact) throw invalid('contact', input.contact ? 'cameras.contactFormat' : 'cameras.contactRequired');
    if (!input.channel || !channelFits(input.channel, contact)) throw invalid('channel');
    if (input.consent !== true) throw invalid('consent', 'cameras.consentRequired');
  } else if (input.contact && !contact) throw invalid('contact', 'cameras.contactFormat');
  const made = await withActor(deps.database.db, actor, async (tx) => {
    const unit = await unitOf(tx, actor, input.unitId, today);
    const now = deps.clock();
    const row = {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      kind: input.kind,
      source: 'staff',
      label: input.label,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      direction: input.direction,
      angle: input.angle,
      rangeM: input.range,
      covers: input.covers,
      retentionDays: input.retentionDays,
      working: input.working,
      ownerNameEnc: input.ownerName ? seal(deps.key, input.ownerName, NAME) : null,
      contactEnc: contact ? seal(deps.key, contact.value, CONTACT) : null,
      contactHash: contact ? contactHash(deps, contact) : null,
      channel: contact ? (input.channel ?? (contact.kind === 'email' ? 'email' : 'sms')) : null,
      consentVersion: owned ? CAMERA_CONSENT_VERSION : null,
      consentAt: owned ? now : null,
      createdBy: actor.userId,
    };
    await insertCamera(tx, row);
    await recordAudit(tx, {
      action: 'camera.create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'camera',
      entityId: id,
      detail: { kind: input.kind, working: input.working, consentVersion: row.consentVersion },
    });
    const c = (await findCameraInScope(tx, actor, id)) as CameraRecord;
    const ward = await findUnitInScope(tx, actor, unit.wardId, today);
    return { c, wardName: ward?.name ?? '' };
  });
  if (made.c.contactEnc) await sendOwnerLink(deps, made.c, made.wardName);
  return cameraView(made.c);
}

export async function updateCamera(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateCameraSchema>) {
  requirePermission(actor, 'camera.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await findCameraInScope(tx, actor, id);
    if (!c) throw new AppError('notFound');
    if (c.status === 'withdrawn') throw new AppError('conflict');
    const { range, ...rest } = input;
    const patch = { ...rest, ...(range !== undefined ? { rangeM: range } : {}) };
    await updateCameraRow(tx, c.wardId, c.id, patch);
    await recordAudit(tx, {
      action: 'camera.update',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'camera',
      entityId: c.id,
      detail: { fields: Object.keys(input).sort() },
    });
    return cameraView((await findCameraInScope(tx, actor, id)) as CameraRecord);
  });
}

/** Takes a camera out of the registry at once: from that moment no search or request finds it; its history stays. */
export async function withdrawCamera(deps: Deps, actor: Actor, id: string, reason: string | undefined) {
  requirePermission(actor, 'camera.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await findCameraInScope(tx, actor, id);
    if (!c) throw new AppError('notFound');
    if (c.status === 'withdrawn') throw new AppError('conflict');
    await updateCameraRow(tx, c.wardId, c.id, { status: 'withdrawn', withdrawnAt: deps.clock(), withdrawReason: reason || null });
    await recordAudit(tx, { action: 'camera.withdraw', actor: by(actor), wardId: c.wardId, entityType: 'camera', entityId: c.id });
    return cameraView((await findCameraInScope(tx, actor, id)) as CameraRecord);
  });
}

/* ---------- limits ---------- */

async function limitsOf(tx: Tx, wardId: string): Promise<FootageLimits & { reason: string | null; custom: boolean }> {
  const row = await findLimits(tx, wardId);
  return row
    ? { maxWindowHours: row.maxWindowHours, maxRadiusMetres: row.maxRadiusM, reason: row.reason, custom: true }
    : { ...DEFAULT_FOOTAGE_LIMITS, reason: null, custom: false };
}

function wardOf(actor: Actor): string {
  if (!actor.wardId) throw new AppError('notFound');
  return actor.wardId;
}

export async function getLimits(deps: Deps, actor: Actor) {
  requirePermission(actor, 'camera.request');
  const wardId = wardOf(actor);
  return withActor(deps.database.db, actor, async (tx) => ({ ...(await limitsOf(tx, wardId)), defaults: DEFAULT_FOOTAGE_LIMITS }));
}

/** The chief sets the ward's limits; a departure from the defaults needs a reason; the change is audited with both. */
export async function setLimits(deps: Deps, actor: Actor, input: z.output<typeof footageLimitsSchema>) {
  requirePermission(actor, 'camera.limits');
  const wardId = wardOf(actor);
  const next = { maxWindowHours: input.maxWindowHours, maxRadiusMetres: input.maxRadiusMetres };
  if (!limitsWithinBounds(next)) throw invalid('maxWindowHours', 'cameras.limitBounds');
  const departs =
    next.maxWindowHours !== DEFAULT_FOOTAGE_LIMITS.maxWindowHours || next.maxRadiusMetres !== DEFAULT_FOOTAGE_LIMITS.maxRadiusMetres;
  if (departs && !input.reason) throw invalid('reason', 'cameras.limitReason');
  return withActor(deps.database.db, actor, async (tx) => {
    const before = await limitsOf(tx, wardId);
    await upsertLimits(tx, {
      wardId,
      maxWindowHours: next.maxWindowHours,
      maxRadiusM: next.maxRadiusMetres,
      reason: input.reason || null,
      updatedBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'camera.limits_update',
      actor: by(actor),
      wardId,
      entityType: 'unit',
      entityId: wardId,
      detail: {
        before: { maxWindowHours: before.maxWindowHours, maxRadiusMetres: before.maxRadiusMetres },
        after: next,
        departsFromDefaults: departs,
        reason: input.reason || undefined,
      },
    });
    return { ...(await limitsOf(tx, wardId)), defaults: DEFAULT_FOOTAGE_LIMITS };
  });
}

/* ---------- searching and requesting footage ---------- */

type Window = { fromAt: Date; toAt: Date };

/** The cameras of a ward whose field of view reaches the place within the radius and whose recorder still holds the window. */
function matching(all: CameraRecord[], place: { lat: number; lng: number; radiusMetres: number }, window: Window, now: Date) {
  return all
    .filter((c) =>
      searchable({ kind: c.kind as 'ward', status: c.status as 'active', working: c.working, consentVersion: c.consentVersion }),
    )
    .filter((c) => fieldOfViewReaches(fovOf(c), place, place.radiusMetres))
    .map((c) => ({ c, distance: greatCircleMetres(c, place), holds: retentionHolds(c.retentionDays, window, now) }))
    .sort((a, b) => a.distance - b.distance);
}

function windowOf(input: { fromAt: string; toAt: string }): Window {
  return { fromAt: new Date(input.fromAt), toAt: new Date(input.toAt) };
}

/** Which cameras may have seen a place in a window (before a request is sent); those whose footage is gone are shown apart. */
export async function searchCameras(deps: Deps, actor: Actor, input: z.output<typeof footageSearchSchema>) {
  requirePermission(actor, 'camera.request');
  const wardId = wardOf(actor);
  const window = windowOf(input);
  const now = deps.clock();
  return withActor(deps.database.db, actor, async (tx) => {
    const limits = await limitsOf(tx, wardId);
    const found = matching(await findCamerasOfWards(tx, [wardId]), input, window, now);
    await recordAudit(tx, {
      action: 'camera.search',
      actor: by(actor),
      wardId,
      detail: { found: found.length, radius: input.radiusMetres },
    });
    return {
      limits,
      items: found.map((f) => ({
        ...cameraView(f.c),
        distance: Math.round(f.distance),
        holdsFootage: f.holds,
        footageGoneAt: footageGoneAt(f.c.retentionDays, window.toAt).toISOString(),
      })),
    };
  });
}

function requestNumber(r: { year: number; seq: number }) {
  return `YC-${r.year}-${String(r.seq).padStart(4, '0')}`;
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d);

/**
 * Sends a footage request: it must cite a tip or a case, keep to the ward's window and radius, and it goes only to the
 * cameras whose field of view reaches the place and whose recorder still holds the window. One transaction writes the
 * request, the cameras it asks and the audit entries (the request; an exception beyond the defaults); the owners are then
 * told on their channel.
 */
export async function createFootageRequest(deps: Deps, actor: Actor, input: z.output<typeof createFootageRequestSchema>) {
  requirePermission(actor, 'camera.request');
  const wardId = wardOf(actor);
  const window = windowOf(input);
  const now = deps.clock();
  const id = randomUUID();
  const made = await withActor(deps.database.db, actor, async (tx) => {
    const limits = await limitsOf(tx, wardId);
    const check = checkFootageRequest({ reference: input.reference, ...window, radiusMetres: input.radiusMetres }, limits, now);
    if (check.problems.length) {
      const path = {
        reference: 'reference',
        windowOrder: 'toAt',
        windowTooLong: 'toAt',
        windowInFuture: 'fromAt',
        radiusTooLarge: 'radiusMetres',
      };
      throw new AppError(
        'validation',
        check.problems.map((p) => ({ path: path[p], message: `cameras.${p}` })),
      );
    }
    const cited = readReference(input.reference) as { kind: 'tip' | 'case'; number: string };
    // The cited tip or case must be one of the ward's that the officer can reach, not only a well-formed number.
    const ref =
      cited.kind === 'tip'
        ? await findTipByNumber(tx, actor, wardId, cited.number)
        : await findCaseByNumber(tx, actor, wardId, cited.number);
    if (!ref) throw invalid('reference', cited.kind === 'tip' ? 'cameras.unknownTip' : 'cameras.unknownCase');
    const found = matching(await findCamerasOfWards(tx, [wardId]), input, window, now).filter((f) => f.holds);
    if (!found.length) throw invalid('lat', 'cameras.noCamera');
    const year = Number(vnToday(now).slice(0, 4));
    const seq = await nextRequestNumber(tx, wardId, year);
    await insertRequest(tx, {
      wardId,
      id,
      unitId: wardId,
      year,
      seq,
      reference: ref.number,
      referenceKind: cited.kind,
      purpose: input.purpose,
      lat: input.lat,
      lng: input.lng,
      radiusM: input.radiusMetres,
      fromAt: window.fromAt,
      toAt: window.toAt,
      exception: check.exception,
      limits: { maxWindowHours: limits.maxWindowHours, maxRadiusMetres: limits.maxRadiusMetres },
      requestedBy: actor.userId,
    });
    const targets = found.map((f) => ({ wardId, id: randomUUID(), requestId: id, cameraId: f.c.id, distanceM: f.distance }));
    await insertTargets(tx, targets);
    await recordAudit(tx, {
      action: 'camera.request_create',
      actor: by(actor),
      wardId,
      entityType: 'footage_request',
      entityId: id,
      detail: { reference: ref.number, cameras: targets.length, windowHours: check.windowHours, radius: input.radiusMetres },
    });
    if (check.exception)
      await recordAudit(tx, {
        action: 'camera.request_exception',
        actor: by(actor),
        wardId,
        entityType: 'footage_request',
        entityId: id,
        detail: { windowHours: check.windowHours, radius: input.radiusMetres, defaults: DEFAULT_FOOTAGE_LIMITS, limits },
      });
    const ward = await findUnitInScope(tx, actor, wardId, vnToday(now));
    return {
      targets,
      found,
      number: requestNumber({ year, seq }),
      ref: { kind: cited.kind, number: ref.number },
      wardName: ward?.name ?? '',
    };
  });
  // The owners are told after the request is recorded; who was reached is written back.
  const reached: string[] = [];
  for (const [i, f] of made.found.entries()) {
    const t = (k: string, v?: Record<string, string>) => translate('vi', `cameras.messages.${k}`, v);
    const ok = await tell(
      deps,
      f.c,
      t('requestSubject'),
      t('requestText', {
        ward: made.wardName,
        label: f.c.label,
        from: fmt(window.fromAt),
        to: fmt(window.toAt),
        reference: made.ref.number,
        link: ownerLink(deps, f.c),
      }),
    );
    if (ok || f.c.kind === 'ward') reached.push((made.targets[i] as { id: string }).id);
  }
  await withActor(deps.database.db, actor, (tx) => markNotified(tx, wardId, reached));
  return getFootageRequest(deps, actor, id);
}

function requestView(r: {
  id: string;
  year: number;
  seq: number;
  reference: string;
  referenceKind: string;
  purpose: string;
  lat: number;
  lng: number;
  radiusM: number;
  fromAt: Date;
  toAt: Date;
  exception: boolean;
  createdAt: Date;
}) {
  return {
    id: r.id,
    number: requestNumber(r),
    reference: r.reference,
    referenceKind: r.referenceKind as 'tip' | 'case',
    purpose: r.purpose,
    lat: r.lat,
    lng: r.lng,
    radiusMetres: r.radiusM,
    fromAt: r.fromAt.toISOString(),
    toAt: r.toAt.toISOString(),
    exception: r.exception,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listFootageRequests(deps: Deps, actor: Actor, q: z.output<typeof listFootageRequestsQuerySchema>) {
  requirePermission(actor, 'camera.request');
  const limit = q.limit ?? 50;
  const cursor = decodeCursor(q.cursor, isRequestCursor);
  const after = cursor ? { createdAt: new Date(cursor.at), id: cursor.id } : undefined;
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items: rows } = await findRequestsInScope(tx, actor, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    await recordAudit(tx, { action: 'camera.request_list', actor: by(actor), wardId: actor.wardId, detail: { rows: items.length } });
    return {
      total,
      items: items.map((r) => ({
        ...requestView(r),
        cameras: r.cameras,
        outcomes: { pending: r.pending, share: r.share, no_footage: r.noFootage, decline: r.decline },
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  });
}

export async function getFootageRequest(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'camera.request');
  return withActor(deps.database.db, actor, async (tx) => {
    const r = await findRequestInScope(tx, actor, id);
    if (!r) throw new AppError('notFound');
    const targets = await findTargets(tx, r.wardId, r.id);
    await recordAudit(tx, {
      action: 'camera.request_read',
      actor: by(actor),
      wardId: r.wardId,
      entityType: 'footage_request',
      entityId: r.id,
    });
    return {
      ...requestView(r),
      cameras: targets.map((t) => ({
        id: t.id,
        cameraId: t.cameraId,
        label: t.label,
        address: t.address,
        kind: t.kind,
        cameraStatus: t.status,
        distance: Math.round(t.distanceM),
        notified: t.notified,
        outcome: t.outcome as FootageOutcome,
        answeredAt: t.answeredAt?.toISOString() ?? null,
        note: t.note,
        file: t.fileKey ? { name: t.fileName ?? '', mime: t.fileMime ?? '', quarantined: t.fileQuarantined ?? true } : null,
      })),
    };
  });
}

/** The footage an owner uploaded, opened for the ward police; the download is audited. */
export async function downloadFootage(deps: Deps, actor: Actor, requestId: string, targetId: string) {
  requirePermission(actor, 'camera.request');
  return withActor(deps.database.db, actor, async (tx) => {
    const r = await findRequestInScope(tx, actor, requestId);
    if (!r) throw new AppError('notFound');
    const t = await findTarget(tx, r.wardId, targetId);
    if (!t || t.requestId !== r.id || !t.fileKey || !t.fileDataKey) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'camera.file_download',
      actor: by(actor),
      wardId: r.wardId,
      entityType: 'footage_request',
      entityId: r.id,
    });
    const key = deps.envelope.unwrap(t.fileDataKey, t.id);
    return {
      bytes: openFile(key, await deps.blobs.get(t.fileKey), `${t.id}:file`),
      mime: t.fileMime ?? 'application/octet-stream',
      name: t.fileName ?? 'footage',
    };
  });
}

/* ---------- the map ---------- */

/**
 * The cameras of the reader's wards with their sectors; each block with its cameras and the share of its area the working
 * cameras see (sampled on a grid); and the planning view: the recent incidents with a position that no working camera
 * sees, grouped into places and ranked, with the blocks ranked by them (where the next camera would help most).
 */
export async function cameraMap(deps: Deps, actor: Actor) {
  requirePermission(actor, 'camera.read');
  const wardIds = actor.wardIds === 'all' ? [] : [...actor.wardIds];
  const now = deps.clock();
  const today = vnToday(now);
  return withActor(deps.database.db, actor, async (tx) => {
    const all = (await findCamerasOfWards(tx, wardIds)).filter((c) => c.status === 'active');
    const blockRows = actor.wardId ? await findActiveBlocks(tx, actor.wardId, today) : [];
    const shapes = new Map(
      (
        await findUnitsForMap(
          tx,
          blockRows.map((b) => b.id),
        )
      ).map((u) => [u.id, u.boundary]),
    );
    const blocks = blockRows.map((b) => {
      const parsed = boundarySchema.safeParse(shapes.get(b.id));
      return { ...b, boundary: parsed.success ? (parsed.data as Boundary) : null };
    });
    const ward = actor.wardId ? await findUnitInScope(tx, actor, actor.wardId, today) : null;
    const seeing = all
      .filter((c) =>
        searchable({ kind: c.kind as 'ward', status: c.status as 'active', working: c.working, consentVersion: c.consentVersion }),
      )
      .map(fovOf);
    const since = new Date(now.getTime() - PLANNING_WINDOW_DAYS * 86_400_000);
    const incidents = actor.wardId ? await findRecentIncidentPlaces(tx, [actor.wardId], since) : [];
    const plan = rankPlacementSites(incidents, seeing, blocks, { clusterMetres: PLANNING_CLUSTER_METRES });
    const blind = new Set(blindPoints(incidents, seeing, 0).map((i) => i.id));
    await recordAudit(tx, { action: 'camera.map', actor: by(actor), wardId: actor.wardId, detail: { cameras: all.length } });
    return {
      ward: ward ? { id: ward.id, code: ward.code, name: ward.name } : null,
      tiles: deps.cfg.mapTileUrl ? { url: deps.cfg.mapTileUrl, attribution: deps.cfg.mapTileAttribution } : null,
      cameras: all.map((c) => ({
        id: c.id,
        label: c.label,
        kind: c.kind,
        working: c.working,
        lat: c.lat,
        lng: c.lng,
        direction: c.direction,
        angle: c.angle,
        range: c.rangeM,
        unitId: c.unitId,
        sector: sectorPolygon(fovOf(c)),
      })),
      blocks: blocks.map((b) => ({
        id: b.id,
        name: b.name,
        working: all.filter((c) => c.unitId === b.id && c.working).length,
        cameras: all.filter((c) => c.unitId === b.id).length,
        coverage: b.boundary ? Math.round(blockCoverageShare(b.boundary, seeing).share * 1000) / 1000 : null,
        boundary: b.boundary,
      })),
      planning: {
        days: PLANNING_WINDOW_DAYS,
        incidents: incidents.length,
        uncovered: plan.uncovered,
        sites: plan.sites.map((s) => ({
          rank: s.rank,
          lat: s.centre.lat,
          lng: s.centre.lng,
          incidents: s.incidents,
          blockId: s.blockId,
          blockName: blocks.find((b) => b.id === s.blockId)?.name ?? null,
        })),
        blocks: plan.blocks,
        points: incidents.map((i) => ({ lat: i.lat, lng: i.lng, source: i.source, covered: !blind.has(i.id) })),
      },
    };
  });
}

/* ---------- the public registration form ---------- */

const CODE_TTL_MS = 10 * 60_000;
const CODE_MAX_ATTEMPTS = 5;

/**
 * Sends a one-time code to the contact the form gives, on the channel chosen. Answers the challenge id the form carries
 * back, or null when the contact or channel does not fit or the channel is not available. Only keyed hashes are stored.
 */
export async function requestOwnerCode(
  deps: Deps,
  wardId: string,
  contactText: string,
  channel: string,
  locale: Locale,
): Promise<string | null> {
  const contact = readContact(contactText);
  const ch = asChannel(channel);
  if (!contact || !channelFits(ch, contact) || !messengerOf(deps).channels().includes(ch)) return null;
  const code = newCode();
  const id = randomUUID();
  await insertContactCode(deps.database.db, {
    wardId,
    id,
    contactHash: contactHash(deps, contact),
    codeHash: contactHash(deps, { kind: contact.kind, value: `${id}:${code}` }),
    expiresAt: new Date(deps.clock().getTime() + CODE_TTL_MS),
  });
  const t = (k: string, v?: Record<string, string>) => translate(locale, `cameras.messages.${k}`, v);
  const res = await messengerOf(deps).send({ channel: ch, to: contact.value, subject: t('codeSubject'), text: t('codeText', { code }) });
  return res.ok ? id : null;
}

async function verifyOwnerCode(deps: Deps, wardId: string, challenge: string, contactText: string, code: string): Promise<boolean> {
  const contact = readContact(contactText);
  if (!contact || !/^[0-9a-f-]{36}$/.test(challenge)) return false;
  const db = deps.database.db;
  const row = await findContactCode(db, wardId, challenge);
  if (!row || row.expiresAt.getTime() < deps.clock().getTime() || row.attempts >= CODE_MAX_ATTEMPTS) return false;
  const ok =
    row.contactHash === contactHash(deps, contact) &&
    row.codeHash === contactHash(deps, { kind: contact.kind, value: `${challenge}:${code.replace(/\D/g, '')}` });
  if (ok) await deleteContactCode(db, wardId, challenge);
  else await countContactCodeAttempt(db, wardId, challenge);
  return ok;
}

/**
 * A camera registered by its owner through the public form (no account): the contact verified by the code, the consent
 * version recorded. Written as the owner, with no address, agent or cookie kept; the owner's link is then sent.
 */
export async function registerPublicCamera(
  deps: Deps,
  input: z.output<typeof publicCameraSchema> & { challenge: string; code: string },
  locale: Locale,
): Promise<{ id: string }> {
  const db = deps.database.db;
  const today = vnToday(deps.clock());
  const ward = await findWardByCode(db, input.wardCode, today);
  if (!ward?.isActive) throw new AppError('notFound');
  const contact = readContact(input.contact);
  if (!contact) throw invalid('contact', 'cameras.contactFormat');
  if (!channelFits(input.channel, contact)) throw invalid('channel');
  if (!(await verifyOwnerCode(deps, ward.id, input.challenge, input.contact, input.code))) throw invalid('code', 'cameras.codeWrong');
  const blocks = await findActiveBlocks(db, ward.id, today);
  const unitId = input.unitId && blocks.some((b) => b.id === input.unitId) ? input.unitId : ward.id;
  const id = randomUUID();
  const now = deps.clock();
  const row = await db.transaction(async (tx) => {
    await insertCamera(tx, {
      wardId: ward.id,
      id,
      unitId,
      kind: input.kind,
      source: 'public',
      label: input.label,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      direction: input.direction,
      angle: input.angle,
      rangeM: input.range,
      covers: input.covers,
      retentionDays: input.retentionDays,
      working: input.working,
      ownerNameEnc: seal(deps.key, input.ownerName, NAME),
      contactEnc: seal(deps.key, contact.value, CONTACT),
      contactHash: contactHash(deps, contact),
      channel: input.channel,
      contactVerified: true,
      consentVersion: CAMERA_CONSENT_VERSION,
      consentAt: now,
    });
    await recordAudit(tx, {
      action: 'camera.public_register',
      wardId: ward.id,
      entityType: 'camera',
      entityId: id,
      detail: { kind: input.kind, consentVersion: CAMERA_CONSENT_VERSION, verified: true },
      dayOnly: true,
    });
    return (await findCameraById(tx, ward.id, id)) as CameraRow;
  });
  await sendOwnerLink(deps, row, ward.name, locale);
  return { id };
}

/* ---------- figures ---------- */

/** The summary's camera figures for some units over a period (Vietnam days). */
export async function summariseCameras(tx: Tx, unitIds: readonly string[], from: string, to: string): Promise<CameraSummary> {
  if (!unitIds.length)
    return {
      registered: 0,
      working: 0,
      wardOwned: 0,
      withdrawn: 0,
      footageRequests: 0,
      exceptions: 0,
      outcomes: { pending: 0, share: 0, no_footage: 0, decline: 0 },
      blocksCovered: 0,
    };
  const c = await countCameras(tx, unitIds, from, to);
  const r = await countRequests(tx, unitIds, from, to);
  const outcomes = Object.fromEntries(FOOTAGE_OUTCOMES.map((o) => [o, r.outcomes.find((x) => x.outcome === o)?.n ?? 0])) as Record<
    FootageOutcome,
    number
  >;
  return {
    registered: c.registered,
    working: c.working,
    wardOwned: c.ward_owned,
    withdrawn: c.withdrawn,
    footageRequests: r.requests,
    exceptions: r.exceptions,
    outcomes,
    blocksCovered: c.blocks,
  };
}

/** The public transparency page's figures for a ward. */
export async function transparencyFigures(deps: Deps, wardId: string) {
  return monthlyCounts(deps.database.db, wardId);
}
