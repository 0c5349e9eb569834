import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database } from './db.ts';
import type { Deps } from './deps.ts';

/** A kind of background work: its queue name, the payload it accepts, an optional schedule, and what it does. */
export type JobDefinition<T = unknown> = {
  name: string;
  payload: z.ZodType<T>;
  /** A cron line in Vietnam time, for work that repeats. */
  cron?: string;
  run(deps: Deps, payload: T): Promise<void>;
};

/** A job ready for the queue: its payload type checked once, at the edge, when the job runs. */
export type Job = { name: string; cron?: string; handle(deps: Deps, raw: unknown): Promise<void> };

/** Declares a kind of background work (in a module's `<d>.jobs.ts`). */
export function defineJob<T>(def: JobDefinition<T>): Job {
  return { name: def.name, cron: def.cron, handle: async (deps, raw) => def.run(deps, def.payload.parse(raw ?? {})) };
}

export type JobRunner = {
  send<T>(name: string, payload: T): Promise<string | null>;
  stop(): Promise<void>;
};

/** Starts the job queue (pg-boss, in its own schema of the same database), its workers and its schedules. */
export async function startJobs(deps: Deps, definitions: readonly Job[], pollingIntervalSeconds = 2): Promise<JobRunner> {
  const boss = new PgBoss({ ...deps.database.jobsConnection, schema: 'pgboss', max: 2 } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => console.error(`job queue: ${err.message}`));
  await boss.start();
  for (const def of definitions) {
    await createQueueOnce(boss, def.name);
    await boss.work(def.name, { pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await def.handle(deps, job.data);
    });
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }
  return {
    send: (name, payload) => boss.send(name, (payload ?? {}) as object),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

/**
 * Creates a queue if it does not exist. Two servers starting at once on one database may deadlock here (each creates
 * the queue's partition while the other inserts it); PostgreSQL aborts one of them, and creating again is harmless.
 */
async function createQueueOnce(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
    }
  }
}

// A queue client that is never started: it only writes jobs, through the connection it is handed at each send.
let sender: PgBoss | null = null;

/**
 * Queues work from a request, whichever process runs the workers (JOBS): the job is written to pg-boss's queue through
 * the database's own connection, as the owner (the application role has no rights on the queue's schema). Answers the
 * job's id, or null when no worker ever created the queue (jobs run nowhere yet), so that the caller can do the work
 * itself instead.
 */
export async function enqueueJob(database: Database, name: string, payload: object): Promise<string | null> {
  sender ??= new PgBoss({ db: { executeSql: async () => ({ rows: [] }) }, schema: 'pgboss' } as PgBoss.ConstructorOptions);
  const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await database.raw.query(text, values) }) };
  try {
    return await sender.send(name, payload, { db } as PgBoss.SendOptions);
  } catch (err) {
    // 42P01 undefined table, 3F000 undefined schema: the queue was never installed in this database.
    const code = (err as { code?: string }).code;
    if (code === '42P01' || code === '3F000') return null;
    throw err;
  }
}
