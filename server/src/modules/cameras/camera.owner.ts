import { type FootageAnswer, fieldOfViewSchema, RETENTION_BOUNDS } from '@binh-an/domain';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { sealFile } from '../../platform/envelope.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanUpload } from '../../platform/files.ts';
import type { Upload } from '../../platform/multipart.ts';
import { readOwnerToken } from './camera.contact.ts';
import { answerTarget, findCameraById, findOwnerCameras, findTarget, findTargetsOfCameras, updateCameraRow } from './camera.repository.ts';
import type { CameraRow } from './camera.table.ts';

/**
 * What an owner does on the page their signed link opens (no account): see their cameras and every request ever made
 * to them, answer a request (share with an upload or a hand-over note, no footage, decline), mark a camera working or
 * not, change its retention, withdraw it. Everything runs as the owner of the database (as the public forms do), limited
 * to the cameras registered with the link's contact; every act is audited without an actor, by the day.
 */
export type OwnerContext = { wardId: string; camera: CameraRow; cameras: CameraRow[] };

/** The owner behind a link, or null when the link is wrong or superseded (the same answer for both). */
export async function ownerOf(deps: Deps, token: string): Promise<OwnerContext | null> {
  const t = readOwnerToken(deps, token);
  if (!t) return null;
  const db = deps.database.db;
  const camera = await findCameraById(db, t.wardId, t.id);
  if (!camera || camera.linkVersion !== t.linkVersion) return null;
  return { wardId: t.wardId, camera, cameras: await findOwnerCameras(db, t.wardId, camera) };
}

/** Every request made to the owner's cameras, newest first (withdrawn cameras included). */
export async function ownerRequests(deps: Deps, o: OwnerContext) {
  return findTargetsOfCameras(
    deps.database.db,
    o.wardId,
    o.cameras.map((c) => c.id),
  );
}

export async function recordOwnerView(deps: Deps, o: OwnerContext): Promise<void> {
  await deps.database.db.transaction((tx) =>
    recordAudit(tx, { action: 'camera.owner_view', wardId: o.wardId, entityType: 'camera', entityId: o.camera.id, dayOnly: true }),
  );
}

export type OwnerAnswerInput = { targetId: string; answer: FootageAnswer; note: string | null; file: Upload | null };

/**
 * Records the owner's answer to a request made to one of their cameras, once. Sharing needs the footage (an upload,
 * sniffed, images re-encoded without metadata, sealed under its own key) or a hand-over note.
 */
export async function answerRequest(deps: Deps, o: OwnerContext, input: OwnerAnswerInput): Promise<void> {
  const db = deps.database.db;
  const target = await findTarget(db, o.wardId, input.targetId);
  if (!target || !o.cameras.some((c) => c.id === target.cameraId)) throw new AppError('notFound');
  if (target.outcome !== 'pending') throw new AppError('validation', [{ path: 'answer', message: 'cameras.notPending' }]);
  if (input.answer === 'share' && !input.file && !input.note)
    throw new AppError('validation', [{ path: 'file', message: 'cameras.fileRequired' }]);
  let stored: { fileKey: string; fileDataKey: string; fileMime: string; fileName: string; fileQuarantined: boolean } | null = null;
  if (input.file && input.answer === 'share') {
    const clean = await cleanUpload(input.file.bytes, input.file.name);
    if (!clean) throw new AppError('validation', [{ path: 'file', message: 'cameras.fileType' }]);
    const { key, wrapped } = deps.envelope.newDataKey(target.id);
    stored = {
      fileKey: await deps.blobs.put(sealFile(key, clean.bytes, `${target.id}:file`)),
      fileDataKey: wrapped,
      fileMime: clean.mime,
      fileName: clean.name,
      fileQuarantined: clean.quarantined,
    };
  }
  const answered = db.transaction(async (tx) => {
    const changed = await answerTarget(tx, o.wardId, target.id, {
      outcome: input.answer,
      note: input.note,
      fileKey: stored?.fileKey ?? null,
      fileDataKey: stored?.fileDataKey ?? null,
      fileMime: stored?.fileMime ?? null,
      fileName: stored?.fileName ?? null,
      fileQuarantined: stored?.fileQuarantined ?? null,
      at: deps.clock(),
    });
    if (!changed) throw new AppError('validation', [{ path: 'answer', message: 'cameras.notPending' }]);
    await recordAudit(tx, {
      action: 'camera.owner_answer',
      wardId: o.wardId,
      entityType: 'footage_request',
      entityId: target.requestId,
      detail: { answer: input.answer, file: stored ? stored.fileMime : undefined, note: input.note ? true : undefined },
      dayOnly: true,
    });
  });
  await answered.catch(deps.blobs.discarding(stored ? [stored.fileKey] : []));
}

function ownCamera(o: OwnerContext, cameraId: string): CameraRow {
  const c = o.cameras.find((x) => x.id === cameraId);
  if (!c) throw new AppError('notFound');
  return c;
}

/**
 * The owner marks a camera working or not, changes how long the recorder keeps footage, and may correct where the camera
 * is and what it sees (position, direction, angle of view, range): the corrected field of view counts in searches and on
 * the map at once. Nothing is written when any value is out of bounds.
 */
export async function updateOwnCamera(
  deps: Deps,
  o: OwnerContext,
  cameraId: string,
  input: {
    working: boolean;
    retentionDays: number;
    fieldOfView?: { lat: number; lng: number; direction: number; angle: number; range: number };
  },
) {
  const c = ownCamera(o, cameraId);
  if (c.status === 'withdrawn') throw new AppError('validation', [{ path: 'working', message: 'cameras.withdrawn' }]);
  const problems: { path: string; message: string }[] = [];
  if (!Number.isInteger(input.retentionDays) || input.retentionDays < RETENTION_BOUNDS.min || input.retentionDays > RETENTION_BOUNDS.max)
    problems.push({ path: 'retentionDays', message: 'cameras.retention' });
  let fov: { lat: number; lng: number; direction: number; angle: number; rangeM: number } | null = null;
  if (input.fieldOfView) {
    const parsed = fieldOfViewSchema.safeParse(input.fieldOfView);
    if (parsed.success) fov = { ...parsed.data, rangeM: parsed.data.range };
    else
      for (const issue of parsed.error.issues) {
        const path = String(issue.path[0] ?? 'lat');
        if (!problems.some((p) => p.path === path)) problems.push({ path, message: issue.message });
      }
  }
  if (problems.length) throw new AppError('validation', problems);
  const moved =
    fov !== null &&
    (fov.lat !== c.lat || fov.lng !== c.lng || fov.direction !== c.direction || fov.angle !== c.angle || fov.rangeM !== c.rangeM);
  await deps.database.db.transaction(async (tx) => {
    await updateCameraRow(tx, o.wardId, c.id, {
      working: input.working,
      retentionDays: input.retentionDays,
      ...(fov && moved ? { lat: fov.lat, lng: fov.lng, direction: fov.direction, angle: fov.angle, rangeM: fov.rangeM } : {}),
    });
    await recordAudit(tx, {
      action: 'camera.owner_update',
      wardId: o.wardId,
      entityType: 'camera',
      entityId: c.id,
      detail: { working: input.working, retentionDays: input.retentionDays, fieldOfViewCorrected: moved || undefined },
      dayOnly: true,
    });
  });
}

/** The owner withdraws a camera: from this moment it is in no search and receives no request; its history stays. */
export async function withdrawOwnCamera(deps: Deps, o: OwnerContext, cameraId: string) {
  const c = ownCamera(o, cameraId);
  if (c.status === 'withdrawn') return;
  await deps.database.db.transaction(async (tx) => {
    await updateCameraRow(tx, o.wardId, c.id, { status: 'withdrawn', withdrawnAt: deps.clock(), withdrawReason: 'owner' });
    await recordAudit(tx, { action: 'camera.owner_withdraw', wardId: o.wardId, entityType: 'camera', entityId: c.id, dayOnly: true });
  });
}
