import { boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const patrolTeams = pgTable(
  'patrol_teams',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on').notNull(),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    decisionRef: text('decision_ref'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type TeamRow = typeof patrolTeams.$inferSelect;

export const patrolTeamAreas = pgTable(
  'patrol_team_areas',
  {
    wardId: uuid('ward_id').notNull(),
    teamId: uuid('team_id').notNull(),
    unitId: uuid('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.teamId, t.unitId] })],
);

export const patrolMembers = pgTable(
  'patrol_members',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id'),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date'),
    role: text('role').notNull(),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    leaveReason: text('leave_reason'),
    phone: text('phone'),
    address: text('address'),
    ageExceptionRef: text('age_exception_ref'),
    decisionRef: text('decision_ref'),
    note: text('note'),
    icalTokenHash: text('ical_token_hash'),
    icalCreatedAt: ts('ical_created_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type MemberRow = typeof patrolMembers.$inferSelect;

export const patrolRatings = pgTable(
  'patrol_ratings',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    memberId: uuid('member_id'),
    year: integer('year').notNull(),
    level: text('level').notNull(),
    note: text('note'),
    ratedBy: uuid('rated_by'),
    ratedAt: ts('rated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type RatingRow = typeof patrolRatings.$inferSelect;

export const patrolRoutes = pgTable(
  'patrol_routes',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id'),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type RouteRow = typeof patrolRoutes.$inferSelect;

export const patrolCheckpoints = pgTable(
  'patrol_checkpoints',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    routeId: uuid('route_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    unitId: uuid('unit_id'),
    street: text('street'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    radiusM: integer('radius_m').notNull().default(100),
    code: text('code').notNull(),
    retiredAt: ts('retired_at'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type CheckpointRow = typeof patrolCheckpoints.$inferSelect;

export const patrolSchedules = pgTable(
  'patrol_schedules',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    routeId: uuid('route_id'),
    name: text('name').notNull(),
    recurrence: jsonb('recurrence').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    memberIds: uuid('member_ids').array().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type ScheduleRow = typeof patrolSchedules.$inferSelect;

export const patrolShifts = pgTable(
  'patrol_shifts',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    scheduleId: uuid('schedule_id'),
    routeId: uuid('route_id'),
    onDay: date('on_day').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    cancelled: boolean('cancelled').notNull().default(false),
    note: text('note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type ShiftRow = typeof patrolShifts.$inferSelect;

export const patrolShiftMembers = pgTable(
  'patrol_shift_members',
  {
    wardId: uuid('ward_id').notNull(),
    shiftId: uuid('shift_id').notNull(),
    memberId: uuid('member_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.shiftId, t.memberId] })],
);

export const patrolRounds = pgTable(
  'patrol_rounds',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    routeId: uuid('route_id'),
    shiftId: uuid('shift_id'),
    plannedStart: ts('planned_start'),
    plannedEnd: ts('planned_end'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    startedOn: date('started_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull(),
    recordedOnDeviceAt: ts('recorded_on_device_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type RoundRow = typeof patrolRounds.$inferSelect;

export const patrolRoundParticipants = pgTable(
  'patrol_round_participants',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    memberId: uuid('member_id'),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const patrolCheckpointVisits = pgTable(
  'patrol_checkpoint_visits',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    checkpointId: uuid('checkpoint_id').notNull(),
    at: ts('at').notNull(),
    method: text('method').notNull(),
    verified: boolean('verified').notNull(),
    distanceM: integer('distance_m'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracyM: doublePrecision('accuracy_m'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const patrolResidenceChecks = pgTable(
  'patrol_residence_checks',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    unitId: uuid('unit_id'),
    address: text('address').notNull(),
    premises: text('premises').notNull(),
    peopleChecked: integer('people_checked').notNull(),
    findings: text('findings').array().notNull().default([]),
    action: text('action'),
    note: text('note'),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const patrolIncidents = pgTable(
  'patrol_incidents',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    type: text('type').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    place: text('place'),
    unitId: uuid('unit_id'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    description: text('description').notNull(),
    handling: text('handling').notNull(),
    handlingNote: text('handling_note'),
    caseId: uuid('case_id'),
    caseNumber: text('case_number'),
    handedAt: ts('handed_at'),
    handedBy: uuid('handed_by'),
    position: integer('position').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type IncidentRow = typeof patrolIncidents.$inferSelect;
