import {
  createCameraSchema,
  createFootageRequestSchema,
  exportCamerasQuerySchema,
  footageLimitsSchema,
  footageSearchSchema,
  idParamSchema,
  listCamerasQuerySchema,
  listFootageRequestsQuerySchema,
  updateCameraSchema,
  withdrawCameraSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requestLocale, requireActor } from '../../platform/http.ts';
import { exportCameras } from './camera.export.ts';
import {
  cameraMap,
  createCamera,
  createFootageRequest,
  downloadFootage,
  getCamera,
  getFootageRequest,
  getLimits,
  listCameras,
  listFootageRequests,
  searchCameras,
  setLimits,
  updateCamera,
  withdrawCamera,
} from './camera.service.ts';

const tags = ['cameras'];
const answerParams = z.strictObject({ id: z.uuid({ message: 'validation.id' }), answerId: z.uuid({ message: 'validation.id' }) });

/** The registry of community cameras, its map, the ward's request limits, and footage requests with the owners' answers. */
export function registerCameraRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/cameras';

  r.get(`${base}`, { schema: { tags, summary: 'The registry (search, filters, paging)', querystring: listCamerasQuerySchema } }, (req) =>
    listCameras(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}`,
    { schema: { tags, summary: 'Register a camera (the ward’s, or an owner’s with consent)', body: createCameraSchema } },
    async (req, reply) => reply.status(201).send(await createCamera(deps, requireActor(req), req.body)),
  );
  for (const format of ['xlsx', 'csv'] as const)
    r.get(
      `${base}/export.${format}`,
      {
        schema: {
          tags,
          summary: `The registry as ${format.toUpperCase()} with the list's filters (audited)`,
          querystring: exportCamerasQuerySchema,
        },
      },
      async (req, reply) => {
        const file = await exportCameras(deps, requireActor(req), req.query, format, requestLocale(req));
        if (file.truncated) reply.header('x-export-truncated', 'true');
        return reply
          .type(file.mime)
          .header('x-export-rows', String(file.rows))
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(file.bytes);
      },
    );
  r.get(`${base}/map`, { schema: { tags, summary: 'Cameras with their fields of view, and block coverage' } }, (req) =>
    cameraMap(deps, requireActor(req)),
  );
  r.get(`${base}/limits`, { schema: { tags, summary: 'The ward’s limits on footage requests' } }, (req) =>
    getLimits(deps, requireActor(req)),
  );
  r.put(`${base}/limits`, { schema: { tags, summary: 'Set the ward’s limits (the chief; audited)', body: footageLimitsSchema } }, (req) =>
    setLimits(deps, requireActor(req), req.body),
  );
  r.post(
    `${base}/search`,
    { schema: { tags, summary: 'Cameras that may have seen a place in a window', body: footageSearchSchema } },
    (req) => searchCameras(deps, requireActor(req), req.body),
  );
  r.get(
    `${base}/requests`,
    { schema: { tags, summary: 'Footage requests, newest first', querystring: listFootageRequestsQuerySchema } },
    (req) => listFootageRequests(deps, requireActor(req), req.query),
  );
  r.post(
    `${base}/requests`,
    {
      schema: {
        tags,
        summary: 'Send a footage request (a tip or case, window and radius within the limits)',
        body: createFootageRequestSchema,
      },
    },
    async (req, reply) => reply.status(201).send(await createFootageRequest(deps, requireActor(req), req.body)),
  );
  r.get(`${base}/requests/:id`, { schema: { tags, summary: 'One request with the owners’ answers', params: idParamSchema } }, (req) =>
    getFootageRequest(deps, requireActor(req), req.params.id),
  );
  r.get(
    `${base}/requests/:id/answers/:answerId/file`,
    { schema: { tags, summary: 'The footage an owner uploaded (audited)', params: answerParams } },
    async (req, reply) => {
      const file = await downloadFootage(deps, requireActor(req), req.params.id, req.params.answerId);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.name)}"`)
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
  r.get(`${base}/:id`, { schema: { tags, summary: 'One camera with its owner’s contact (audited)', params: idParamSchema } }, (req) =>
    getCamera(deps, requireActor(req), req.params.id),
  );
  r.patch(`${base}/:id`, { schema: { tags, summary: 'Change a camera', params: idParamSchema, body: updateCameraSchema } }, (req) =>
    updateCamera(deps, requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/withdraw`,
    { schema: { tags, summary: 'Withdraw a camera: out of every search at once', params: idParamSchema, body: withdrawCameraSchema } },
    (req) => withdrawCamera(deps, requireActor(req), req.params.id, req.body.reason),
  );
}
