import { asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { type CaseTypeRow, caseTypes } from './case.table.ts';

/** The whole catalogue in display order (a few dozen rows at most). */
export async function findCaseTypes(tx: DbOrTx): Promise<CaseTypeRow[]> {
  return tx.select().from(caseTypes).orderBy(asc(caseTypes.position), asc(caseTypes.code));
}

export async function findCaseType(tx: DbOrTx, code: string): Promise<CaseTypeRow | null> {
  const [row] = await tx.select().from(caseTypes).where(eq(caseTypes.code, code)).limit(1);
  return row ?? null;
}

/** Adds a type at the end of the catalogue; false when the code is taken. */
export async function insertCaseType(
  tx: DbOrTx,
  row: Omit<typeof caseTypes.$inferInsert, 'position' | 'builtin' | 'updatedAt'>,
): Promise<boolean> {
  const inserted = await tx
    .insert(caseTypes)
    .values({ ...row, builtin: false, position: sql`(SELECT coalesce(max(position), 0) + 10 FROM case_types)` })
    .onConflictDoNothing()
    .returning({ code: caseTypes.code });
  return inserted.length === 1;
}

export async function updateCaseTypeRow(
  tx: DbOrTx,
  code: string,
  values: Partial<Pick<CaseTypeRow, 'reportGroup' | 'penalCodeArticle' | 'labelVi' | 'labelEn' | 'active'>>,
): Promise<void> {
  await tx
    .update(caseTypes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(caseTypes.code, code));
}

/** Moves every case of a type, in every ward, to the type's new report group; answers how many moved. */
export async function regroupCases(tx: DbOrTx, code: string, group: string): Promise<number> {
  const [row] = await queryRows<{ moved: number }>(tx, sql`SELECT regroup_case_type(${code}, ${group}) AS moved`);
  return Number(row?.moved ?? 0);
}
