import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const residencePlaces = pgTable(
  'residence_places',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    ownerName: text('owner_name').notNull(),
    managerName: text('manager_name'),
    phone: text('phone'),
    capacity: integer('capacity'),
    commitmentSignedOn: date('commitment_signed_on'),
    conditionsMet: boolean('conditions_met').notNull().default(false),
    note: text('note'),
    active: boolean('active').notNull().default(true),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type PlaceRow = typeof residencePlaces.$inferSelect;

export const residenceNotifications = pgTable(
  'residence_notifications',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    unitId: uuid('unit_id').notNull(),
    placeId: uuid('place_id'),
    channel: text('channel').notNull(),
    hostName: text('host_name').notNull(),
    hostContactEnc: text('host_contact_enc'),
    hostVerified: boolean('host_verified').notNull().default(false),
    address: text('address').notNull(),
    arrivalAt: timestamp('arrival_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    onTime: boolean('on_time').notNull(),
    departureOn: date('departure_on'),
    reason: text('reason'),
    consentVersion: text('consent_version'),
    consentTextSha256: text('consent_text_sha256'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type NotificationRow = typeof residenceNotifications.$inferSelect;

export const residenceGuests = pgTable(
  'residence_guests',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    notificationId: uuid('notification_id').notNull(),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type GuestRow = typeof residenceGuests.$inferSelect;

export const residenceInspections = pgTable(
  'residence_inspections',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    unitId: uuid('unit_id').notNull(),
    placeId: uuid('place_id'),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    plannedOn: date('planned_on').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    inspectors: text('inspectors').notNull(),
    address: text('address'),
    patrolRoundId: uuid('patrol_round_id'),
    peopleFound: integer('people_found').notNull().default(0),
    discrepancies: text('discrepancies'),
    violations: text('violations').array().notNull().default([]),
    measure: text('measure').notNull().default('none'),
    followUp: text('follow_up'),
    followUpOn: date('follow_up_on'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type InspectionRow = typeof residenceInspections.$inferSelect;

export const residencePeople = pgTable(
  'residence_people',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    placeId: uuid('place_id'),
    inspectionId: uuid('inspection_id'),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    address: text('address'),
    fromOn: date('from_on').notNull(),
    untilOn: date('until_on'),
    remindedOn: date('reminded_on'),
    note: text('note'),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type PersonRow = typeof residencePeople.$inferSelect;

export const residenceRetention = pgTable(
  'residence_retention',
  {
    wardId: uuid('ward_id').notNull(),
    recordType: text('record_type').notNull(),
    days: integer('days').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.recordType] })],
);

export const residenceCounters = pgTable(
  'residence_counters',
  {
    wardId: uuid('ward_id').notNull(),
    register: text('register').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.register, t.year] })],
);

export const residenceContactCodes = pgTable(
  'residence_contact_codes',
  {
    wardId: uuid('ward_id').notNull(),
    id: text('id').notNull(),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
