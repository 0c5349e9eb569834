import type { DbOrTx } from '../../platform/db.ts';
import { markTipUsedInCase } from '../tips/index.ts';
import { linkTip } from './case.repository.ts';
import { recordCaseFromPatrol } from './case.service.ts';

export { loadDemoCases } from './case.demo.ts';
export { registerCaseImportRoutes } from './case.import.routes.ts';
export { findCaseByNumber } from './case.repository.ts';
export { registerCaseRoutes } from './case.routes.ts';
export { listCases, recordCaseFromPatrol, reportSummary, summaryFigures, unitFigure } from './case.service.ts';
export { listRehabDossiers } from './rehab.service.ts';

/**
 * Records a case draft in the ward's register for a matter another module hands to the police (grassroots mediation:
 * a matter to prosecute or fine, or a dispute at risk), received and assigned to nobody, and links the tip it started
 * from, if any, so that the tip, the mediation case and the police case keep one history. Runs in the caller's
 * transaction, under its actor; the caller audits it.
 */
export async function recordCaseDraft(
  tx: DbOrTx,
  input: {
    wardId: string;
    unitId: string;
    type: string;
    occurredOn: string;
    discoveredOn: string;
    place: string | null;
    summary: string;
    tipId?: string | null;
  },
): Promise<{ id: string; number: string }> {
  const created = await recordCaseFromPatrol(tx, input);
  if (input.tipId && (await markTipUsedInCase(tx, input.wardId, input.tipId))) await linkTip(tx, input.wardId, created.id, input.tipId);
  return created;
}
