import { and, asc, gt, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../db.ts';
import { vnToday } from '../time.ts';
import { type ChainEntry, ChainVerifier, GENESIS_HASH, linkHash, type StoredEntry, type VerifyResult } from './audit.chain.ts';
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

/**
 * Appends one entry inside the caller's transaction. It takes no lock: writers never wait for each other here. The
 * entry gets its place in the hash chain after its transaction commits (`chainPendingAudit`), usually within a second.
 */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  const divert = diverted.get(tx);
  if (divert) return divert(auditEntryInsert(input));
  await tx.execute(auditEntryInsert(input));
  auditAppended();
}

/** Transactions whose audit entries are written elsewhere: a read replica's (platform/read-replica.ts). */
const diverted = new WeakMap<object, (entry: SQL) => void>();

/** Keeps the entries `recordAudit` is given in `tx` aside, for the caller to write in another transaction. */
export function divertAudit(tx: DbOrTx, keep: (entry: SQL) => void): void {
  diverted.set(tx, keep);
}

/**
 * The statement that appends an entry, for a write that carries its own entry as a data-modifying `WITH` clause (one
 * statement instead of two); the caller calls `auditAppended()` after it ran.
 */
export function auditEntryInsert(input: AuditInput): SQL {
  const at = input.dayOnly ? new Date(`${vnToday()}T00:00:00+07:00`) : new Date();
  // Only the entry's own columns: its number comes from the sequence, its place in the chain later.
  return sql`
    INSERT INTO audit_log (at, ward_id, actor_id, actor_name, action, entity_type, entity_id, outcome, detail)
    VALUES (${at.toISOString()}, ${input.wardId ?? null}, ${input.actor?.userId ?? null}, ${input.actor?.username ?? null},
            ${input.action}, ${input.entityType ?? null}, ${input.entityId ?? null}, ${input.outcome ?? 'ok'},
            ${JSON.stringify(input.detail ?? {})}::jsonb)`;
}

/** Tells this process's chainers that entries were written (their transaction may still be committing). */
export function auditAppended(): void {
  for (const chainer of chainers) chainer.poke();
}

/** Appends an entry in a transaction of its own (for events outside any business transaction: logins, refusals). */
export function recordAuditAlone(db: Db, input: AuditInput): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, input));
}

/** The lock that lets one chainer at a time link entries, across every server of an installation. */
const CHAIN_LOCK = 724202;

/**
 * Links the committed entries not yet in the chain, in the order of their numbers, after the chain's head: each gets
 * the next position, the head's hash as prev_hash, and its own hash (hash_i = SHA-256(hash_{i-1} ‖ entry_i)). Runs as
 * the database owner (the application role may append entries, never place them). Returns how many it linked; 0 when
 * another chainer holds the lock.
 */
export async function chainPendingAudit(db: Db, batch = 2000): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}) AS ok`);
    if (!lock?.ok) return 0;
    const pending = await tx.select().from(auditLog).where(isNull(auditLog.chainPos)).orderBy(asc(auditLog.seq)).limit(batch);
    if (pending.length === 0) return 0;
    const [head] = await tx
      .select({ pos: auditLog.chainPos, hash: auditLog.hash })
      .from(auditLog)
      .where(isNotNull(auditLog.chainPos))
      .orderBy(sql`${auditLog.chainPos} DESC`)
      .limit(1);
    let pos = head?.pos ?? 0;
    let prev = head?.hash ?? GENESIS_HASH;
    const seqs: number[] = [];
    const positions: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of pending) {
      pos += 1;
      const hash = linkHash(prev, row as ChainEntry);
      seqs.push(row.seq);
      positions.push(pos);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.execute(sql`
      UPDATE audit_log a SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
      FROM unnest(${`{${seqs.join(',')}}`}::bigint[], ${`{${positions.join(',')}}`}::bigint[],
                  ${`{${prevs.join(',')}}`}::text[], ${`{${hashes.join(',')}}`}::text[]) AS v(seq, pos, prev, hash)
      WHERE a.seq = v.seq AND a.chain_pos IS NULL`);
    return pending.length;
  });
}

const chainers = new Set<AuditChainer>();

/**
 * Keeps the chain linked while a server runs: shortly after an entry is written in this process (`poke`), and every
 * `intervalMs` for entries written by other processes or left by a crash. Stopping waits for a pass in progress.
 */
export class AuditChainer {
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 500,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  start(): this {
    chainers.add(this);
    this.timer = setInterval(() => this.run(), this.intervalMs);
    this.timer.unref();
    this.run();
    return this;
  }

  /** Asks for a pass soon (entries were just written; their transaction may still be committing). */
  poke(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.run();
    }, 25);
    this.soon.unref();
  }

  private run(): void {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        while (!this.stopped && (await chainPendingAudit(this.db)) > 0) {}
      } catch (err) {
        this.onError(err);
      } finally {
        this.running = null;
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    chainers.delete(this);
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.running;
  }
}

/**
 * Verifies the linked chain link by link, reading it as the owner page by page, and counts the entries still waiting
 * for their place. `chainFirst` links those first (what an operator's check wants; a restore's check does not).
 */
export async function verifyAuditChain(db: Db, options: { pageSize?: number; chainFirst?: boolean } = {}): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? 5000;
  if (options.chainFirst ?? true) while ((await chainPendingAudit(db)) > 0) {}
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(isNotNull(auditLog.chainPos), gt(auditLog.chainPos, after)))
      .orderBy(asc(auditLog.chainPos))
      .limit(pageSize);
    for (const row of page) if (!verifier.push(row as StoredEntry)) break;
    if (page.length < pageSize || !verifier.result().ok) break;
    after = page[page.length - 1]?.chainPos ?? after;
  }
  const [waiting] = await queryRows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE chain_pos IS NULL`);
  return verifier.result(Number(waiting?.n ?? 0));
}
