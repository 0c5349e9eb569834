import { bigint, bigserial, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
  /** The entry's number, taken from a sequence when it is written. */
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  wardId: uuid('ward_id'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  outcome: text('outcome').$type<'ok' | 'denied' | 'failed'>().notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  /** Its place in the chain, with the link, given after commit by the chainer (null until then). */
  chainPos: bigint('chain_pos', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});
