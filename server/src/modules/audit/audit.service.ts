import type { AuditEntry } from '@binh-an/domain';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db.ts';
import { type AuditFilter, findAuditEntries } from './audit.repository.ts';

/** A page of the audit log for the chief's ward (or every ward, for an administrator); the read is itself audited. */
export async function listAuditEntries(
  db: Db,
  actor: Actor,
  filter: Omit<AuditFilter, 'limit' | 'beforeSeq'> & { cursor?: number; limit?: number },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  requirePermission(actor, 'audit.read');
  const limit = filter.limit ?? 50;
  return withActor(db, actor, async (tx) => {
    const rows = await findAuditEntries(tx, actor, { ...filter, beforeSeq: filter.cursor, limit: limit + 1 });
    const items = rows.slice(0, limit);
    await recordAudit(tx, {
      action: 'audit.read',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      entityType: 'audit_log',
      detail: { count: items.length },
    });
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.seq ?? null) : null };
  });
}
