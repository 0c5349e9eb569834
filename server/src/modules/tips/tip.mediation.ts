import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { nextDue } from './tip.clocks.ts';
import { findTipInScope, findTipsInScope, updateTip } from './tip.repository.ts';
import { TipSeal } from './tip.sealing.ts';

const number = (t: { year: number; seq: number }) => `TB-${t.year}-${String(t.seq).padStart(4, '0')}`;

/**
 * Tips the ward police classified as a dispute for mediation (classification `dispute`) and have not closed yet: what
 * the mediation module offers to send to a block's mediation book. Runs in the caller's transaction, under its actor.
 */
export async function listTipsForMediation(deps: Deps, tx: Tx, actor: Actor) {
  const rows = await findTipsInScope(tx, actor, { statuses: ['new', 'verifying'], classification: 'dispute' }, 100);
  return rows.map((r) => {
    const what = TipSeal.forTip(deps, r).openBody(r.bodyEnc).what;
    return {
      id: r.id,
      number: number(r),
      unitId: r.unitId,
      unitName: r.unitName,
      receivedOn: r.receivedOn,
      excerpt: what.length > 140 ? `${what.slice(0, 139)}…` : what,
    };
  });
}

/**
 * Takes a tip classified as a dispute into mediation: closes it with the reason `sent_to_mediation` (audited as a
 * `tip.close`, like any closing) and answers what the book needs (its number, block, day and words). A tip of another
 * ward, or not classified as a dispute, or already closed, is refused. Runs in the caller's transaction.
 */
export async function takeTipForMediation(deps: Deps, tx: Tx, actor: Actor, tipId: string) {
  const tip = await findTipInScope(tx, actor, tipId);
  if (!tip) throw new AppError('notFound');
  if (tip.classification !== 'dispute') throw new AppError('validation', [{ path: 'tipId', message: 'mediation.errors.tipNotDispute' }]);
  if (tip.status !== 'new' && tip.status !== 'verifying') throw new AppError('tipState');
  const body = TipSeal.forTip(deps, tip).openBody(tip.bodyEnc);
  const values = { status: 'closed', closeReason: 'sent_to_mediation', closedAt: deps.clock() };
  await updateTip(tx, tip.wardId, tip.id, { ...values, nextDueAt: nextDue({ ...tip, ...values }) });
  await recordAudit(tx, {
    action: 'tip.close',
    actor: { userId: actor.userId, username: actor.username },
    wardId: tip.wardId,
    entityType: 'tip',
    entityId: tip.id,
    detail: { reason: 'sent_to_mediation' },
  });
  return {
    id: tip.id,
    wardId: tip.wardId,
    unitId: tip.unitId,
    number: number(tip),
    receivedOn: tip.receivedOn,
    what: body.what,
    place: body.place,
  };
}
