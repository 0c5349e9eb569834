import type { AuditEntry } from '@binh-an/domain';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import type { DbOrTx } from '../../platform/db.ts';

export type AuditFilter = {
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  /** Inclusive day bounds in Vietnam time, yyyy-mm-dd. */
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
};

/** Audit entries of the actor's wards, newest first, paged by sequence number. */
export async function findAuditEntries(tx: DbOrTx, actor: Actor, f: AuditFilter): Promise<AuditEntry[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: auditLog.wardId })];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.outcome) where.push(eq(auditLog.outcome, f.outcome));
  if (f.from) where.push(gte(auditLog.at, sql`(${f.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  if (f.to) where.push(lt(auditLog.at, sql`(${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  if (f.beforeSeq) where.push(lt(auditLog.seq, f.beforeSeq));
  const rows = await tx
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      wardId: auditLog.wardId,
      actorId: auditLog.actorId,
      actorName: auditLog.actorName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      outcome: auditLog.outcome,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(f.limit);
  return rows;
}
