import type { Unit } from '@binh-an/domain';
import { isUnitActiveOn } from '@binh-an/domain';
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type Db, type DbOrTx, queryRows } from '../../platform/db.ts';
import { ShortCache } from '../../platform/short-cache.ts';
import { unitPredecessors, units } from './unit.table.ts';

const predecessorIds = sql<string[]>`array(SELECT p.predecessor_id FROM unit_predecessors p WHERE p.unit_id = ${units.id})`;
const successorIds = sql<string[]>`array(SELECT p.unit_id FROM unit_predecessors p WHERE p.predecessor_id = ${units.id})`;

const columns = {
  id: units.id,
  parentId: units.parentId,
  wardId: units.wardId,
  path: units.path,
  code: units.code,
  name: units.name,
  type: units.type,
  schoolLevel: units.schoolLevel,
  validFrom: units.validFrom,
  validTo: units.validTo,
  isDemo: units.isDemo,
  contactPhone: units.contactPhone,
  contactEmail: units.contactEmail,
  contactAddress: units.contactAddress,
  note: units.note,
  predecessorIds,
  successorIds,
};

type UnitRow = {
  id: string;
  parentId: string | null;
  wardId: string | null;
  path: string;
  code: string;
  name: string;
  type: string;
  schoolLevel: string | null;
  validFrom: string | null;
  validTo: string | null;
  isDemo: boolean;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  note: string | null;
  predecessorIds: string[];
  successorIds: string[];
};

export type UnitRecord = Unit & { path: string };

function toUnit(r: UnitRow, today: string): UnitRecord {
  return {
    id: r.id,
    parentId: r.parentId,
    wardId: r.wardId,
    path: r.path,
    code: r.code,
    name: r.name,
    type: r.type as Unit['type'],
    schoolLevel: r.schoolLevel as Unit['schoolLevel'],
    validFrom: r.validFrom,
    validTo: r.validTo,
    predecessorIds: r.predecessorIds ?? [],
    successorIds: r.successorIds ?? [],
    isDemo: r.isDemo,
    isActive: isUnitActiveOn(r, today),
    contact: { phone: r.contactPhone, email: r.contactEmail, address: r.contactAddress },
    note: r.note,
  };
}

/** Escapes LIKE wildcards in what a user typed. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Units in the actor's scope, searched without regard to diacritics, in tree order. */
export async function findUnitsInScope(
  tx: DbOrTx,
  actor: Actor,
  today: string,
  filter: { q?: string; type?: string; includeInactive?: boolean },
): Promise<UnitRecord[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: units.wardId, unitId: units.id })];
  // Accounts above ward level also see the units above the wards (province, historic districts).
  if (actor.wardIds === 'all') where[0] = sql`true`;
  if (filter.q?.trim()) {
    const pattern = likePattern(filter.q.trim().normalize('NFC').toLowerCase());
    where.push(or(sql`f_unaccent(lower(${units.name})) LIKE f_unaccent(${pattern})`, sql`lower(${units.code}) LIKE ${pattern}`));
  }
  if (filter.type) where.push(eq(units.type, filter.type));
  if (!filter.includeInactive) {
    where.push(sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${today}::date)`);
    where.push(sql`(${units.validTo} IS NULL OR ${units.validTo} >= ${today}::date)`);
  }
  const rows = await tx
    .select(columns)
    .from(units)
    .where(and(...where))
    .orderBy(asc(sql`nlevel(${units.path}::ltree)`), asc(units.name));
  // Vietnamese collation, which the embedded database does not have, applied within each level of the tree.
  const depth = (r: UnitRow) => r.path.split('.').length;
  return (rows as UnitRow[]).sort((a, b) => depth(a) - depth(b) || VI_COLLATOR.compare(a.name, b.name)).map((r) => toUnit(r, today));
}

const VI_COLLATOR = new Intl.Collator('vi', { numeric: true });

/** One unit, if it is in the actor's scope (a unit outside it answers exactly like a missing one). */
export async function findUnitInScope(tx: DbOrTx, actor: Actor, id: string, today: string): Promise<UnitRecord | null> {
  const scope = actor.wardIds === 'all' ? sql`true` : inScope(actor, { wardId: units.wardId, unitId: units.id });
  const rows = await tx
    .select(columns)
    .from(units)
    .where(and(eq(units.id, id), scope))
    .limit(1);
  const row = rows[0] as UnitRow | undefined;
  return row ? toUnit(row, today) : null;
}

/** Any unit by id, for system tasks (login, public pages). */
export async function findUnitById(tx: DbOrTx, id: string, today: string): Promise<UnitRecord | null> {
  const rows = await tx.select(columns).from(units).where(eq(units.id, id)).limit(1);
  const row = rows[0] as UnitRow | undefined;
  return row ? toUnit(row, today) : null;
}

export type NewUnitInput = {
  parentId: string | null;
  code: string;
  name: string;
  type: string;
  schoolLevel?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  isDemo?: boolean;
  contactPhone?: string | null;
  contactEmail?: string | null;
  contactAddress?: string | null;
  note?: string | null;
};

export async function insertUnit(tx: DbOrTx, values: NewUnitInput): Promise<string> {
  forgetUnits();
  const [row] = await tx.insert(units).values(values).returning({ id: units.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateUnitRow(tx: DbOrTx, id: string, values: Partial<Omit<NewUnitInput, 'parentId' | 'type'>>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  forgetUnits();
  await tx.update(units).set(values).where(eq(units.id, id));
}

export async function replacePredecessors(tx: DbOrTx, unitId: string, predecessorIds: readonly string[]): Promise<void> {
  forgetUnits();
  await tx.delete(unitPredecessors).where(eq(unitPredecessors.unitId, unitId));
  if (predecessorIds.length) {
    await tx.insert(unitPredecessors).values(predecessorIds.map((p) => ({ unitId, predecessorId: p })));
  }
}

/** Units by id within the actor's scope (to check references a client sent). */
export async function countUnitsInScope(tx: DbOrTx, actor: Actor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const scope = actor.wardIds === 'all' ? sql`true` : inScope(actor, { wardId: units.wardId, unitId: units.id });
  const rows = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, [...ids]), scope));
  return rows.length;
}

type UnitScope = Awaited<ReturnType<typeof resolveUnitScope>>;

/** Every remembered reach and ward of this process is stale after a unit write here. */
function forgetUnits(): void {
  scopes.forget();
  wardsByCode.forget();
}

/** A resolved reach, reused for 5 s per unit (other servers' unit edits wait this long); unit writes here forget them. */
const scopes = new ShortCache<UnitScope>(5000, 5000);

/**
 * `resolveUnitScope` remembered for a few seconds per database and unit: every authenticated request needs it, and it
 * changes only when the unit tree or a succession does. The account itself (role, unit, disabled) is still read on
 * every request.
 */
export function resolveUnitScopeCached(db: Db, unitId: string): Promise<UnitScope> {
  return scopes.get(db, unitId, () => resolveUnitScope(db, unitId));
}

/**
 * The reach of an account bound to a unit: for a ward, the ward and every ward it succeeded (history survives mergers);
 * below a ward, the unit and its predecessors; at the root, everything. Runs as the owner at login.
 */
export async function resolveUnitScope(
  tx: DbOrTx,
  unitId: string,
): Promise<{
  unit: { id: string; type: string; wardId: string | null; parentId: string | null; name: string };
  wardIds: string[] | 'all';
  unitIds: string[] | null;
} | null> {
  const rows = await tx
    .select({ id: units.id, type: units.type, wardId: units.wardId, parentId: units.parentId, name: units.name, path: units.path })
    .from(units)
    .where(eq(units.id, unitId))
    .limit(1);
  const unit = rows[0];
  if (!unit) return null;
  if (unit.parentId === null) return { unit, wardIds: 'all', unitIds: null };
  const history = async (ids: string[]) =>
    (
      await queryRows<{ id: string }>(
        tx,
        sql`
        WITH RECURSIVE h(id) AS (
          SELECT u.id FROM units u WHERE u.id = ANY(${`{${ids.join(',')}}`}::uuid[])
          UNION SELECT p.predecessor_id FROM unit_predecessors p JOIN h ON p.unit_id = h.id
        ) SELECT id FROM h`,
      )
    ).map((r) => r.id);
  if (unit.wardId === null) {
    // Above ward level but not the root (a historic district): every ward below it, with their history.
    const below = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(sql`${units.path}::ltree <@ ${unit.path}::ltree`, inArray(units.type, ['ward', 'commune', 'special_zone'])));
    const ids = below.map((b) => b.id);
    return { unit, wardIds: ids.length ? await wardsOf(tx, await history(ids)) : [], unitIds: null };
  }
  const wardIds = await wardsOf(tx, await history([unit.wardId]));
  if (unit.id === unit.wardId) return { unit, wardIds, unitIds: null };
  return { unit, wardIds, unitIds: await history([unit.id]) };
}

async function wardsOf(tx: DbOrTx, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx.selectDistinct({ wardId: units.wardId }).from(units).where(inArray(units.id, unitIds));
  return rows.map((r) => r.wardId).filter((w): w is string => w !== null);
}

/** The wards in force on a day, for the public home page. */
export async function findActiveWards(tx: DbOrTx, today: string): Promise<UnitRecord[]> {
  const rows = await tx
    .select(columns)
    .from(units)
    .where(
      and(
        inArray(units.type, ['ward', 'commune', 'special_zone']),
        sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${today}::date)`,
        or(isNull(units.validTo), sql`${units.validTo} >= ${today}::date`),
      ),
    )
    .orderBy(asc(units.name));
  return (rows as UnitRow[]).map((r) => toUnit(r, today));
}

/** A ward by its code, for its public page. */
export async function findWardByCode(tx: DbOrTx, code: string, today: string): Promise<UnitRecord | null> {
  const rows = await tx
    .select(columns)
    .from(units)
    .where(and(eq(units.code, code), inArray(units.type, ['ward', 'commune', 'special_zone'])))
    .limit(1);
  const row = rows[0] as UnitRow | undefined;
  return row ? toUnit(row, today) : null;
}

/** Wards by code, as the public tip route reads them on every tip; remembered 5 s like the reaches above. */
const wardsByCode = new ShortCache<UnitRecord | null>(5000, 5000);

export function findWardByCodeCached(db: Db, code: string, today: string): Promise<UnitRecord | null> {
  return wardsByCode.get(db, `${today} ${code}`, () => findWardByCode(db, code, today));
}

/** The blocks of a ward in force on a day, for the public tip form. */
export async function findActiveBlocks(tx: DbOrTx, wardId: string, today: string): Promise<{ id: string; name: string }[]> {
  const rows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        eq(units.parentId, wardId),
        eq(units.type, 'block'),
        sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${today}::date)`,
        or(isNull(units.validTo), sql`${units.validTo} >= ${today}::date`),
      ),
    );
  return rows.sort((a, b) => VI_COLLATOR.compare(a.name, b.name));
}

/** A unit and every unit below it (for figures "of the unit and its sub-units"). */
export async function findSubtreeIds(tx: DbOrTx, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`SELECT u.id FROM units u, units root WHERE root.id = ${unitId} AND u.path <@ root.path`,
  );
  return rows.map((r) => r.id);
}

/** The unit a code names among those the actor may see: a ward first, then one in force, then any. */
export async function findUnitByCodeInScope(tx: DbOrTx, actor: Actor, code: string, today: string): Promise<UnitRecord | null> {
  const all = (await findUnitsInScope(tx, actor, today, { includeInactive: true })).filter((u) => u.code === code || u.id === code);
  return (
    all.find((u) => u.type === 'ward' || u.type === 'commune' || u.type === 'special_zone') ?? all.find((u) => u.isActive) ?? all[0] ?? null
  );
}

/** The ward and every unit of it (blocks, schools …), in force or historic, as an import may name them. */
export async function findWardUnitChoices(
  tx: DbOrTx,
  wardId: string,
  today: string,
): Promise<{ ward: UnitChoice | null; units: UnitChoice[] }> {
  const rows = await tx
    .select({ id: units.id, name: units.name, code: units.code, type: units.type, validFrom: units.validFrom, validTo: units.validTo })
    .from(units)
    .where(or(eq(units.id, wardId), eq(units.wardId, wardId)));
  const choices = rows.map((r) => ({ id: r.id, name: r.name, code: r.code, type: r.type, inForce: isUnitActiveOn(r, today) }));
  return { ward: choices.find((u) => u.id === wardId) ?? null, units: choices.filter((u) => u.id !== wardId) };
}

export type UnitChoice = { id: string; name: string; code: string; type: string; inForce: boolean };

/** A unit's place on the map as stored: the centroid given (or null) and the boundary (GeoJSON, or null). */
export type UnitGeometryRow = { centroid: { lat: number; lng: number } | null; boundary: unknown };

/** The stored geometry of a unit already found in the actor's scope. */
export async function findUnitGeometry(tx: DbOrTx, id: string): Promise<UnitGeometryRow | null> {
  const rows = await tx
    .select({ lat: units.centroidLat, lng: units.centroidLng, boundary: units.boundary })
    .from(units)
    .where(eq(units.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { centroid: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null, boundary: row.boundary ?? null };
}

/** Sets (or clears) a unit's centroid and boundary. */
export async function updateUnitGeometry(
  tx: DbOrTx,
  id: string,
  values: { centroid: { lat: number; lng: number } | null; boundary: object | null },
): Promise<void> {
  await tx
    .update(units)
    .set({ centroidLat: values.centroid?.lat ?? null, centroidLng: values.centroid?.lng ?? null, boundary: values.boundary })
    .where(eq(units.id, id));
}

export type MapUnitRow = {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  type: string;
  validFrom: string | null;
  validTo: string | null;
  centroid: { lat: number; lng: number } | null;
  boundary: unknown;
};

/** Units by id with their place on the map (the caller found them in the actor's scope: a subtree it may read). */
export async function findUnitsForMap(tx: DbOrTx, ids: readonly string[]): Promise<MapUnitRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      id: units.id,
      parentId: units.parentId,
      code: units.code,
      name: units.name,
      type: units.type,
      validFrom: units.validFrom,
      validTo: units.validTo,
      lat: units.centroidLat,
      lng: units.centroidLng,
      boundary: units.boundary,
    })
    .from(units)
    .where(inArray(units.id, [...ids]));
  return rows.map(({ lat, lng, boundary, ...r }) => ({
    ...r,
    centroid: lat !== null && lng !== null ? { lat, lng } : null,
    boundary: boundary ?? null,
  }));
}

/**
 * The wards (communes, special zones) below a unit (its tree path), with their validity and the wards that succeeded
 * each of them, for the roll-up of a city or province. Runs in the actor's transaction: row-level security keeps it to
 * their wards, and their successors to those they may see.
 */
export async function findWardsBelow(
  tx: DbOrTx,
  path: string,
): Promise<{ id: string; code: string; name: string; validFrom: string | null; validTo: string | null; successorIds: string[] }[]> {
  const rows = await queryRows<{
    id: string;
    code: string;
    name: string;
    valid_from: string | null;
    valid_to: string | null;
    successor_ids: string[] | null;
  }>(
    tx,
    sql`SELECT w.id, w.code, w.name, w.valid_from::text AS valid_from, w.valid_to::text AS valid_to,
               array(SELECT p.unit_id FROM unit_predecessors p WHERE p.predecessor_id = w.id) AS successor_ids
        FROM units w
        WHERE w.path <@ ${path}::ltree AND w.path <> ${path}::ltree AND w.type IN ('ward', 'commune', 'special_zone')`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorIds: r.successor_ids ?? [],
  }));
}
