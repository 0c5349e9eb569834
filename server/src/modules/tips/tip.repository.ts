import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import { users } from '../users/index.ts';
import { type TipFileRow, type TipMessageRow, type TipRow, tipCounters, tipFiles, tipMessages, tips } from './tip.table.ts';

/** The next number in the ward's register for the year (TB-2026-0007). */
export async function nextTipNumber(tx: DbOrTx, wardId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(tipCounters)
    .values({ wardId, year, last: 1 })
    .onConflictDoUpdate({ target: [tipCounters.wardId, tipCounters.year], set: { last: sql`${tipCounters.last} + 1` } })
    .returning({ last: tipCounters.last });
  return row?.last ?? 1;
}

export async function insertTip(tx: DbOrTx, row: typeof tips.$inferInsert): Promise<void> {
  await tx.insert(tips).values(row);
}

/**
 * Stores a new tip under the ward's next register number, with the entry `entry` writes (an `INSERT INTO audit_log`),
 * in one statement: the counter row, which every tip of the ward updates, is locked only for that statement and its
 * commit, and a tip costs one round trip.
 */
export async function insertNumberedTip(tx: DbOrTx, row: Omit<typeof tips.$inferInsert, 'seq'>, entry: SQL): Promise<void> {
  const taken = tx.$with('taken', { last: sql<number>`last` }).as(sql`
    INSERT INTO tip_counters (ward_id, year, last) VALUES (${row.wardId}, ${row.year}, 1)
    ON CONFLICT (ward_id, year) DO UPDATE SET last = tip_counters.last + 1
    RETURNING last`);
  const audited = tx.$with('audited', {}).as(entry);
  await tx
    .with(taken, audited)
    .insert(tips)
    .values({ ...row, seq: sql`(SELECT last FROM taken)` });
}

export async function insertTipMessage(tx: DbOrTx, row: typeof tipMessages.$inferInsert): Promise<void> {
  await tx.insert(tipMessages).values(row);
}

export async function insertTipFile(tx: DbOrTx, row: typeof tipFiles.$inferInsert): Promise<void> {
  await tx.insert(tipFiles).values(row);
}

export async function updateTip(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof tips.$inferInsert>): Promise<void> {
  await tx
    .update(tips)
    .set(values)
    .where(and(eq(tips.wardId, wardId), eq(tips.id, id)));
}

/** The tip a receipt opens (the public channel; no actor, the receipt is the key). */
export async function findTipByReceiptHash(tx: DbOrTx, receiptHash: string): Promise<TipRow | null> {
  const rows = await tx.select().from(tips).where(eq(tips.receiptHash, receiptHash)).limit(1);
  return rows[0] ?? null;
}

/** One tip in the actor's wards. */
export async function findTipInScope(tx: DbOrTx, actor: Actor, id: string): Promise<TipRow | null> {
  const rows = await tx
    .select()
    .from(tips)
    .where(and(eq(tips.id, id), inScope(actor, { wardId: tips.wardId })))
    .limit(1);
  return rows[0] ?? null;
}

export async function findTipMessages(
  tx: DbOrTx,
  wardId: string,
  tipId: string,
): Promise<(TipMessageRow & { authorName: string | null })[]> {
  const rows = await tx
    .select({ message: tipMessages, authorName: users.displayName })
    .from(tipMessages)
    .leftJoin(users, eq(users.id, tipMessages.authorId))
    .where(and(eq(tipMessages.wardId, wardId), eq(tipMessages.tipId, tipId)))
    .orderBy(asc(tipMessages.n));
  return rows.map((r) => ({ ...r.message, authorName: r.authorName }));
}

export async function findTipFiles(tx: DbOrTx, wardId: string, tipId: string): Promise<TipFileRow[]> {
  return tx
    .select()
    .from(tipFiles)
    .where(and(eq(tipFiles.wardId, wardId), eq(tipFiles.tipId, tipId)))
    .orderBy(asc(tipFiles.n));
}

export async function findTipFile(tx: DbOrTx, wardId: string, tipId: string, fileId: string): Promise<TipFileRow | null> {
  const rows = await tx
    .select()
    .from(tipFiles)
    .where(and(eq(tipFiles.wardId, wardId), eq(tipFiles.tipId, tipId), eq(tipFiles.id, fileId)))
    .limit(1);
  return rows[0] ?? null;
}

export type TipListRow = TipRow & { unitName: string; assigneeName: string | null; isRemote: boolean };

export type TipListFilter = {
  statuses?: readonly string[];
  assignedTo?: string;
  q?: string;
  category?: string;
  classification?: string;
  unitId?: string;
  channel?: string;
  /** Only tips whose earliest running clock is before this instant. */
  overdueAt?: Date;
  after?: { due: Date | null; year: number; seq: number };
};

/** The tips of the actor's wards that match a filter (newest first); deadlines are computed by the service. */
export async function findTipsInScope(tx: DbOrTx, actor: Actor, f: TipListFilter, limit: number): Promise<TipListRow[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: tips.wardId })];
  if (f.statuses) where.push(inArray(tips.status, [...f.statuses]));
  if (f.assignedTo) where.push(eq(tips.assignedTo, f.assignedTo));
  if (f.category) where.push(eq(tips.category, f.category));
  if (f.classification) where.push(eq(tips.classification, f.classification));
  if (f.unitId) where.push(eq(tips.unitId, f.unitId));
  if (f.channel) where.push(eq(tips.channel, f.channel));
  if (f.q?.trim()) {
    // The tip's own words are sealed and cannot be searched by the database: search the number and the place.
    const pattern = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    where.push(
      or(
        sql`lower('tb-' || ${tips.year} || '-' || lpad(${tips.seq}::text, 4, '0')) LIKE ${pattern}`,
        sql`f_unaccent(lower(${units.name})) LIKE f_unaccent(${pattern})`,
      ),
    );
  }
  if (f.overdueAt) where.push(lt(tips.nextDueAt, f.overdueAt));
  if (f.after) {
    // Keyset: (next due, newest first) after the last row of the previous page; tips with no clock come last.
    const { due, year, seq } = f.after;
    where.push(
      due === null
        ? and(isNull(tips.nextDueAt), sql`(${tips.year}, ${tips.seq}) < (${year}, ${seq})`)
        : or(
            isNull(tips.nextDueAt),
            sql`${tips.nextDueAt} > ${due}`,
            and(sql`${tips.nextDueAt} = ${due}`, sql`(${tips.year}, ${tips.seq}) < (${year}, ${seq})`),
          ),
    );
  }
  const ward = alias(units, 'ward');
  const rows = await tx
    .select({ tip: tips, unitName: units.name, assigneeName: users.displayName, isRemote: ward.isRemote })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .innerJoin(ward, eq(ward.id, tips.wardId))
    .leftJoin(users, eq(users.id, tips.assignedTo))
    .where(and(...where))
    .orderBy(sql`${tips.nextDueAt} ASC NULLS LAST`, desc(tips.year), desc(tips.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.tip, unitName: r.unitName, assigneeName: r.assigneeName, isRemote: r.isRemote }));
}

/** Whether a ward is a remote commune (48 hours instead of 24 for urgent tips). */
export async function isRemoteWard(tx: DbOrTx, wardId: string): Promise<boolean> {
  const [row] = await queryRows<{ is_remote: boolean }>(tx, sql`SELECT is_remote FROM units WHERE id = ${wardId}`);
  return row?.is_remote ?? false;
}

/** The inbox counters of the actor's wards. */
export async function countTips(
  tx: DbOrTx,
  actor: Actor,
  now: Date,
): Promise<{ new: number; overdue: number; mine: number; open: number }> {
  const [row] = await tx
    .select({
      new: sql<number>`count(*) FILTER (WHERE ${tips.status} = 'new')::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${tips.status} IN ('new', 'verifying', 'transferred') AND ${tips.nextDueAt} < ${now})::int`,
      mine: sql<number>`count(*) FILTER (WHERE ${tips.status} IN ('new', 'verifying', 'transferred') AND ${tips.assignedTo} = ${actor.userId})::int`,
      open: sql<number>`count(*) FILTER (WHERE ${tips.status} IN ('new', 'verifying', 'transferred'))::int`,
    })
    .from(tips)
    .where(inScope(actor, { wardId: tips.wardId }));
  return row ?? { new: 0, overdue: 0, mine: 0, open: 0 };
}

/** Officers of the ward a tip can be assigned to (chief and officers, not disabled). */
export async function findAssignees(tx: DbOrTx, wardId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.wardId, wardId), inArray(users.role, ['chief', 'officer']), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName));
}

/**
 * The tips of a set of units received in a period, for the lists of the periodic report's workbook: register number,
 * day received, channel, classification, state and outcome; never their words or their senders.
 */
export async function findTipsForReport(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
  limit: number,
): Promise<
  {
    id: string;
    number: string;
    unitId: string;
    receivedOn: string;
    channel: string;
    classification: string | null;
    status: string;
    outcome: string | null;
  }[]
> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({
      id: tips.id,
      year: tips.year,
      seq: tips.seq,
      unitId: tips.unitId,
      receivedOn: tips.receivedOn,
      channel: tips.channel,
      classification: tips.classification,
      status: tips.status,
      outcome: tips.outcome,
    })
    .from(tips)
    .where(
      and(inArray(tips.unitId, [...unitIds]), sql`${tips.receivedOn} BETWEEN ${from}::date AND ${to}::date`, sql`${tips.status} <> 'spam'`),
    )
    .orderBy(asc(tips.receivedOn), asc(tips.year), asc(tips.seq))
    .limit(limit);
  return rows.map(({ year, seq, ...r }) => ({ ...r, number: `TB-${year}-${String(seq).padStart(4, '0')}` }));
}

/** Marks that a tip's information was used in a case (its sender sees only that). Answers false when no such tip. */
export async function markTipUsedInCase(tx: DbOrTx, wardId: string, tipId: string): Promise<boolean> {
  const rows = await tx
    .update(tips)
    .set({ usedInCase: true })
    .where(and(eq(tips.wardId, wardId), eq(tips.id, tipId)))
    .returning({ id: tips.id });
  return rows.length > 0;
}

/** The register numbers (TB-yyyy-nnnn) of some tips of a ward. */
export async function findTipNumbers(tx: DbOrTx, wardId: string, ids: readonly string[]): Promise<{ id: string; number: string }[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: tips.id, year: tips.year, seq: tips.seq })
    .from(tips)
    .where(and(eq(tips.wardId, wardId), inArray(tips.id, [...ids])))
    .orderBy(asc(tips.year), asc(tips.seq));
  return rows.map((r) => ({ id: r.id, number: `TB-${r.year}-${String(r.seq).padStart(4, '0')}` }));
}

/* ------------------------------------------------- figures of the dashboard (counts only) ------------------------------------------------- */

/** The wards a figure is limited to (the reader's), or every ward for an account at the root. */
/** The tip of a ward with a given number (TB-2026-0012), within the actor's reach; null when there is none. */
export async function findTipByNumber(
  tx: DbOrTx,
  actor: Actor,
  wardId: string,
  number: string,
): Promise<{ id: string; number: string } | null> {
  const m = /^TB-(\d{4})-(\d{1,6})$/.exec(number);
  if (!m) return null;
  const [row] = await tx
    .select({ id: tips.id, year: tips.year, seq: tips.seq })
    .from(tips)
    .where(and(eq(tips.wardId, wardId), eq(tips.year, Number(m[1])), eq(tips.seq, Number(m[2])), inScope(actor, { wardId: tips.wardId })))
    .limit(1);
  return row ? { id: row.id, number: `TB-${row.year}-${String(row.seq).padStart(4, '0')}` } : null;
}
