import { type Action, isAllowed, type Locale, type Role } from '@binh-an/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './db.ts';
import { AppError } from './errors.ts';

/** Who is acting, and on which part of the unit tree. Built once per request from the session or the token. */
export type Actor = {
  userId: string;
  username: string;
  role: Role;
  unitId: string;
  unitType: string;
  /** The account's own ward, or null for an account above ward level. */
  wardId: string | null;
  /** The wards whose records the actor may touch: its own and, through predecessor links, their history; or all. */
  wardIds: readonly string[] | 'all';
  /** For an account bound below ward level (a block, a school): the units it is limited to; else null. */
  unitIds: readonly string[] | null;
  locale: Locale;
  via: 'session' | 'token';
};

/** Whether the actor's role may perform the action (the permission table; deny by default). */
export function can(actor: Actor, action: Action): boolean {
  return isAllowed(actor.role, action);
}

/** Throws `forbidden` unless the actor may perform the action; the refusal is audited by the HTTP layer. */
export function requirePermission(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new AppError('forbidden');
}

/**
 * The one scoping helper every query on a business table uses: the row's ward must be one of the actor's wards and,
 * for accounts bound below ward level, the row's unit one of theirs. Row-level security repeats the ward rule.
 */
export function inScope(actor: Actor, cols: { wardId: PgColumn; unitId?: PgColumn }): SQL {
  const parts: SQL[] = [];
  if (actor.wardIds !== 'all') {
    parts.push(actor.wardIds.length ? inArray(cols.wardId, [...actor.wardIds]) : sql`false`);
  }
  if (actor.unitIds && cols.unitId) {
    parts.push(actor.unitIds.length ? inArray(cols.unitId, [...actor.unitIds]) : sql`false`);
  }
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/** Whether a record of this ward and unit is within the actor's reach. */
export function isInScope(actor: Actor, wardId: string | null, unitId?: string): boolean {
  if (actor.wardIds !== 'all' && (wardId === null || !actor.wardIds.includes(wardId))) return false;
  if (actor.unitIds && unitId !== undefined && !actor.unitIds.includes(unitId)) return false;
  return true;
}

/**
 * Runs `fn` in a transaction as the application database role, with the actor's wards set for row-level security.
 * Every request's reads and writes go through here; the settings end with the transaction.
 */
export function withActor<T>(db: Db, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const wards = actor.wardIds === 'all' ? '{}' : `{${actor.wardIds.join(',')}}`;
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(
      sql`SELECT set_config('role', 'binh_an_app', true),
                 set_config('app.all_wards', ${actor.wardIds === 'all' ? 'on' : 'off'}, true),
                 set_config('app.ward_ids', ${wards}, true),
                 set_config('app.user_id', ${actor.userId}, true)`,
    );
    return fn(tx);
  });
}
