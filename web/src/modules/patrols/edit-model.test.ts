import { describe, expect, it } from 'vitest';
import {
  changedFields,
  checkpointRows,
  checkpointsBody,
  checkpointsChanged,
  incidentEditBody,
  incidentEditValues,
  moveItem,
  removedCheckpoints,
  roundEditBody,
  roundEditValues,
  teamEditBody,
} from './edit-model.ts';

const ROUTE = 'cb49ed20-7193-468e-9da4-2200dff3b6f5';
const CP1 = 'b96a74b6-61ff-4c8a-b423-96fe95c8e66a';
const CP2 = '0c8e5c0b-8a8e-4f43-9a55-6a3b1f0d2e11';
const CP3 = '5d0a4b7e-2f7c-4f8e-9a1d-3c6b8e9f0a22';
const BLOCK = 'e43a18c7-927b-432b-b1f8-3bade681990a';

const MEMBER = '073ce0f6-5198-47e2-9350-f762507756a8';
const MEMBER2 = '6fd7e1c3-c99b-42a7-b481-fae4d4786c59';

const round = {
  participants: [
    { id: 'p1', memberId: MEMBER, name: 'Lê Văn Bình', kind: 'civilian' as const },
    { id: 'p2', memberId: null, name: 'Trần Thị Lan', kind: 'officer' as const },
  ],
  routeId: ROUTE,
  plannedStart: null,
  plannedEnd: null,
  startedAt: '2026-11-26T13:05:31.000Z',
  endedAt: '2026-11-26T15:00:00.000Z',
  note: null,
};

describe('changedFields', () => {
  it('keeps only the fields whose value changed, arrays compared by value', () => {
    expect(changedFields({ a: 'x', b: ['1', '2'], c: null }, { a: 'x', b: ['1', '2'], c: null })).toEqual({});
    expect(changedFields({ a: 'x', b: ['1'], c: 'n' }, { a: 'y', b: ['1', '2'], c: 'n' })).toEqual({ a: 'y', b: ['1', '2'] });
  });
});

describe('roundEditBody', () => {
  it('sends nothing when nothing was touched, although the stored time has seconds', () => {
    const initial = roundEditValues(round);
    expect(initial.startedAt).toBe('2026-11-26T20:05');
    expect(roundEditBody(initial, { ...initial })).toEqual({ body: {}, errors: {} });
  });

  it('sends only the changed time, read as Vietnam time, and the note emptied as none', () => {
    const initial = roundEditValues({ ...round, note: 'cũ' });
    const { body, errors } = roundEditBody(initial, { ...initial, endedAt: '2026-11-26T22:30', note: '  ' });
    expect(errors).toEqual({});
    expect(body).toEqual({ endedAt: '2026-11-26T22:30:00+07:00', note: null });
  });

  it('names the field of a time that is not one, and clears the route and planned times to none', () => {
    const initial = roundEditValues({ ...round, plannedStart: '2026-11-26T13:00:00Z', plannedEnd: '2026-11-26T15:00:00Z' });
    const result = roundEditBody(initial, { ...initial, startedAt: '2026-02-30T20:00', routeId: '', plannedStart: '', plannedEnd: '' });
    expect(result.errors).toEqual({ startedAt: 'patrolsPage.edit.timeInvalid' });
    expect(result.body).toMatchObject({ routeId: null, plannedStart: null, plannedEnd: null });
  });
});

describe('round participants', () => {
  it('the same people in another order are no change; a member added replaces the whole list, guests kept', () => {
    const initial = roundEditValues(round);
    expect(initial.memberIds).toEqual([MEMBER]);
    expect(initial.guests).toEqual([{ key: 'p2', name: 'Trần Thị Lan', kind: 'officer' }]);
    expect(roundEditBody(initial, { ...initial, guests: [{ key: 'x', name: ' Trần Thị Lan ', kind: 'officer' }] }).body).toEqual({});
    const { body } = roundEditBody(initial, { ...initial, memberIds: [MEMBER2, MEMBER] });
    expect(body).toEqual({
      participants: [{ memberId: MEMBER2 }, { memberId: MEMBER }, { name: 'Trần Thị Lan', kind: 'officer' }],
    });
  });

  it('a guest without a name is named as the error of that row', () => {
    const initial = roundEditValues(round);
    const result = roundEditBody(initial, { ...initial, guests: [...initial.guests, { key: 'n', name: ' ', kind: 'civilian' }] });
    expect(result.errors).toEqual({ 'guests.1': 'patrolsPage.record.guestNameRequired' });
  });
});

describe('incident and team bodies', () => {
  it('an incident sends the changed fields, an emptied handling note as none', () => {
    const initial = incidentEditValues({ type: 'fight', description: 'Xô xát', handling: 'warned', handlingNote: 'ghi' });
    expect(incidentEditBody(initial, { ...initial, description: 'Xô xát trước quán', handlingNote: '' })).toEqual({
      description: 'Xô xát trước quán',
      handlingNote: null,
    });
  });

  it('a team: the same blocks in another order are no change; emptied texts are none', () => {
    const initial = { name: 'Tổ A', areaUnitIds: ['1', '2'], establishedOn: '2024-07-01', decisionRef: '12/QĐ', note: '' };
    expect(teamEditBody(initial, { ...initial, areaUnitIds: ['2', '1'] })).toEqual({});
    expect(teamEditBody(initial, { ...initial, name: 'Tổ B', decisionRef: '', areaUnitIds: ['2'] })).toEqual({
      name: 'Tổ B',
      decisionRef: null,
      areaUnitIds: ['2'],
    });
  });
});

describe('checkpoints', () => {
  const route = {
    checkpoints: [CP1, CP2, CP3].map((id, i) => ({
      id,
      ordinal: i + 1,
      name: `Điểm ${i + 1}`,
      unitId: i === 0 ? BLOCK : null,
      unitName: null,
      street: i === 0 ? 'Trần Phú' : null,
      lat: i === 0 ? 18.67 : null,
      lng: i === 0 ? 105.68 : null,
      radiusM: i === 0 ? 50 : 100,
      qrPayload: null,
    })),
  };

  it('moves a row up or down, and not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('keeps each checkpoint whole (its block, street, place and radius) when the order changes', () => {
    const initial = checkpointRows(route);
    const moved = moveItem(initial, 0, 1);
    expect(checkpointsChanged(initial, initial)).toBe(false);
    expect(checkpointsChanged(initial, moved)).toBe(true);
    expect(checkpointsBody(moved)[1]).toEqual({
      id: CP1,
      name: 'Điểm 1',
      unitId: BLOCK,
      street: 'Trần Phú',
      lat: 18.67,
      lng: 105.68,
      radiusM: 50,
    });
  });

  it('a renamed, a removed and an added checkpoint: the new one has no id, the removed one is named', () => {
    const initial = checkpointRows(route);
    const rows = [
      { ...(initial[0] as (typeof initial)[number]), name: 'Nhà văn hóa' },
      initial[2] as (typeof initial)[number],
      { key: 'n1', name: 'Cổng chợ', unitId: null, street: null, lat: null, lng: null },
    ];
    const body = checkpointsBody(rows);
    expect(body.map((c) => c.name)).toEqual(['Nhà văn hóa', 'Điểm 3', 'Cổng chợ']);
    expect(body[2]).toEqual({ name: 'Cổng chợ', unitId: null, street: null, lat: null, lng: null });
    expect(removedCheckpoints(initial, rows).map((r) => r.name)).toEqual(['Điểm 2']);
  });
});
