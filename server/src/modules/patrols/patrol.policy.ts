import { type Actor, can } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { findMembershipsOfUser, type Membership, type PatrolScope } from './patrol.repository.ts';

export type PatrolContext = { scope: PatrolScope; memberships: Membership[]; myTeamIds: Set<string> };

/**
 * Who reaches which patrol records. The ward police (patrol.manage) reach every team of their wards; a civil guard or
 * block leader reaches only the teams they serve in now — their rounds, routes, shifts and rosters — and nothing else
 * (security.md §4.8: a patrol member sees their own patrol logs). Out of reach answers exactly like missing.
 */
export async function patrolContext(tx: DbOrTx, actor: Actor): Promise<PatrolContext> {
  const memberships = (await findMembershipsOfUser(tx, actor.userId)).filter(
    (m) => actor.wardIds === 'all' || actor.wardIds.includes(m.wardId),
  );
  const myTeamIds = new Set(memberships.map((m) => m.teamId));
  return { scope: { actor, teamIds: can(actor, 'patrol.manage') ? null : [...myTeamIds] }, memberships, myTeamIds };
}

/** Whether the actor may see a checkpoint's QR secret (those who print the codes), not only mark it. */
export function canSeeQrCodes(actor: Actor): boolean {
  return can(actor, 'patrol.manage');
}
