import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { type RehabAttachmentRow, type RehabDossierRow, rehabAttachments, rehabDossiers } from './case.table.ts';

export async function findRehabDossierInScope(tx: DbOrTx, actor: Actor, id: string): Promise<RehabDossierRow | null> {
  const rows = await tx
    .select()
    .from(rehabDossiers)
    .where(and(eq(rehabDossiers.id, id), inScope(actor, { wardId: rehabDossiers.wardId, unitId: rehabDossiers.unitId })))
    .limit(1);
  return rows[0] ?? null;
}

/** Dossiers of the actor's scope, newest first (keyset on the day found, year and number). */
export async function findRehabDossiersInScope(
  tx: DbOrTx,
  actor: Actor,
  f: { status?: string; after?: { foundOn: string; year: number; seq: number } },
  limit: number,
): Promise<RehabDossierRow[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: rehabDossiers.wardId, unitId: rehabDossiers.unitId })];
  if (f.status) where.push(eq(rehabDossiers.status, f.status));
  if (f.after)
    where.push(
      sql`(${rehabDossiers.foundOn}, ${rehabDossiers.year}, ${rehabDossiers.seq}) < (${f.after.foundOn}::date, ${f.after.year}, ${f.after.seq})`,
    );
  return tx
    .select()
    .from(rehabDossiers)
    .where(and(...where))
    .orderBy(desc(rehabDossiers.foundOn), desc(rehabDossiers.year), desc(rehabDossiers.seq))
    .limit(limit);
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
