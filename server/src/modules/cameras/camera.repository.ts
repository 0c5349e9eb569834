import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { units } from '../units/index.ts';
import {
  type CameraRow,
  cameraContactCodes,
  cameraLimits,
  cameras,
  type FootageRequestRow,
  type FootageTargetRow,
  footageRequestCameras,
  footageRequests,
  type NewCameraRow,
} from './camera.table.ts';

export type CameraRecord = CameraRow & { unitName: string };

/* ---------- cameras ---------- */

export async function insertCamera(tx: DbOrTx, row: NewCameraRow): Promise<void> {
  await tx.insert(cameras).values(row);
}

function withUnitName(rows: { c: CameraRow; unitName: string | null }[]): CameraRecord[] {
  return rows.map((r) => ({ ...r.c, unitName: r.unitName ?? '' }));
}

/** The cameras in the actor's reach, filtered; searched by label or address without diacritics. */
export async function findCamerasInScope(
  tx: DbOrTx,
  actor: Actor,
  f: { q?: string; status?: string; unitId?: string },
  after: { status: string; label: string; id: string } | undefined,
  limit: number,
): Promise<{ total: number; items: CameraRecord[] }> {
  const where: SQL[] = [inScope(actor, { wardId: cameras.wardId, unitId: cameras.unitId })];
  if (f.status) where.push(eq(cameras.status, f.status));
  if (f.unitId) where.push(eq(cameras.unitId, f.unitId));
  if (f.q?.trim()) {
    const pattern = `%${f.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      sql`(f_unaccent(lower(${cameras.label})) LIKE f_unaccent(${pattern}) OR f_unaccent(lower(${cameras.address})) LIKE f_unaccent(${pattern}))`,
    );
  }
  const cond = and(...where);
  const [countRow] = await tx.select({ n: sql<number>`count(*)::int` }).from(cameras).where(cond);
  const page = after
    ? and(cond, sql`(${cameras.status}, ${cameras.label}, ${cameras.id}) > (${after.status}, ${after.label}, ${after.id}::uuid)`)
    : cond;
  const rows = await tx
    .select({ c: cameras, unitName: units.name })
    .from(cameras)
    .leftJoin(units, eq(units.id, cameras.unitId))
    .where(page)
    .orderBy(asc(cameras.status), asc(cameras.label), asc(cameras.id))
    .limit(limit);
  return { total: countRow?.n ?? 0, items: withUnitName(rows) };
}

export async function findCameraInScope(tx: DbOrTx, actor: Actor, id: string): Promise<CameraRecord | null> {
  const rows = await tx
    .select({ c: cameras, unitName: units.name })
    .from(cameras)
    .leftJoin(units, eq(units.id, cameras.unitId))
    .where(and(eq(cameras.id, id), inScope(actor, { wardId: cameras.wardId, unitId: cameras.unitId })))
    .limit(1);
  return withUnitName(rows)[0] ?? null;
}

/** Every camera of some wards (any status), for the map and searches; the caller filters what may be searched. */
export async function findCamerasOfWards(tx: DbOrTx, wardIds: readonly string[]): Promise<CameraRecord[]> {
  if (!wardIds.length) return [];
  const rows = await tx
    .select({ c: cameras, unitName: units.name })
    .from(cameras)
    .leftJoin(units, eq(units.id, cameras.unitId))
    .where(inArray(cameras.wardId, [...wardIds]))
    .orderBy(asc(cameras.label));
  return withUnitName(rows);
}

export async function updateCameraRow(tx: DbOrTx, wardId: string, id: string, patch: Partial<NewCameraRow>): Promise<void> {
  await tx
    .update(cameras)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(cameras.wardId, wardId), eq(cameras.id, id)));
}

/** An owner's cameras: those of the ward registered with the same contact (the keyed hash), or the one camera. */
export async function findOwnerCameras(
  tx: DbOrTx,
  wardId: string,
  camera: { id: string; contactHash: string | null },
): Promise<CameraRow[]> {
  return tx
    .select()
    .from(cameras)
    .where(and(eq(cameras.wardId, wardId), camera.contactHash ? eq(cameras.contactHash, camera.contactHash) : eq(cameras.id, camera.id)))
    .orderBy(asc(cameras.createdAt));
}

export async function findCameraById(tx: DbOrTx, wardId: string, id: string): Promise<CameraRow | null> {
  const rows = await tx
    .select()
    .from(cameras)
    .where(and(eq(cameras.wardId, wardId), eq(cameras.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/* ---------- limits ---------- */

export async function findLimits(tx: DbOrTx, wardId: string) {
  const rows = await tx.select().from(cameraLimits).where(eq(cameraLimits.wardId, wardId)).limit(1);
  return rows[0] ?? null;
}

export async function upsertLimits(
  tx: DbOrTx,
  row: { wardId: string; maxWindowHours: number; maxRadiusM: number; reason: string | null; updatedBy: string },
): Promise<void> {
  await tx
    .insert(cameraLimits)
    .values({ ...row, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: cameraLimits.wardId,
      set: {
        maxWindowHours: row.maxWindowHours,
        maxRadiusM: row.maxRadiusM,
        reason: row.reason,
        updatedBy: row.updatedBy,
        updatedAt: new Date(),
      },
    });
}

/* ---------- requests ---------- */

export async function nextRequestNumber(tx: DbOrTx, wardId: string, year: number): Promise<number> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO footage_counters (ward_id, year, last) VALUES (${wardId}, ${year}, 1)
        ON CONFLICT (ward_id, year) DO UPDATE SET last = footage_counters.last + 1 RETURNING last`,
  );
  return Number(row?.last ?? 1);
}

export async function insertRequest(tx: DbOrTx, row: typeof footageRequests.$inferInsert): Promise<void> {
  await tx.insert(footageRequests).values(row);
}

export async function insertTargets(tx: DbOrTx, rows: (typeof footageRequestCameras.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(footageRequestCameras).values(rows);
}

export async function markNotified(tx: DbOrTx, wardId: string, ids: readonly string[]): Promise<void> {
  if (ids.length)
    await tx
      .update(footageRequestCameras)
      .set({ notified: true })
      .where(and(eq(footageRequestCameras.wardId, wardId), inArray(footageRequestCameras.id, [...ids])));
}

export type RequestListRow = FootageRequestRow & { cameras: number; pending: number; share: number; noFootage: number; decline: number };

export async function findRequestsInScope(
  tx: DbOrTx,
  actor: Actor,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
): Promise<{ total: number; items: RequestListRow[] }> {
  const cond = inScope(actor, { wardId: footageRequests.wardId, unitId: footageRequests.unitId });
  const [countRow] = await tx.select({ n: sql<number>`count(*)::int` }).from(footageRequests).where(cond);
  const n = (outcome: string) =>
    sql<number>`(SELECT count(*)::int FROM footage_request_cameras t WHERE t.ward_id = footage_requests.ward_id AND t.request_id = footage_requests.id AND t.outcome = ${outcome})`;
  const rows = await tx
    .select({
      r: footageRequests,
      cameras: sql<number>`(SELECT count(*)::int FROM footage_request_cameras t WHERE t.ward_id = footage_requests.ward_id AND t.request_id = footage_requests.id)`,
      pending: n('pending'),
      share: n('share'),
      noFootage: n('no_footage'),
      decline: n('decline'),
    })
    .from(footageRequests)
    .where(
      after
        ? and(
            cond,
            sql`(${footageRequests.createdAt}, ${footageRequests.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
          )
        : cond,
    )
    .orderBy(desc(footageRequests.createdAt), desc(footageRequests.id))
    .limit(limit);
  return {
    total: countRow?.n ?? 0,
    items: rows.map((x) => ({
      ...x.r,
      cameras: x.cameras,
      pending: x.pending,
      share: x.share,
      noFootage: x.noFootage,
      decline: x.decline,
    })),
  };
}

export async function findRequestInScope(tx: DbOrTx, actor: Actor, id: string): Promise<FootageRequestRow | null> {
  const rows = await tx
    .select()
    .from(footageRequests)
    .where(and(eq(footageRequests.id, id), inScope(actor, { wardId: footageRequests.wardId, unitId: footageRequests.unitId })))
    .limit(1);
  return rows[0] ?? null;
}

export type TargetRecord = FootageTargetRow & { label: string; address: string; kind: string; status: string };

export async function findTargets(tx: DbOrTx, wardId: string, requestId: string): Promise<TargetRecord[]> {
  const rows = await tx
    .select({ t: footageRequestCameras, label: cameras.label, address: cameras.address, kind: cameras.kind, status: cameras.status })
    .from(footageRequestCameras)
    .innerJoin(cameras, and(eq(cameras.wardId, footageRequestCameras.wardId), eq(cameras.id, footageRequestCameras.cameraId)))
    .where(and(eq(footageRequestCameras.wardId, wardId), eq(footageRequestCameras.requestId, requestId)))
    .orderBy(asc(footageRequestCameras.distanceM));
  return rows.map((r) => ({ ...r.t, label: r.label, address: r.address, kind: r.kind, status: r.status }));
}

export async function findTarget(tx: DbOrTx, wardId: string, id: string): Promise<FootageTargetRow | null> {
  const rows = await tx
    .select()
    .from(footageRequestCameras)
    .where(and(eq(footageRequestCameras.wardId, wardId), eq(footageRequestCameras.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Every request ever made to some cameras (the owner's page), newest first, with the request's details. */
export async function findTargetsOfCameras(
  tx: DbOrTx,
  wardId: string,
  cameraIds: readonly string[],
): Promise<(FootageTargetRow & { request: FootageRequestRow })[]> {
  if (!cameraIds.length) return [];
  const rows = await tx
    .select({ t: footageRequestCameras, r: footageRequests })
    .from(footageRequestCameras)
    .innerJoin(
      footageRequests,
      and(eq(footageRequests.wardId, footageRequestCameras.wardId), eq(footageRequests.id, footageRequestCameras.requestId)),
    )
    .where(and(eq(footageRequestCameras.wardId, wardId), inArray(footageRequestCameras.cameraId, [...cameraIds])))
    .orderBy(desc(footageRequests.createdAt), asc(footageRequestCameras.id));
  return rows.map((x) => ({ ...x.t, request: x.r }));
}

/** Records an owner's answer once: only a pending answer changes (answers the number of rows changed). */
export async function answerTarget(
  tx: DbOrTx,
  wardId: string,
  id: string,
  a: {
    outcome: string;
    note: string | null;
    fileKey: string | null;
    fileDataKey: string | null;
    fileMime: string | null;
    fileName: string | null;
    fileQuarantined: boolean | null;
    at: Date;
  },
): Promise<number> {
  const rows = await tx
    .update(footageRequestCameras)
    .set({
      outcome: a.outcome,
      note: a.note,
      fileKey: a.fileKey,
      fileDataKey: a.fileDataKey,
      fileMime: a.fileMime,
      fileName: a.fileName,
      fileQuarantined: a.fileQuarantined,
      answeredAt: a.at,
    })
    .where(and(eq(footageRequestCameras.wardId, wardId), eq(footageRequestCameras.id, id), eq(footageRequestCameras.outcome, 'pending')))
    .returning({ id: footageRequestCameras.id });
  return rows.length;
}

/* ---------- one-time codes of the public form ---------- */

export async function insertContactCode(
  tx: DbOrTx,
  row: { wardId: string; id: string; contactHash: string; codeHash: string; expiresAt: Date },
): Promise<void> {
  await tx.delete(cameraContactCodes).where(sql`${cameraContactCodes.expiresAt} < now()`);
  await tx.insert(cameraContactCodes).values(row);
}

export async function findContactCode(tx: DbOrTx, wardId: string, id: string) {
  const rows = await tx
    .select()
    .from(cameraContactCodes)
    .where(and(eq(cameraContactCodes.wardId, wardId), eq(cameraContactCodes.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteContactCode(tx: DbOrTx, wardId: string, id: string): Promise<void> {
  await tx.delete(cameraContactCodes).where(and(eq(cameraContactCodes.wardId, wardId), eq(cameraContactCodes.id, id)));
}

export async function countContactCodeAttempt(tx: DbOrTx, wardId: string, id: string): Promise<void> {
  await tx
    .update(cameraContactCodes)
    .set({ attempts: sql`${cameraContactCodes.attempts} + 1` })
    .where(and(eq(cameraContactCodes.wardId, wardId), eq(cameraContactCodes.id, id)));
}

/* ---------- figures ---------- */

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The registry's counts for some units at the end of a day (Vietnam time), and the withdrawals of the period. */
export async function countCameras(tx: DbOrTx, unitIds: readonly string[], from: string, to: string) {
  const [row] = await queryRows<{ registered: number; working: number; ward_owned: number; withdrawn: number; blocks: number }>(
    tx,
    sql`SELECT
          count(*) FILTER (WHERE c.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                             AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS registered,
          count(*) FILTER (WHERE c.working AND c.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                             AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS working,
          count(*) FILTER (WHERE c.kind = 'ward' AND c.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                             AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS ward_owned,
          count(*) FILTER (WHERE c.withdrawn_at >= ${from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                             AND c.withdrawn_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS withdrawn,
          count(DISTINCT c.unit_id) FILTER (WHERE c.working AND u.type = 'block' AND c.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                             AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int AS blocks
        FROM cameras c JOIN units u ON u.id = c.unit_id
        WHERE c.unit_id = ANY (${uuids(unitIds)}::uuid[])`,
  );
  return row ?? { registered: 0, working: 0, ward_owned: 0, withdrawn: 0, blocks: 0 };
}

/** Footage requests sent in a period by units, with the cameras they asked by outcome. */
export async function countRequests(tx: DbOrTx, unitIds: readonly string[], from: string, to: string) {
  const period = sql`r.unit_id = ANY (${uuids(unitIds)}::uuid[])
    AND r.created_at >= ${from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
    AND r.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;
  const [req] = await queryRows<{ n: number; exceptions: number }>(
    tx,
    sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE r.exception)::int AS exceptions FROM footage_requests r WHERE ${period}`,
  );
  const outcomes = await queryRows<{ outcome: string; n: number }>(
    tx,
    sql`SELECT t.outcome, count(*)::int AS n FROM footage_request_cameras t
        JOIN footage_requests r ON r.ward_id = t.ward_id AND r.id = t.request_id WHERE ${period} GROUP BY t.outcome`,
  );
  return { requests: req?.n ?? 0, exceptions: req?.exceptions ?? 0, outcomes };
}

/** The transparency page: requests per month (Vietnam time) of a ward, and the cameras asked by outcome. */
export async function monthlyCounts(tx: DbOrTx, wardId: string) {
  const requests = await queryRows<{ month: string }>(
    tx,
    sql`SELECT to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month FROM footage_requests WHERE ward_id = ${wardId}`,
  );
  const targets = await queryRows<{ month: string; outcome: string }>(
    tx,
    sql`SELECT to_char(r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, t.outcome
        FROM footage_request_cameras t JOIN footage_requests r ON r.ward_id = t.ward_id AND r.id = t.request_id
        WHERE t.ward_id = ${wardId}`,
  );
  const [reg] = await queryRows<{ registered: number; working: number }>(
    tx,
    sql`SELECT count(*)::int AS registered, count(*) FILTER (WHERE working)::int AS working FROM cameras WHERE ward_id = ${wardId} AND status = 'active'`,
  );
  return { requests, targets, registered: reg?.registered ?? 0, working: reg?.working ?? 0 };
}

/**
 * The recent incidents of a set of wards that have a position, for planning: the patrol incidents logged with one, and the
 * places of footage requests (each cites a tip or a case), since a moment. Positions only, no description or person.
 * Indexes: patrol_incidents and footage_requests by ward (their primary keys).
 */
export async function findRecentIncidentPlaces(
  tx: DbOrTx,
  wardIds: readonly string[],
  since: Date,
): Promise<{ id: string; source: 'patrol' | 'request'; lat: number; lng: number }[]> {
  if (!wardIds.length) return [];
  const wards = `{${wardIds.join(',')}}`;
  const rows = await queryRows<{ id: string; source: 'patrol' | 'request'; lat: number; lng: number }>(
    tx,
    sql`SELECT i.id, 'patrol' AS source, i.lat, i.lng FROM patrol_incidents i
        WHERE i.ward_id = ANY(${wards}::uuid[]) AND i.lat IS NOT NULL AND i.lng IS NOT NULL AND i.occurred_at >= ${since.toISOString()}::timestamptz
        UNION ALL
        SELECT r.id, 'request' AS source, r.lat, r.lng FROM footage_requests r
        WHERE r.ward_id = ANY(${wards}::uuid[]) AND r.from_at >= ${since.toISOString()}::timestamptz
        ORDER BY 1`,
  );
  return rows.map((r) => ({ id: r.id, source: r.source, lat: Number(r.lat), lng: Number(r.lng) }));
}
