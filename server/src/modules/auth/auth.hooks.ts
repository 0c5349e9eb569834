import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { authenticateSession, authenticateToken } from './auth.service.ts';

export const COOKIE_SECURE_NAME = '__Host-binhan_sid';
export const COOKIE_PLAIN_NAME = 'binhan_sid';
export const CSRF_HEADER = 'x-binh-an-csrf';

/** Whether the session cookie gets the Secure attribute (and so the __Host- prefix): over TLS, or when told. */
export function isSecureCookie(deps: Deps, req: FastifyRequest): boolean {
  return deps.cfg.cookieSecure ?? req.protocol === 'https';
}

export function readSessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[COOKIE_SECURE_NAME] ?? req.cookies[COOKIE_PLAIN_NAME];
}

export function setSessionCookie(deps: Deps, req: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = isSecureCookie(deps, req);
  reply.setCookie(secure ? COOKIE_SECURE_NAME : COOKIE_PLAIN_NAME, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'strict',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(COOKIE_SECURE_NAME, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
  reply.clearCookie(COOKIE_PLAIN_NAME, { path: '/', httpOnly: true, sameSite: 'strict' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every API request by bearer token or session cookie, and refuses cross-site writes: a state-changing
 * request that relies on the cookie must carry the app's custom header (which no other site can send without a
 * preflight we never allow) and, when the browser names its origin, come from this host.
 */
export function installAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionStage', null);
  app.addHook('onRequest', async (req) => {
    // The public tip channel ignores any cookie or token a browser might send: a tip is never linked to an account (G8).
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/v1/public/')) return;
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      const actor = await authenticateToken(
        deps,
        auth.replace(/^Bearer\s+/i, '').trim(),
        req.routeOptions.url ?? req.url.split('?')[0] ?? '',
      );
      if (!actor) throw new AppError('unauthenticated');
      req.actor = actor;
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      if (req.headers[CSRF_HEADER] !== '1') throw new AppError('csrf');
      if (typeof origin === 'string' && origin !== 'null') {
        let host: string | undefined;
        try {
          host = new URL(origin).host;
        } catch {
          throw new AppError('csrf');
        }
        if (host !== req.headers.host) throw new AppError('csrf');
      } else if (origin === 'null') {
        throw new AppError('csrf');
      }
    }
    const token = readSessionToken(req);
    if (!token) return;
    const result = await authenticateSession(deps, token);
    if (!result) return;
    req.actor = result.actor;
    req.sessionStage = result.stage;
  });
}
