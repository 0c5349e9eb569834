import {
  type CertUnitType,
  type ClassThresholds,
  type CriteriaSet,
  DEFAULT_THRESHOLDS,
  type EvidenceKind,
  MOVEMENT_CLASSES,
  type MovementClass,
  type ProvinceCriterionView,
  type ProvinceRules,
  provinceCriteriaSets,
  provinceCriterionId,
  type provinceCriterionInputSchema,
  type provinceCriterionUpdateSchema,
  thresholdList,
  thresholdProblems,
} from '@binh-an/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { certificationClassThresholds, certificationProvinceCriteria, type ProvinceCriterionRow } from './certification.table.ts';

type Province = { id: string; code: string; name: string };

/** The province a unit lies in (its nearest ancestor of type province, or itself), whoever asks. */
export async function provinceOf(tx: DbOrTx, unitId: string): Promise<Province | null> {
  const rows = await queryRows<Province>(tx, sql`SELECT id, code, name FROM certification_province_of(${unitId}::uuid)`);
  return rows[0] ?? null;
}

const criterionView = (r: ProvinceCriterionRow): ProvinceCriterionView => ({
  id: r.id,
  criterionId: provinceCriterionId(r.id),
  article: r.article,
  unitTypes: r.unitTypes as CertUnitType[],
  evidence: r.evidence as EvidenceKind[],
  fromYear: r.fromYear,
  toYear: r.toYear,
  labelVi: r.labelVi,
  labelEn: r.labelEn,
});

async function criteriaRows(tx: DbOrTx, provinceId: string) {
  return tx
    .select()
    .from(certificationProvinceCriteria)
    .where(eq(certificationProvinceCriteria.provinceId, provinceId))
    .orderBy(
      asc(certificationProvinceCriteria.fromYear),
      asc(certificationProvinceCriteria.article),
      asc(certificationProvinceCriteria.id),
    );
}

async function thresholdsOf(tx: DbOrTx, provinceId: string): Promise<{ thresholds: ClassThresholds; own: boolean }> {
  const rows = await tx
    .select({ cls: certificationClassThresholds.cls, min: certificationClassThresholds.minPoints })
    .from(certificationClassThresholds)
    .where(eq(certificationClassThresholds.provinceId, provinceId));
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const r of rows) if ((MOVEMENT_CLASSES as readonly string[]).includes(r.cls)) thresholds[r.cls as MovementClass] = r.min;
  return { thresholds, own: rows.length > 0 };
}

/** What applies to a unit of a province: its criteria sets (for `criteriaFor`) and its class thresholds (for `classify`). */
export type UnitProvinceRules = {
  provinceCode: string | null;
  sets: CriteriaSet[];
  thresholds: { cls: MovementClass; min: number }[];
};

export async function rulesForUnit(tx: DbOrTx, unitId: string): Promise<UnitProvinceRules> {
  const province = await provinceOf(tx, unitId);
  if (!province) return { provinceCode: null, sets: [], thresholds: thresholdList(DEFAULT_THRESHOLDS) };
  const rows = await criteriaRows(tx, province.id);
  const { thresholds } = await thresholdsOf(tx, province.id);
  return {
    provinceCode: province.code,
    sets: provinceCriteriaSets(province, rows.map(criterionView)),
    thresholds: thresholdList(thresholds),
  };
}

/** A province's rules are kept by an administrator whose account sits at that province. */
function requireProvinceAdmin(actor: Actor): string {
  requirePermission(actor, 'certification.configure');
  if (actor.unitType !== 'province') throw new AppError('forbidden', [{ path: 'province', message: 'certification.errors.provinceOnly' }]);
  return actor.unitId;
}

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

async function rulesView(tx: DbOrTx, provinceId: string): Promise<ProvinceRules> {
  const province = await provinceOf(tx, provinceId);
  if (!province) throw new AppError('notFound');
  const { thresholds, own } = await thresholdsOf(tx, provinceId);
  return {
    province,
    criteria: (await criteriaRows(tx, provinceId)).map(criterionView),
    thresholds,
    defaults: { ...DEFAULT_THRESHOLDS },
    ownThresholds: own,
  };
}

/** The province's own criteria and thresholds, for its administrator's screen. */
export function getProvinceRules(deps: Deps, actor: Actor): Promise<ProvinceRules> {
  const provinceId = requireProvinceAdmin(actor);
  return withActor(deps.database.db, actor, (tx) => rulesView(tx, provinceId));
}

/** Adds a criterion of the province (TT 124/2021 Art. 8.1); it applies to the years given, next to the national ones. */
export function createProvinceCriterion(
  deps: Deps,
  actor: Actor,
  input: z.output<typeof provinceCriterionInputSchema>,
): Promise<ProvinceCriterionView> {
  const provinceId = requireProvinceAdmin(actor);
  return withActor(deps.database.db, actor, async (tx) => {
    const [row] = await tx
      .insert(certificationProvinceCriteria)
      .values({
        provinceId,
        article: input.article,
        unitTypes: [...new Set(input.unitTypes)],
        evidence: [...new Set(input.evidence)],
        fromYear: input.fromYear,
        toYear: input.toYear,
        labelVi: input.labelVi,
        labelEn: input.labelEn,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, {
      action: 'certification.province_criterion_create',
      actor: by(actor),
      entityType: 'certification_province_criterion',
      entityId: row.id,
      detail: { article: row.article, unitTypes: row.unitTypes, fromYear: row.fromYear, toYear: row.toYear },
    });
    return criterionView(row);
  });
}

/** Changes a criterion of the province; ending it is giving it a last year (answers already given keep their id). */
export function updateProvinceCriterion(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof provinceCriterionUpdateSchema>,
): Promise<ProvinceCriterionView> {
  const provinceId = requireProvinceAdmin(actor);
  return withActor(deps.database.db, actor, async (tx) => {
    const where = and(eq(certificationProvinceCriteria.provinceId, provinceId), eq(certificationProvinceCriteria.id, id));
    const [row] = await tx.select().from(certificationProvinceCriteria).where(where).limit(1);
    if (!row) throw new AppError('notFound');
    const fromYear = input.fromYear ?? row.fromYear;
    const toYear = input.toYear === undefined ? row.toYear : input.toYear;
    if (toYear !== null && toYear < fromYear)
      throw new AppError('validation', [{ path: 'toYear', message: 'certification.errors.yearsOrder' }]);
    const values = {
      article: input.article,
      unitTypes: input.unitTypes ? [...new Set(input.unitTypes)] : undefined,
      evidence: input.evidence ? [...new Set(input.evidence)] : undefined,
      fromYear: input.fromYear,
      toYear: input.toYear,
      labelVi: input.labelVi,
      labelEn: input.labelEn,
    };
    const changed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const [updated] = await tx
      .update(certificationProvinceCriteria)
      .set({ ...changed, updatedAt: new Date() })
      .where(where)
      .returning();
    if (!updated) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'certification.province_criterion_update',
      actor: by(actor),
      entityType: 'certification_province_criterion',
      entityId: id,
      detail: { changed: Object.keys(changed), fromYear: updated.fromYear, toYear: updated.toYear },
    });
    return criterionView(updated);
  });
}

/** Sets the province's class thresholds (QĐ 510/2022); they must classify every score into exactly one class. */
export function setThresholds(deps: Deps, actor: Actor, input: ClassThresholds): Promise<ProvinceRules> {
  const provinceId = requireProvinceAdmin(actor);
  const bad = thresholdProblems(input);
  if (bad.length)
    throw new AppError(
      'validation',
      bad.map((cls) => ({ path: cls, message: 'certification.errors.thresholds' })),
    );
  return withActor(deps.database.db, actor, async (tx) => {
    const before = await thresholdsOf(tx, provinceId);
    for (const cls of MOVEMENT_CLASSES) {
      await tx
        .insert(certificationClassThresholds)
        .values({ provinceId, cls, minPoints: input[cls], updatedBy: actor.userId })
        .onConflictDoUpdate({
          target: [certificationClassThresholds.provinceId, certificationClassThresholds.cls],
          set: { minPoints: input[cls], updatedBy: actor.userId, updatedAt: new Date() },
        });
    }
    await recordAudit(tx, {
      action: 'certification.thresholds_update',
      actor: by(actor),
      entityType: 'certification_thresholds',
      entityId: provinceId,
      detail: { before: before.thresholds, after: input },
    });
    return rulesView(tx, provinceId);
  });
}
