import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.ts';
import { type UserRow, users } from '../users/index.ts';
import { apiTokens, sessions } from './auth.table.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertSession(tx: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(row);
}

/** What a request needs of an account to act: never its password hash, second-factor secrets or recovery codes. */
export type ActorAccount = Pick<UserRow, 'id' | 'username' | 'role' | 'unitId' | 'wardId' | 'locale' | 'disabledAt'>;
export type SessionCheck = Pick<SessionRow, 'id' | 'stage' | 'lastSeenAt' | 'expiresAt'>;

/** A session with its account (null when the account is gone), in one statement: every request reads both. */
export async function findSessionWithUser(tx: DbOrTx, id: string): Promise<{ session: SessionCheck; user: ActorAccount | null } | null> {
  const rows = await tx
    .select({
      session: { id: sessions.id, stage: sessions.stage, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt },
      user: {
        id: users.id,
        username: users.username,
        role: users.role,
        unitId: users.unitId,
        wardId: users.wardId,
        locale: users.locale,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

export async function findSession(tx: DbOrTx, id: string): Promise<SessionRow | null> {
  const rows = await tx.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function touchSession(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their absolute or idle limit. */
export async function deleteExpiredSessions(tx: DbOrTx, now: Date, idleMs: number): Promise<void> {
  await tx.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))));
}

export async function insertApiToken(tx: DbOrTx, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [created] = await tx.insert(apiTokens).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function findActiveApiToken(tx: DbOrTx, tokenHash: string): Promise<ApiTokenRow | null> {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function touchApiToken(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function findApiTokensOfUser(tx: DbOrTx, userId: string): Promise<ApiTokenRow[]> {
  return tx.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token of this user; returns whether one was revoked. */
export async function revokeApiToken(tx: DbOrTx, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function revokeApiTokensOfUser(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}
