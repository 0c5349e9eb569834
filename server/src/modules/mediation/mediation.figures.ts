import {
  EARLY_WARNING,
  type MediationBlockCounts,
  type MediationBlockFigures,
  type mediationFiguresQuerySchema,
  settlementRate,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { findSubtreeIds, findUnitInScope } from '../units/index.ts';
import { countCaseFigures } from './mediation.repository.ts';

type Counts = Omit<MediationBlockCounts, 'settlementRate'>;

const zero = (): Counts => ({
  received: 0,
  settled: 0,
  notSettled: 0,
  stopped: 0,
  refused: 0,
  referred: 0,
  inProgress: 0,
});

/**
 * The mediation figures of a unit (a ward: its blocks; a block: itself) over a period, one line per block with cases
 * in the period, the blocks with the most cases received first, and their totals. Counted by the same days as the
 * report summary (`summariseMediation`). The unit is the reader's own when none is named; an account bound to a block
 * counts only its blocks. Counts only, no personal data; the read is audited like the other figures.
 */
export async function mediationFigures(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof mediationFiguresQuerySchema>,
): Promise<MediationBlockFigures> {
  requirePermission(actor, 'mediation.read');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, q.unitId ?? actor.unitId, today);
    if (!unit) throw new AppError('notFound');
    const subtree = await findSubtreeIds(tx, unit.id);
    const reach = actor.unitIds;
    const unitIds = reach ? subtree.filter((id) => reach.includes(id)) : subtree;
    const rows = await countCaseFigures(tx, unitIds, q.from, q.to, EARLY_WARNING.prolongedDays);
    const blocks = new Map<string, Counts & { unitId: string; name: string }>();
    const totals = zero();
    for (const r of rows) {
      if (r.name === null) continue;
      const b = blocks.get(r.unitId) ?? { unitId: r.unitId, name: r.name, ...zero() };
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
        b[key] += r[key];
        totals[key] += r[key];
      }
      blocks.set(r.unitId, b);
    }
    await recordAudit(tx, {
      action: 'mediation.figures',
      actor: { userId: actor.userId, username: actor.username },
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { from: q.from, to: q.to },
    });
    const items = [...blocks.values()]
      .filter((b) => (Object.keys(totals) as (keyof typeof totals)[]).some((k) => b[k] > 0))
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'vi'))
      .map((b) => ({ ...b, settlementRate: settlementRate(b.settled, b.notSettled) }));
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, type: unit.type },
      period: { from: q.from, to: q.to },
      blocks: items,
      totals: { ...totals, settlementRate: settlementRate(totals.settled, totals.notSettled) },
    };
  });
}
