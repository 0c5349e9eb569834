import { z } from 'zod';
import { dateOnly, trimmed } from '../common/common.schemas.ts';
import { normaliseCccd, parseCccd, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, RETENTION_RECORD_TYPES } from './residence.rules.ts';

/** Accommodation places the ward watches (TT 55/2021 Art. 24 as rewritten by TT 53/2025: dormitories, worker housing, rented houses). */
export const PLACE_KINDS = ['rented_rooms', 'boarding_house', 'guest_house', 'hotel', 'dormitory', 'worker_housing', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
/** How a stay notification reached the ward: its published channels (domain-vn.md §3.2). */
export const NOTIFICATION_CHANNELS = ['public_form', 'phone', 'in_person', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const RESIDENT_KINDS = ['temporary_residence', 'absence'] as const;
export type ResidentKind = (typeof RESIDENT_KINDS)[number];
/** Where the ward learned of a temporary resident or absence. */
export const RESIDENT_SOURCES = ['inspection', 'notification', 'national_system', 'import', 'other'] as const;
export type ResidentSource = (typeof RESIDENT_SOURCES)[number];
export const INSPECTION_KINDS = ['planned', 'unannounced'] as const;
export const INSPECTION_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
/** What the inspection did about a violation; a fine is referred to whoever decides it, never decided here. */
export const INSPECTION_MEASURES = ['none', 'reminder', 'warning', 'fine_referred'] as const;
export type InspectionMeasure = (typeof INSPECTION_MEASURES)[number];
export const VIOLATION_KINDS = ['no_stay_notice', 'no_temporary_registration', 'no_absence_declaration', 'no_papers', 'other'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

const text = (max: number) => trimmed(0, max);
const required = (max: number) => trimmed(1, max);

/** A CCCD: separators dropped, 12 digits with a known province code (`parseCccd`); the date-of-birth check is the service's. */
export const cccdSchema = z
  .string()
  .max(40, { message: 'residence.cccdFormat' })
  .transform(normaliseCccd)
  .pipe(z.string().regex(/^\d{12}$/, { message: 'residence.cccdFormat' }))
  .refine((v) => parseCccd(v) !== null, { message: 'residence.cccdProvince' });

const phoneSchema = z
  .string()
  .max(40)
  .transform((v) => v.replace(/[\s.\-()]/g, ''))
  .pipe(z.string().regex(/^(\+84|0)\d{8,10}$/, { message: 'residence.phoneFormat' }));

export const placeInputSchema = z.strictObject({
  unitId: z.uuid({ message: 'validation.id' }),
  kind: z.enum(PLACE_KINDS),
  name: required(200),
  address: required(300),
  ownerName: required(120),
  managerName: text(120).optional(),
  phone: phoneSchema.nullable().optional(),
  capacity: z.number().int().min(0).max(10_000).nullable().optional(),
  /** The day the owner signed the security and order commitment, if they did. */
  commitmentSignedOn: dateOnly.nullable().optional(),
  conditionsMet: z.boolean().optional(),
  note: text(1000).optional(),
});
export type PlaceInput = z.input<typeof placeInputSchema>;
export const updatePlaceSchema = placeInputSchema.partial().extend({ active: z.boolean().optional() });

export const listPlacesQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: z.uuid({ message: 'validation.id' }).optional(),
  kind: z.enum(PLACE_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const placeViewSchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  address: z.string(),
  ownerName: z.string(),
  managerName: z.string().nullable(),
  phone: z.string().nullable(),
  capacity: z.number().int().nullable(),
  commitmentSignedOn: z.string().nullable(),
  conditionsMet: z.boolean(),
  note: z.string().nullable(),
  active: z.boolean(),
  lastInspectedOn: z.string().nullable(),
});
export type PlaceView = z.infer<typeof placeViewSchema>;

export const guestInputSchema = z.strictObject({
  name: required(120),
  birthDate: dateOnly.nullable().optional(),
  idNumber: cccdSchema.nullable().optional(),
});

/** A notification taken by an officer (phone, in person, e-mail): its receipt time is when the host told the ward. */
export const notificationInputSchema = z.strictObject({
  unitId: z.uuid({ message: 'validation.id' }),
  placeId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  channel: z.enum(['phone', 'in_person', 'email']),
  hostName: required(120),
  hostPhone: phoneSchema.nullable().optional(),
  address: required(300),
  arrivalAt: z.iso.datetime({ offset: true, message: 'validation.invalid' }),
  receivedAt: z.iso.datetime({ offset: true, message: 'validation.invalid' }).optional(),
  departureOn: dateOnly.nullable().optional(),
  reason: text(300).optional(),
  guests: z.array(guestInputSchema).min(1, { message: 'residence.guestsRequired' }).max(20),
});
export type NotificationInput = z.input<typeof notificationInputSchema>;

export const listNotificationsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: z.uuid({ message: 'validation.id' }).optional(),
  placeId: z.uuid({ message: 'validation.id' }).optional(),
  channel: z.enum(NOTIFICATION_CHANNELS).optional(),
  onTime: z.enum(['true', 'false']).optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const guestViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The full date for readers with `residence.identity`; else only the year. */
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
});

export const notificationViewSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  hostName: z.string(),
  hostVerified: z.boolean(),
  address: z.string(),
  arrivalAt: z.string(),
  dueAt: z.string(),
  receivedAt: z.string(),
  onTime: z.boolean(),
  departureOn: z.string().nullable(),
  reason: z.string().nullable(),
  consentVersion: z.string().nullable(),
  guests: z.array(guestViewSchema),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const residentInputSchema = z.strictObject({
  unitId: z.uuid({ message: 'validation.id' }),
  placeId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  kind: z.enum(RESIDENT_KINDS),
  source: z.enum(RESIDENT_SOURCES).optional(),
  name: required(120),
  birthDate: dateOnly.nullable().optional(),
  idNumber: cccdSchema.nullable().optional(),
  /** Where they stay (temporary residence) or where they went (absence). */
  address: text(300).optional(),
  fromOn: dateOnly,
  untilOn: dateOnly.nullable().optional(),
  note: text(1000).optional(),
});
export type ResidentInput = z.input<typeof residentInputSchema>;
/** A correction of a temporary resident or absence: any answer but the block and the source; null clears an optional one. */
export const updateResidentSchema = residentInputSchema.omit({ unitId: true, source: true }).partial();
export type ResidentUpdate = z.input<typeof updateResidentSchema>;

export const listResidentsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: z.uuid({ message: 'validation.id' }).optional(),
  placeId: z.uuid({ message: 'validation.id' }).optional(),
  kind: z.enum(RESIDENT_KINDS).optional(),
  state: z.enum(['current', 'expiring', 'expired']).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const residentViewSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  kind: z.enum(RESIDENT_KINDS),
  source: z.enum(RESIDENT_SOURCES),
  name: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
  fromOn: z.string(),
  untilOn: z.string().nullable(),
  state: z.enum(['current', 'expiring', 'expired']),
  renewalFrom: z.string().nullable(),
  note: z.string().nullable(),
});
export type ResidentView = z.infer<typeof residentViewSchema>;

export const inspectionInputSchema = z.strictObject({
  unitId: z.uuid({ message: 'validation.id' }),
  placeId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  kind: z.enum(INSPECTION_KINDS),
  status: z.enum(['planned', 'done']),
  plannedOn: dateOnly,
  doneAt: z.iso.datetime({ offset: true, message: 'validation.invalid' }).nullable().optional(),
  inspectors: required(300),
  address: text(300).optional(),
  /** The patrol round it was done on, when done on patrol (same ward). */
  patrolRoundId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  peopleFound: z.number().int().min(0).max(1000).optional(),
  discrepancies: text(2000).optional(),
  violations: z.array(z.enum(VIOLATION_KINDS)).max(10).optional(),
  measure: z.enum(INSPECTION_MEASURES).optional(),
  followUp: text(1000).optional(),
  followUpOn: dateOnly.nullable().optional(),
});
export type InspectionInput = z.input<typeof inspectionInputSchema>;
export const updateInspectionSchema = inspectionInputSchema
  .omit({ unitId: true })
  .partial()
  .extend({ status: z.enum(INSPECTION_STATUSES).optional() });

export const listInspectionsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: z.uuid({ message: 'validation.id' }).optional(),
  placeId: z.uuid({ message: 'validation.id' }).optional(),
  status: z.enum(INSPECTION_STATUSES).optional(),
  violation: z.enum(['true', 'false']).optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const inspectionViewSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  kind: z.enum(INSPECTION_KINDS),
  status: z.enum(INSPECTION_STATUSES),
  plannedOn: z.string(),
  doneAt: z.string().nullable(),
  inspectors: z.string(),
  address: z.string().nullable(),
  patrolRoundId: z.uuid().nullable(),
  peopleFound: z.number().int(),
  discrepancies: z.string().nullable(),
  violations: z.array(z.enum(VIOLATION_KINDS)),
  measure: z.enum(INSPECTION_MEASURES),
  followUp: z.string().nullable(),
  followUpOn: z.string().nullable(),
});
export type InspectionView = z.infer<typeof inspectionViewSchema>;

export const retentionSchema = z.strictObject({
  days: z.partialRecord(z.enum(RETENTION_RECORD_TYPES), z.number().int().min(RETENTION_MIN_DAYS).max(RETENTION_MAX_DAYS)),
});

/** The public form's answers, as the API and the no-JavaScript page take them. */
export const publicNotificationSchema = z.strictObject({
  wardCode: z.string().min(1).max(60),
  blockId: z.uuid({ message: 'validation.id' }).nullable().optional(),
  placeName: text(200).optional(),
  address: required(300),
  hostName: required(120),
  hostContact: z
    .string()
    .max(120)
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'residence.contactRequired' })),
  arrivalDate: dateOnly,
  arrivalTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'residence.timeFormat' }),
  departureOn: dateOnly.nullable().optional(),
  reason: text(300).optional(),
  guests: z.array(guestInputSchema).min(1, { message: 'residence.guestsRequired' }).max(5),
  consent: z.literal(true, { message: 'residence.consentRequired' }),
  /** The contact's one-time code challenge and the code, when the host asked for one. */
  challenge: z.string().max(100).optional(),
  code: z.string().max(12).optional(),
});
export type PublicNotificationInput = z.input<typeof publicNotificationSchema>;

const count = z.number().int().min(0);
/** The residence figures of the report summary (`residence` in GET /api/v1/reports/summary). */
export const residenceSummarySchema = z.object({
  /** Places watched: active at the end of the period. */
  placesWatched: count,
  /** Stay notifications of guests arriving in the period, of them on time and late. */
  notifications: count,
  notificationsOnTime: count,
  notificationsLate: count,
  /** Temporary residents and absences the ward knew of during the period. */
  temporaryResidents: count,
  absences: count,
  /** Inspections done in the period, those that found a violation, and the violations found. */
  inspections: count,
  inspectionsWithViolations: count,
  violations: count,
  finesReferred: count,
  byBlock: z.array(
    z.object({ unitId: z.uuid(), name: z.string(), placesWatched: count, notifications: count, inspections: count, violations: count }),
  ),
});
export type ResidenceSummary = z.infer<typeof residenceSummarySchema>;
