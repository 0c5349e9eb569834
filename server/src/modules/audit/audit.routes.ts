import { auditEntrySchema, listAuditQuerySchema } from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { listAuditEntries } from './audit.service.ts';

/** The audit log, for chiefs and administrators. */
export function registerAuditRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first (cursor = the last seq seen)',
        querystring: listAuditQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.number().nullable() }) },
      },
    },
    (req) => listAuditEntries(deps.database.db, requireActor(req), req.query),
  );
}
