import { createHash } from 'node:crypto';

/** The first link's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainEntry = {
  seq: number;
  at: Date;
  wardId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, unknown>;
};

/** JSON with object keys sorted at every depth, so that the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** hash_i = SHA-256(hash_{i-1} ‖ canonical(entry_i)). */
export function linkHash(prevHash: string, e: ChainEntry): string {
  const body = canonicalJson([
    e.seq,
    e.at.toISOString(),
    e.wardId,
    e.actorId,
    e.actorName,
    e.action,
    e.entityType,
    e.entityId,
    e.outcome,
    e.detail,
  ]);
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** An entry as stored once linked: its place in the chain and the link. */
export type StoredEntry = ChainEntry & { chainPos: number; prevHash: string; hash: string };

export type VerifyResult =
  | { ok: true; count: number; headSeq: number | null; headHash: string; pending: number }
  | { ok: false; count: number; brokenAt: number; reason: 'gap' | 'prev_hash' | 'hash'; pending: number };

/**
 * Verifies a chain fed in the order of its positions, one link at a time, so that a long log needs no more memory
 * than one page. `headSeq` and `brokenAt` are chain positions; `pending` counts entries not linked yet.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expected = 1;
  private count = 0;
  private failure: { count: number; brokenAt: number; reason: 'gap' | 'prev_hash' | 'hash' } | null = null;

  /** Checks the next link; returns false once a link is broken. */
  push(e: StoredEntry): boolean {
    if (this.failure) return false;
    const fail = (reason: 'gap' | 'prev_hash' | 'hash', at: number) => {
      this.failure = { count: this.count, brokenAt: at, reason };
      return false;
    };
    if (e.chainPos !== this.expected) return fail('gap', this.expected);
    if (e.prevHash !== this.prev) return fail('prev_hash', e.chainPos);
    if (linkHash(this.prev, e) !== e.hash) return fail('hash', e.chainPos);
    this.prev = e.hash;
    this.expected += 1;
    this.count += 1;
    return true;
  }

  result(pending = 0): VerifyResult {
    if (this.failure) return { ok: false, ...this.failure, pending };
    return { ok: true, count: this.count, headSeq: this.count ? this.expected - 1 : null, headHash: this.prev, pending };
  }
}

/** Walks the chain in order and names the first broken link (a missing position, a wrong back-link or a wrong hash). */
export function verifyChain(entries: Iterable<StoredEntry>): VerifyResult {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.result();
}
