import {
  actionsOf,
  apiTokenSchema,
  createTokenSchema,
  idParamSchema,
  loginResultSchema,
  loginSchema,
  meSchema,
  recoveryCodeSchema,
  setLocaleSchema,
  totpCodeSchema,
} from '@binh-an/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { requireActor } from '../../platform/http.ts';
import { vnToday } from '../../platform/time.ts';
import { findUnitById } from '../units/index.ts';
import { findUserView, setOwnLocale } from '../users/index.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './auth.hooks.ts';
import {
  confirmEnrolment,
  createApiToken,
  listOwnTokens,
  login,
  logout,
  revokeOwnToken,
  useRecoveryCode,
  verifySecondFactor,
} from './auth.service.ts';

const tags = ['auth'];
const okSchema = z.object({ status: z.literal('ok') });

/** Login with password and TOTP, logout, the current account, and the account's API tokens. */
export function registerAuthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginLimit = { rateLimit: { max: deps.cfg.loginRateLimit, timeWindow: '1 minute' } };

  r.post(
    '/api/v1/auth/login',
    {
      config: loginLimit,
      schema: { tags, summary: 'Log in with username and password', body: loginSchema, response: { 200: loginResultSchema } },
    },
    async (req, reply) => {
      const outcome = await login(deps, req.body.username, req.body.password, readSessionToken(req));
      setSessionCookie(deps, req, reply, outcome.token);
      if (outcome.status === 'totp_enrol') {
        const qrSvg = await QRCode.toString(outcome.enrolment.otpauthUri, { type: 'svg', margin: 1 });
        return { status: outcome.status, enrolment: { ...outcome.enrolment, qrSvg } };
      }
      return { status: outcome.status };
    },
  );

  r.post(
    '/api/v1/auth/totp',
    { config: loginLimit, schema: { tags, summary: 'Complete login with a TOTP code', body: totpCodeSchema, response: { 200: okSchema } } },
    async (req, reply) => {
      const token = await verifySecondFactor(deps, readSessionToken(req), req.body.code);
      setSessionCookie(deps, req, reply, token);
      return { status: 'ok' as const };
    },
  );

  r.post(
    '/api/v1/auth/recovery',
    {
      config: loginLimit,
      schema: { tags, summary: 'Complete login with a recovery code', body: recoveryCodeSchema, response: { 200: okSchema } },
    },
    async (req, reply) => {
      const token = await useRecoveryCode(deps, readSessionToken(req), req.body.code);
      setSessionCookie(deps, req, reply, token);
      return { status: 'ok' as const };
    },
  );

  r.post(
    '/api/v1/auth/totp/enrol',
    {
      config: loginLimit,
      schema: {
        tags,
        summary: 'Confirm TOTP enrolment with a first code',
        body: totpCodeSchema,
        response: { 200: z.object({ status: z.literal('ok'), recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (req, reply) => {
      const { token, recoveryCodes } = await confirmEnrolment(deps, readSessionToken(req), req.body.code);
      setSessionCookie(deps, req, reply, token);
      return { status: 'ok' as const, recoveryCodes };
    },
  );

  r.post('/api/v1/auth/logout', { schema: { tags, summary: 'Log out', response: { 204: z.null() } } }, async (req, reply) => {
    await logout(deps, readSessionToken(req), req.actor);
    clearSessionCookie(reply);
    reply.header('Clear-Site-Data', '"cache", "cookies", "storage"');
    return reply.status(204).send(null);
  });

  r.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The current account, its unit and what it may do', response: { 200: meSchema } } },
    async (req) => {
      const actor = requireActor(req);
      const user = await findUserView(deps.database.db, actor.userId, deps.clock());
      const unit = await findUnitById(deps.database.db, actor.unitId, vnToday(deps.clock()));
      if (!user || !unit) throw new AppError('unauthenticated');
      return { user, unit: { id: unit.id, name: unit.name, type: unit.type }, actions: actionsOf(actor.role) };
    },
  );

  r.put(
    '/api/v1/auth/me/locale',
    { schema: { tags, summary: "Save the account's interface language", body: setLocaleSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await setOwnLocale(deps.database.db, requireActor(req), req.body.locale);
      return reply.status(204).send(null);
    },
  );

  const tokenTags = ['tokens'];
  r.get(
    '/api/v1/tokens',
    { schema: { tags: tokenTags, summary: 'My API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } },
    async (req) => {
      const actor = requireActor(req);
      requirePermission(actor, 'token.manage');
      return { items: await listOwnTokens(deps, actor) };
    },
  );

  r.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create an API token (the secret is shown once)',
        body: createTokenSchema,
        response: { 201: z.object({ token: apiTokenSchema, secret: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'token.manage');
      const created = await createApiToken(deps, actor.userId, req.body.name, { userId: actor.userId, username: actor.username });
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: tokenTags, summary: 'Revoke one of my API tokens', params: idParamSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = requireActor(req);
      requirePermission(actor, 'token.manage');
      await revokeOwnToken(deps, actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
