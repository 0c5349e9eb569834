import { createUserSchema, idParamSchema, listUsersQuerySchema, resetPasswordSchema, updateUserSchema, userSchema } from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { createUser, getUser, listUsers, resetPassword, resetTotp, unlockUser, updateUser } from './user.service.ts';

const tags = ['users'];

/** Account administration: list, read, create, change, reset password or TOTP, unlock. */
export function registerUserRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Accounts in my scope (keyset paging by username)',
        querystring: listUsersQuerySchema,
        response: { 200: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => listUsers(db, requireActor(req), req.query, deps.clock()),
  );

  r.get('/api/v1/users/:id', { schema: { tags, summary: 'One account', params: idParamSchema, response: { 200: userSchema } } }, (req) =>
    getUser(db, requireActor(req), req.params.id, deps.clock()),
  );

  r.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create an account', body: createUserSchema, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await createUser(db, requireActor(req), req.body, deps.clock())),
  );

  r.patch(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Change an account', params: idParamSchema, body: updateUserSchema, response: { 200: userSchema } } },
    (req) => updateUser(db, requireActor(req), req.params.id, req.body, deps.clock()),
  );

  r.post(
    '/api/v1/users/:id/password',
    {
      schema: { tags, summary: "Set an account's password", params: idParamSchema, body: resetPasswordSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await resetPassword(db, requireActor(req), req.params.id, req.body.password, deps.clock());
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/users/:id/totp-reset',
    { schema: { tags, summary: "Reset an account's two-factor authentication", params: idParamSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await resetTotp(db, requireActor(req), req.params.id, deps.clock());
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/users/:id/unlock',
    { schema: { tags, summary: 'Unlock an account after failed logins', params: idParamSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await unlockUser(db, requireActor(req), req.params.id, deps.clock());
      return reply.status(204).send(null);
    },
  );
}
