import { z } from 'zod';
import { cursorQuery, trimmed } from '../common/common.schemas.ts';
import {
  CAMERA_COVERS,
  CAMERA_KINDS,
  CAMERA_STATUSES,
  CONTACT_CHANNELS,
  FOOTAGE_ANSWERS,
  FOOTAGE_LIMIT_BOUNDS,
  FOOTAGE_OUTCOMES,
  RETENTION_BOUNDS,
} from './camera.rules.ts';

const uuid = z.uuid({ message: 'validation.id' });
const optionalText = (max: number) => trimmed(0, max).optional();
/** Latitude and longitude of a place in Vietnam (with a margin): a point outside is a typing mistake. */
export const latSchema = z
  .number({ message: 'validation.invalid' })
  .min(8, { message: 'cameras.outsideVietnam' })
  .max(24, { message: 'cameras.outsideVietnam' });
export const lngSchema = z
  .number({ message: 'validation.invalid' })
  .min(102, { message: 'cameras.outsideVietnam' })
  .max(110, { message: 'cameras.outsideVietnam' });

/** Where a camera is and what it sees: its position, the bearing it faces, its angle of view and its useful range. */
export const fieldOfViewSchema = z.strictObject({
  lat: latSchema,
  lng: lngSchema,
  direction: z
    .number({ message: 'validation.invalid' })
    .min(0, { message: 'cameras.direction' })
    .max(359.99, { message: 'cameras.direction' }),
  angle: z.number({ message: 'validation.invalid' }).min(10, { message: 'cameras.angle' }).max(360, { message: 'cameras.angle' }),
  range: z.number({ message: 'validation.invalid' }).min(2, { message: 'cameras.range' }).max(200, { message: 'cameras.range' }),
});

const cameraDetails = {
  ...fieldOfViewSchema.shape,
  unitId: uuid,
  label: trimmed(1, 120),
  address: trimmed(1, 300),
  covers: z.array(z.enum(CAMERA_COVERS)).min(1, { message: 'cameras.coversRequired' }).max(CAMERA_COVERS.length),
  retentionDays: z
    .number({ message: 'validation.invalid' })
    .int({ message: 'validation.invalid' })
    .min(RETENTION_BOUNDS.min, { message: 'cameras.retention' })
    .max(RETENTION_BOUNDS.max, { message: 'cameras.retention' }),
  working: z.boolean(),
};

/** An officer registers a camera: the ward's own, or a resident's or business's with their agreement. */
export const createCameraSchema = z.strictObject({
  ...cameraDetails,
  kind: z.enum(CAMERA_KINDS),
  ownerName: optionalText(120),
  contact: optionalText(120),
  channel: z.enum(CONTACT_CHANNELS).optional(),
  /** The owner agreed to the current consent text (required for a resident's or business's camera). */
  consent: z.boolean().optional(),
});

export const updateCameraSchema = z.strictObject({
  lat: latSchema.optional(),
  lng: lngSchema.optional(),
  direction: cameraDetails.direction.optional(),
  angle: cameraDetails.angle.optional(),
  range: cameraDetails.range.optional(),
  label: cameraDetails.label.optional(),
  address: cameraDetails.address.optional(),
  covers: cameraDetails.covers.optional(),
  retentionDays: cameraDetails.retentionDays.optional(),
  working: z.boolean().optional(),
});

export const withdrawCameraSchema = z.strictObject({ reason: optionalText(500) });

export const listCamerasQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  status: z.enum(CAMERA_STATUSES).optional(),
  unitId: uuid.optional(),
  ...cursorQuery,
});

/** The registry's export: the list's filters, every matching camera (no paging). */
export const exportCamerasQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  status: z.enum(CAMERA_STATUSES).optional(),
  unitId: uuid.optional(),
});

/** The public registration form's answers (no account): the owner's own camera, with a verified contact and consent. */
export const publicCameraSchema = z.strictObject({
  wardCode: trimmed(1, 60),
  ...cameraDetails,
  unitId: uuid.optional(),
  kind: z.enum(['resident', 'business']),
  ownerName: trimmed(1, 120),
  contact: trimmed(5, 120),
  channel: z.enum(CONTACT_CHANNELS),
  consent: z.literal(true, { message: 'cameras.consentRequired' }),
});

const instant = z.iso.datetime({ offset: true, message: 'validation.datetime' });

/** Which cameras may have seen a place in a window: the search an officer runs before sending a request. */
export const footageSearchSchema = z.strictObject({
  lat: latSchema,
  lng: lngSchema,
  radiusMetres: z
    .number({ message: 'validation.invalid' })
    .int()
    .min(1, { message: 'validation.invalid' })
    .max(FOOTAGE_LIMIT_BOUNDS.maxRadiusMetres, {
      message: 'cameras.radiusTooLarge',
    }),
  fromAt: instant,
  toAt: instant,
});

export const createFootageRequestSchema = z.strictObject({
  ...footageSearchSchema.shape,
  /** The tip (TB-…) or case (VV-…) the request serves. */
  reference: trimmed(1, 30),
  /** What is sought, in words the owner reads. */
  purpose: trimmed(5, 500),
});

export const footageLimitsSchema = z.strictObject({
  maxWindowHours: z
    .number()
    .int()
    .min(1, { message: 'cameras.limitBounds' })
    .max(FOOTAGE_LIMIT_BOUNDS.maxWindowHours, { message: 'cameras.limitBounds' }),
  maxRadiusMetres: z
    .number()
    .int()
    .min(10, { message: 'cameras.limitBounds' })
    .max(FOOTAGE_LIMIT_BOUNDS.maxRadiusMetres, { message: 'cameras.limitBounds' }),
  /** Why the ward departs from the defaults (required when it does). */
  reason: optionalText(500),
});

/** The owner's answer on the owner page (share with an upload or a hand-over note, no footage, decline). */
export const footageAnswerSchema = z.strictObject({
  answer: z.enum(FOOTAGE_ANSWERS),
  note: optionalText(1000),
});

export const listFootageRequestsQuerySchema = z.strictObject({ ...cursorQuery });

export const cameraMapQuerySchema = z.strictObject({ days: z.coerce.number().int().min(1).max(365).optional() });

const count = z.number().int().min(0);
/** The report summary's camera figures. */
export const cameraSummarySchema = z.object({
  /** Cameras registered (not withdrawn) at the end of the period. */
  registered: count,
  /** Of those, marked working. */
  working: count,
  /** Of those, the ward's own. */
  wardOwned: count,
  /** Withdrawn by their owners during the period. */
  withdrawn: count,
  /** Footage requests sent in the period. */
  footageRequests: count,
  /** Requests beyond the default limits (audited exceptions). */
  exceptions: count,
  /** The cameras asked by those requests, by the owner's answer. */
  outcomes: z.object(
    Object.fromEntries(FOOTAGE_OUTCOMES.map((o) => [o, count])) as Record<(typeof FOOTAGE_OUTCOMES)[number], typeof count>,
  ),
  /** Blocks with at least one working camera. */
  blocksCovered: count,
});
export type CameraSummary = z.infer<typeof cameraSummarySchema>;
