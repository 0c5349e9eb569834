import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDemoLogins, isDatabaseEmpty, loadDemo } from './modules/demo/index.ts';
import type { Config } from './platform/config.ts';
import { loadSecretKey } from './platform/crypto.ts';
import { openDatabase } from './platform/db.ts';
import { createDeps, type Deps } from './platform/deps.ts';
import { migrate } from './platform/migrate.ts';

/** Opens the database, applies migrations and, on an empty database with DEMO on, loads the demo ward. */
export async function bootstrap(cfg: Config, log: (line: string) => void = console.log): Promise<Deps> {
  const key = loadSecretKey(cfg);
  const database = await openDatabase(cfg);
  const applied = await migrate(database.raw);
  if (applied.length) log(`Applied ${applied.length} migration(s).`);
  const deps = await createDeps(database, cfg, key);
  if (cfg.demo && (await isDatabaseEmpty(database.db))) {
    const { logins, tipReceipt } = await loadDemo(database.db, key);
    const table = formatDemoLogins(logins, tipReceipt);
    const file = join(cfg.dataDir, 'demo-logins.txt');
    mkdirSync(cfg.dataDir, { recursive: true });
    writeFileSync(file, `${table}\n`, { mode: 0o600 });
    log(`\nDemo ward loaded (Nghệ An → Vinh → Lê Mao, now phường Thành Vinh). Demo logins, also saved in ${file}:\n\n${table}\n`);
    log(
      'Police and admin accounts also need a TOTP code: add the secret to an authenticator app, or run `npm run cli -- totp <username>`.\n',
    );
  }
  return deps;
}
