import { z } from 'zod';
import { cursorQuery, dateOnly, trimmed } from '../common/common.schemas.ts';

/**
 * The kinds of team that patrol (domain-vn.md §5):
 * - `ward_police`: the ward police (Công an phường) with its area police (cảnh sát khu vực);
 * - `security_team`: a security and order protection team (Tổ bảo vệ an ninh, trật tự) of the Law on the forces taking
 *   part in protecting security and order at the grassroots 2023, in force from 01/07/2024; its area is one or more
 *   blocks (Art. 2, 14.2);
 * - `neighbourhood_guard`: the civil defence force (bảo vệ dân phố) that the 2023 Law replaced; kept for the records
 *   made before 01/07/2024 (the Lê Mao article of 2020 speaks of it);
 * - `people_patrol`: a block's people's patrol team (tổ tuần tra nhân dân), e.g. Trung Mỹ and Tân Quang;
 * - `school_gate`: a school's traffic-safe gate team (cổng trường an toàn giao thông).
 */
export const PATROL_TEAM_KINDS = ['ward_police', 'security_team', 'neighbourhood_guard', 'people_patrol', 'school_gate'] as const;
export const patrolTeamKindSchema = z.enum(PATROL_TEAM_KINDS);
export type PatrolTeamKind = z.infer<typeof patrolTeamKindSchema>;

/** Tổ trưởng, tổ phó, tổ viên. */
export const PATROL_MEMBER_ROLES = ['leader', 'deputy', 'member'] as const;
export const patrolMemberRoleSchema = z.enum(PATROL_MEMBER_ROLES);
export type PatrolMemberRole = z.infer<typeof patrolMemberRoleSchema>;

/** The four levels of the yearly rating of teams and members (Hướng dẫn 01/HD-BCA-V05; domain-vn.md §5.3), best first. */
export const PATROL_RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export const patrolRatingSchema = z.enum(PATROL_RATINGS);
export type PatrolRating = z.infer<typeof patrolRatingSchema>;

/** Each participant of a round is one turn (lượt), counted as a police officer's or a civilian's. */
export const PARTICIPANT_KINDS = ['officer', 'civilian'] as const;
export const participantKindSchema = z.enum(PARTICIPANT_KINDS);
export type ParticipantKind = z.infer<typeof participantKindSchema>;

/** How a checkpoint was marked as reached: its QR code scanned, a tap on the phone, or the phone's position. */
export const CHECKPOINT_METHODS = ['qr', 'tap', 'gps'] as const;
export const checkpointMethodSchema = z.enum(CHECKPOINT_METHODS);
export type CheckpointMethod = z.infer<typeof checkpointMethodSchema>;

export const INCIDENT_TYPES = [
  'public_disorder',
  'fight',
  'theft',
  'drugs',
  'gambling',
  'traffic',
  'fire',
  'suspicious',
  'domestic_violence',
  'noise',
  'other',
] as const;
export const incidentTypeSchema = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof incidentTypeSchema>;

/**
 * How an incident met on patrol was handled: a warning, mediation on the spot, handed to the ward police (which records
 * a case in the register: Luật 2023 Art. 7, "report immediately to the commune police"), or only noted.
 */
export const INCIDENT_HANDLINGS = ['warned', 'mediated', 'handed_to_police', 'noted'] as const;
export const incidentHandlingSchema = z.enum(INCIDENT_HANDLINGS);
export type IncidentHandling = z.infer<typeof incidentHandlingSchema>;

/** The places a residence check looks at (TT 55/2021 Art. 24 as amended by TT 53/2025: households, rented houses …). */
export const RESIDENCE_PREMISES = ['household', 'rented_room', 'guest_house', 'dormitory', 'other'] as const;
export const residencePremisesSchema = z.enum(RESIDENCE_PREMISES);

/** What a residence check found wrong (Luật Cư trú 2020 Art. 27–31); none means in order. */
export const RESIDENCE_FINDINGS = [
  'stay_not_notified',
  'temporary_residence_not_registered',
  'absence_not_declared',
  'papers_not_shown',
  'other',
] as const;
export const residenceFindingSchema = z.enum(RESIDENCE_FINDINGS);
export type ResidenceFinding = z.infer<typeof residenceFindingSchema>;

export const RESIDENCE_ACTIONS = ['reminded', 'guided_to_register', 'reported_to_police'] as const;
export const residenceActionSchema = z.enum(RESIDENCE_ACTIONS);

export const SCHEDULE_FREQUENCIES = ['weekly', 'monthly'] as const;

/** A longer text: NFC, trimmed, at most `max` characters (empty allowed). */
const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().max(max, { message: 'validation.tooLong' }));

const id = z.uuid({ message: 'validation.id' });
/** An instant with its offset, as a phone records it: 2020-03-14T20:05:00+07:00. */
const instant = z.iso.datetime({ offset: true, message: 'patrols.instant' });
const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+][0-9 .()-]{5,19}$/, { message: 'patrols.phoneFormat' });

const latitude = z.number().min(-90, { message: 'patrols.coordinates' }).max(90, { message: 'patrols.coordinates' });
const longitude = z.number().min(-180, { message: 'patrols.coordinates' }).max(180, { message: 'patrols.coordinates' });

/* ---------- teams ---------- */

export const createTeamSchema = z.strictObject({
  kind: patrolTeamKindSchema,
  name: trimmed(1, 200),
  /** Where the team belongs: the ward (ward police, a ward-wide team), a block (people's patrol) or a school. */
  unitId: id,
  /** The blocks the team is responsible for (địa bàn phụ trách): one or more for a Tổ bảo vệ ANTT. */
  areaUnitIds: z.array(id).max(50).refine(unique, { message: 'patrols.duplicateItem' }).optional(),
  /** The day of the decision setting the team up. */
  establishedOn: dateOnly,
  /** The number of that decision (of the commune People's Committee for a Tổ bảo vệ ANTT). */
  decisionRef: text(100).optional(),
  note: text(1000).optional(),
});
export type CreateTeamInput = z.input<typeof createTeamSchema>;

export const updateTeamSchema = z
  .strictObject({
    name: trimmed(1, 200).optional(),
    areaUnitIds: createTeamSchema.shape.areaUnitIds,
    establishedOn: dateOnly.optional(),
    decisionRef: text(100).nullable().optional(),
    note: text(1000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

/** Closing a team (dissolved, merged, replaced by a Tổ bảo vệ ANTT): its members leave on the same day. */
export const closeTeamSchema = z.strictObject({ closedOn: dateOnly, reason: text(500).optional() });

const unitRef = z.object({ id: z.uuid(), name: z.string() });

export const teamSchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  kind: patrolTeamKindSchema,
  /** Police or civilian: the kind of turn its members' participation counts as. */
  force: participantKindSchema,
  /** A kind kept only for records made before 01/07/2024 (bảo vệ dân phố). */
  isLegacy: z.boolean(),
  name: z.string(),
  area: z.array(unitRef),
  establishedOn: z.string(),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
  decisionRef: z.string().nullable(),
  note: z.string().nullable(),
  isActive: z.boolean(),
  memberCount: z.number().int(),
  leader: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  /** Whether the caller belongs to the team (a civil guard or block leader sees only such teams). */
  isMine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatrolTeam = z.infer<typeof teamSchema>;

export const TEAM_STATUSES = ['active', 'closed', 'all'] as const;

export const listTeamsQuerySchema = z.strictObject({
  /** Searches the team's name, without regard to diacritics. */
  q: z.string().max(200).optional(),
  kind: patrolTeamKindSchema.optional(),
  /** The team's own unit, or a block of its area. */
  unitId: id.optional(),
  status: z.enum(TEAM_STATUSES).optional(),
  ...cursorQuery,
});

export const exportTeamsQuerySchema = listTeamsQuerySchema.omit({ cursor: true, limit: true });

/* ---------- members ---------- */

const memberFields = {
  fullName: trimmed(1, 200),
  /** Needed where the law sets an age (a Tổ bảo vệ ANTT: 18 to 70, Luật 2023 Art. 13). */
  birthDate: dateOnly.nullable().optional(),
  role: patrolMemberRoleSchema,
  joinedOn: dateOnly,
  phone: phoneSchema.nullable().optional(),
  address: text(300).nullable().optional(),
  /** The account of the member, when they have one (a civil guard, a block leader, an officer). */
  userId: id.nullable().optional(),
  /**
   * For a member over 70: the commune chair's decision that lets them serve (Luật 2023 Art. 13 allows it when the
   * person is healthy, on the commune police's proposal).
   */
  ageExceptionRef: text(200).nullable().optional(),
  decisionRef: text(100).nullable().optional(),
  note: text(1000).nullable().optional(),
};

export const addMemberSchema = z.strictObject(memberFields);
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const updateMemberSchema = z
  .strictObject({
    fullName: memberFields.fullName.optional(),
    birthDate: memberFields.birthDate,
    role: patrolMemberRoleSchema.optional(),
    joinedOn: dateOnly.optional(),
    phone: memberFields.phone,
    address: memberFields.address,
    userId: memberFields.userId,
    ageExceptionRef: memberFields.ageExceptionRef,
    decisionRef: memberFields.decisionRef,
    note: memberFields.note,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

export const leaveMemberSchema = z.strictObject({ leftOn: dateOnly, reason: text(500).optional() });

export const ratingViewSchema = z.object({
  year: z.number().int(),
  /** The rating period: 15/11 of the year before to 14/11 of the year. */
  period: z.object({ from: z.string(), to: z.string() }),
  level: patrolRatingSchema,
  note: z.string().nullable(),
  ratedAt: z.string(),
});

export const memberSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  teamKind: patrolTeamKindSchema,
  fullName: z.string(),
  birthDate: z.string().nullable(),
  role: patrolMemberRoleSchema,
  /** The kind of turn this member's participation counts as. */
  force: participantKindSchema,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  leaveReason: z.string().nullable(),
  isActive: z.boolean(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }).nullable(),
  ageExceptionRef: z.string().nullable(),
  decisionRef: z.string().nullable(),
  note: z.string().nullable(),
  /** Whether a calendar feed of the member's shifts is open (its address is shown only once, when made). */
  hasCalendarFeed: z.boolean(),
  ratings: z.array(ratingViewSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatrolMember = z.infer<typeof memberSchema>;

export const listMembersQuerySchema = z.strictObject({ includeLeft: z.enum(['true', 'false']).optional() });

/**
 * A team's roster as the pickers need it: who, in what role, still serving or not. Names only — no birth date, phone,
 * address, account or note (those are read, audited, on the members list).
 */
export const rosterMemberSchema = z.strictObject({
  id: z.uuid(),
  fullName: z.string(),
  role: patrolMemberRoleSchema,
  isActive: z.boolean(),
});
export type PatrolRosterMember = z.infer<typeof rosterMemberSchema>;

export const rateSchema = z.strictObject({ level: patrolRatingSchema, note: text(500).optional() });
export const ratingYearParamsSchema = z.strictObject({
  id,
  year: z.coerce.number().int().min(2000, { message: 'patrols.rating.year' }).max(2100, { message: 'patrols.rating.year' }),
});

export const teamRatingsSchema = z.object({
  year: z.number().int(),
  period: z.object({ from: z.string(), to: z.string() }),
  team: ratingViewSchema.nullable(),
  /** Whether the team itself may be rated this year (set up at least 9 months before the period ends). */
  teamRatable: z.boolean(),
  members: z.array(
    z.object({
      memberId: z.uuid(),
      fullName: z.string(),
      role: patrolMemberRoleSchema,
      rating: ratingViewSchema.nullable(),
      ratable: z.boolean(),
      /** Why the member cannot be rated, in the caller's language. */
      reason: z.string().nullable(),
    }),
  ),
  /** The ward's members rated "excellent" may be at most 20 % of those rated "good" (HD 01/HD-BCA-V05). */
  quota: z.object({ excellent: z.number().int(), good: z.number().int(), maxExcellent: z.number().int(), withinQuota: z.boolean() }),
});

export const calendarFeedSchema = z.object({
  /** The feed's address for a phone calendar ("subscribe by URL"); shown once, it cannot be read back. */
  url: z.string(),
  /** The same with the webcal: scheme, which iOS opens as a subscription. */
  webcalUrl: z.string(),
  createdAt: z.string(),
});

/* ---------- routes and checkpoints ---------- */

export const checkpointInputSchema = z.strictObject({
  /** An existing checkpoint of the route (keeps its QR code); absent for a new one. */
  id: id.optional(),
  name: trimmed(1, 200),
  /** The block the checkpoint is in: reaching it covers that block. */
  unitId: id.nullable().optional(),
  street: text(200).nullable().optional(),
  lat: latitude.nullable().optional(),
  lng: longitude.nullable().optional(),
  /** How near the phone must be for a GPS mark to count, in metres. */
  radiusM: z.number().int().min(10).max(1000).optional(),
});

const checkpointList = z
  .array(checkpointInputSchema)
  .min(1, { message: 'patrols.checkpointsRequired' })
  .max(100, { message: 'patrols.tooManyItems' })
  .refine((list) => unique(list.map((c) => c.id).filter(Boolean)), { message: 'patrols.duplicateItem' })
  .refine((list) => list.every((c) => (c.lat == null) === (c.lng == null)), { message: 'patrols.coordinates' });

export const createRouteSchema = z.strictObject({
  name: trimmed(1, 200),
  /** The team that walks it; none for a ward-wide route any team may take. */
  teamId: id.nullable().optional(),
  description: text(1000).optional(),
  /** In the order they are walked. */
  checkpoints: checkpointList,
});

export const updateRouteSchema = z
  .strictObject({
    name: trimmed(1, 200).optional(),
    teamId: id.nullable().optional(),
    description: text(1000).nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

/** The route's checkpoints in their new order: listed ones are kept or added, the others retired (never deleted). */
export const replaceCheckpointsSchema = z.strictObject({ checkpoints: checkpointList });

export const checkpointSchema = z.object({
  id: z.uuid(),
  ordinal: z.number().int(),
  name: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  street: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  radiusM: z.number().int(),
  /**
   * The text of the checkpoint's QR code (`checkpointQrPayload`), shown only to those who print the codes (patrol.manage):
   * the phone reads it from the sticker and sends its code part, which the server checks.
   */
  qrPayload: z.string().nullable(),
});

export const routeSchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  checkpoints: z.array(checkpointSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatrolRoute = z.infer<typeof routeSchema>;

export const listRoutesQuerySchema = z.strictObject({
  teamId: id.optional(),
  q: z.string().max(200).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const checkpointParamsSchema = z.strictObject({ id, checkpointId: id });

/* ---------- schedules and shifts ---------- */

const weekday = z.number().int().min(1, { message: 'patrols.schedule.weekday' }).max(7, { message: 'patrols.schedule.weekday' });
const monthDay = z.number().int().min(1, { message: 'patrols.schedule.monthDay' }).max(31, { message: 'patrols.schedule.monthDay' });

/** Weekly on ISO weekdays (1 = Monday … 7 = Sunday), or monthly on days of the month (a missing day is skipped). */
export const recurrenceSchema = z.discriminatedUnion('freq', [
  z.strictObject({
    freq: z.literal('weekly'),
    weekdays: z.array(weekday).min(1, { message: 'validation.required' }).max(7).refine(unique, { message: 'patrols.duplicateItem' }),
  }),
  z.strictObject({
    freq: z.literal('monthly'),
    monthDays: z.array(monthDay).min(1, { message: 'validation.required' }).max(31).refine(unique, { message: 'patrols.duplicateItem' }),
  }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** A time of day in Vietnam, HH:MM. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'patrols.schedule.time' });

/** The longest span a schedule generates shifts over at once. */
export const SCHEDULE_MAX_DAYS = 366;

const memberIds = z.array(id).max(50, { message: 'patrols.tooManyItems' }).refine(unique, { message: 'patrols.duplicateItem' });

export const createScheduleSchema = z
  .strictObject({
    teamId: id,
    routeId: id.nullable().optional(),
    name: trimmed(1, 200),
    recurrence: recurrenceSchema,
    startTime: timeOfDaySchema,
    durationMinutes: z.number().int().min(15, { message: 'patrols.schedule.duration' }).max(720, { message: 'patrols.schedule.duration' }),
    validFrom: dateOnly,
    validTo: dateOnly,
    /** The members assigned to every shift the schedule makes (each shift can then be changed). */
    memberIds: memberIds.optional(),
  })
  .refine((v) => v.validTo >= v.validFrom, { message: 'patrols.periodInverted', path: ['validTo'] });

export const updateScheduleSchema = z
  .strictObject({
    name: trimmed(1, 200).optional(),
    routeId: id.nullable().optional(),
    recurrence: recurrenceSchema.optional(),
    startTime: timeOfDaySchema.optional(),
    durationMinutes: createScheduleSchema.shape.durationMinutes.optional(),
    validTo: dateOnly.optional(),
    memberIds: memberIds.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

const memberRef = z.object({ id: z.uuid(), fullName: z.string() });

export const scheduleSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  name: z.string(),
  recurrence: recurrenceSchema,
  startTime: z.string(),
  durationMinutes: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  members: z.array(memberRef),
  /** Shifts of the schedule from today on. */
  upcomingShifts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listSchedulesQuerySchema = z.strictObject({ teamId: id.optional() });

export const shiftSchema = z.object({
  id: z.uuid(),
  scheduleId: z.uuid().nullable(),
  teamId: z.uuid(),
  teamName: z.string(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  /** The day the shift starts, in Vietnam. */
  on: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelled: z.boolean(),
  note: z.string().nullable(),
  members: z.array(memberRef),
  /** The rounds recorded for the shift. */
  roundIds: z.array(z.uuid()),
});
export type PatrolShift = z.infer<typeof shiftSchema>;

/** The longest period one shift list covers. */
export const SHIFT_LIST_MAX_DAYS = 92;

export const listShiftsQuerySchema = z
  .strictObject({
    from: dateOnly,
    to: dateOnly,
    teamId: id.optional(),
    memberId: id.optional(),
    /** Only the shifts the caller is assigned to. */
    mine: z.enum(['true', 'false']).optional(),
  })
  .refine((v) => v.to >= v.from, { message: 'patrols.periodInverted', path: ['to'] });

export const updateShiftSchema = z
  .strictObject({
    memberIds: memberIds.optional(),
    routeId: id.nullable().optional(),
    cancelled: z.boolean().optional(),
    note: text(500).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

/* ---------- the patrol log ---------- */

/** A participant: a member of one of the ward's teams, or someone else named with the kind of turn they count as. */
export const participantInputSchema = z
  .strictObject({
    memberId: id.optional(),
    name: trimmed(1, 200).optional(),
    kind: participantKindSchema.optional(),
  })
  .refine((p) => (p.memberId ? p.name === undefined && p.kind === undefined : p.name !== undefined && p.kind !== undefined), {
    message: 'patrols.participantShape',
  });

export const checkpointVisitInputSchema = z
  .strictObject({
    checkpointId: id,
    at: instant,
    method: checkpointMethodSchema,
    /** The code part of the scanned QR payload (`parseCheckpointQr`), for `qr`. */
    code: z.string().max(64).optional(),
    lat: latitude.optional(),
    lng: longitude.optional(),
    /** The phone's stated accuracy, in metres. */
    accuracyM: z.number().min(0).max(10_000).optional(),
  })
  .refine((v) => v.method !== 'qr' || !!v.code, { message: 'patrols.qrCodeRequired', path: ['code'] })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: 'patrols.coordinates', path: ['lat'] })
  .refine((v) => v.method !== 'gps' || v.lat !== undefined, { message: 'patrols.gpsRequired', path: ['lat'] });

export const residenceCheckInputSchema = z.strictObject({
  /** The block the address is in. */
  unitId: id.nullable().optional(),
  address: trimmed(1, 300),
  premises: residencePremisesSchema,
  peopleChecked: z.number().int().min(0).max(500),
  /** Empty when everything was in order. */
  findings: z.array(residenceFindingSchema).max(RESIDENCE_FINDINGS.length).refine(unique, { message: 'patrols.duplicateItem' }),
  action: residenceActionSchema.nullable().optional(),
  note: text(1000).optional(),
});

export const incidentInputSchema = z
  .strictObject({
    type: incidentTypeSchema,
    occurredAt: instant,
    place: text(300).optional(),
    unitId: id.nullable().optional(),
    lat: latitude.optional(),
    lng: longitude.optional(),
    description: trimmed(1, 2000),
    handling: incidentHandlingSchema,
    handlingNote: text(1000).optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: 'patrols.coordinates', path: ['lat'] });

const roundTimes = (v: { startedAt?: string; endedAt?: string }) =>
  !(v.startedAt && v.endedAt) || Date.parse(v.endedAt) > Date.parse(v.startedAt);
const plannedTimes = (v: { plannedStart?: string | null; plannedEnd?: string | null }) =>
  !(v.plannedStart && v.plannedEnd) || Date.parse(v.plannedEnd) > Date.parse(v.plannedStart);

const participants = z
  .array(participantInputSchema)
  .min(1, { message: 'patrols.participantsRequired' })
  .max(50, { message: 'patrols.tooManyItems' });

/**
 * A round as the phone sends it, whole, once it is over (`POST /api/v1/patrols/rounds`, with an Idempotency-Key).
 * Times carry their offset; a round lasts at most 24 hours.
 */
export const createRoundSchema = z
  .strictObject({
    teamId: id,
    routeId: id.nullable().optional(),
    /** The shift the round was planned as, if any (its times become the planned ones unless given). */
    shiftId: id.nullable().optional(),
    plannedStart: instant.nullable().optional(),
    plannedEnd: instant.nullable().optional(),
    startedAt: instant,
    endedAt: instant,
    participants,
    checkpoints: z.array(checkpointVisitInputSchema).max(200, { message: 'patrols.tooManyItems' }).optional(),
    residenceChecks: z.array(residenceCheckInputSchema).max(100, { message: 'patrols.tooManyItems' }).optional(),
    incidents: z.array(incidentInputSchema).max(50, { message: 'patrols.tooManyItems' }).optional(),
    note: text(2000).optional(),
    /** When the phone saved the round (shown beside the server's time, never replacing it). */
    recordedOnDeviceAt: instant.optional(),
  })
  .refine(roundTimes, { message: 'patrols.endBeforeStart', path: ['endedAt'] })
  .refine(plannedTimes, { message: 'patrols.endBeforeStart', path: ['plannedEnd'] });
export type CreateRoundInput = z.input<typeof createRoundSchema>;

export const updateRoundSchema = z
  .strictObject({
    routeId: id.nullable().optional(),
    plannedStart: instant.nullable().optional(),
    plannedEnd: instant.nullable().optional(),
    startedAt: instant.optional(),
    endedAt: instant.optional(),
    /** Replaces the participants. */
    participants: participants.optional(),
    note: text(2000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' })
  .refine(roundTimes, { message: 'patrols.endBeforeStart', path: ['endedAt'] })
  .refine(plannedTimes, { message: 'patrols.endBeforeStart', path: ['plannedEnd'] });

export const updateIncidentSchema = z
  .strictObject({
    type: incidentTypeSchema.optional(),
    description: trimmed(1, 2000).optional(),
    handling: incidentHandlingSchema.optional(),
    handlingNote: text(1000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'patrols.nothingToUpdate' });

export const incidentParamsSchema = z.strictObject({ id, incidentId: id });

const turnsSchema = z.object({ total: z.number().int(), officers: z.number().int(), civilians: z.number().int() });

export const roundIncidentSchema = z.object({
  id: z.uuid(),
  type: incidentTypeSchema,
  occurredAt: z.string(),
  place: z.string().nullable(),
  unitId: z.uuid().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  description: z.string(),
  handling: incidentHandlingSchema,
  handlingNote: z.string().nullable(),
  /** The case recorded in the register when the incident was handed to the police. */
  case: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  handedAt: z.string().nullable(),
});

export const roundSchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  teamKind: patrolTeamKindSchema,
  unitId: z.uuid(),
  unitName: z.string(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  shiftId: z.uuid().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMinutes: z.number().int(),
  participants: z.array(z.object({ id: z.uuid(), memberId: z.uuid().nullable(), name: z.string(), kind: participantKindSchema })),
  turns: turnsSchema,
  checkpoints: z.array(
    z.object({
      id: z.uuid(),
      checkpointId: z.uuid(),
      name: z.string(),
      ordinal: z.number().int(),
      unitId: z.uuid().nullable(),
      at: z.string(),
      method: checkpointMethodSchema,
      /** A matching QR code, or a GPS fix within the checkpoint's radius. */
      verified: z.boolean(),
      distanceM: z.number().nullable(),
    }),
  ),
  /** Active checkpoints of the route, for "reached 5 of 6". */
  checkpointsPlanned: z.number().int(),
  residenceChecks: z.array(
    z.object({
      id: z.uuid(),
      unitId: z.uuid().nullable(),
      address: z.string(),
      premises: residencePremisesSchema,
      peopleChecked: z.number().int(),
      findings: z.array(residenceFindingSchema),
      action: residenceActionSchema.nullable(),
      note: z.string().nullable(),
    }),
  ),
  incidents: z.array(roundIncidentSchema),
  note: z.string().nullable(),
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  recordedAt: z.string(),
  recordedOnDeviceAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type PatrolRound = z.infer<typeof roundSchema>;

export const roundSummarySchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  unitName: z.string(),
  routeName: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMinutes: z.number().int(),
  turns: turnsSchema,
  checkpointsReached: z.number().int(),
  residenceChecks: z.number().int(),
  incidents: z.number().int(),
  handedToPolice: z.number().int(),
});

export const listRoundsQuerySchema = z
  .strictObject({
    teamId: id.optional(),
    routeId: id.optional(),
    /** Bounds on the day the round started, in Vietnam, inclusive. */
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    hasIncidents: z.enum(['true', 'false']).optional(),
    ...cursorQuery,
  })
  .refine((v) => !(v.from && v.to) || v.from <= v.to, { message: 'patrols.periodInverted', path: ['to'] });

export const exportRoundsQuerySchema = z
  .strictObject({
    teamId: id.optional(),
    routeId: id.optional(),
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    hasIncidents: z.enum(['true', 'false']).optional(),
  })
  .refine((v) => !(v.from && v.to) || v.from <= v.to, { message: 'patrols.periodInverted', path: ['to'] });

/* ---------- figures ---------- */

export const patrolFiguresQuerySchema = z
  .strictObject({ unit: z.string().min(1).max(100), from: dateOnly, to: dateOnly, teamId: id.optional() })
  .refine((v) => v.from <= v.to, { message: 'patrols.periodInverted', path: ['to'] });

const count = z.number().int().min(0);
const byKey = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [P in K[number]]: typeof count });

/** The figures of the patrol log of a unit and its sub-units over a period (counts only). */
export const patrolFiguresSchema = z.object({
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  /** Rounds started in the period (Vietnam days). */
  rounds: count,
  /** Participants of those rounds, each one turn. */
  turns: count,
  officerTurns: count,
  civilianTurns: count,
  /** Hours patrolled (each round once), to one decimal. */
  hours: z.number().min(0),
  /** Hours times participants, to one decimal. */
  personHours: z.number().min(0),
  incidents: z.object({ total: count, handedToPolice: count, byType: byKey(INCIDENT_TYPES), byHandling: byKey(INCIDENT_HANDLINGS) }),
  residenceChecks: z.object({ total: count, withFindings: count, peopleChecked: count, byFinding: byKey(RESIDENCE_FINDINGS) }),
  /** Blocks of the unit in force during the period, and those a round reached (a checkpoint or a residence check). */
  coverage: z.object({
    blocks: count,
    covered: count,
    rate: z.number().min(0).max(1).nullable(),
    uncovered: z.array(unitRef),
  }),
  byMonth: z.array(z.object({ month: z.string(), rounds: count, turns: count, hours: z.number().min(0) })),
  byTeam: z.array(
    z.object({ teamId: z.uuid(), name: z.string(), kind: patrolTeamKindSchema, rounds: count, turns: count, hours: z.number().min(0) }),
  ),
});
export type PatrolFigures = z.infer<typeof patrolFiguresSchema>;

/** The patrol figures the report summary carries (`GET /api/v1/reports/summary`). */
export const patrolSummarySchema = z.object({
  rounds: count,
  turns: count,
  officerTurns: count,
  civilianTurns: count,
  hours: z.number().min(0),
  incidents: count,
  residenceChecks: count,
  /** Blocks in force during the period and those the rounds reached. */
  blocks: count,
  blocksCovered: count,
});
export type PatrolSummary = z.infer<typeof patrolSummarySchema>;

/** `GET /api/v1/patrols/me`: the teams the caller belongs to and what they may do. */
export const patrolMeSchema = z.object({
  memberships: z.array(
    z.object({
      memberId: z.uuid(),
      teamId: z.uuid(),
      teamName: z.string(),
      teamKind: patrolTeamKindSchema,
      role: patrolMemberRoleSchema,
      force: participantKindSchema,
      hasCalendarFeed: z.boolean(),
    }),
  ),
  canManage: z.boolean(),
  canRecord: z.boolean(),
});
