import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { units } from '../units/index.ts';
import { type ReportJobRow, reportJobs } from './report.table.ts';

const WARD_TYPES = ['ward', 'commune', 'special_zone'];

/** How many wards (communes, special zones) a set of units holds: the measure of how large a report is. */
export async function countWards(tx: DbOrTx, unitIds: readonly string[]): Promise<number> {
  if (unitIds.length === 0) return 0;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(units)
    .where(and(inArray(units.id, [...unitIds]), inArray(units.type, WARD_TYPES)));
  return row?.n ?? 0;
}

/** The names of some units, by id, for the lists of the workbook. */
export async function findUnitNames(tx: DbOrTx, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...unitIds]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The units above a unit, nearest first (name and type only), for the heading of the document ("Công an thành phố Vinh")
 * and the place it is signed at. Read as the owner: cities and provinces belong to no ward, so row-level security
 * hides them from ward accounts, while their names are public. The caller has already found the unit in the actor's
 * scope.
 */
export async function findAncestors(db: DbOrTx, unitId: string): Promise<{ id: string; name: string; type: string }[]> {
  return queryRows<{ id: string; name: string; type: string }>(
    db,
    sql`SELECT a.id, a.name, a.type FROM units u JOIN units a ON u.path <@ a.path AND a.id <> u.id
        WHERE u.id = ${unitId}::uuid ORDER BY nlevel(a.path) DESC`,
  );
}

export async function insertReportJob(tx: DbOrTx, row: typeof reportJobs.$inferInsert): Promise<void> {
  await tx.insert(reportJobs).values(row);
}

/** One of the actor's own background reports (row-level security limits it to them too), or null. */
export async function findOwnReportJob(tx: DbOrTx, userId: string, id: string): Promise<ReportJobRow | null> {
  const rows = await tx
    .select()
    .from(reportJobs)
    .where(and(eq(reportJobs.userId, userId), eq(reportJobs.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export type WorkerJob = Pick<
  ReportJobRow,
  'userId' | 'id' | 'unitId' | 'unitKey' | 'periodFrom' | 'periodTo' | 'format' | 'lang' | 'origin' | 'status'
>;

/** A job as the worker reads it (as the owner), without its document. */
export async function findReportJobForWorker(db: DbOrTx, userId: string, id: string): Promise<WorkerJob | null> {
  const rows = await db
    .select({
      userId: reportJobs.userId,
      id: reportJobs.id,
      unitId: reportJobs.unitId,
      unitKey: reportJobs.unitKey,
      periodFrom: reportJobs.periodFrom,
      periodTo: reportJobs.periodTo,
      format: reportJobs.format,
      lang: reportJobs.lang,
      origin: reportJobs.origin,
      status: reportJobs.status,
    })
    .from(reportJobs)
    .where(and(eq(reportJobs.userId, userId), eq(reportJobs.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Moves a queued job to running, once: answers false when another worker (or a retry) already took it.
 */
export async function claimReportJob(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(reportJobs)
    .set({ status: 'running', progress: 5 })
    .where(and(eq(reportJobs.userId, userId), eq(reportJobs.id, id), eq(reportJobs.status, 'queued')))
    .returning({ id: reportJobs.id });
  return rows.length > 0;
}

export async function setReportJobProgress(db: DbOrTx, userId: string, id: string, progress: number): Promise<void> {
  await db
    .update(reportJobs)
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))) })
    .where(and(eq(reportJobs.userId, userId), eq(reportJobs.id, id), eq(reportJobs.status, 'running')));
}

export async function finishReportJob(
  db: DbOrTx,
  userId: string,
  id: string,
  result: { document: Buffer; fileName: string; mime: string } | { error: string },
  at: Date,
): Promise<void> {
  await db
    .update(reportJobs)
    .set(
      'error' in result
        ? { status: 'failed', error: result.error, finishedAt: at }
        : { status: 'done', progress: 100, document: result.document, fileName: result.fileName, mime: result.mime, finishedAt: at },
    )
    .where(and(eq(reportJobs.userId, userId), eq(reportJobs.id, id)));
}

/** Forgets the background reports past their day (their documents with them). */
export async function deleteExpiredReportJobs(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db.delete(reportJobs).where(lte(reportJobs.expiresAt, now)).returning({ id: reportJobs.id });
  return rows.length;
}
