import type { PatrolRoute } from './api.ts';
import { toVnLocal, vnLocalToIso } from './record-model.ts';

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `current` whose value differs from `initial` (arrays and objects compared by value), for a PATCH body:
 * a correction sends only what the user changed, so that it never overwrites what someone else changed meanwhile.
 */
export function changedFields<T extends object>(initial: T, current: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(current) as (keyof T)[]) {
    if (!same(initial[key], current[key])) out[key] = current[key];
  }
  return out;
}

/** The list with the item at `index` moved by `by` places (-1 up, +1 down); the same list when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length || by === 0) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** An optional text as the API keeps it: empty is "none". */
const orNull = (text: string): string | null => (text.trim() ? text : null);

/* ---------- a round ---------- */

/** Someone on the round who is not (or no longer) on a roster: a name and the kind of turn they count as. */
export type GuestRow = { key: string; name: string; kind: 'officer' | 'civilian' };

export type RoundEditValues = {
  /** Participants from the team's roster. */
  memberIds: string[];
  guests: GuestRow[];
  routeId: string;
  plannedStart: string;
  plannedEnd: string;
  startedAt: string;
  endedAt: string;
  note: string;
};

type RoundLike = {
  participants: readonly { id: string; memberId: string | null; name: string; kind: 'officer' | 'civilian' }[];
  routeId: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  startedAt: string;
  endedAt: string;
  note: string | null;
};

/** The round's values as its edit form shows them (times as Vietnam datetime-local values). */
export function roundEditValues(round: RoundLike): RoundEditValues {
  return {
    memberIds: round.participants.flatMap((p) => (p.memberId ? [p.memberId] : [])),
    guests: round.participants.filter((p) => !p.memberId).map((p) => ({ key: p.id, name: p.name, kind: p.kind })),
    routeId: round.routeId ?? '',
    plannedStart: round.plannedStart ? toVnLocal(round.plannedStart) : '',
    plannedEnd: round.plannedEnd ? toVnLocal(round.plannedEnd) : '',
    startedAt: toVnLocal(round.startedAt),
    endedAt: toVnLocal(round.endedAt),
    note: round.note ?? '',
  };
}

export type ParticipantBody = { memberId: string } | { name: string; kind: 'officer' | 'civilian' };

export type RoundEditBody = {
  /** Replaces the participants, when they changed. */
  participants?: ParticipantBody[];
  routeId?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  startedAt?: string;
  endedAt?: string;
  note?: string | null;
};

/**
 * The PATCH body of a round's correction: only the fields the user changed, times read as Vietnam time. Errors are
 * message keys by field (a time that is not one); the rules between the times are the server's.
 */
export function roundEditBody(initial: RoundEditValues, values: RoundEditValues): { body: RoundEditBody; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const time = (field: 'plannedStart' | 'plannedEnd' | 'startedAt' | 'endedAt', optional: boolean): string | null => {
    const text = values[field].trim();
    if (!text && optional) return null;
    const iso = vnLocalToIso(text);
    if (!iso) errors[field] = 'patrolsPage.edit.timeInvalid';
    return iso;
  };
  const people = (v: RoundEditValues) => ({
    ...v,
    memberIds: [...v.memberIds].sort(),
    guests: v.guests.map((g) => ({ name: g.name.trim(), kind: g.kind })),
  });
  const changed = changedFields(people(initial), people(values));
  const body: RoundEditBody = {};
  if ('memberIds' in changed || 'guests' in changed) {
    values.guests.forEach((g, i) => {
      if (!g.name.trim()) errors[`guests.${i}`] = 'patrolsPage.record.guestNameRequired';
    });
    body.participants = [
      ...values.memberIds.map((memberId) => ({ memberId })),
      ...values.guests.map((g) => ({ name: g.name.trim(), kind: g.kind })),
    ];
  }
  if ('routeId' in changed) body.routeId = values.routeId || null;
  if ('plannedStart' in changed) body.plannedStart = time('plannedStart', true);
  if ('plannedEnd' in changed) body.plannedEnd = time('plannedEnd', true);
  if ('startedAt' in changed) body.startedAt = time('startedAt', false) ?? '';
  if ('endedAt' in changed) body.endedAt = time('endedAt', false) ?? '';
  if ('note' in changed) body.note = orNull(values.note);
  return { body, errors };
}

/* ---------- an incident ---------- */

export type IncidentEditValues = { type: string; description: string; handling: string; handlingNote: string };

export function incidentEditValues(incident: {
  type: string;
  description: string;
  handling: string;
  handlingNote: string | null;
}): IncidentEditValues {
  return {
    type: incident.type,
    description: incident.description,
    handling: incident.handling,
    handlingNote: incident.handlingNote ?? '',
  };
}

export function incidentEditBody(initial: IncidentEditValues, values: IncidentEditValues): Record<string, string | null> {
  const changed = changedFields(initial, values);
  return { ...changed, ...('handlingNote' in changed ? { handlingNote: orNull(values.handlingNote) } : {}) };
}

/* ---------- a team ---------- */

export type TeamEditValues = { name: string; areaUnitIds: string[]; establishedOn: string; decisionRef: string; note: string };

/** The PATCH body of a team's correction (the day already read as yyyy-mm-dd). */
export function teamEditBody(initial: TeamEditValues, values: TeamEditValues): Record<string, unknown> {
  const sorted = (v: TeamEditValues) => ({ ...v, areaUnitIds: [...v.areaUnitIds].sort() });
  const changed = changedFields(sorted(initial), sorted(values));
  return {
    ...changed,
    ...('areaUnitIds' in changed ? { areaUnitIds: values.areaUnitIds } : {}),
    ...('decisionRef' in changed ? { decisionRef: orNull(values.decisionRef) } : {}),
    ...('note' in changed ? { note: orNull(values.note) } : {}),
  };
}

/* ---------- a route and its checkpoints ---------- */

/** A checkpoint in the route's edit form: an existing one keeps its id (and its QR code), its block, street and place. */
export type CheckpointRow = {
  key: string;
  id?: string;
  name: string;
  unitId: string | null;
  street: string | null;
  lat: number | null;
  lng: number | null;
  radiusM?: number;
};

export function checkpointRows(route: Pick<PatrolRoute, 'checkpoints'>): CheckpointRow[] {
  return route.checkpoints.map((c) => ({
    key: c.id,
    id: c.id,
    name: c.name,
    unitId: c.unitId,
    street: c.street,
    lat: c.lat,
    lng: c.lng,
    radiusM: c.radiusM,
  }));
}

/** The body of PUT …/checkpoints: the rows in their order, each whole (what is left out is retired). */
export function checkpointsBody(rows: readonly CheckpointRow[]) {
  return rows.map(({ key: _, ...row }) => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name,
    unitId: row.unitId,
    street: row.street,
    lat: row.lat,
    lng: row.lng,
    ...(row.radiusM !== undefined ? { radiusM: row.radiusM } : {}),
  }));
}

/** Whether the checkpoints differ from the route's: order, names, added or removed. */
export function checkpointsChanged(initial: readonly CheckpointRow[], rows: readonly CheckpointRow[]): boolean {
  return !same(checkpointsBody(initial), checkpointsBody(rows));
}

/** Checkpoints of the route that the edited list leaves out (they are retired on save). */
export function removedCheckpoints(initial: readonly CheckpointRow[], rows: readonly CheckpointRow[]): CheckpointRow[] {
  const kept = new Set(rows.map((r) => r.id).filter(Boolean));
  return initial.filter((r) => r.id && !kept.has(r.id));
}
