import { asc, gt, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../db.ts';
import { vnToday } from '../time.ts';
import { type ChainEntry, ChainVerifier, GENESIS_HASH, linkHash, type VerifyResult } from './audit.chain.ts';
import { auditLog } from './audit.table.ts';

export type AuditInput = {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  wardId?: string | null;
  actor?: { userId: string; username: string } | null;
  entityType?: string | null;
  entityId?: string | null;
  /** What changed, by field name; never secrets, passwords, codes or ID numbers. */
  detail?: Record<string, unknown>;
  /** Keep only the day (Vietnam time) of the event: for what residents do anonymously (security.md G6). */
  dayOnly?: boolean;
};

/** Appends one entry to the audit chain inside the caller's transaction (the head is locked until it commits). */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<number> {
  const [last] = await queryRows<{ seq: string | number; hash: string }>(tx, sql`SELECT seq, hash FROM audit_head()`);
  const entry: ChainEntry = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: input.dayOnly ? new Date(`${vnToday()}T00:00:00+07:00`) : new Date(),
    wardId: input.wardId ?? null,
    actorId: input.actor?.userId ?? null,
    actorName: input.actor?.username ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    outcome: input.outcome ?? 'ok',
    detail: input.detail ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...entry, prevHash, hash: linkHash(prevHash, entry) });
  return entry.seq;
}

/** Appends an entry in a transaction of its own (for events outside any business transaction: logins, refusals). */
export function recordAuditAlone(db: Db, input: AuditInput): Promise<number> {
  return db.transaction((tx) => recordAudit(tx, input));
}

/** Reads the whole chain as the owner, page by page, and verifies it link by link. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of page) if (!verifier.push(row)) return verifier.result();
    if (page.length < pageSize) return verifier.result();
    after = page[page.length - 1]?.seq ?? after;
  }
}
