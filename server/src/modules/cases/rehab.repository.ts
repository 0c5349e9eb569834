import { REHAB_DOSSIER_STATUSES, type RehabSort, type RehabSortDirection } from '@binh-an/domain';
import { type AnyColumn, and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Actor, inScope } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import { type RehabAttachmentRow, type RehabDossierRow, rehabAttachments, rehabDossiers } from './case.table.ts';

export async function findRehabDossierInScope(tx: DbOrTx, actor: Actor, id: string): Promise<RehabDossierRow | null> {
  const rows = await tx
    .select()
    .from(rehabDossiers)
    .where(and(eq(rehabDossiers.id, id), inScope(actor, { wardId: rehabDossiers.wardId, unitId: rehabDossiers.unitId })))
    .limit(1);
  return rows[0] ?? null;
}

export type RehabListFilter = {
  q?: string;
  status?: string;
  from?: string;
  to?: string;
  sort: RehabSort;
  dir: RehabSortDirection;
  /** The id of the last dossier of the previous page (keyset). */
  after?: string;
};

/** The most words of a search that are matched (the rest are ignored). */
const MAX_SEARCH_WORDS = 8;

/** The steps in their order, as a Postgres array literal bound as a parameter. */
const STATUS_ORDER = `{${REHAB_DOSSIER_STATUSES.join(',')}}`;

/**
 * The order of each sort, as the columns of a row comparison (the keyset), ending with the id so that it is total even
 * across the wards of a scope (register numbers restart in each ward). `f_vi_name_key` (migration 20261126T1740)
 * orders names given name first, in Vietnamese alphabetical order.
 */
function sortColumns(t: Record<'foundOn' | 'year' | 'seq' | 'id' | 'fullName' | 'status', AnyColumn>, sort: RehabSort): SQL[] {
  const rest = [sql`${t.foundOn}`, sql`${t.year}`, sql`${t.seq}`, sql`${t.id}`];
  if (sort === 'name') return [sql`f_vi_name_key(${t.fullName}) COLLATE "C"`, ...rest];
  if (sort === 'status') return [sql`array_position(${STATUS_ORDER}::text[], ${t.status})`, ...rest];
  return rest;
}

/**
 * Dossiers of the actor's scope matching the filters, in the requested order, from the dossier after `after`
 * (keyset), with the name of the unit each belongs to. Each word of `q` must appear in the person's name (compared
 * without diacritics or case on both sides, đ as d) or in the dossier number.
 */
export async function findRehabDossiersInScope(
  tx: DbOrTx,
  actor: Actor,
  f: RehabListFilter,
  limit: number,
): Promise<(RehabDossierRow & { unitName: string })[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: rehabDossiers.wardId, unitId: rehabDossiers.unitId })];
  const words = (f.q ?? '').normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  for (const word of words) {
    const pattern = likePattern(word);
    where.push(
      or(
        sql`lower(f_unaccent(${rehabDossiers.fullName})) LIKE lower(f_unaccent(${pattern}))`,
        sql`lower('cn-' || ${rehabDossiers.year} || '-' || lpad(${rehabDossiers.seq}::text, 4, '0')) LIKE ${pattern}`,
      ),
    );
  }
  if (f.status) where.push(eq(rehabDossiers.status, f.status));
  if (f.from) where.push(gte(rehabDossiers.foundOn, f.from));
  if (f.to) where.push(lte(rehabDossiers.foundOn, f.to));
  const columns = sortColumns(rehabDossiers, f.sort);
  if (f.after) {
    const c = alias(rehabDossiers, 'cursor_row');
    const cursor = tx
      .select(Object.fromEntries(sortColumns(c, f.sort).map((column, i) => [`k${i}`, column])))
      .from(c)
      .where(eq(c.id, f.after));
    const row = sql`(${sql.join(columns, sql`, `)})`;
    where.push(f.dir === 'desc' ? sql`${row} < (${cursor})` : sql`${row} > (${cursor})`);
  }
  const rows = await tx
    .select({ d: rehabDossiers, unitName: units.name })
    .from(rehabDossiers)
    .innerJoin(units, eq(units.id, rehabDossiers.unitId))
    .where(and(...where))
    .orderBy(...columns.map((column) => (f.dir === 'desc' ? desc(column) : asc(column))))
    .limit(limit);
  return rows.map((r) => ({ ...r.d, unitName: r.unitName }));
}

export async function updateRehabDossier(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof rehabDossiers.$inferInsert>,
): Promise<void> {
  await tx
    .update(rehabDossiers)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(rehabDossiers.wardId, wardId), eq(rehabDossiers.id, id)));
}

export async function findRehabAttachments(tx: DbOrTx, wardId: string, dossierId: string): Promise<RehabAttachmentRow[]> {
  return tx
    .select()
    .from(rehabAttachments)
    .where(and(eq(rehabAttachments.wardId, wardId), eq(rehabAttachments.dossierId, dossierId)))
    .orderBy(asc(rehabAttachments.uploadedAt));
}

export async function insertRehabAttachment(tx: DbOrTx, row: typeof rehabAttachments.$inferInsert): Promise<void> {
  await tx.insert(rehabAttachments).values(row);
}

/** The kinds of document filed with each of a set of dossiers (one query for a whole list). */
export async function findRehabAttachmentKinds(
  tx: DbOrTx,
  dossiers: readonly { wardId: string; id: string }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (dossiers.length === 0) return out;
  const rows = await tx
    .select({ dossierId: rehabAttachments.dossierId, kind: rehabAttachments.kind })
    .from(rehabAttachments)
    .where(
      and(
        inArray(rehabAttachments.wardId, [...new Set(dossiers.map((d) => d.wardId))]),
        inArray(
          rehabAttachments.dossierId,
          dossiers.map((d) => d.id),
        ),
      ),
    );
  for (const r of rows) out.set(r.dossierId, [...(out.get(r.dossierId) ?? []), r.kind]);
  return out;
}
