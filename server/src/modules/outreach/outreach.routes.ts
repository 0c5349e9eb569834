import {
  addScriptVersionSchema,
  broadcastDoneSchema,
  createActivitySchema,
  createAnnouncementSchema,
  createBroadcastSchema,
  createScriptSchema,
  idParamSchema,
  listActivitiesQuerySchema,
  listAnnouncementsQuerySchema,
  listBroadcastsQuerySchema,
  listScriptsQuerySchema,
  updateActivitySchema,
  updateAnnouncementSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { requestLocale, requireActor, sendDownload } from '../../platform/http.ts';
import { readMultipart } from '../../platform/multipart.ts';
import {
  addScriptVersion,
  attachMaterial,
  createActivity,
  createAnnouncement,
  createBroadcast,
  createScript,
  discardAnnouncement,
  downloadMaterial,
  getAnnouncement,
  getScript,
  listActivities,
  listAnnouncements,
  listBroadcasts,
  listDeliveries,
  listScripts,
  markBroadcastDone,
  publishAnnouncement,
  subscriberFigures,
  updateActivity,
  updateAnnouncement,
} from './outreach.service.ts';

const tags = ['outreach'];

/** Outreach activities, the script library, the loudspeaker schedule, announcements and their deliveries. */
export function registerOutreachRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/outreach';

  r.get(
    `${base}/activities`,
    {
      schema: {
        tags,
        summary: 'Activities (keyset paging, search, filters; format=csv or xlsx exports, audited)',
        querystring: listActivitiesQuerySchema,
      },
    },
    async (req, reply) => {
      const result = await listActivities(deps, requireActor(req), req.query, requestLocale(req));
      if ('file' in result && result.file) {
        return reply
          .type(result.file.mime)
          .header('content-disposition', `attachment; filename="${result.file.filename}"`)
          .send(result.file.bytes);
      }
      return { items: result.items, nextCursor: result.nextCursor };
    },
  );
  r.post(`${base}/activities`, { schema: { tags, summary: 'Record an activity', body: createActivitySchema } }, async (req, reply) =>
    reply.status(201).send(await createActivity(deps, requireActor(req), req.body)),
  );

  r.patch(
    `${base}/activities/:id`,
    {
      schema: { tags, summary: 'Correct a recorded activity (audited by field names)', params: idParamSchema, body: updateActivitySchema },
    },
    (req) => updateActivity(deps, requireActor(req), req.params.id, req.body),
  );

  r.post(
    `${base}/activities/:id/materials`,
    { schema: { tags, summary: 'Attach a material (multipart: file "file")', params: idParamSchema, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const { files } = await readMultipart(req);
      const [file] = files;
      if (!file || files.length !== 1) throw new AppError('validation', [{ path: 'file', message: 'validation.required' }]);
      return reply.status(201).send(await attachMaterial(deps, actor, req.params.id, file));
    },
  );
  r.get(
    `${base}/activities/:id/materials/:materialId`,
    {
      schema: {
        tags,
        summary: 'Download a material',
        params: z.strictObject({ id: z.uuid({ message: 'validation.id' }), materialId: z.uuid({ message: 'validation.id' }) }),
      },
    },
    async (req, reply) =>
      sendDownload(reply, await downloadMaterial(deps, requireActor(req), req.params.id, req.params.materialId), 'tai-lieu'),
  );

  r.get(
    `${base}/scripts`,
    { schema: { tags, summary: 'The broadcast script library (keyset paging, search, topic)', querystring: listScriptsQuerySchema } },
    (req) => listScripts(deps, requireActor(req), req.query),
  );
  r.post(`${base}/scripts`, { schema: { tags, summary: 'Add a script', body: createScriptSchema } }, async (req, reply) =>
    reply.status(201).send(await createScript(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/scripts/:id`, { schema: { tags, summary: 'A script with its versions', params: idParamSchema } }, (req) =>
    getScript(deps, requireActor(req), req.params.id),
  );
  r.post(
    `${base}/scripts/:id/versions`,
    { schema: { tags, summary: 'Revise a script (a new version)', params: idParamSchema, body: addScriptVersionSchema } },
    async (req, reply) => reply.status(201).send(await addScriptVersion(deps, requireActor(req), req.params.id, req.body)),
  );

  r.get(`${base}/broadcasts`, { schema: { tags, summary: 'The loudspeaker schedule', querystring: listBroadcastsQuerySchema } }, (req) =>
    listBroadcasts(deps, requireActor(req), req.query),
  );
  r.post(`${base}/broadcasts`, { schema: { tags, summary: 'Schedule a broadcast', body: createBroadcastSchema } }, async (req, reply) =>
    reply.status(201).send(await createBroadcast(deps, requireActor(req), req.body)),
  );
  r.post(
    `${base}/broadcasts/:id/done`,
    { schema: { tags, summary: 'Record a broadcast as aired', params: idParamSchema, body: broadcastDoneSchema } },
    (req) => markBroadcastDone(deps, requireActor(req), req.params.id, req.body),
  );

  r.get(
    `${base}/announcements`,
    { schema: { tags, summary: 'Announcements and alerts', querystring: listAnnouncementsQuerySchema } },
    (req) => listAnnouncements(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}/announcements`,
    { schema: { tags, summary: 'Draft an announcement or alert', body: createAnnouncementSchema } },
    async (req, reply) => reply.status(201).send(await createAnnouncement(deps, requireActor(req), req.body)),
  );
  r.get(
    `${base}/announcements/:id`,
    { schema: { tags, summary: 'An announcement with its survey by block', params: idParamSchema } },
    (req) => getAnnouncement(deps, requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/announcements/:id`,
    { schema: { tags, summary: 'Change a draft announcement', params: idParamSchema, body: updateAnnouncementSchema } },
    (req) => updateAnnouncement(deps, requireActor(req), req.params.id, req.body),
  );
  r.delete(
    `${base}/announcements/:id`,
    { schema: { tags, summary: 'Discard a draft announcement', params: idParamSchema } },
    async (req, reply) => {
      await discardAnnouncement(deps, requireActor(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    `${base}/subscribers/figures`,
    { schema: { tags, summary: 'Subscriber counts by channel, topic and block (figures only, never a contact)' } },
    (req) => subscriberFigures(deps, requireActor(req)),
  );
  r.post(
    `${base}/announcements/:id/publish`,
    { schema: { tags, summary: 'Publish and send to subscribers', params: idParamSchema } },
    (req) => publishAnnouncement(deps, requireActor(req), req.params.id),
  );
  r.get(
    `${base}/announcements/:id/deliveries`,
    { schema: { tags, summary: 'Delivery status per recipient (audited)', params: idParamSchema } },
    (req) => listDeliveries(deps, requireActor(req), req.params.id),
  );
}
