import {
  dateOnly,
  idParamSchema,
  inspectionInputSchema,
  inspectionViewSchema,
  listInspectionsQuerySchema,
  listNotificationsQuerySchema,
  listPlacesQuerySchema,
  listResidentsQuerySchema,
  notificationInputSchema,
  notificationViewSchema,
  placeInputSchema,
  placeViewSchema,
  RETENTION_RECORD_TYPES,
  residentInputSchema,
  residentViewSchema,
  retentionSchema,
  updateInspectionSchema,
  updatePlaceSchema,
  updateResidentSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { registerResidenceImportRoutes } from './residence.import.routes.ts';
import {
  createInspection,
  createNotification,
  createPlace,
  createResident,
  getInspection,
  getNotification,
  getPlace,
  getRetention,
  listInspections,
  listNotifications,
  listPlaces,
  listResidents,
  listRoundChoices,
  revealResidenceIdNumber,
  setRetention,
  updateInspection,
  updatePlace,
  updateResident,
} from './residence.service.ts';

const tags = ['residence'];
const listOf = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });
const retentionView = z.object({
  days: z.record(z.enum(RETENTION_RECORD_TYPES), z.number().int()),
  defaults: z.record(z.enum(RETENTION_RECORD_TYPES), z.number().int()),
});
const idNumberView = z.object({ idNumber: z.string().nullable() });

/** The ward's residence checks: places watched, stay notifications, temporary residents and absences, inspections. */
export function registerResidenceRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerResidenceImportRoutes(app, deps);

  r.get(
    '/api/v1/residence/places',
    {
      schema: {
        tags,
        summary: 'Accommodation places the ward watches',
        querystring: listPlacesQuerySchema,
        response: { 200: listOf(placeViewSchema) },
      },
    },
    (req) => listPlaces(deps, requireActor(req), req.query),
  );
  r.post(
    '/api/v1/residence/places',
    { schema: { tags, summary: 'Add a place to watch', body: placeInputSchema, response: { 201: placeViewSchema } } },
    async (req, reply) => reply.status(201).send(await createPlace(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/residence/places/:id',
    { schema: { tags, summary: 'One place (the read is audited)', params: idParamSchema, response: { 200: placeViewSchema } } },
    (req) => getPlace(deps, requireActor(req), req.params.id),
  );
  r.patch(
    '/api/v1/residence/places/:id',
    {
      schema: {
        tags,
        summary: 'Correct a place, or stop watching it',
        params: idParamSchema,
        body: updatePlaceSchema,
        response: { 200: placeViewSchema },
      },
    },
    (req) => updatePlace(deps, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/residence/notifications',
    {
      schema: {
        tags,
        summary: 'Stay notifications, newest arrival first; names searched without diacritics (the list is audited)',
        querystring: listNotificationsQuerySchema,
        response: { 200: listOf(notificationViewSchema) },
      },
    },
    (req) => listNotifications(deps, requireActor(req), req.query),
  );
  r.post(
    '/api/v1/residence/notifications',
    {
      schema: {
        tags,
        summary: 'Record a notification taken by phone, in person or by e-mail; answers whether it was on time',
        body: notificationInputSchema,
        response: { 201: notificationViewSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createNotification(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/residence/notifications/:id',
    { schema: { tags, summary: 'One notification (audited)', params: idParamSchema, response: { 200: notificationViewSchema } } },
    (req) => getNotification(deps, requireActor(req), req.params.id),
  );
  r.get(
    '/api/v1/residence/guests/:id/id-number',
    { schema: { tags, summary: "A guest's full ID number (audited)", params: idParamSchema, response: { 200: idNumberView } } },
    (req) => revealResidenceIdNumber(deps, requireActor(req), 'guest', req.params.id),
  );

  r.get(
    '/api/v1/residence/residents',
    {
      schema: {
        tags,
        summary: 'Temporary residents and absences known to the ward, soonest to end first (audited)',
        querystring: listResidentsQuerySchema,
        response: { 200: listOf(residentViewSchema) },
      },
    },
    (req) => listResidents(deps, requireActor(req), req.query),
  );
  r.post(
    '/api/v1/residence/residents',
    {
      schema: {
        tags,
        summary: 'Record a temporary resident or an absence',
        body: residentInputSchema,
        response: { 201: residentViewSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createResident(deps, requireActor(req), req.body)),
  );
  r.patch(
    '/api/v1/residence/residents/:id',
    {
      schema: {
        tags,
        summary: 'Correct a temporary resident or an absence',
        params: idParamSchema,
        body: updateResidentSchema,
        response: { 200: residentViewSchema },
      },
    },
    (req) => updateResident(deps, requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/residence/residents/:id/id-number',
    { schema: { tags, summary: "A resident's full ID number (audited)", params: idParamSchema, response: { 200: idNumberView } } },
    (req) => revealResidenceIdNumber(deps, requireActor(req), 'resident', req.params.id),
  );

  r.get(
    '/api/v1/residence/inspections',
    {
      schema: {
        tags,
        summary: 'Residence inspections, newest first',
        querystring: listInspectionsQuerySchema,
        response: { 200: listOf(inspectionViewSchema) },
      },
    },
    (req) => listInspections(deps, requireActor(req), req.query),
  );
  r.post(
    '/api/v1/residence/inspections',
    { schema: { tags, summary: 'Plan or record an inspection', body: inspectionInputSchema, response: { 201: inspectionViewSchema } } },
    async (req, reply) => reply.status(201).send(await createInspection(deps, requireActor(req), req.body)),
  );
  r.get(
    '/api/v1/residence/inspections/:id',
    { schema: { tags, summary: 'One inspection (audited)', params: idParamSchema, response: { 200: inspectionViewSchema } } },
    (req) => getInspection(deps, requireActor(req), req.params.id),
  );
  r.patch(
    '/api/v1/residence/inspections/:id',
    {
      schema: {
        tags,
        summary: 'Record the outcome of a planned inspection, or correct one',
        params: idParamSchema,
        body: updateInspectionSchema,
        response: { 200: inspectionViewSchema },
      },
    },
    (req) => updateInspection(deps, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/residence/patrol-rounds',
    {
      schema: {
        tags,
        summary: "The patrol rounds around an inspection's day, to link the inspection to one",
        querystring: z.strictObject({ on: dateOnly }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              teamName: z.string(),
              unitName: z.string(),
              routeName: z.string().nullable(),
              startedAt: z.string(),
              endedAt: z.string(),
            }),
          ),
        },
      },
    },
    (req) => listRoundChoices(deps, requireActor(req), req.query.on),
  );

  r.get(
    '/api/v1/residence/retention',
    { schema: { tags, summary: "The ward's retention periods per record type (days)", response: { 200: retentionView } } },
    (req) => getRetention(deps, requireActor(req)),
  );
  r.put(
    '/api/v1/residence/retention',
    {
      schema: { tags, summary: "Set the ward's retention periods (30–3650 days)", body: retentionSchema, response: { 200: retentionView } },
    },
    (req) => setRetention(deps, requireActor(req), req.body.days),
  );
}
