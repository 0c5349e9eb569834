import { and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import { type CaseRow, caseCounters, casePeople, caseSeizures, cases, caseTips, rehabDossiers } from './case.table.ts';

/** The next number in the ward's register (case or rehab dossier) for the year. */
export async function nextRegisterNumber(tx: DbOrTx, wardId: string, register: 'case' | 'rehab', year: number): Promise<number> {
  const [row] = await tx
    .insert(caseCounters)
    .values({ wardId, register, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.wardId, caseCounters.register, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning({ last: caseCounters.last });
  return row?.last ?? 1;
}

export async function insertCase(tx: DbOrTx, row: typeof cases.$inferInsert): Promise<void> {
  await tx.insert(cases).values(row);
}

export async function updateCaseRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof cases.$inferInsert>): Promise<void> {
  await tx
    .update(cases)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(cases.wardId, wardId), eq(cases.id, id)));
}

export async function findCaseInScope(tx: DbOrTx, actor: Actor, id: string): Promise<(CaseRow & { unitName: string }) | null> {
  const rows = await tx
    .select({ c: cases, unitName: units.name })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(and(eq(cases.id, id), inScope(actor, { wardId: cases.wardId, unitId: cases.unitId })))
    .limit(1);
  return rows[0] ? { ...rows[0].c, unitName: rows[0].unitName } : null;
}

export type CaseFilter = {
  q?: string;
  type?: string;
  group?: string;
  status?: string;
  unitIds?: readonly string[];
  from?: string;
  to?: string;
  sort?: 'occurred' | 'discovered' | 'number';
  dir?: 'asc' | 'desc';
  /** The last row of the previous page: its sort key (null when sorting by number), year, number and id. */
  after?: { key: string | null; year: number; seq: number; id: string };
};

/**
 * Cases of the actor's scope in the asked order (most recently discovered first by default), paged by keyset on the sort key,
 * then year, number and id (numbers repeat across wards).
 */
/** What a list page and the register export read of a case (not its history dates, import key or timestamps). */
export type CaseListRow = Pick<
  CaseRow,
  | 'wardId'
  | 'id'
  | 'unitId'
  | 'year'
  | 'seq'
  | 'wardRef'
  | 'type'
  | 'reportGroup'
  | 'penalCodeArticle'
  | 'status'
  | 'occurredOn'
  | 'discoveredOn'
  | 'clearedOn'
  | 'place'
  | 'summary'
  | 'officerIds'
> & { unitName: string };

export async function findCasesInScope(
  tx: DbOrTx,
  actor: Actor,
  f: CaseFilter,
  limit: number,
): Promise<(CaseListRow & { officers: { id: string; name: string }[] })[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: cases.wardId, unitId: cases.unitId })];
  if (f.q?.trim()) {
    const pattern = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    where.push(
      or(
        sql`f_unaccent(lower(${cases.summary})) LIKE f_unaccent(${pattern})`,
        sql`lower('vv-' || ${cases.year} || '-' || lpad(${cases.seq}::text, 4, '0')) LIKE ${pattern}`,
        sql`lower(${cases.wardRef}) LIKE ${pattern}`,
        sql`EXISTS (SELECT 1 FROM case_people p WHERE p.ward_id = ${cases.wardId} AND p.case_id = ${cases.id} AND f_unaccent(lower(p.full_name)) LIKE f_unaccent(${pattern}))`,
      ),
    );
  }
  if (f.type) where.push(eq(cases.type, f.type));
  if (f.group) where.push(eq(cases.reportGroup, f.group));
  if (f.status) where.push(eq(cases.status, f.status));
  if (f.unitIds) where.push(f.unitIds.length ? inArray(cases.unitId, [...f.unitIds]) : sql`false`);
  // The period is that of the figures: a case counts by the day it was discovered (clearanceRate in cases.rules.ts).
  if (f.from) where.push(gte(cases.discoveredOn, f.from));
  if (f.to) where.push(lte(cases.discoveredOn, f.to));
  const keyColumn = f.sort === 'occurred' ? cases.occurredOn : f.sort === 'number' ? null : cases.discoveredOn;
  const ascending = f.dir === 'asc';
  if (f.after) {
    const { key, year, seq, id } = f.after;
    const row = keyColumn ? sql`(${keyColumn}, ${cases.year}, ${cases.seq}, ${cases.id})` : sql`(${cases.year}, ${cases.seq}, ${cases.id})`;
    const bound = keyColumn ? sql`(${key}::date, ${year}, ${seq}, ${id}::uuid)` : sql`(${year}, ${seq}, ${id}::uuid)`;
    where.push(ascending ? sql`${row} > ${bound}` : sql`${row} < ${bound}`);
  }
  const order = (c: Parameters<typeof asc>[0]) => (ascending ? asc(c) : desc(c));
  const rows = await tx
    .select({
      wardId: cases.wardId,
      id: cases.id,
      unitId: cases.unitId,
      unitName: units.name,
      year: cases.year,
      seq: cases.seq,
      wardRef: cases.wardRef,
      type: cases.type,
      reportGroup: cases.reportGroup,
      penalCodeArticle: cases.penalCodeArticle,
      status: cases.status,
      occurredOn: cases.occurredOn,
      discoveredOn: cases.discoveredOn,
      clearedOn: cases.clearedOn,
      place: cases.place,
      summary: cases.summary,
      officerIds: cases.officerIds,
      // The assigned officers' names in the same statement (read only for the rows of the page).
      officers: sql<{ id: string; name: string }[]>`(SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.display_name)), '[]')
        FROM users u WHERE u.id = ANY(${cases.officerIds}))`,
    })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(and(...where))
    .orderBy(...(keyColumn ? [order(keyColumn)] : []), order(cases.year), order(cases.seq), order(cases.id))
    .limit(limit);
  return rows;
}

export async function findCasePeople(tx: DbOrTx, wardId: string, caseId: string) {
  return tx
    .select()
    .from(casePeople)
    .where(and(eq(casePeople.wardId, wardId), eq(casePeople.caseId, caseId)))
    .orderBy(asc(casePeople.role), asc(casePeople.fullName));
}

export async function insertCasePerson(tx: DbOrTx, row: typeof casePeople.$inferInsert): Promise<void> {
  await tx.insert(casePeople).values(row);
}

export async function findCaseSeizures(tx: DbOrTx, wardId: string, caseId: string) {
  return tx
    .select()
    .from(caseSeizures)
    .where(and(eq(caseSeizures.wardId, wardId), eq(caseSeizures.caseId, caseId)))
    .orderBy(asc(caseSeizures.kind));
}

export async function insertSeizure(tx: DbOrTx, row: typeof caseSeizures.$inferInsert): Promise<void> {
  await tx.insert(caseSeizures).values(row);
}

export async function findCaseTipIds(tx: DbOrTx, wardId: string, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ tipId: caseTips.tipId })
    .from(caseTips)
    .where(and(eq(caseTips.wardId, wardId), eq(caseTips.caseId, caseId)));
  return rows.map((r) => r.tipId);
}

export async function linkTip(tx: DbOrTx, wardId: string, caseId: string, tipId: string): Promise<void> {
  await tx.insert(caseTips).values({ wardId, caseId, tipId }).onConflictDoNothing();
}

export async function insertRehabDossier(tx: DbOrTx, row: typeof rehabDossiers.$inferInsert): Promise<void> {
  await tx.insert(rehabDossiers).values(row);
}

export type RehabFigures = { opened: number; sentToCourt: number; accepted: number; rejected: number; carriedOut: number };

/** The figures of a set of units over a period, for the summary report (counts only, no personal data). */
export async function summariseCases(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{
  rows: { group: string; status: string; n: number }[];
  seizures: { kind: string; quantity: string; unit: string }[];
  rehab: RehabFigures;
  arrests: number;
}> {
  if (unitIds.length === 0)
    return { rows: [], seizures: [], rehab: { opened: 0, sentToCourt: 0, accepted: 0, rejected: 0, carriedOut: 0 }, arrests: 0 };
  const ids = `{${unitIds.join(',')}}`;
  const rows = await queryRows<{ group: string; status: string; n: number }>(
    tx,
    sql`SELECT report_group AS "group", status, count(*)::int AS n FROM cases
        WHERE unit_id = ANY(${ids}::uuid[]) AND discovered_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY report_group, status`,
  );
  const seizures = await queryRows<{ kind: string; quantity: string; unit: string }>(
    tx,
    sql`SELECT s.kind, s.quantity::text AS quantity, s.unit FROM case_seizures s
        JOIN cases c ON c.ward_id = s.ward_id AND c.id = s.case_id
        WHERE c.unit_id = ANY(${ids}::uuid[]) AND c.discovered_on BETWEEN ${from}::date AND ${to}::date`,
  );
  const [rehab] = await queryRows<RehabFigures>(
    tx,
    sql`SELECT count(*) FILTER (WHERE found_on BETWEEN ${from}::date AND ${to}::date)::int AS "opened",
               count(*) FILTER (WHERE sent_on BETWEEN ${from}::date AND ${to}::date)::int AS "sentToCourt",
               count(*) FILTER (WHERE decision = 'accepted' AND decision_on BETWEEN ${from}::date AND ${to}::date)::int AS "accepted",
               count(*) FILTER (WHERE decision = 'rejected' AND decision_on BETWEEN ${from}::date AND ${to}::date)::int AS "rejected",
               count(*) FILTER (WHERE carried_out_on BETWEEN ${from}::date AND ${to}::date)::int AS "carriedOut"
        FROM rehab_dossiers WHERE unit_id = ANY(${ids}::uuid[])`,
  );
  const [arrests] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM case_people p
        JOIN cases c ON c.ward_id = p.ward_id AND c.id = p.case_id
        WHERE p.role = 'suspect' AND p.arrested_at IS NOT NULL
          AND c.unit_id = ANY(${ids}::uuid[]) AND c.discovered_on BETWEEN ${from}::date AND ${to}::date`,
  );
  return {
    rows,
    seizures,
    rehab: rehab ?? { opened: 0, sentToCourt: 0, accepted: 0, rejected: 0, carriedOut: 0 },
    arrests: arrests?.n ?? 0,
  };
}

/** Which of these import keys the ward's register already holds. */
export async function findExistingImportKeys(tx: DbOrTx, wardId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ import_key: string }>(
    tx,
    sql`SELECT import_key FROM cases WHERE ward_id = ${wardId}::uuid AND import_key = ANY(${`{${keys.join(',')}}`}::text[])`,
  );
  return new Set(rows.map((r) => r.import_key));
}

/**
 * Which of the given system ids are cases within the given wards (the importing ward and its predecessors: an export of
 * the ward's register carries them all), and which register numbers are the importing ward's: the ids found, and the
 * numbers found as "year-seq".
 */
export async function findExistingCaseRefs(
  tx: DbOrTx,
  wardId: string,
  scopeWardIds: readonly string[] | 'all',
  ids: readonly string[],
  numbers: readonly { year: number; seq: number }[],
): Promise<{ ids: Set<string>; numbers: Set<string> }> {
  const found = { ids: new Set<string>(), numbers: new Set<string>() };
  const wards = scopeWardIds === 'all' ? [wardId] : [...new Set([wardId, ...scopeWardIds])];
  if (ids.length) {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM cases
          WHERE ward_id = ANY(${`{${wards.join(',')}}`}::uuid[]) AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
    );
    for (const r of rows) found.ids.add(r.id);
  }
  if (numbers.length) {
    const wanted = [...new Set(numbers.map((n) => `${n.year}-${n.seq}`))];
    const rows = await queryRows<{ ref: string }>(
      tx,
      sql`SELECT year || '-' || seq AS ref FROM cases
          WHERE ward_id = ${wardId}::uuid AND (year || '-' || seq) = ANY(${`{${wanted.join(',')}}`}::text[])`,
    );
    for (const r of rows) found.numbers.add(r.ref);
  }
  return found;
}

/** The case of a ward with a given number (VV-2026-0034), within the actor's reach; null when there is none. */
export async function findCaseByNumber(
  tx: DbOrTx,
  actor: Actor,
  wardId: string,
  number: string,
): Promise<{ id: string; number: string } | null> {
  const m = /^VV-(\d{4})-(\d{1,6})$/.exec(number);
  if (!m) return null;
  const [row] = await tx
    .select({ id: cases.id, year: cases.year, seq: cases.seq })
    .from(cases)
    .where(
      and(
        eq(cases.wardId, wardId),
        eq(cases.year, Number(m[1])),
        eq(cases.seq, Number(m[2])),
        inScope(actor, { wardId: cases.wardId, unitId: cases.unitId }),
      ),
    )
    .limit(1);
  return row ? { id: row.id, number: `VV-${row.year}-${String(row.seq).padStart(4, '0')}` } : null;
}
