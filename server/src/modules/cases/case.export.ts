import { type CaseStatus, listCasesQuerySchema } from '@binh-an/domain';
import { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { vnToday } from '../../platform/time.ts';
import { addRegisterRow, addRegisterSheet, IMPORT_MAX_ROWS, type RegisterRowValues } from './case.import.ts';
import { findCasesInScope } from './case.repository.ts';
import { caseNumber } from './case.service.ts';
import { findCaseTypes } from './case-type.repository.ts';

/** The most cases one export holds. */
export const EXPORT_MAX_ROWS = IMPORT_MAX_ROWS;

const list = listCasesQuerySchema.shape;
/** The filters of `GET /api/v1/cases`, without paging: the export takes every matching case up to its limit. */
export const exportCasesQuerySchema = z
  .strictObject({ q: list.q, type: list.type, group: list.group, status: list.status, unitId: list.unitId, from: list.from, to: list.to })
  .refine((v) => !(v.from && v.to) || v.from <= v.to, { message: 'cases.periodInverted', path: ['to'] });

export type CaseExport = { bytes: Buffer; filename: string; rows: number; truncated: boolean };

/**
 * The case register of the actor's scope as an .xlsx file with the columns of the import template and the system id
 * (so that it can be imported elsewhere, and re-imported here without duplicates): Vietnamese headers and labels, dates as real dates shown dd/mm/yyyy, oldest first. No people,
 * and so no ID numbers. At most 10 000 cases, the newest; `truncated` says when more matched. The export is audited.
 */
export async function exportCases(deps: Deps, actor: Actor, q: z.output<typeof exportCasesQuerySchema>): Promise<CaseExport> {
  requirePermission(actor, 'case.read');
  const { values, truncated } = await withActor(deps.database.db, actor, async (tx) => {
    const found = await findCasesInScope(
      tx,
      actor,
      { q: q.q, type: q.type, group: q.group, status: q.status, unitIds: q.unitId ? [q.unitId] : undefined, from: q.from, to: q.to },
      EXPORT_MAX_ROWS + 1,
    );
    const cases = found.slice(0, EXPORT_MAX_ROWS).reverse();
    const typeLabels = new Map((await findCaseTypes(tx)).map((t) => [t.code, t.labelVi]));
    await recordAudit(tx, {
      action: 'case.export',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      detail: {
        rows: cases.length,
        truncated: found.length > EXPORT_MAX_ROWS,
        filter: {
          type: q.type,
          group: q.group,
          status: q.status,
          unitId: q.unitId,
          from: q.from,
          to: q.to,
          search: q.q ? true : undefined,
        },
      },
    });
    return {
      truncated: found.length > EXPORT_MAX_ROWS,
      values: cases.map(
        (c): RegisterRowValues => ({
          // The ward's own number when the case came from its old register, else ours; the id recognises it on re-import.
          number: c.wardRef ?? caseNumber(c),
          caseId: c.id,
          occurredOn: c.occurredOn,
          discoveredOn: c.discoveredOn,
          unit: c.unitName,
          typeLabel: typeLabels.get(c.type) ?? c.type,
          status: c.status as CaseStatus,
          summary: c.summary,
          place: c.place,
          penalCodeArticle: c.penalCodeArticle,
        }),
      ),
    };
  });
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = addRegisterSheet(workbook, 'export');
  for (const v of values) addRegisterRow(sheet, v);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, filename: `so-vu-viec-${vnToday(deps.clock())}.xlsx`, rows: values.length, truncated };
}
