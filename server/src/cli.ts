import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createUserSchema, roleSchema } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { bootstrap } from './bootstrap.ts';
import { createApiToken } from './modules/auth/index.ts';
import { formatDemoLogins, isDatabaseEmpty, loadDemo } from './modules/demo/index.ts';
import { findCredentialsByUsername, insertUser, listAllUsers } from './modules/users/index.ts';
import { recordAudit, verifyAuditChain } from './platform/audit/audit.ts';
import { hashPassword } from './platform/auth/password.ts';
import { totpCode, totpStep } from './platform/auth/totp.ts';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { loadSecretKey, open } from './platform/crypto.ts';
import { queryRows } from './platform/db.ts';
import { assertNoServerRunning } from './platform/lock.ts';

const USAGE = `Bình An operator commands: npm run cli -- <command>

  db migrate                                  apply pending migrations
  users list [--json]                         accounts with role and unit
  users create --username U --name "N" --role R --unit CODE [--password P]
  token create --user U [--name N]            prints a bearer token on its last line
  token list --user U
  token revoke --id ID
  demo load                                   load the demo ward into an empty database
  audit verify                                check the audit log's hash chain
  totp <username>                             print the current TOTP code of a demo account
`;

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  const cfg = loadConfig();
  if (!group || group === 'help' || group === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (group === 'totp') return printTotp(cfg, command);
  assertNoServerRunning(cfg);
  const deps = await bootstrap({ ...cfg, demo: false }, () => undefined);
  const db = deps.database.db;
  try {
    const key = `${group} ${command ?? ''}`.trim();
    const { values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        password: { type: 'string' },
        user: { type: 'string' },
        id: { type: 'string' },
      },
      allowPositionals: false,
    });
    switch (key) {
      case 'db migrate':
        console.log('Database is up to date.');
        return 0;
      case 'users list': {
        const list = await listAllUsers(db);
        if (values.json)
          console.log(
            JSON.stringify(
              list.map((u) => ({ username: u.username, role: u.role, unit: u.unit, disabled: u.disabled })),
              null,
              2,
            ),
          );
        else for (const u of list) console.log(`${u.username.padEnd(24)} ${u.role.padEnd(14)} ${u.unit}${u.disabled ? ' (disabled)' : ''}`);
        return 0;
      }
      case 'users create': {
        const [unitRow] = await queryRows<{ id: string; ward_id: string | null }>(
          db,
          sql`SELECT id, ward_id FROM units WHERE code = ${values.unit ?? ''} OR id::text = ${values.unit ?? ''} ORDER BY valid_to DESC NULLS FIRST LIMIT 1`,
        );
        if (!unitRow) throw new Error(`No unit with code or id "${values.unit ?? ''}".`);
        const generated = values.password ? null : `${crypto.randomUUID().slice(0, 18)}`;
        const input = createUserSchema.parse({
          username: values.username ?? '',
          displayName: values.name ?? values.username ?? '',
          role: roleSchema.parse(values.role),
          unitId: unitRow.id,
          password: values.password ?? generated,
        });
        const passwordHash = await hashPassword(input.password);
        await db.transaction(async (tx) => {
          const id = await insertUser(tx, {
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            unitId: unitRow.id,
            wardId: unitRow.ward_id,
            passwordHash,
          });
          await recordAudit(tx, {
            action: 'user.create',
            wardId: unitRow.ward_id,
            entityType: 'user',
            entityId: id,
            detail: { username: input.username, role: input.role, unitId: unitRow.id, via: 'cli' },
          });
        });
        console.log(`Created ${input.username}.${generated ? ` Password: ${generated}` : ''}`);
        return 0;
      }
      case 'token create': {
        const user = await findCredentialsByUsername(db, (values.user ?? '').toLowerCase());
        if (!user) throw new Error(`No account "${values.user ?? ''}".`);
        const { token, secret } = await createApiToken(deps, user.id, values.name ?? 'cli', null);
        console.log(`Token ${token.id} for ${user.username} (acts with role ${user.role}). Keep it secret; it is shown once:`);
        console.log(secret);
        return 0;
      }
      case 'token list': {
        const user = await findCredentialsByUsername(db, (values.user ?? '').toLowerCase());
        if (!user) throw new Error(`No account "${values.user ?? ''}".`);
        const rows = await queryRows<{ id: string; name: string; prefix: string; revoked_at: Date | null }>(
          db,
          sql`SELECT id, name, prefix, revoked_at FROM api_tokens WHERE user_id = ${user.id} ORDER BY created_at`,
        );
        for (const t of rows) console.log(`${t.id}  ${t.prefix}…  ${t.name}${t.revoked_at ? '  (revoked)' : ''}`);
        return 0;
      }
      case 'token revoke': {
        await db.transaction(async (tx) => {
          const [row] = await queryRows<{ id: string }>(
            tx,
            sql`UPDATE api_tokens SET revoked_at = now() WHERE id::text = ${values.id ?? ''} AND revoked_at IS NULL RETURNING id`,
          );
          if (!row) throw new Error(`No active token "${values.id ?? ''}".`);
          await recordAudit(tx, { action: 'token.revoke', entityType: 'api_token', entityId: row.id, detail: { via: 'cli' } });
        });
        console.log('Revoked.');
        return 0;
      }
      case 'demo load': {
        if (!(await isDatabaseEmpty(db))) throw new Error('The database already has units; the demo loads only into an empty database.');
        const { logins, tipReceipt } = await loadDemo(db, deps.key);
        console.log(formatDemoLogins(logins, tipReceipt));
        return 0;
      }
      case 'audit verify': {
        const result = await verifyAuditChain(db);
        if (result.ok) {
          console.log(`Audit chain intact: ${result.count} entries; head #${result.headSeq ?? 0} ${result.headHash}`);
          if (result.pending) console.log(`${result.pending} entries of transactions still open were not linked yet.`);
          return 0;
        }
        console.error(`Audit chain BROKEN at entry #${result.brokenAt} (${result.reason}); ${result.count} entries verified before it.`);
        return 2;
      }
      default:
        console.error(`Unknown command "${key}".\n\n${USAGE}`);
        return 64;
    }
  } finally {
    await deps.database.close();
  }
}

/** Prints a demo account's current TOTP code, from the demo logins file or, failing that, from the database. */
async function printTotp(cfg: Config, username: string | undefined): Promise<number> {
  if (!username) {
    console.error('Usage: npm run cli -- totp <username>');
    return 64;
  }
  const name = username.toLowerCase();
  const file = join(cfg.dataDir, 'demo-logins.txt');
  let secret: string | null = null;
  if (existsSync(file)) {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s{2,}/))
      .find((cells) => cells[1] === name);
    if (line?.[3] && line[3] !== '—') secret = line[3];
  }
  if (!secret) {
    assertNoServerRunning(cfg);
    const deps = await bootstrap({ ...cfg, demo: false }, () => undefined);
    try {
      const user = await findCredentialsByUsername(deps.database.db, name);
      if (user?.totpSecretEnc) secret = open(loadSecretKey(cfg), user.totpSecretEnc, 'totp');
    } finally {
      await deps.database.close();
    }
  }
  if (!secret) {
    console.error(`No TOTP secret known for "${name}".`);
    return 1;
  }
  console.log(totpCode(secret, totpStep()));
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
