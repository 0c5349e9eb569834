import type { Config } from './config.ts';
import type { Database } from './db.ts';

/** What every module's routes and services are given: the database, the settings, the server key and a clock. */
export type Deps = {
  database: Database;
  cfg: Config;
  key: Buffer;
  /** The current time; tests replace it to check timeouts and TOTP drift. */
  clock: () => Date;
};
