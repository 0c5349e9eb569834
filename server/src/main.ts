import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { verifyAuditChainJob } from './modules/audit/index.ts';
import { sweepSessionsJob } from './modules/auth/index.ts';
import { cameraJobs } from './modules/cameras/index.ts';
import { outreachJobs } from './modules/outreach/index.ts';
import { purgeIdempotencyKeysJob } from './modules/patrols/index.ts';
import { reportJobs } from './modules/reports/index.ts';
import { residenceJobs } from './modules/residence/index.ts';
import { AuditChainer } from './platform/audit/audit.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { startJobs } from './platform/jobs.ts';
import { markServerRunning } from './platform/lock.ts';

/** Starts Bình An: settings, database, migrations, demo data, then HTTP. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const release = markServerRunning(cfg);
  process.once('exit', release);
  const deps = await bootstrap(cfg);
  const app = await buildApp(deps);
  const chainer = new AuditChainer(deps.database.db, 500, (err) => app.log.error({ err }, 'audit chaining failed')).start();
  const jobs = cfg.jobs
    ? await startJobs(deps, [
        verifyAuditChainJob,
        sweepSessionsJob,
        purgeIdempotencyKeysJob,
        ...reportJobs,
        ...residenceJobs,
        ...outreachJobs,
        ...cameraJobs,
      ])
    : null;
  const stop = async () => {
    await jobs?.stop();
    await app.close();
    // A handler whose caller went away still runs after the server closed; let it finish before the database closes.
    await app.drainHandlers(10_000);
    await chainer.stop();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: cfg.port, host: cfg.host });
  console.log(
    `Bình An is serving on http://${cfg.host === '0.0.0.0' ? 'localhost' : cfg.host}:${cfg.port}/ (staff app: /app/, API docs: /api/docs)`,
  );
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
