import { dashboardMapSchema, dashboardQuerySchema, dashboardSchema, rollupSchema } from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { replicaDeps } from '../../platform/read-replica.ts';
import { getDashboard, getDashboardMap, getRollup } from './dashboard.service.ts';

const tags = ['reports'];

/** The dashboard, its map and the roll-up of wards: figures only, under the same scope as the periodic report. */
export function registerDashboardRoutes(app: FastifyInstance, primary: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Figures only: read from the replica when there is one (DATABASE_READ_URL); the audit entries go to the primary.
  const deps = replicaDeps(primary);
  r.get(
    '/api/v1/reports/dashboard',
    {
      schema: {
        tags,
        summary:
          'The dashboard of a unit over a period: the headline figures of the periodic report, trends by month, cases by ' +
          'group and tips by category, the blocks side by side, patrol coverage and overdue work',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
    },
    (req) => getDashboard(deps, requireActor(req), req.query),
  );
  r.get(
    '/api/v1/reports/map',
    {
      schema: {
        tags,
        summary:
          'The map of a unit over a period: areas with outlines and counts, tips, cases and incidents as weighted points ' +
          "(at their block's centroid for readers who are not police), patrol routes, and the tile source",
        querystring: dashboardQuerySchema,
        response: { 200: dashboardMapSchema },
      },
    },
    (req) => getDashboardMap(deps, requireActor(req), req.query),
  );
  r.get(
    '/api/v1/reports/rollup',
    {
      schema: {
        tags,
        summary:
          'Every ward of a city or province over a period side by side, and their sum; a ward merged before the period ' +
          'counts once, under its successor',
        querystring: dashboardQuerySchema,
        response: { 200: rollupSchema },
      },
    },
    (req) => getRollup(deps, requireActor(req), req.query),
  );
}
