import type { ParticipantKind, PatrolMemberRole, PatrolTeamKind } from '@binh-an/domain';
import { deleteVault, deviceKey, readVault, writeVault } from './device-store.ts';
import { openJson, sealContext, sealJson } from './sealing.ts';

/**
 * What the record screen needs without a network, kept sealed per account: the teams the account records for, their
 * members' names (for the participant boxes — no phones, addresses or birth dates), their routes' checkpoints and the
 * account's next shifts. Refreshed whenever the screen opens online.
 */
export type KitMember = { id: string; fullName: string; role: PatrolMemberRole; force: ParticipantKind };
export type KitCheckpoint = { id: string; ordinal: number; name: string; unitName: string | null };
export type KitRoute = { id: string; name: string; checkpoints: KitCheckpoint[] };
export type KitShift = { id: string; teamId: string; routeId: string | null; routeName: string | null; startsAt: string; endsAt: string };
export type KitTeam = {
  id: string;
  name: string;
  kind: PatrolTeamKind;
  force: ParticipantKind;
  /** The account's own member in the team, if it serves in it. */
  myMemberId: string | null;
  /** Null until loaded (an officer's kit loads a team's roster when the team is chosen). */
  members: KitMember[] | null;
  routes: KitRoute[] | null;
};
export type FieldKit = {
  user: { id: string; displayName: string };
  canManage: boolean;
  teams: KitTeam[];
  shifts: KitShift[];
  savedAt: number;
};

const kitId = (userId: string) => `kit:${userId}`;
const draftId = (userId: string) => `draft:${userId}`;

export async function saveKit(kit: FieldKit): Promise<void> {
  const key = await deviceKey();
  await writeVault(kitId(kit.user.id), await sealJson(key, kit, sealContext('kit', kit.user.id)));
}

export async function loadKit(userId: string): Promise<FieldKit | null> {
  const sealed = await readVault(kitId(userId));
  if (!sealed) return null;
  return openJson<FieldKit>(await deviceKey(), sealed, sealContext('kit', userId));
}

/** Keeps the unfinished form, sealed, so that closing the page loses nothing typed. */
export async function saveDraft<T>(userId: string, draft: T): Promise<void> {
  const key = await deviceKey();
  await writeVault(draftId(userId), await sealJson(key, draft, sealContext('draft', userId)));
}

export async function loadDraft<T>(userId: string): Promise<T | null> {
  const sealed = await readVault(draftId(userId));
  if (!sealed) return null;
  return openJson<T>(await deviceKey(), sealed, sealContext('draft', userId));
}

export async function clearDraft(userId: string): Promise<void> {
  await deleteVault(draftId(userId));
}
