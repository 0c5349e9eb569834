import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const cameras = pgTable(
  'cameras',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    label: text('label').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    direction: doublePrecision('direction').notNull(),
    angle: doublePrecision('angle').notNull(),
    rangeM: doublePrecision('range_m').notNull(),
    covers: text('covers').array().notNull().default([]),
    retentionDays: integer('retention_days').notNull(),
    working: boolean('working').notNull().default(true),
    status: text('status').notNull().default('active'),
    withdrawnAt: ts('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
    ownerNameEnc: text('owner_name_enc'),
    contactEnc: text('contact_enc'),
    contactHash: text('contact_hash'),
    channel: text('channel'),
    contactVerified: boolean('contact_verified').notNull().default(false),
    consentVersion: text('consent_version'),
    consentAt: ts('consent_at'),
    linkVersion: integer('link_version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type CameraRow = typeof cameras.$inferSelect;
export type NewCameraRow = typeof cameras.$inferInsert;

export const cameraLimits = pgTable('camera_limits', {
  wardId: uuid('ward_id').notNull().primaryKey(),
  maxWindowHours: integer('max_window_hours').notNull(),
  maxRadiusM: integer('max_radius_m').notNull(),
  reason: text('reason'),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const footageRequests = pgTable(
  'footage_requests',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    reference: text('reference').notNull(),
    referenceKind: text('reference_kind').notNull(),
    purpose: text('purpose').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    radiusM: integer('radius_m').notNull(),
    fromAt: ts('from_at').notNull(),
    toAt: ts('to_at').notNull(),
    exception: boolean('exception').notNull().default(false),
    limits: jsonb('limits').notNull().$type<{ maxWindowHours: number; maxRadiusMetres: number }>(),
    requestedBy: uuid('requested_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type FootageRequestRow = typeof footageRequests.$inferSelect;

export const footageRequestCameras = pgTable(
  'footage_request_cameras',
  {
    wardId: uuid('ward_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    cameraId: uuid('camera_id').notNull(),
    distanceM: doublePrecision('distance_m').notNull(),
    notified: boolean('notified').notNull().default(false),
    outcome: text('outcome').notNull().default('pending'),
    answeredAt: ts('answered_at'),
    note: text('note'),
    fileKey: text('file_key'),
    fileDataKey: text('file_data_key'),
    fileMime: text('file_mime'),
    fileName: text('file_name'),
    fileQuarantined: boolean('file_quarantined'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
export type FootageTargetRow = typeof footageRequestCameras.$inferSelect;

export const cameraContactCodes = pgTable(
  'camera_contact_codes',
  {
    wardId: uuid('ward_id').notNull(),
    id: text('id').notNull(),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.id] })],
);
