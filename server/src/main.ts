import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { deleteExpiredSessions } from './modules/auth/index.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { markServerRunning } from './platform/lock.ts';

/** Starts Bình An: settings, database, migrations, demo data, then HTTP. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const release = markServerRunning(cfg);
  process.once('exit', release);
  const deps = await bootstrap(cfg);
  const app = await buildApp(deps);
  // Sessions past their idle or absolute limit are refused at once; this only sweeps their rows away.
  const sweep = setInterval(() => {
    deleteExpiredSessions(deps.database.db, deps.clock(), cfg.sessionIdleMs).catch((err) =>
      app.log.warn({ err: { message: (err as Error).message } }, 'session sweep failed'),
    );
  }, 15 * 60_000);
  sweep.unref();
  const stop = async () => {
    clearInterval(sweep);
    await app.close();
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
