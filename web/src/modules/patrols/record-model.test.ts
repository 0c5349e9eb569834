import { describe, expect, it } from 'vitest';
import type { FieldKit } from './offline/vault.ts';
import { buildRound, draftFromRound, newDraft, switchTeam, toVnLocal, vnIso, vnLocalToIso } from './record-model.ts';

const TEAM = 'e43a18c7-927b-432b-b1f8-3bade681990a';
const OTHER_TEAM = '68b9f59c-6727-4d6f-bb53-22938e2b447c';
const ME = '073ce0f6-5198-47e2-9350-f762507756a8';
const ROUTE = 'cb49ed20-7193-468e-9da4-2200dff3b6f5';
const CP1 = 'b96a74b6-61ff-4c8a-b423-96fe95c8e66a';

const kit: FieldKit = {
  user: { id: '6fd7e1c3-c99b-42a7-b481-fae4d4786c59', displayName: 'Lê Văn Bình' },
  canManage: false,
  teams: [
    {
      id: TEAM,
      name: 'Tổ bảo vệ ANTT',
      kind: 'security_team',
      force: 'civilian',
      myMemberId: ME,
      members: [{ id: ME, fullName: 'Lê Văn Bình', role: 'leader', force: 'civilian' }],
      routes: [{ id: ROUTE, name: 'Tuyến', checkpoints: [{ id: CP1, ordinal: 1, name: 'Nhà văn hóa', unitName: null }] }],
    },
    { id: OTHER_TEAM, name: 'Tổ tuần tra', kind: 'people_patrol', force: 'civilian', myMemberId: null, members: null, routes: null },
  ],
  shifts: [],
  savedAt: 0,
};
const NOW = new Date('2026-11-26T15:00:00Z'); // 22:00 in Vietnam

describe('Vietnam times on the phone', () => {
  it('reads and writes datetime-local values as Vietnam time, whatever the device zone', () => {
    expect(toVnLocal(NOW)).toBe('2026-11-26T22:00');
    expect(vnLocalToIso('2026-11-26T22:00')).toBe('2026-11-26T22:00:00+07:00');
    expect(new Date(vnLocalToIso('2026-11-26T22:00') as string).getTime()).toBe(NOW.getTime());
    expect(vnIso(new Date('2026-11-26T16:59:30Z'))).toBe('2026-11-26T23:59:30+07:00');
    for (const bad of ['', '26/11/2026 22:00', '2026-02-30T10:00', '2026-11-26T24:00']) expect(vnLocalToIso(bad)).toBeNull();
  });
});

describe('the record form', () => {
  it('starts with the first team, its first route, the account’s own member and the last hour', () => {
    const draft = newDraft(kit, NOW);
    expect(draft).toMatchObject({
      teamId: TEAM,
      routeId: ROUTE,
      memberIds: [ME],
      startedAt: '2026-11-26T21:00',
      endedAt: '2026-11-26T22:00',
    });
    expect(switchTeam(draft, kit.teams[1])).toMatchObject({ teamId: OTHER_TEAM, routeId: '', memberIds: [], checkpoints: [] });
  });

  it('builds the body POST /rounds receives, with the device clock', () => {
    const draft = {
      ...newDraft(kit, NOW),
      guests: [{ key: 'g', name: ' Trần Văn Khách ', kind: 'officer' as const }],
      checkpoints: [{ checkpointId: CP1, at: '2026-11-26T21:30:00+07:00', method: 'tap' as const }],
      note: '  Yên tĩnh  ',
    };
    const result = buildRound(draft, kit, NOW);
    expect(result.errors).toBeNull();
    expect(result.round?.body).toEqual({
      teamId: TEAM,
      routeId: ROUTE,
      startedAt: '2026-11-26T21:00:00+07:00',
      endedAt: '2026-11-26T22:00:00+07:00',
      participants: [{ memberId: ME }, { name: 'Trần Văn Khách', kind: 'officer' }],
      checkpoints: [{ checkpointId: CP1, at: '2026-11-26T21:30:00+07:00', method: 'tap' }],
      note: 'Yên tĩnh',
      recordedOnDeviceAt: '2026-11-26T22:00:00+07:00',
    });
    expect(result.round?.label).toEqual({ teamName: 'Tổ bảo vệ ANTT', routeName: 'Tuyến' });
    // Back in the form to be corrected, it gives the same body.
    const again = buildRound({ ...draftFromRound(result.round?.body ?? (draft as never)), guests: draft.guests }, kit, NOW);
    expect(again.round?.body).toEqual(result.round?.body);
  });

  it('refuses what the server would, by field, in message keys', () => {
    const base = newDraft(kit, NOW);
    expect(buildRound({ ...base, memberIds: [] }, kit, NOW).errors).toEqual({ participants: 'patrols.participantsRequired' });
    expect(buildRound({ ...base, endedAt: '2026-11-26T20:00' }, kit, NOW).errors).toEqual({ endedAt: 'patrols.endBeforeStart' });
    expect(buildRound({ ...base, startedAt: '2026-11-25T20:00' }, kit, NOW).errors).toEqual({ endedAt: 'patrols.roundTooLong' });
    expect(buildRound({ ...base, endedAt: '2026-11-26T23:30' }, kit, NOW).errors).toEqual({ endedAt: 'patrols.roundInFuture' });
    expect(
      buildRound(
        {
          ...base,
          guests: [
            { key: 'a', name: 'An', kind: 'civilian' },
            { key: 'b', name: 'an', kind: 'officer' },
          ],
        },
        kit,
        NOW,
      ).errors,
    ).toEqual({ participants: 'patrols.participantTwice' });
    const incident = { key: 'i', type: '' as const, occurredAt: 'x', place: '', description: ' ', handling: '' as const, handlingNote: '' };
    expect(buildRound({ ...base, incidents: [incident] }, kit, NOW).errors).toEqual({
      'incidents.0.type': 'validation.required',
      'incidents.0.handling': 'validation.required',
      'incidents.0.description': 'validation.required',
      'incidents.0.occurredAt': 'patrolsPage.record.timeInvalid',
    });
  });
});
