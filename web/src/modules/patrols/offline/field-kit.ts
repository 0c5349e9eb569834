import { addDays } from '@binh-an/domain';
import { api } from '../../../lib/api.ts';
import { todayInVietnam } from '../../../lib/format.ts';
import type { Page, PatrolMe, PatrolRosterMember, PatrolRoute, PatrolShift, PatrolTeam } from '../api.ts';
import type { FieldKit, KitShift, KitTeam } from './vault.ts';

/** How far ahead the phone keeps the account's shifts. */
const SHIFT_DAYS = 14;

/** A team's roster (names and roles only) and routes, for the record screen. */
export async function loadTeamDetails(team: KitTeam): Promise<KitTeam> {
  const [members, routes] = await Promise.all([
    api.get<{ items: PatrolRosterMember[] }>(`/patrols/teams/${encodeURIComponent(team.id)}/roster`),
    api.get<{ items: PatrolRoute[] }>('/patrols/routes', { query: { teamId: team.id } }),
  ]);
  return {
    ...team,
    // Every member of a team takes part as the team's force.
    members: members.items.filter((m) => m.isActive).map((m) => ({ id: m.id, fullName: m.fullName, role: m.role, force: team.force })),
    routes: routes.items
      .filter((r) => r.active)
      .map((r) => ({
        id: r.id,
        name: r.name,
        checkpoints: r.checkpoints.map((c) => ({ id: c.id, ordinal: c.ordinal, name: c.name, unitName: c.unitName })),
      })),
  };
}

function kitShift(s: PatrolShift): KitShift {
  return { id: s.id, teamId: s.teamId, routeId: s.routeId, routeName: s.routeName, startsAt: s.startsAt, endsAt: s.endsAt };
}

/**
 * Reads what the record screen needs from the server: the teams the account may record for (those it serves in, with
 * their rosters and routes; every active team for the ward police, whose rosters load when chosen) and its next
 * shifts. `previous` keeps rosters already loaded for an officer.
 */
export async function fetchFieldKit(user: { id: string; displayName: string }, previous: FieldKit | null): Promise<FieldKit> {
  const me = await api.get<PatrolMe>('/patrols/me');
  const teams: KitTeam[] = me.memberships.map((m) => ({
    id: m.teamId,
    name: m.teamName,
    kind: m.teamKind,
    force: m.force,
    myMemberId: m.memberId,
    members: null,
    routes: null,
  }));
  if (me.canManage) {
    const page = await api.get<Page<PatrolTeam>>('/patrols/teams', { query: { status: 'active', limit: 200 } });
    for (const t of page.items) {
      if (teams.some((team) => team.id === t.id)) continue;
      const kept = previous?.teams.find((team) => team.id === t.id);
      teams.push({
        id: t.id,
        name: t.name,
        kind: t.kind,
        force: t.force,
        myMemberId: null,
        members: kept?.members ?? null,
        routes: kept?.routes ?? null,
      });
    }
  }
  const detailed = await Promise.all(teams.map((team) => (team.myMemberId ? loadTeamDetails(team) : team)));
  const today = todayInVietnam();
  const shifts =
    me.memberships.length > 0
      ? (
          await api.get<{ items: PatrolShift[] }>('/patrols/shifts', {
            query: { from: addDays(today, -1), to: addDays(today, SHIFT_DAYS), mine: 'true' },
          })
        ).items
          .filter((s) => !s.cancelled)
          .map(kitShift)
      : [];
  return { user, canManage: me.canManage, teams: detailed, shifts, savedAt: Date.now() };
}
