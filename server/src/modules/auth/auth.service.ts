import { randomInt } from 'node:crypto';
import { isTotpRequired, type Locale, type Role } from '@binh-an/domain';
import { type Actor, withActor } from '../../platform/access.ts';
import { recordAudit, recordAuditAlone } from '../../platform/audit/audit.ts';
import { decoyHash, verifyPassword } from '../../platform/auth/password.ts';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../platform/auth/totp.ts';
import { keyedHash, open, randomToken, seal, sha256Hex } from '../../platform/crypto.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { resolveUnitScopeCached } from '../units/index.ts';
import {
  clearFailedLogins,
  findCredentialsById,
  findCredentialsByUsername,
  recordFailedLogin,
  type UserRow,
  updateUserRow,
} from '../users/index.ts';
import {
  type ActorAccount,
  deleteSession,
  deleteSessionsOfUser,
  findActiveApiToken,
  findApiTokensOfUser,
  findSession,
  findSessionWithUser,
  insertApiToken,
  insertSession,
  revokeApiToken,
  touchApiToken,
  touchSession,
} from './auth.repository.ts';

/** Failed logins (password or TOTP) before the account is locked for a while. */
export const LOCK_AFTER_FAILURES = 5;
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type LoginOutcome =
  | { status: 'ok'; token: string }
  | { status: 'totp_required'; token: string }
  | { status: 'totp_enrol'; token: string; enrolment: { secret: string; otpauthUri: string } };

function who(user: UserRow) {
  return { userId: user.id, username: user.username };
}

/** A failed authentication step of this account, for the audit log. */
function auditOf(user: UserRow, action: string, detail: Record<string, unknown> = {}) {
  return { action, outcome: 'failed' as const, wardId: user.wardId, actor: who(user), entityType: 'user', entityId: user.id, detail };
}

/** Counts a failed password or second factor; answers whether the account is now locked (and audits the lock). */
async function countFailure(tx: Tx, user: UserRow, now: Date): Promise<boolean> {
  const { lockedUntil } = await recordFailedLogin(tx, user.id, now, LOCK_AFTER_FAILURES);
  if (lockedUntil) await recordAudit(tx, auditOf(user, 'auth.locked', { until: lockedUntil.toISOString() }));
  return lockedUntil !== null;
}

async function newSession(
  deps: Deps,
  user: UserRow,
  stage: 'password' | 'totp_enrol' | 'full',
  pendingTotpSecretEnc: string | null = null,
): Promise<string> {
  const token = randomToken(32);
  const now = deps.clock();
  await insertSession(deps.database.db, {
    id: sha256Hex(token),
    userId: user.id,
    stage,
    pendingTotpSecretEnc,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.cfg.sessionAbsoluteMs),
  });
  return token;
}

/**
 * Checks a username and password. Unknown users, wrong passwords, locked and disabled accounts all get the same
 * answer after the same work (no user enumeration). A success starts a session, full or waiting for TOTP.
 */
export async function login(deps: Deps, username: string, password: string, previousToken?: string): Promise<LoginOutcome> {
  const db = deps.database.db;
  const now = deps.clock();
  if (previousToken) await deleteSession(db, sha256Hex(previousToken));
  const user = await findCredentialsByUsername(db, username);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    await recordAuditAlone(db, { action: 'auth.login_failed', outcome: 'failed', detail: { reason: 'credentials' } });
    throw new AppError('invalidCredentials');
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  if (!passwordOk || locked || user.disabledAt) {
    await db.transaction(async (tx) => {
      const reason = user.disabledAt ? 'disabled' : locked ? 'locked' : 'password';
      await recordAudit(tx, auditOf(user, 'auth.login_failed', { reason }));
      if (reason === 'password') await countFailure(tx, user, now);
    });
    throw new AppError('invalidCredentials');
  }
  if (user.totpEnabledAt && user.totpSecretEnc) {
    return { status: 'totp_required', token: await newSession(deps, user, 'password') };
  }
  if (isTotpRequired(user.role as Role)) {
    const secret = generateTotpSecret();
    const token = await newSession(deps, user, 'totp_enrol', seal(deps.key, secret, 'totp'));
    return { status: 'totp_enrol', token, enrolment: { secret, otpauthUri: otpauthUri(secret, user.username) } };
  }
  await completeLogin(deps, user, 'password');
  return { status: 'ok', token: await newSession(deps, user, 'full') };
}

async function completeLogin(deps: Deps, user: UserRow, method: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await clearFailedLogins(tx, user.id, deps.clock());
    await recordAudit(tx, {
      action: 'auth.login',
      wardId: user.wardId,
      actor: who(user),
      entityType: 'user',
      entityId: user.id,
      detail: { method },
    });
  });
}

async function pendingSession(deps: Deps, token: string | undefined, stage: 'password' | 'totp_enrol') {
  if (!token) throw new AppError('unauthenticated');
  const db = deps.database.db;
  const session = await findSession(db, sha256Hex(token));
  const now = deps.clock();
  if (!session || session.stage !== stage || session.expiresAt <= now || isIdle(deps, session.lastSeenAt, now)) {
    throw new AppError('unauthenticated');
  }
  const user = await findCredentialsById(db, session.userId);
  if (!user || user.disabledAt || (user.lockedUntil && user.lockedUntil > now)) {
    await deleteSession(db, session.id);
    throw new AppError('unauthenticated');
  }
  return { session, user };
}

function isIdle(deps: Deps, lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() > deps.cfg.sessionIdleMs;
}

async function failSecondFactor(
  deps: Deps,
  user: UserRow,
  sessionId: string,
  action: string,
  code: 'invalidTotp' | 'invalidRecovery',
): Promise<never> {
  const now = deps.clock();
  await deps.database.db.transaction(async (tx) => {
    await recordAudit(tx, auditOf(user, action));
    if (await countFailure(tx, user, now)) await deleteSession(tx, sessionId);
  });
  throw new AppError(code);
}

/** Completes a login with a TOTP code; a code already used, or off by two steps or more, is refused. */
export async function verifySecondFactor(deps: Deps, token: string | undefined, code: string): Promise<string> {
  const { session, user } = await pendingSession(deps, token, 'password');
  const secret = open(deps.key, user.totpSecretEnc ?? '', 'totp');
  const step = verifyTotp(secret, code, deps.clock().getTime(), user.totpLastStep);
  if (step === null) return failSecondFactor(deps, user, session.id, 'auth.totp_failed', 'invalidTotp');
  await updateUserRow(deps.database.db, user.id, { totpLastStep: step });
  await deleteSession(deps.database.db, session.id);
  await completeLogin(deps, user, 'totp');
  return newSession(deps, user, 'full');
}

/** Completes a login with a one-time recovery code, which is then spent. */
export async function useRecoveryCode(deps: Deps, token: string | undefined, code: string): Promise<string> {
  const { session, user } = await pendingSession(deps, token, 'password');
  const hashed = keyedHash(deps.key, code, 'recovery');
  if (!user.recoveryCodes.includes(hashed)) return failSecondFactor(deps, user, session.id, 'auth.totp_failed', 'invalidRecovery');
  await deps.database.db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, { recoveryCodes: user.recoveryCodes.filter((c) => c !== hashed) });
    await deleteSession(tx, session.id);
    await recordAudit(tx, {
      action: 'auth.recovery_used',
      wardId: user.wardId,
      actor: who(user),
      entityType: 'user',
      entityId: user.id,
      detail: { remaining: user.recoveryCodes.length - 1 },
    });
  });
  await completeLogin(deps, user, 'recovery');
  return newSession(deps, user, 'full');
}

/** Confirms TOTP enrolment with a first code; answers the recovery codes, shown once. */
export async function confirmEnrolment(
  deps: Deps,
  token: string | undefined,
  code: string,
): Promise<{ token: string; recoveryCodes: string[] }> {
  const { session, user } = await pendingSession(deps, token, 'totp_enrol');
  const secret = open(deps.key, session.pendingTotpSecretEnc ?? '', 'totp');
  const step = verifyTotp(secret, code, deps.clock().getTime(), null);
  if (step === null) return failSecondFactor(deps, user, session.id, 'auth.totp_failed', 'invalidTotp');
  const recoveryCodes = generateRecoveryCodes();
  await deps.database.db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, {
      totpSecretEnc: seal(deps.key, secret, 'totp'),
      totpEnabledAt: deps.clock(),
      totpLastStep: step,
      recoveryCodes: recoveryCodes.map((c) => keyedHash(deps.key, c, 'recovery')),
    });
    await deleteSession(tx, session.id);
    await recordAudit(tx, { action: 'auth.totp_enrolled', wardId: user.wardId, actor: who(user), entityType: 'user', entityId: user.id });
  });
  await completeLogin(deps, user, 'totp');
  return { token: await newSession(deps, user, 'full'), recoveryCodes };
}

/** Ten recovery codes of 10 characters (about 49 bits each) without look-alike characters. */
export function generateRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: 10 }, one);
}

/** Ends a session (logout). */
export async function logout(deps: Deps, token: string | undefined, actor: Actor | null): Promise<void> {
  if (!token) return;
  await deps.database.db.transaction(async (tx) => {
    await deleteSession(tx, sha256Hex(token));
    if (actor)
      await recordAudit(tx, {
        action: 'auth.logout',
        wardId: actor.wardId,
        actor: { userId: actor.userId, username: actor.username },
        entityType: 'user',
        entityId: actor.userId,
      });
  });
}

/** Builds the actor of an account: its role and the wards and units it may reach. */
export async function buildActor(db: Db, user: ActorAccount, via: 'session' | 'token'): Promise<Actor | null> {
  const scope = await resolveUnitScopeCached(db, user.unitId);
  if (!scope) return null;
  return {
    userId: user.id,
    username: user.username,
    role: user.role as Role,
    unitId: user.unitId,
    unitType: scope.unit.type,
    wardId: user.wardId,
    wardIds: scope.wardIds,
    unitIds: scope.unitIds,
    locale: user.locale as Locale,
    via,
  };
}

/** Who a session cookie belongs to, or how far its login has come; refuses expired and idle sessions. */
export async function authenticateSession(
  deps: Deps,
  token: string,
): Promise<{ actor: Actor | null; stage: 'password' | 'totp_enrol' | 'full' } | null> {
  const db = deps.database.db;
  const found = await findSessionWithUser(db, sha256Hex(token));
  const now = deps.clock();
  if (!found) return null;
  const { session, user } = found;
  if (session.expiresAt <= now || isIdle(deps, session.lastSeenAt, now)) {
    await deleteSession(db, session.id);
    return null;
  }
  if (!user || user.disabledAt) {
    await deleteSession(db, session.id);
    return null;
  }
  // Refresh the idle clock at most once a minute.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, session.id, now);
  if (session.stage !== 'full') return { actor: null, stage: session.stage };
  return { actor: await buildActor(db, user, 'session'), stage: 'full' };
}

/** Who a bearer token acts for; every use is audited. */
export async function authenticateToken(deps: Deps, token: string, route: string): Promise<Actor | null> {
  const db = deps.database.db;
  const row = await findActiveApiToken(db, sha256Hex(token));
  if (!row) return null;
  const user = await findCredentialsById(db, row.userId);
  if (!user || user.disabledAt) return null;
  const actor = await buildActor(db, user, 'token');
  if (!actor) return null;
  const now = deps.clock();
  await db.transaction(async (tx) => {
    // Every use is audited; the token's "last used" is refreshed at most once a minute, so that the requests of one
    // token do not queue behind each other on its row.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await touchApiToken(tx, row.id, now);
    await recordAudit(tx, {
      action: 'token.use',
      wardId: user.wardId,
      actor: who(user),
      entityType: 'api_token',
      entityId: row.id,
      detail: { route },
    });
  });
  return actor;
}

/** Creates an API token for an account; the secret is answered once and only its hash is kept. */
export async function createApiToken(
  deps: Deps,
  userId: string,
  name: string,
  by: { userId: string; username: string } | null,
): Promise<{
  token: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
  secret: string;
}> {
  const db = deps.database.db;
  const user = await findCredentialsById(db, userId);
  if (!user) throw new AppError('notFound');
  const secret = `ba_${randomToken(32)}`;
  return db.transaction(async (tx) => {
    const row = await insertApiToken(tx, { userId, name, tokenHash: sha256Hex(secret), prefix: secret.slice(0, 10) });
    await recordAudit(tx, {
      action: 'token.create',
      wardId: user.wardId,
      actor: by,
      entityType: 'api_token',
      entityId: row.id,
      detail: { name, for: user.username },
    });
    return { token: viewToken(row), secret };
  });
}

function viewToken(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}

/** The actor's own API tokens. */
export async function listOwnTokens(deps: Deps, actor: Actor) {
  return withActor(deps.database.db, actor, async (tx) => (await findApiTokensOfUser(tx, actor.userId)).map(viewToken));
}

/** Revokes one of the actor's own tokens. */
export async function revokeOwnToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  await withActor(deps.database.db, actor, async (tx) => {
    if (!(await revokeApiToken(tx, actor.userId, id, deps.clock()))) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'token.revoke',
      wardId: actor.wardId,
      actor: { userId: actor.userId, username: actor.username },
      entityType: 'api_token',
      entityId: id,
    });
  });
}

/** Ends every session of an account (after a password or TOTP reset, or when it is disabled). */
export { deleteSessionsOfUser as endSessionsOfUser };
