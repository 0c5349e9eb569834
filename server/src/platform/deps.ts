import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { Envelope } from './envelope.ts';
import { type BlobStore, createBlobStore } from './files.ts';
import { DatabaseCounters, MemoryCounters, type WindowCounters } from './window-counters.ts';

/** What every module's routes and services are given: the database, the settings, the keys, file storage and a clock. */
export type Deps = {
  database: Database;
  cfg: Config;
  key: Buffer;
  /** Seals what residents send (tips); its key-encryption key derives from the server key, never stored in the database. */
  envelope: Envelope;
  /** Stored files, sealed, under DATA_DIR/files or in an S3-compatible bucket (OBJECT_STORE). */
  blobs: BlobStore;
  /** The current time; tests replace it to check timeouts and TOTP drift. */
  clock: () => Date;
  /** Counters in fixed windows (rate limits, the tip channel's flood guard): shared by every server in the database
   * with RATE_LIMIT_STORE=database, this process's own otherwise. */
  counters: WindowCounters;
  /** Where a failure that must not fail the request, nor pass unseen, is reported (a stored tip the flood guard could
   * not count): the logger of the app built on these dependencies (`buildApp` sets it), silent before. Never personal data. */
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
};

/** Assembles the dependencies from an open database, the settings and the server key. */
export async function createDeps(database: Database, cfg: Config, key: Buffer, clock: () => Date = () => new Date()): Promise<Deps> {
  const counters = cfg.rateLimitStore === 'database' ? new DatabaseCounters(database.db) : new MemoryCounters(() => clock().getTime());
  const log = { warn: () => {}, error: () => {} };
  return { database, cfg, key, clock, envelope: await Envelope.create(key, 'tips'), blobs: createBlobStore(cfg, key), counters, log };
}
