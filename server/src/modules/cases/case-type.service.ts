import type { CaseGroup, CaseTypeEntry, createCaseTypeSchema, updateCaseTypeSchema } from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { DbOrTx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseTypeRow } from './case.table.ts';
import { findCaseType, findCaseTypes, insertCaseType, regroupCases, updateCaseTypeRow } from './case-type.repository.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

export function caseTypeEntryOf(row: CaseTypeRow): CaseTypeEntry {
  return {
    code: row.code,
    group: row.reportGroup as CaseGroup,
    penalCodeArticle: row.penalCodeArticle,
    labelVi: row.labelVi,
    labelEn: row.labelEn,
    active: row.active,
    builtin: row.builtin,
    position: row.position,
  };
}

/**
 * The type a new or edited case may carry: one in the catalogue and not retired. A case that already has a retired
 * type keeps it (`current`), so that editing other facts of an old case never forces a new type.
 */
export async function requireUsableCaseType(tx: DbOrTx, code: string, current?: string): Promise<CaseTypeRow> {
  const row = await findCaseType(tx, code);
  if (!row) throw new AppError('validation', [{ path: 'type', message: 'cases.typeUnknown' }]);
  if (!row.active && code !== current) throw new AppError('validation', [{ path: 'type', message: 'cases.typeRetired' }]);
  return row;
}

/** The catalogue, for whoever records, reads or counts cases, and for whoever keeps it. */
export async function listCaseTypes(deps: Deps, actor: Actor): Promise<CaseTypeEntry[]> {
  if (!(can(actor, 'case.read') || can(actor, 'report.read') || can(actor, 'case.catalogue'))) throw new AppError('forbidden');
  return withActor(deps.database.db, actor, async (tx) => (await findCaseTypes(tx)).map(caseTypeEntryOf));
}

/** The catalogue is shared by every ward, so only an administrator whose scope is every ward may change it. */
function requireCatalogueKeeper(actor: Actor): void {
  requirePermission(actor, 'case.catalogue');
  if (actor.wardIds !== 'all') throw new AppError('forbidden', [{ path: 'code', message: 'cases.catalogueAllWards' }]);
}

/** Adds a type to the catalogue. */
export async function createCaseType(deps: Deps, actor: Actor, input: z.output<typeof createCaseTypeSchema>): Promise<CaseTypeEntry> {
  requireCatalogueKeeper(actor);
  return withActor(deps.database.db, actor, async (tx) => {
    const added = await insertCaseType(tx, {
      code: input.code,
      reportGroup: input.group,
      penalCodeArticle: input.penalCodeArticle ?? null,
      labelVi: input.labelVi,
      labelEn: input.labelEn ?? input.labelVi,
    });
    if (!added) throw new AppError('conflict', [{ path: 'code', message: 'cases.typeCodeTaken' }]);
    await recordAudit(tx, {
      action: 'case_type.create',
      actor: by(actor),
      entityType: 'case_type',
      entityId: input.code,
      detail: { code: input.code, group: input.group, penalCodeArticle: input.penalCodeArticle ?? null },
    });
    return caseTypeEntryOf((await findCaseType(tx, input.code)) as CaseTypeRow);
  });
}

/**
 * Renames, re-articles, regroups, retires or restores a type. A new group moves the type's cases in every ward with
 * it (their figures follow the type); a new article is only the default for cases recorded from now on.
 */
export async function updateCaseType(
  deps: Deps,
  actor: Actor,
  code: string,
  input: z.output<typeof updateCaseTypeSchema>,
): Promise<CaseTypeEntry & { movedCases: number }> {
  requireCatalogueKeeper(actor);
  return withActor(deps.database.db, actor, async (tx) => {
    const row = await findCaseType(tx, code);
    if (!row) throw new AppError('notFound');
    const values = {
      reportGroup: input.group,
      penalCodeArticle: input.penalCodeArticle,
      labelVi: input.labelVi,
      labelEn: input.labelEn,
      active: input.active,
    };
    const changed = Object.fromEntries(
      Object.entries(values).filter(([key, value]) => value !== undefined && value !== row[key as keyof typeof values]),
    );
    if (Object.keys(changed).length === 0) return { ...caseTypeEntryOf(row), movedCases: 0 };
    await updateCaseTypeRow(tx, code, changed);
    const movedCases = input.group && input.group !== row.reportGroup ? await regroupCases(tx, code, input.group) : 0;
    await recordAudit(tx, {
      action: 'case_type.update',
      actor: by(actor),
      entityType: 'case_type',
      entityId: code,
      detail: { changed: Object.keys(changed), group: changed.reportGroup, active: changed.active, movedCases },
    });
    return { ...caseTypeEntryOf((await findCaseType(tx, code)) as CaseTypeRow), movedCases };
  });
}
