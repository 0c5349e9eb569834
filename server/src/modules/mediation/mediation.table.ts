import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const mediationTeams = pgTable(
  'mediation_teams',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on').notNull(),
    decisionRef: text('decision_ref'),
    ethnicArea: boolean('ethnic_area').notNull().default(false),
    closedOn: date('closed_on'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type MediationTeamRow = typeof mediationTeams.$inferSelect;

export const mediationMembers = pgTable(
  'mediation_members',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    teamId: uuid('team_id').notNull(),
    fullName: text('full_name').notNull(),
    gender: text('gender').notNull(),
    birthYear: integer('birth_year'),
    ethnicMinority: boolean('ethnic_minority').notNull().default(false),
    role: text('role').notNull(),
    joinedOn: date('joined_on').notNull(),
    proposedOn: date('proposed_on'),
    recognisedOn: date('recognised_on'),
    decisionRef: text('decision_ref'),
    trainedOn: date('trained_on'),
    trainingNote: text('training_note'),
    leftOn: date('left_on'),
    leaveReason: text('leave_reason'),
    leaderVotesFor: integer('leader_votes_for'),
    leaderVotesTotal: integer('leader_votes_total'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type MediationMemberRow = typeof mediationMembers.$inferSelect;

export type MediationParty = { name: string; age?: number; address?: string; related?: boolean };

export const mediationCases = pgTable(
  'mediation_cases',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    teamId: uuid('team_id'),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    receivedOn: date('received_on').notNull(),
    ground: text('ground').notNull(),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    parties: jsonb('parties').$type<MediationParty[]>().notNull(),
    partyKeys: text('party_keys').array().notNull(),
    mediatorIds: uuid('mediator_ids').array().notNull(),
    invitees: text('invitees'),
    exclusions: text('exclusions').array().notNull(),
    refusalNote: text('refusal_note'),
    status: text('status').notNull(),
    resultOn: date('result_on'),
    agreement: text('agreement'),
    demands: text('demands'),
    writtenRecord: boolean('written_record').notNull().default(false),
    performance: text('performance'),
    risk: text('risk').notNull().default('none'),
    riskNote: text('risk_note'),
    recurring: boolean('recurring').notNull().default(false),
    sourceTipId: uuid('source_tip_id'),
    sourceTipNumber: text('source_tip_number'),
    referredOn: date('referred_on'),
    referredCaseId: uuid('referred_case_id'),
    referredCaseNumber: text('referred_case_number'),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type MediationCaseRow = typeof mediationCases.$inferSelect;

export const mediationSessions = pgTable(
  'mediation_sessions',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place'),
    summary: text('summary').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const mediationFollowUps = pgTable(
  'mediation_follow_ups',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    onDay: date('on_day').notNull(),
    state: text('state').notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);

export const mediationNotifications = pgTable(
  'mediation_notifications',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    readBy: uuid('read_by'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
