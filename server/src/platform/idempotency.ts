import { createHash } from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, withActor } from './access.ts';
import type { Db, Tx } from './db.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header-07, Stripe, brandur.org/idempotency-keys), for any
 * module's POST: the client sends `Idempotency-Key` with a key of its own per new record (a UUID), and sends the same
 * key again when it retries. Keys are scoped per account and kept `IDEMPOTENCY_DAYS` (≥ 7, the longest a patrol phone
 * stays offline).
 *
 * - First request: the key is claimed, the work runs, and its status and body are stored **in the same transaction**
 *   as the record. A failure (any 4xx or 5xx) rolls both back: nothing is written, and a retry runs again.
 * - Same key, same request (method, route and body): the stored status and body are replayed, with
 *   `Idempotent-Replayed: true`. Two identical requests at once: the second waits for the first and replays it, so
 *   exactly one record exists.
 * - Same key, another request: 422 `idempotencyKeyReused`, nothing written.
 * - Missing key where one is required: 400 `idempotencyKeyMissing`, nothing written.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('idem_key').notNull(),
    wardId: uuid('ward_id'),
    method: text('method').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * The request's Idempotency-Key, or null when it has none. The draft makes the value a structured-field string
 * (`"8e03978e-…"`); the bare form most clients send is accepted too. 1–255 visible ASCII characters.
 */
export function readIdempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw new AppError('idempotencyKeyInvalid');
  let value = raw.trim();
  const quoted = /^"((?:[^"\\]|\\["\\])*)"$/.exec(value);
  if (quoted) value = (quoted[1] ?? '').replace(/\\(["\\])/g, '$1');
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new AppError('idempotencyKeyInvalid');
  return value;
}

/** What an idempotent operation answered: the status and body the client got, and sends again on a replay. */
export type IdempotentAnswer<T> = { status: number; body: T };

export type IdempotentRequest = {
  /** The key, or null when the request had none (refused where a key is required). */
  key: string | null;
  method: string;
  /** The route's pattern (`/api/v1/patrols/rounds`), so that a key reused on another route is a different request. */
  route: string;
  body: unknown;
};

/** The request's identity for a key: method, route and body, as canonical JSON (keys sorted), hashed. */
export function requestHash(request: Pick<IdempotentRequest, 'method' | 'route' | 'body'>): string {
  return createHash('sha256')
    .update(canonicalJson([request.method.toUpperCase(), request.route, request.body ?? null]))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Runs `work` once per account and key, in the actor's transaction (`withActor`), and stores its answer in that same
 * transaction; a repeated request gets the stored answer back instead. The caller checks the permission first.
 */
export function runIdempotent<T>(
  deps: Deps,
  actor: Actor,
  request: IdempotentRequest,
  work: (tx: Tx) => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentAnswer<T> & { replayed: boolean }> {
  const key = request.key;
  if (key === null) return Promise.reject(new AppError('idempotencyKeyMissing'));
  const hash = requestHash(request);
  return withActor(deps.database.db, actor, async (tx) => {
    const now = deps.clock();
    const mine = and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key));
    // A key past its retention is forgotten even before the purge job has run.
    await tx.delete(idempotencyKeys).where(and(mine, lte(idempotencyKeys.expiresAt, now)));
    // Claiming the key first makes a concurrent duplicate wait here until this transaction ends.
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({
        userId: actor.userId,
        key,
        wardId: actor.wardId,
        method: request.method.toUpperCase(),
        route: request.route,
        requestHash: hash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.cfg.idempotencyDays * 86_400_000),
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx.select().from(idempotencyKeys).where(mine).limit(1);
      if (!stored || stored.status === null) throw new AppError('conflict');
      if (stored.requestHash !== hash) throw new AppError('idempotencyKeyReused');
      return { status: stored.status, body: stored.response as T, replayed: true };
    }
    const answer = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: answer.status, response: answer.body as never })
      .where(mine);
    return { ...answer, replayed: false };
  });
}

/** Sends an idempotent operation's answer, marking a replay. */
export function sendIdempotent<T>(reply: FastifyReply, answer: IdempotentAnswer<T> & { replayed: boolean }): FastifyReply {
  if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.status(answer.status).send(answer.body);
}

/** Removes the keys past their retention (run by a job, as the owner); answers how many. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
