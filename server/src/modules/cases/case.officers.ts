import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.ts';
import { users } from '../users/index.ts';

/** The display names of the officers in charge of cases. */
export async function findAssigneeNames(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
