import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { installAuthentication, registerAuthRoutes } from './modules/auth/index.ts';
import { registerCalendarRoutes } from './modules/calendar/index.ts';
import { registerCameraPages, registerCameraRoutes } from './modules/cameras/index.ts';
import { registerCaseImportRoutes, registerCaseRoutes } from './modules/cases/index.ts';
import { registerCertificationRoutes } from './modules/certification/index.ts';
import { registerMediationRoutes } from './modules/mediation/index.ts';
import { registerOutreachPages, registerOutreachRoutes } from './modules/outreach/index.ts';
import { registerPatrolRoutes } from './modules/patrols/index.ts';
import { registerPublicPages } from './modules/public/index.ts';
import { registerDashboardRoutes, registerReportRoutes } from './modules/reports/index.ts';
import { registerResidencePages, registerResidenceRoutes } from './modules/residence/index.ts';
import { registerPublicTipRoutes, registerTipPages, registerTipRoutes } from './modules/tips/index.ts';
import { registerUnitRoutes } from './modules/units/index.ts';
import { registerUserRoutes } from './modules/users/index.ts';
import { recordAuditAlone } from './platform/audit/audit.ts';
import type { Deps } from './platform/deps.ts';
import { MAX_FILE_BYTES, MAX_FILES } from './platform/files.ts';
import { installErrorHandling, responseSerializer, sendProblem } from './platform/http.ts';
import { installOverloadProtection } from './platform/overload.ts';
import { countersRateLimitStore, sharedSourceKey } from './platform/rate-limit-store.ts';
import { sourceKey } from './platform/source-key.ts';

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: string[];
    /** Resolves once no route handler runs, or after `timeoutMs` (platform/overload.ts); for the shutdown. */
    drainHandlers(timeoutMs: number): Promise<void>;
  }
}

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the HTTP server: platform plugins first, then each module's routes. Wiring only. */
export async function buildApp(deps: Deps, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.cfg.logLevel,
            // Only method, path and status: no addresses, headers or query strings (security.md G1, G2).
            serializers: {
              req: (req) => ({ method: req.method, path: req.url.split('?')[0] }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
            // Whatever a plugin logs (request headers, addresses), at any level, is removed before it is written.
            redact: {
              paths: ['headers', '*.headers', '*.*.headers', 'ip', '*.ip', 'remoteAddress', '*.remoteAddress', 'hostname'],
              remove: true,
            },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    trustProxy: deps.cfg.trustProxy,
    bodyLimit: 1_048_576,
    // A malformed URL or an overlong path parameter is refused with a problem document like any bad input.
    frameworkErrors: (_error, req, reply) => sendProblem(req, reply, 'badRequest'),
  });
  // What the modules report beside a request's answer (deps.log) goes to this server's log.
  deps.log = app.log;
  // The API speaks JSON only: any other body is refused with 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  // Load shedding and the database probe come before every other hook: a refused request costs nothing.
  const overload = installOverloadProtection(app, deps.database, deps.cfg.overload);
  app.decorate('drainHandlers', (timeoutMs: number) => overload.drain(timeoutMs));

  // The route inventory: every API operation, so that a test can hold the OpenAPI document to it.
  const apiRoutes: string[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.schema?.hide) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push(`${method} ${route.url}`);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The staff app's component library writes CSS variables into style elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The dashboard map's tiles (MAP_TILE_URL), only when tiles are on.
        imgSrc: ["'self'", 'data:', ...(deps.cfg.mapTileOrigin ? [deps.cfg.mapTileOrigin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    // The staff app's patrol screen may scan checkpoint QR codes with the camera; no other page may use it.
    const camera = req.url === '/app' || req.url.startsWith('/app/') ? 'camera=(self)' : 'camera=()';
    reply.header('Permissions-Policy', `geolocation=(self), ${camera}, microphone=(), payment=(), usb=()`);
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
  await app.register(fastifyRateLimit, {
    max: deps.cfg.rateLimit,
    timeWindow: '1 minute',
    // Counted by the installation's counters, as the tip flood guard is: every server together in the database
    // (RATE_LIMIT_STORE=database, the default on PostgreSQL), with a source key all of them derive alike; one server
    // alone in its memory, with a key of its own.
    store: countersRateLimitStore(deps.counters),
    keyGenerator: deps.cfg.rateLimitStore === 'database' ? keyBySharedSource(deps.key) : (req) => sourceKey(req.ip),
    // The staff app's built files (hashed, cached) do not count: a screen loads a dozen of them, and a ward office
    // shares one address among its officers. Pages and the API count.
    allowList: (req) => isStaticAppFile(req.url),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 1 } });

  installErrorHandling(app, async (req, code) => {
    const actor = req.actor;
    await recordAuditAlone(deps.database.db, {
      action: 'access.denied',
      outcome: 'denied',
      wardId: actor?.wardId ?? null,
      actor: actor ? { userId: actor.userId, username: actor.username } : null,
      detail: { method: req.method, route: req.routeOptions.url ?? req.url.split('?')[0], code },
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Bình An API', version: '1.0.0', description: 'REST JSON API of Bình An. Errors are RFC 9457 problem documents.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'binhan_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (deps.cfg.apiDocs) await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/api/health', { schema: { tags: ['health'], summary: 'Whether the server and its database answer' } }, async (req, reply) => {
    try {
      await deps.database.db.execute(sql`SELECT 1`);
      return { status: 'ok', database: 'ok' };
    } catch {
      return sendProblem(req, reply, 'unavailable');
    }
  });

  installAuthentication(app, deps);
  registerAuthRoutes(app, deps);
  registerUnitRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerTipRoutes(app, deps);
  registerCaseRoutes(app, deps);
  registerCaseImportRoutes(app, deps);
  registerPatrolRoutes(app, deps);
  registerMediationRoutes(app, deps);
  registerOutreachRoutes(app, deps);
  registerCameraRoutes(app, deps);
  registerCertificationRoutes(app, deps);
  registerResidenceRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerPublicTipRoutes(app, deps);
  registerPublicPages(app, deps);
  registerTipPages(app, deps);
  registerResidencePages(app, deps);
  registerOutreachPages(app, deps);
  registerCameraPages(app, deps);
  await registerWebApp(app);
  return app;
}

function keyBySharedSource(serverKey: Buffer): (req: import('fastify').FastifyRequest) => string {
  const key = sharedSourceKey(serverKey);
  return (req) => key(req.ip);
}

/** The staff app's built files: its hashed assets, the service worker, the manifest and the icons. */
export function isStaticAppFile(url: string): boolean {
  return url.startsWith('/app/assets/') || /^\/app\/(sw\.js|manifest\.webmanifest|favicon\.svg|icon-\d+\.png)(\?|$)/.test(url);
}

/** Serves the built staff app under /app/, every unknown path there falling back to its index page. */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  const index = `${WEB_DIST}/index.html`;
  if (!existsSync(index)) {
    app.get('/app/*', { schema: { hide: true } }, (_req, reply) =>
      reply.status(503).type('text/plain; charset=utf-8').send('The staff app is not built: run `npm run build`.'),
    );
    return;
  }
  const page = readFileSync(index, 'utf8');
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/app/', wildcard: false, index: false, preCompressed: true });
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(page);
  app.get('/app', { schema: { hide: true } }, (_req, reply) => reply.redirect('/app/'));
  app.get('/app/', { schema: { hide: true } }, sendIndex);
  app.get('/app/*', { schema: { hide: true } }, sendIndex);
}
