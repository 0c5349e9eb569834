import {
  type CheckpointMethod,
  type CreateRoundInput,
  createRoundSchema,
  type IncidentHandling,
  type IncidentType,
  type ParticipantKind,
  participantsError,
  type ResidenceFinding,
  roundTimesError,
} from '@binh-an/domain';
import type { QueuedRound } from './offline/outbox.ts';
import type { FieldKit, KitTeam } from './offline/vault.ts';

/** Vietnam is UTC+7 all year: times typed on the phone are Vietnam times. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** An instant as the value of a datetime-local field, in Vietnam time: "2026-11-26T20:05". */
export function toVnLocal(at: Date | string): string {
  return new Date(new Date(at).getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Vietnam time, as an ISO instant with its offset; null when it is not one. */
export function vnLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+07:00`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || toVnLocal(date) !== local.trim()) return null;
  return iso;
}

/** An instant with the Vietnam offset, to the second: "2026-11-26T20:05:31+07:00". */
export function vnIso(at: Date): string {
  return `${new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

export type DraftCheckpoint = {
  checkpointId: string;
  at: string;
  method: CheckpointMethod;
  code?: string;
  lat?: number;
  lng?: number;
  accuracyM?: number;
};
export type DraftGuest = { key: string; name: string; kind: ParticipantKind };
export type DraftResidenceCheck = {
  key: string;
  address: string;
  premises: string;
  peopleChecked: string;
  findings: ResidenceFinding[];
  action: string;
  note: string;
};
export type DraftIncident = {
  key: string;
  type: IncidentType | '';
  occurredAt: string;
  place: string;
  description: string;
  handling: IncidentHandling | '';
  handlingNote: string;
};

/** The record form as typed (kept sealed on the device while unfinished). */
export type DraftRound = {
  teamId: string;
  routeId: string;
  shiftId: string;
  startedAt: string;
  endedAt: string;
  memberIds: string[];
  guests: DraftGuest[];
  checkpoints: DraftCheckpoint[];
  withGps: boolean;
  residenceChecks: DraftResidenceCheck[];
  incidents: DraftIncident[];
  note: string;
};

/** A fresh form: the first team, its first route, the account's own member, the last hour. */
export function newDraft(kit: FieldKit, now: Date, keep?: Pick<DraftRound, 'teamId' | 'routeId' | 'withGps'>): DraftRound {
  const team = kit.teams.find((t) => t.id === keep?.teamId) ?? kit.teams[0];
  const routeId = keep && team && team.id === keep.teamId ? keep.routeId : (team?.routes?.[0]?.id ?? '');
  return {
    teamId: team?.id ?? '',
    routeId,
    shiftId: '',
    startedAt: toVnLocal(new Date(now.getTime() - 3_600_000)),
    endedAt: toVnLocal(now),
    memberIds: team?.myMemberId ? [team.myMemberId] : [],
    guests: [],
    checkpoints: [],
    withGps: keep?.withGps ?? false,
    residenceChecks: [],
    incidents: [],
    note: '',
  };
}

/** What changes when another team is chosen: its route and its own member; marks of the other route go. */
export function switchTeam(draft: DraftRound, team: KitTeam | undefined): DraftRound {
  return {
    ...draft,
    teamId: team?.id ?? '',
    routeId: team?.routes?.[0]?.id ?? '',
    shiftId: '',
    memberIds: team?.myMemberId ? [team.myMemberId] : [],
    checkpoints: [],
  };
}

export type BuildResult = { round: QueuedRound; errors: null } | { round: null; errors: Record<string, string> };

/**
 * Turns the form into the body of POST /rounds, checked by the same rules as the server (the shared schema, one turn
 * per person, times in order, at most 24 hours, not in the future). Errors are message keys, by field.
 */
export function buildRound(draft: DraftRound, kit: FieldKit, now: Date): BuildResult {
  const errors: Record<string, string> = {};
  const team = kit.teams.find((t) => t.id === draft.teamId);
  if (!team) errors.teamId = 'validation.required';
  const startedAt = vnLocalToIso(draft.startedAt);
  const endedAt = vnLocalToIso(draft.endedAt);
  if (!startedAt) errors.startedAt = 'patrolsPage.record.timeInvalid';
  if (!endedAt) errors.endedAt = 'patrolsPage.record.timeInvalid';
  if (startedAt && endedAt) {
    const timeError = roundTimesError(startedAt, endedAt, now);
    if (timeError) errors.endedAt = timeError;
  }
  const guests = draft.guests.filter((g) => g.name.trim() !== '');
  const participants: CreateRoundInput['participants'] = [
    ...draft.memberIds.map((memberId) => ({ memberId })),
    ...guests.map((g) => ({ name: g.name.trim(), kind: g.kind })),
  ];
  if (participants.length === 0) errors.participants = 'patrols.participantsRequired';
  else {
    const twice = participantsError(participants);
    if (twice) errors.participants = twice;
  }
  draft.residenceChecks.forEach((r, i) => {
    if (!r.address.trim()) errors[`residenceChecks.${i}.address`] = 'validation.required';
    if (!r.premises) errors[`residenceChecks.${i}.premises`] = 'validation.required';
    if (!/^\d{1,3}$/.test(r.peopleChecked.trim())) errors[`residenceChecks.${i}.peopleChecked`] = 'patrolsPage.record.countInvalid';
  });
  draft.incidents.forEach((incident, i) => {
    if (!incident.type) errors[`incidents.${i}.type`] = 'validation.required';
    if (!incident.handling) errors[`incidents.${i}.handling`] = 'validation.required';
    if (!incident.description.trim()) errors[`incidents.${i}.description`] = 'validation.required';
    if (!vnLocalToIso(incident.occurredAt)) errors[`incidents.${i}.occurredAt`] = 'patrolsPage.record.timeInvalid';
  });
  if (Object.keys(errors).length > 0 || !team || !startedAt || !endedAt) return { round: null, errors };

  const route = team.routes?.find((r) => r.id === draft.routeId);
  const shift = kit.shifts.find((s) => s.id === draft.shiftId && s.teamId === team.id);
  const body: CreateRoundInput = {
    teamId: team.id,
    routeId: route ? route.id : null,
    ...(shift ? { shiftId: shift.id } : {}),
    startedAt,
    endedAt,
    participants,
    ...(route && draft.checkpoints.length > 0
      ? { checkpoints: draft.checkpoints.filter((c) => route.checkpoints.some((cp) => cp.id === c.checkpointId)) }
      : {}),
    ...(draft.residenceChecks.length > 0
      ? {
          residenceChecks: draft.residenceChecks.map((r) => ({
            address: r.address.trim(),
            premises: r.premises as NonNullable<CreateRoundInput['residenceChecks']>[number]['premises'],
            peopleChecked: Number(r.peopleChecked.trim()),
            findings: r.findings,
            ...(r.action ? { action: r.action as 'reminded' | 'guided_to_register' | 'reported_to_police' } : {}),
            ...(r.note.trim() ? { note: r.note.trim() } : {}),
          })),
        }
      : {}),
    ...(draft.incidents.length > 0
      ? {
          incidents: draft.incidents.map((incident) => ({
            type: incident.type as IncidentType,
            occurredAt: vnLocalToIso(incident.occurredAt) as string,
            ...(incident.place.trim() ? { place: incident.place.trim() } : {}),
            description: incident.description.trim(),
            handling: incident.handling as IncidentHandling,
            ...(incident.handlingNote.trim() ? { handlingNote: incident.handlingNote.trim() } : {}),
          })),
        }
      : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    recordedOnDeviceAt: vnIso(now),
  };
  const parsed = createRoundSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) errors[path || 'form'] = issue.message;
    }
    return { round: null, errors };
  }
  return { round: { body, label: { teamName: team.name, routeName: route?.name ?? null } }, errors: null };
}

let draftKey = 0;
const itemKey = () => `r${(draftKey++).toString(36)}`;

/** A queued round back in the form (to correct what the server refused); it keeps its times, people and marks. */
export function draftFromRound(body: CreateRoundInput): DraftRound {
  return {
    teamId: body.teamId,
    routeId: body.routeId ?? '',
    shiftId: body.shiftId ?? '',
    startedAt: toVnLocal(body.startedAt),
    endedAt: toVnLocal(body.endedAt),
    memberIds: body.participants.flatMap((p) => (p.memberId ? [p.memberId] : [])),
    guests: body.participants.flatMap((p) =>
      !p.memberId && p.name && p.kind ? [{ key: itemKey(), name: p.name, kind: p.kind as ParticipantKind }] : [],
    ),
    checkpoints: (body.checkpoints ?? []).map((c) => ({ ...c })),
    withGps: (body.checkpoints ?? []).some((c) => c.lat !== undefined),
    residenceChecks: (body.residenceChecks ?? []).map((r) => ({
      key: itemKey(),
      address: r.address,
      premises: r.premises,
      peopleChecked: String(r.peopleChecked),
      findings: [...r.findings],
      action: r.action ?? '',
      note: r.note ?? '',
    })),
    incidents: (body.incidents ?? []).map((i) => ({
      key: itemKey(),
      type: i.type,
      occurredAt: toVnLocal(i.occurredAt),
      place: i.place ?? '',
      description: i.description,
      handling: i.handling,
      handlingNote: i.handlingNote ?? '',
    })),
    note: body.note ?? '',
  };
}
