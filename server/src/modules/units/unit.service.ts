import {
  type Boundary,
  type CreateUnitInput,
  canContain,
  centroidOf,
  type createUnitSchema,
  type SetUnitGeometryInput,
  type Unit,
  type UnitGeometry,
  type UnitType,
  type UpdateUnitInput,
  type updateUnitSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/pg-errors.ts';
import { vnToday } from '../../platform/time.ts';
import {
  countUnitsInScope,
  findUnitGeometry,
  findUnitInScope,
  findUnitsInScope,
  insertUnit,
  replacePredecessors,
  type UnitRecord,
  updateUnitGeometry,
  updateUnitRow,
} from './unit.repository.ts';

function view({ path: _path, ...unit }: UnitRecord): Unit {
  return unit;
}

/** Lists the units the actor may see, as a flat list the client turns into a tree. */
export async function listUnits(db: Db, actor: Actor, filter: { q?: string; type?: string; includeInactive?: boolean }): Promise<Unit[]> {
  requirePermission(actor, 'unit.read');
  const today = vnToday();
  return withActor(db, actor, async (tx) => (await findUnitsInScope(tx, actor, today, filter)).map(view));
}

/** One unit the actor may see. */
export async function getUnit(db: Db, actor: Actor, id: string): Promise<Unit> {
  requirePermission(actor, 'unit.read');
  const unit = await withActor(db, actor, (tx) => findUnitInScope(tx, actor, id, vnToday()));
  if (!unit) throw new AppError('notFound');
  return view(unit);
}

/** Adds a unit under a parent in force: a block or a school to a ward, a ward to the province. */
export async function createUnit(db: Db, actor: Actor, input: z.output<typeof createUnitSchema>): Promise<Unit> {
  requirePermission(actor, 'unit.manage');
  const today = vnToday();
  return withActor(db, actor, async (tx) => {
    const parent = await findUnitInScope(tx, actor, input.parentId, today);
    if (!parent) throw new AppError('notFound');
    if (!parent.isActive) throw new AppError('unitInactive');
    if (!canContain(parent.type, input.type as UnitType)) throw new AppError('invalidParent');
    checkSchoolAndDates(input.type, input.schoolLevel, input.validFrom, input.validTo);
    const predecessors = [...new Set(input.predecessorIds ?? [])];
    if ((await countUnitsInScope(tx, actor, predecessors)) !== predecessors.length) throw new AppError('notFound');
    let id: string;
    try {
      id = await insertUnit(tx, {
        parentId: parent.id,
        code: input.code,
        name: input.name,
        type: input.type,
        schoolLevel: input.type === 'school' ? (input.schoolLevel ?? null) : null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail ?? null,
        contactAddress: input.contactAddress ?? null,
        note: input.note ?? null,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('codeTaken');
      throw err;
    }
    await replacePredecessors(tx, id, predecessors);
    const created = await findUnitInScope(tx, actor, id, today);
    if (!created) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'unit.create',
      actor: { userId: actor.userId, username: actor.username },
      wardId: created.wardId,
      entityType: 'unit',
      entityId: id,
      detail: { parentId: parent.id, code: created.code, name: created.name, type: created.type },
    });
    return view(created);
  });
}

/** Changes a unit's name, code, validity, predecessors or published contact points. */
export async function updateUnit(db: Db, actor: Actor, id: string, input: z.output<typeof updateUnitSchema>): Promise<Unit> {
  requirePermission(actor, 'unit.manage');
  const today = vnToday();
  return withActor(db, actor, async (tx) => {
    const before = await findUnitInScope(tx, actor, id, today);
    if (!before) throw new AppError('notFound');
    const schoolLevel = input.schoolLevel === undefined ? before.schoolLevel : input.schoolLevel;
    const validFrom = input.validFrom === undefined ? before.validFrom : input.validFrom;
    const validTo = input.validTo === undefined ? before.validTo : input.validTo;
    checkSchoolAndDates(before.type, schoolLevel, validFrom, validTo);
    const changes: Record<string, unknown> = {};
    const set = (key: string, next: unknown, prev: unknown) => {
      if (next !== undefined && next !== prev) changes[key] = next;
    };
    set('code', input.code, before.code);
    set('name', input.name, before.name);
    if (before.type === 'school') set('schoolLevel', input.schoolLevel, before.schoolLevel);
    set('validFrom', input.validFrom, before.validFrom);
    set('validTo', input.validTo, before.validTo);
    set('contactPhone', input.contactPhone, before.contact.phone);
    set('contactEmail', input.contactEmail, before.contact.email);
    set('contactAddress', input.contactAddress, before.contact.address);
    set('note', input.note, before.note);
    try {
      await updateUnitRow(tx, id, changes);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('codeTaken');
      throw err;
    }
    if (input.predecessorIds) {
      const predecessors = [...new Set(input.predecessorIds)].filter((p) => p !== id);
      if ((await countUnitsInScope(tx, actor, predecessors)) !== predecessors.length) throw new AppError('notFound');
      const same = predecessors.length === before.predecessorIds.length && predecessors.every((p) => before.predecessorIds.includes(p));
      if (!same) {
        await replacePredecessors(tx, id, predecessors);
        changes.predecessorIds = predecessors;
      }
    }
    const after = await findUnitInScope(tx, actor, id, today);
    if (!after) throw new AppError('notFound');
    if (Object.keys(changes).length) {
      await recordAudit(tx, {
        action: 'unit.update',
        actor: { userId: actor.userId, username: actor.username },
        wardId: after.wardId,
        entityType: 'unit',
        entityId: id,
        detail: { changed: Object.keys(changes), after: changes },
      });
    }
    return view(after);
  });
}

function checkSchoolAndDates(
  type: string,
  schoolLevel: string | null | undefined,
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
): void {
  if (type === 'school' && !schoolLevel) throw new AppError('schoolLevelRequired');
  if (validFrom && validTo && validTo < validFrom) throw new AppError('invalidDates');
}

/** Where a unit lies on the map: its boundary and its centroid (the one given, or the boundary's own). */
export async function getUnitGeometry(db: Db, actor: Actor, id: string): Promise<UnitGeometry> {
  requirePermission(actor, 'unit.read');
  return withActor(db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, id, vnToday());
    const stored = unit ? await findUnitGeometry(tx, unit.id) : null;
    if (!unit || !stored) throw new AppError('notFound');
    return geometryView(unit.id, stored.centroid, stored.boundary as Boundary | null);
  });
}

function geometryView(unitId: string, centroid: { lat: number; lng: number } | null, boundary: Boundary | null): UnitGeometry {
  const derived = centroid ? null : boundary ? centroidOf({ centroid: null, boundary }) : null;
  return { unitId, centroid: centroid ?? derived, isCentroidDerived: derived !== null, boundary };
}

/**
 * Sets a unit's centroid and boundary (the administrator, in the units screen): the point the map blurs the unit's
 * records to, and the outline it draws. Audited with what changed, not the coordinates.
 */
export async function setUnitGeometry(db: Db, actor: Actor, id: string, input: SetUnitGeometryInput): Promise<UnitGeometry> {
  requirePermission(actor, 'unit.manage');
  return withActor(db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, id, vnToday());
    if (!unit) throw new AppError('notFound');
    await updateUnitGeometry(tx, unit.id, { centroid: input.centroid, boundary: input.boundary });
    const polygons = input.boundary ? (input.boundary.type === 'Polygon' ? [input.boundary.coordinates] : input.boundary.coordinates) : [];
    await recordAudit(tx, {
      action: 'unit.geometry',
      actor: { userId: actor.userId, username: actor.username },
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: {
        hasCentroid: input.centroid !== null,
        hasBoundary: input.boundary !== null,
        positions: polygons.reduce((n, p) => n + p.reduce((m, ring) => m + ring.length, 0), 0),
      },
    });
    return geometryView(unit.id, input.centroid, input.boundary);
  });
}

export type { CreateUnitInput, UpdateUnitInput };
