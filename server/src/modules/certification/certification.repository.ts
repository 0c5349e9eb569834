import { and, asc, desc, eq, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import {
  type AwardRow,
  type CycleRow,
  certificationAwards,
  certificationCycles,
  certificationModels,
  type ModelRow,
} from './certification.table.ts';

export type UnitLite = {
  id: string;
  wardId: string;
  name: string;
  type: string;
  schoolLevel: string | null;
  validFrom: string | null;
  validTo: string | null;
};

const unitColumns = {
  id: units.id,
  wardId: units.wardId,
  name: units.name,
  type: units.type,
  schoolLevel: units.schoolLevel,
  validFrom: units.validFrom,
  validTo: units.validTo,
};

const inForce = (from: string, to: string) =>
  and(
    sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${to}::date)`,
    sql`(${units.validTo} IS NULL OR ${units.validTo} >= ${from}::date)`,
  );

const WARD_TYPES = ['ward', 'commune', 'special_zone'];

/** The wards (communes, special zones) the actor reaches that were in force during a window. */
export async function findWardsInScope(tx: DbOrTx, actor: Actor, from: string, to: string): Promise<UnitLite[]> {
  const rows = await tx
    .select(unitColumns)
    .from(units)
    .where(and(inArray(units.type, WARD_TYPES), inScope(actor, { wardId: units.wardId }), inForce(from, to)))
    .orderBy(asc(units.name));
  return rows as UnitLite[];
}

/** A ward and the units under it in force during a window, as far as the actor reaches. */
export async function findWardUnits(tx: DbOrTx, actor: Actor, wardId: string, from: string, to: string): Promise<UnitLite[]> {
  const rows = await tx
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.wardId, wardId), inScope(actor, { wardId: units.wardId, unitId: units.id }), inForce(from, to)))
    .orderBy(asc(units.type), asc(units.name));
  return rows as UnitLite[];
}

/** Units of a subtree of some types in force during a period (figures: no scope, the caller scoped the subtree). */
export async function findUnitsOfTypes(
  tx: DbOrTx,
  unitIds: readonly string[],
  types: string[],
  from: string,
  to: string,
): Promise<UnitLite[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select(unitColumns)
    .from(units)
    .where(and(inArray(units.id, [...unitIds]), inArray(units.type, types), inForce(from, to)));
  return rows as UnitLite[];
}

export async function findUnitLite(tx: DbOrTx, actor: Actor, id: string): Promise<UnitLite | null> {
  const rows = await tx
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.id, id), isNotNull(units.wardId), inScope(actor, { wardId: units.wardId, unitId: units.id })))
    .limit(1);
  return (rows[0] as UnitLite | undefined) ?? null;
}

/* ---------- cycles ---------- */

export type CycleRecord = CycleRow & { unitName: string; unitType: string; schoolLevel: string | null };

const cycleSelect = { c: certificationCycles, unitName: units.name, unitType: units.type, schoolLevel: units.schoolLevel };
const toRecord = (r: { c: CycleRow; unitName: string; unitType: string; schoolLevel: string | null }): CycleRecord => ({
  ...r.c,
  unitName: r.unitName,
  unitType: r.unitType,
  schoolLevel: r.schoolLevel,
});

export async function findCyclesOfUnits(tx: DbOrTx, unitIds: readonly string[], year: number): Promise<CycleRecord[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select(cycleSelect)
    .from(certificationCycles)
    .innerJoin(units, eq(units.id, certificationCycles.unitId))
    .where(and(inArray(certificationCycles.unitId, [...unitIds]), eq(certificationCycles.year, year)));
  return rows.map(toRecord);
}

export async function findCycleInScope(tx: DbOrTx, actor: Actor, id: string): Promise<CycleRecord | null> {
  const rows = await tx
    .select(cycleSelect)
    .from(certificationCycles)
    .innerJoin(units, eq(units.id, certificationCycles.unitId))
    .where(and(eq(certificationCycles.id, id), inScope(actor, { wardId: certificationCycles.wardId, unitId: certificationCycles.unitId })))
    .limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findCycleOfUnit(tx: DbOrTx, wardId: string, unitId: string, year: number): Promise<CycleRow | null> {
  const rows = await tx
    .select()
    .from(certificationCycles)
    .where(and(eq(certificationCycles.wardId, wardId), eq(certificationCycles.unitId, unitId), eq(certificationCycles.year, year)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertCycle(tx: DbOrTx, row: typeof certificationCycles.$inferInsert): Promise<void> {
  await tx.insert(certificationCycles).values(row);
}

export async function updateCycleRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof certificationCycles.$inferInsert>) {
  await tx
    .update(certificationCycles)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(certificationCycles.wardId, wardId), eq(certificationCycles.id, id)));
}

/** Every decision on some units up to a day: the recognitions in force are worked out from them. */
export async function findDecisions(
  tx: DbOrTx,
  unitIds: readonly string[],
  upTo: string,
): Promise<{ unitId: string; year: number; decidedOn: string; outcome: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({
      unitId: certificationCycles.unitId,
      year: certificationCycles.year,
      decidedOn: certificationCycles.decidedOn,
      outcome: certificationCycles.outcome,
    })
    .from(certificationCycles)
    .where(
      and(
        inArray(certificationCycles.unitId, [...unitIds]),
        eq(certificationCycles.stage, 'decided'),
        lte(certificationCycles.decidedOn, upTo),
      ),
    )
    .orderBy(asc(certificationCycles.unitId), asc(certificationCycles.decidedOn));
  return rows.map((r) => ({ unitId: r.unitId, year: r.year, decidedOn: r.decidedOn as string, outcome: r.outcome as string }));
}

/** The cycles of some units for the years `fromYear`–`toYear` registered on or before a day: registration and class. */
export async function findRegistrations(
  tx: DbOrTx,
  unitIds: readonly string[],
  fromYear: number,
  toYear: number,
  upTo: string,
): Promise<{ unitId: string; year: number; certType: string; classResult: string | null }[]> {
  if (unitIds.length === 0) return [];
  return tx
    .select({
      unitId: certificationCycles.unitId,
      year: certificationCycles.year,
      certType: certificationCycles.certType,
      classResult: certificationCycles.classResult,
    })
    .from(certificationCycles)
    .where(
      and(
        inArray(certificationCycles.unitId, [...unitIds]),
        sql`${certificationCycles.year} BETWEEN ${fromYear} AND ${toYear}`,
        lte(certificationCycles.registeredOn, upTo),
      ),
    )
    .orderBy(asc(certificationCycles.unitId), asc(certificationCycles.year));
}

/* ---------- models ---------- */

export type ModelRecord = ModelRow & { unitName: string };

export type ModelFilter = {
  wardId?: string | null | undefined;
  q?: string | undefined;
  state?: 'running' | 'ended' | 'not_effective' | undefined;
  /** Running on this day (for `state`). */
  today?: string;
  after?: { startedOn: string; id: string } | undefined;
};

/** The models the actor reaches (a block's own and those replicated to it), latest started first (keyset). */
export async function findModelsInScope(tx: DbOrTx, actor: Actor, f: ModelFilter, limit = 500): Promise<ModelRecord[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: certificationModels.wardId })];
  if (actor.unitIds) {
    where.push(
      or(
        inArray(certificationModels.unitId, [...actor.unitIds]),
        sql`${certificationModels.replicatedUnitIds} && ${`{${actor.unitIds.join(',')}}`}::uuid[]`,
      ),
    );
  }
  if (f.wardId) where.push(eq(certificationModels.wardId, f.wardId));
  if (f.q?.trim()) {
    const like = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    where.push(
      or(
        sql`f_unaccent(lower(${certificationModels.name})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(${units.name})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(${certificationModels.runBy})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(coalesce(${certificationModels.activities}, ''))) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(coalesce(${certificationModels.effect}, ''))) LIKE f_unaccent(${like})`,
      ),
    );
  }
  const today = f.today ?? '9999-12-31';
  if (f.state === 'running') where.push(sql`(${certificationModels.endedOn} IS NULL OR ${certificationModels.endedOn} >= ${today}::date)`);
  if (f.state === 'ended') where.push(sql`${certificationModels.endedOn} < ${today}::date`);
  if (f.state === 'not_effective') where.push(eq(certificationModels.effective, false));
  if (f.after)
    where.push(sql`(${certificationModels.startedOn}, ${certificationModels.id}) < (${f.after.startedOn}::date, ${f.after.id}::uuid)`);
  const rows = await tx
    .select({ m: certificationModels, unitName: units.name })
    .from(certificationModels)
    .innerJoin(units, eq(units.id, certificationModels.unitId))
    .where(and(...where))
    .orderBy(desc(certificationModels.startedOn), desc(certificationModels.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.m, unitName: r.unitName }));
}

export async function findModelInScope(tx: DbOrTx, actor: Actor, id: string): Promise<ModelRecord | null> {
  const rows = await tx
    .select({ m: certificationModels, unitName: units.name })
    .from(certificationModels)
    .innerJoin(units, eq(units.id, certificationModels.unitId))
    .where(and(eq(certificationModels.id, id), inScope(actor, { wardId: certificationModels.wardId, unitId: certificationModels.unitId })))
    .limit(1);
  return rows[0] ? { ...rows[0].m, unitName: rows[0].unitName } : null;
}

export async function findUnitNames(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertModel(tx: DbOrTx, row: typeof certificationModels.$inferInsert): Promise<void> {
  await tx.insert(certificationModels).values(row);
}

export async function updateModelRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof certificationModels.$inferInsert>) {
  await tx
    .update(certificationModels)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(certificationModels.wardId, wardId), eq(certificationModels.id, id)));
}

/** Effective models running in some units (where they started or were replicated to) during a period. */
export async function countActiveModels(tx: DbOrTx, unitIds: readonly string[], from: string, to: string): Promise<number> {
  if (unitIds.length === 0) return 0;
  const ids = `{${unitIds.join(',')}}`;
  const rows = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(certificationModels)
    .where(
      and(
        eq(certificationModels.effective, true),
        or(inArray(certificationModels.unitId, [...unitIds]), sql`${certificationModels.replicatedUnitIds} && ${ids}::uuid[]`),
        lte(certificationModels.startedOn, to),
        sql`(${certificationModels.endedOn} IS NULL OR ${certificationModels.endedOn} >= ${from}::date)`,
      ),
    );
  return Number(rows[0]?.n ?? 0);
}

/* ---------- awards ---------- */

export type AwardRecord = AwardRow & { unitName: string };

export type AwardFilter = {
  year?: number | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  after?: { year: number; id: string } | undefined;
};

/** The awards the actor reaches, newest year first (keyset on the year, then the id). */
export async function findAwardsInScope(tx: DbOrTx, actor: Actor, f: AwardFilter, limit = 500): Promise<AwardRecord[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: certificationAwards.wardId, unitId: certificationAwards.unitId })];
  if (f.year) where.push(eq(certificationAwards.year, f.year));
  if (f.kind) where.push(eq(certificationAwards.kind, f.kind));
  if (f.status) where.push(eq(certificationAwards.status, f.status));
  if (f.q?.trim()) {
    const like = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    where.push(
      or(
        sql`f_unaccent(lower(coalesce(${certificationAwards.personName}, ''))) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(${units.name})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(coalesce(${certificationAwards.reason}, ''))) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(${certificationAwards.issuer})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(coalesce(${certificationAwards.decisionRef}, ''))) LIKE f_unaccent(${like})`,
      ),
    );
  }
  if (f.after) where.push(sql`(${certificationAwards.year}, ${certificationAwards.id}) < (${f.after.year}, ${f.after.id}::uuid)`);
  const rows = await tx
    .select({ a: certificationAwards, unitName: units.name })
    .from(certificationAwards)
    .innerJoin(units, eq(units.id, certificationAwards.unitId))
    .where(and(...where))
    .orderBy(desc(certificationAwards.year), desc(certificationAwards.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.a, unitName: r.unitName }));
}

export async function findAwardInScope(tx: DbOrTx, actor: Actor, id: string): Promise<AwardRecord | null> {
  const rows = await tx
    .select({ a: certificationAwards, unitName: units.name })
    .from(certificationAwards)
    .innerJoin(units, eq(units.id, certificationAwards.unitId))
    .where(and(eq(certificationAwards.id, id), inScope(actor, { wardId: certificationAwards.wardId, unitId: certificationAwards.unitId })))
    .limit(1);
  return rows[0] ? { ...rows[0].a, unitName: rows[0].unitName } : null;
}

export async function insertAward(tx: DbOrTx, row: typeof certificationAwards.$inferInsert): Promise<void> {
  await tx.insert(certificationAwards).values(row);
}

export async function updateAwardRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof certificationAwards.$inferInsert>) {
  await tx
    .update(certificationAwards)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(certificationAwards.wardId, wardId), eq(certificationAwards.id, id)));
}

/** Awards granted to some units during a period. */
export async function countAwardsGranted(tx: DbOrTx, unitIds: readonly string[], from: string, to: string): Promise<number> {
  if (unitIds.length === 0) return 0;
  const rows = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(certificationAwards)
    .where(
      and(
        inArray(certificationAwards.unitId, [...unitIds]),
        eq(certificationAwards.status, 'granted'),
        sql`${certificationAwards.decidedOn} BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
  return Number(rows[0]?.n ?? 0);
}
