import type { Locale, Role, User } from '@binh-an/domain';
import { and, asc, eq, gt, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import { users } from './user.table.ts';

export type UserRow = typeof users.$inferSelect;

const viewColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  wardId: users.wardId,
  locale: users.locale,
  totpEnabledAt: users.totpEnabledAt,
  disabledAt: users.disabledAt,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

type ViewRow = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  unitName: string | null;
  wardId: string | null;
  locale: string;
  totpEnabledAt: Date | null;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
};

function toUser(r: ViewRow, now: Date): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    unitId: r.unitId,
    unitName: r.unitName ?? '',
    wardId: r.wardId,
    locale: r.locale as Locale,
    totpEnabled: r.totpEnabledAt !== null,
    isDisabled: r.disabledAt !== null,
    isLocked: r.lockedUntil !== null && r.lockedUntil > now,
    createdAt: r.createdAt,
    lastLoginAt: r.lastLoginAt,
  };
}

/** A page of accounts in the actor's scope, ordered by username (keyset paging on it). */
export async function findUsersInScope(
  tx: DbOrTx,
  actor: Actor,
  filter: { q?: string; role?: string; unitId?: string; status?: 'active' | 'disabled' | 'locked'; after?: string; limit: number },
  now: Date,
): Promise<User[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: users.wardId, unitId: users.unitId })];
  if (filter.q?.trim()) {
    const pattern = likePattern(filter.q.trim().normalize('NFC').toLowerCase());
    where.push(sql`f_unaccent(lower(${users.displayName} || ' ' || ${users.username})) LIKE f_unaccent(${pattern})`);
  }
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.unitId) where.push(eq(users.unitId, filter.unitId));
  if (filter.status === 'disabled') where.push(isNotNull(users.disabledAt));
  if (filter.status === 'active') where.push(isNull(users.disabledAt));
  if (filter.status === 'locked') where.push(gt(users.lockedUntil, now));
  if (filter.after) where.push(gt(users.username, filter.after));
  const rows = await tx
    .select(viewColumns)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(...where))
    .orderBy(asc(users.username))
    .limit(filter.limit);
  return rows.map((r) => toUser(r, now));
}

export async function findUserInScope(tx: DbOrTx, actor: Actor, id: string, now: Date): Promise<User | null> {
  const rows = await tx
    .select(viewColumns)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, id), inScope(actor, { wardId: users.wardId, unitId: users.unitId })))
    .limit(1);
  return rows[0] ? toUser(rows[0], now) : null;
}

/** The view of one account by id, for the account itself (system context). */
export async function findUserView(tx: DbOrTx, id: string, now: Date): Promise<User | null> {
  const rows = await tx.select(viewColumns).from(users).leftJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id)).limit(1);
  return rows[0] ? toUser(rows[0], now) : null;
}

/** The full row with credentials, for login (system context only). */
export async function findCredentialsByUsername(tx: DbOrTx, username: string): Promise<UserRow | null> {
  const rows = await tx.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0] ?? null;
}

export async function findCredentialsById(tx: DbOrTx, id: string): Promise<UserRow | null> {
  const rows = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export type NewUser = {
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  wardId: string | null;
  passwordHash: string;
  totpSecretEnc?: string | null;
  totpEnabledAt?: Date | null;
};

export async function insertUser(tx: DbOrTx, values: NewUser): Promise<string> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateUserRow(tx: DbOrTx, id: string, values: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** Counts one more failed login and locks the account for a while once failures pile up; returns the new count. */
export async function recordFailedLogin(
  tx: DbOrTx,
  id: string,
  now: Date,
  lockAfter: number,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const [row] = await tx
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, id))
    .returning({ failures: users.failedLogins });
  const failures = row?.failures ?? 0;
  if (failures < lockAfter) return { failures, lockedUntil: null };
  // 1, 2, 4 … minutes, at most one hour: at most about 100 guesses an hour (ASVS 6.3.1), no permanent lock-out.
  const minutes = Math.min(60, 2 ** (failures - lockAfter));
  const lockedUntil = new Date(now.getTime() + minutes * 60_000);
  await tx.update(users).set({ lockedUntil }).where(eq(users.id, id));
  return { failures, lockedUntil };
}

export async function clearFailedLogins(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, id));
}

/** Usernames with their role and unit, for the operator's command line. */
export async function listAllUsers(
  tx: DbOrTx,
): Promise<{ username: string; role: string; unit: string; unitId: string; disabled: boolean }[]> {
  const rows = await tx
    .select({ username: users.username, role: users.role, unit: units.name, unitId: users.unitId, disabledAt: users.disabledAt })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ username: r.username, role: r.role, unit: r.unit ?? '', unitId: r.unitId, disabled: r.disabledAt !== null }));
}
