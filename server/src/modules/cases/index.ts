import { randomUUID } from 'node:crypto';
import { defaultPenalCodeArticle, groupOf } from '@binh-an/domain';
import type { DbOrTx } from '../../platform/db.ts';
import { insertCase, nextRegisterNumber } from './case.repository.ts';
import { caseNumber } from './case.service.ts';

export { loadDemoCases } from './case.demo.ts';
export { registerCaseImportRoutes } from './case.import.routes.ts';
export { registerCaseRoutes } from './case.routes.ts';
export { listCases, reportSummary } from './case.service.ts';
export { listRehabDossiers } from './rehab.service.ts';

/**
 * Records a case in the ward's register, as received and assigned to nobody yet, for an incident a patrol handed to the
 * ward police (the patrols module). Runs in the caller's transaction, under its actor; the caller audits it. Answers
 * the case's id and register number.
 */
export async function recordCaseFromPatrol(
  tx: DbOrTx,
  input: { wardId: string; unitId: string; type: string; occurredOn: string; discoveredOn: string; place: string | null; summary: string },
): Promise<{ id: string; number: string }> {
  const type = input.type as Parameters<typeof groupOf>[0];
  const year = Number(input.discoveredOn.slice(0, 4));
  const id = randomUUID();
  const seq = await nextRegisterNumber(tx, input.wardId, 'case', year);
  await insertCase(tx, {
    wardId: input.wardId,
    id,
    unitId: input.unitId,
    year,
    seq,
    type,
    reportGroup: groupOf(type),
    penalCodeArticle: defaultPenalCodeArticle(type),
    status: 'received',
    occurredOn: input.occurredOn,
    discoveredOn: input.discoveredOn,
    place: input.place,
    summary: input.summary.slice(0, 2000),
    officerIds: [],
  });
  return { id, number: caseNumber({ year, seq }) };
}
