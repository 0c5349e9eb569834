import {
  createUnitSchema,
  idParamSchema,
  listUnitsQuerySchema,
  setUnitGeometrySchema,
  unitGeometrySchema,
  unitSchema,
  updateUnitSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { createUnit, getUnit, getUnitGeometry, listUnits, setUnitGeometry, updateUnit } from './unit.service.ts';

const tags = ['units'];

/** The unit tree: list, read, create and change units. */
export function registerUnitRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/api/v1/units',
    {
      schema: {
        tags,
        summary: 'Units I may see (flat, in tree order)',
        querystring: listUnitsQuerySchema,
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (req) => ({
      items: await listUnits(db, requireActor(req), {
        q: req.query.q,
        type: req.query.type,
        includeInactive: req.query.includeInactive === 'true',
      }),
    }),
  );

  r.get('/api/v1/units/:id', { schema: { tags, summary: 'One unit', params: idParamSchema, response: { 200: unitSchema } } }, (req) =>
    getUnit(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/v1/units',
    { schema: { tags, summary: 'Create a unit under a parent', body: createUnitSchema, response: { 201: unitSchema } } },
    async (req, reply) => reply.status(201).send(await createUnit(db, requireActor(req), req.body)),
  );

  r.patch(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'Change a unit', params: idParamSchema, body: updateUnitSchema, response: { 200: unitSchema } } },
    (req) => updateUnit(db, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/units/:id/geometry',
    {
      schema: {
        tags,
        summary: "A unit's place on the map: its GeoJSON boundary and its centroid (given, or derived from the boundary)",
        params: idParamSchema,
        response: { 200: unitGeometrySchema },
      },
    },
    (req) => getUnitGeometry(db, requireActor(req), req.params.id),
  );

  r.put(
    '/api/v1/units/:id/geometry',
    {
      schema: {
        tags,
        summary: "Set a unit's centroid and boundary (GeoJSON Polygon or MultiPolygon, [longitude, latitude]); null clears",
        params: idParamSchema,
        body: setUnitGeometrySchema,
        response: { 200: unitGeometrySchema },
      },
    },
    (req) => setUnitGeometry(db, requireActor(req), req.params.id, req.body),
  );
}
