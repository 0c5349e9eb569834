import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type DemoLogin, startServer } from './server.ts';

/** What every e2e file gets through `inject('e2e')`: one server for the whole run. */
export type E2eContext = {
  baseUrl: string;
  database: 'pglite' | 'postgres';
  logins: Record<string, DemoLogin>;
  /** A scratch folder shared by the files of this run (e.g. the TOTP steps already used). */
  stateDir: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

/** Starts the built server once for all e2e files, and stops it (and drops its database) at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await startServer();
  const stateDir = join(server.workDir, 'state');
  mkdirSync(stateDir, { recursive: true });
  console.log(
    `e2e: server on ${server.baseUrl} with ${server.database}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${server.logFile})`,
  );
  project.provide('e2e', { baseUrl: server.baseUrl, database: server.database, logins: server.logins, stateDir });
  return () => server.stop();
}
