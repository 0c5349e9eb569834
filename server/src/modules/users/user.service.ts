import {
  canBindRole,
  type createUserSchema,
  type Locale,
  type Role,
  type UnitType,
  type User,
  type updateUserSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/pg-errors.ts';
import { vnToday } from '../../platform/time.ts';
import { endSessionsOfUser, revokeApiTokensOfUser } from '../auth/index.ts';
import { findUnitInScope } from '../units/index.ts';
import { findUserInScope, findUsersInScope, insertUser, updateUserRow } from './user.repository.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

/** A page of the accounts the actor may see (account data is personal data: the read is audited). */
export async function listUsers(
  db: Db,
  actor: Actor,
  filter: { q?: string; role?: string; unitId?: string; status?: 'active' | 'disabled' | 'locked'; cursor?: string; limit?: number },
  now: Date,
): Promise<{ items: User[]; nextCursor: string | null }> {
  requirePermission(actor, 'user.read');
  const limit = filter.limit ?? 50;
  return withActor(db, actor, async (tx) => {
    const rows = await findUsersInScope(tx, actor, { ...filter, after: filter.cursor, limit: limit + 1 }, now);
    const items = rows.slice(0, limit);
    await recordAudit(tx, {
      action: 'user.list',
      actor: by(actor),
      wardId: actor.wardId,
      entityType: 'user',
      detail: {
        count: items.length,
        filter: { q: filter.q ? true : undefined, role: filter.role, unitId: filter.unitId, status: filter.status },
      },
    });
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.username ?? null) : null };
  });
}

/** One account the actor may see. */
export async function getUser(db: Db, actor: Actor, id: string, now: Date): Promise<User> {
  requirePermission(actor, 'user.read');
  return withActor(db, actor, async (tx) => {
    const user = await findUserInScope(tx, actor, id, now);
    if (!user) throw new AppError('notFound');
    await recordAudit(tx, { action: 'user.read', actor: by(actor), wardId: user.wardId, entityType: 'user', entityId: id });
    return user;
  });
}

/** Creates a staff account bound to a unit in force whose type fits the role; police roles enrol TOTP at first login. */
export async function createUser(db: Db, actor: Actor, input: z.output<typeof createUserSchema>, now: Date): Promise<User> {
  requirePermission(actor, 'user.manage');
  const passwordHash = await hashPassword(input.password);
  return withActor(db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, vnToday(now));
    if (!unit) throw new AppError('notFound');
    if (!unit.isActive) throw new AppError('unitInactive');
    if (!canBindRole(input.role, unit.type as UnitType)) throw new AppError('roleUnitMismatch');
    let id: string;
    try {
      id = await insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        unitId: unit.id,
        wardId: unit.wardId,
        passwordHash,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('usernameTaken');
      throw err;
    }
    await recordAudit(tx, {
      action: 'user.create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'user',
      entityId: id,
      detail: { username: input.username, role: input.role, unitId: unit.id },
    });
    const user = await findUserInScope(tx, actor, id, now);
    if (!user) throw new AppError('notFound');
    return user;
  });
}

/** Changes an account's name, role, unit or whether it is disabled; disabling ends its sessions and tokens. */
export async function updateUser(db: Db, actor: Actor, id: string, input: z.output<typeof updateUserSchema>, now: Date): Promise<User> {
  requirePermission(actor, 'user.manage');
  return withActor(db, actor, async (tx) => {
    const before = await findUserInScope(tx, actor, id, now);
    if (!before) throw new AppError('notFound');
    if (
      id === actor.userId &&
      (input.isDisabled === true || (input.role && input.role !== before.role) || (input.unitId && input.unitId !== before.unitId))
    ) {
      throw new AppError('selfLockout');
    }
    const role: Role = input.role ?? before.role;
    const changes: Record<string, unknown> = {};
    const values: Parameters<typeof updateUserRow>[2] = {};
    if (input.displayName !== undefined && input.displayName !== before.displayName) {
      values.displayName = input.displayName;
      changes.displayName = input.displayName;
    }
    if (input.role !== undefined && input.role !== before.role) {
      values.role = input.role;
      changes.role = input.role;
    }
    const unitId = input.unitId ?? before.unitId;
    if (input.unitId !== undefined || input.role !== undefined) {
      const unit = await findUnitInScope(tx, actor, unitId, vnToday(now));
      if (!unit) throw new AppError('notFound');
      if (unitId !== before.unitId && !unit.isActive) throw new AppError('unitInactive');
      if (!canBindRole(role, unit.type as UnitType)) throw new AppError('roleUnitMismatch');
      if (unitId !== before.unitId) {
        values.unitId = unitId;
        values.wardId = unit.wardId;
        changes.unitId = unitId;
      }
    }
    if (input.isDisabled !== undefined && input.isDisabled !== before.isDisabled) {
      values.disabledAt = input.isDisabled ? now : null;
      changes.isDisabled = input.isDisabled;
    }
    if (Object.keys(values).length) {
      await updateUserRow(tx, id, values);
      if (input.isDisabled === true) {
        await endSessionsOfUser(tx, id);
        await revokeApiTokensOfUser(tx, id, now);
      }
      await recordAudit(tx, {
        action: 'user.update',
        actor: by(actor),
        wardId: before.wardId,
        entityType: 'user',
        entityId: id,
        detail: { changed: Object.keys(changes), after: changes },
      });
    }
    const after = await findUserInScope(tx, actor, id, now);
    if (!after) throw new AppError('notFound');
    return after;
  });
}

/** Sets a new password chosen by an administrator; the account's sessions end. */
export async function resetPassword(db: Db, actor: Actor, id: string, password: string, now: Date): Promise<void> {
  requirePermission(actor, 'user.manage');
  const passwordHash = await hashPassword(password);
  await withActor(db, actor, async (tx) => {
    const user = await findUserInScope(tx, actor, id, now);
    if (!user) throw new AppError('notFound');
    await updateUserRow(tx, id, { passwordHash, failedLogins: 0, lockedUntil: null });
    await endSessionsOfUser(tx, id);
    await recordAudit(tx, { action: 'user.reset_password', actor: by(actor), wardId: user.wardId, entityType: 'user', entityId: id });
  });
}

/** Removes an account's TOTP so that it enrols again at next login (after the person's identity was checked). */
export async function resetTotp(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  requirePermission(actor, 'user.manage');
  await withActor(db, actor, async (tx) => {
    const user = await findUserInScope(tx, actor, id, now);
    if (!user) throw new AppError('notFound');
    await updateUserRow(tx, id, { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [] });
    await endSessionsOfUser(tx, id);
    await recordAudit(tx, { action: 'user.reset_totp', actor: by(actor), wardId: user.wardId, entityType: 'user', entityId: id });
  });
}

/** Lifts a temporary lock after failed logins. */
export async function unlockUser(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  requirePermission(actor, 'user.manage');
  await withActor(db, actor, async (tx) => {
    const user = await findUserInScope(tx, actor, id, now);
    if (!user) throw new AppError('notFound');
    await updateUserRow(tx, id, { failedLogins: 0, lockedUntil: null });
    await recordAudit(tx, { action: 'user.unlock', actor: by(actor), wardId: user.wardId, entityType: 'user', entityId: id });
  });
}

/** Saves the actor's own interface language. */
export async function setOwnLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
  await withActor(db, actor, async (tx) => {
    await updateUserRow(tx, actor.userId, { locale });
    await recordAudit(tx, {
      action: 'user.set_locale',
      actor: by(actor),
      wardId: actor.wardId,
      entityType: 'user',
      entityId: actor.userId,
      detail: { locale },
    });
  });
}
