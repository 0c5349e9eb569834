import { join, resolve } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** OpenStreetMap's own tile server (its usage policy asks for the attribution and a modest load). */
export const DEFAULT_MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  // A read-only replica (streaming replication) the reports read from; the primary (DATABASE_URL) takes every write.
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  // Where rate limits are counted: in this process (one server) or in the database (every server together).
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  DEMO: flag.optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  TRUST_PROXY: flag.default(false),
  COOKIE_SECURE: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  API_DOCS: flag.default(true),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  JOBS: flag.default(true),
  TIP_FLOOD_THRESHOLD: z.coerce.number().int().min(0).default(30),
  TIP_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  TIP_POW_BITS: z.coerce.number().int().min(1).max(28).default(16),
  // At least the 7 days a patrol phone may stay offline (docs security.md §5.2).
  IDEMPOTENCY_DAYS: z.coerce.number().int().min(7, 'must be at least 7 (a phone may stay offline a week)').max(90).default(8),
  // Days footage an owner uploaded for a request is kept before the nightly purge erases it (the owner keeps the original).
  CAMERA_FOOTAGE_DAYS: z.coerce.number().int().min(7).max(365).default(90),
  // The dashboard map's tiles: an http(s) URL template with {z}, {x} and {y} (and {s} for a subdomain), or empty for none.
  MAP_TILE_URL: z
    .string()
    .trim()
    .refine(
      (v) =>
        v === '' || (/^https?:\/\/[^\s"'<>\\]+$/.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p)) && tileOrigin(v) !== null),
      {
        message: 'must be empty (no tiles) or an http(s) URL template with {z}, {x} and {y}',
      },
    )
    .default(DEFAULT_MAP_TILE_URL),
  MAP_TILE_ATTRIBUTION: z.string().trim().max(300).default('© OpenStreetMap contributors'),
  // Messaging gateways (outreach alerts, one-time codes): each channel is on when its URL is set.
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('http://localhost:3000'),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^(smtps?:\/\/.+)?$/, 'must be empty or an smtp:// or smtps:// URL')
    .default(''),
  SMTP_FROM: z.string().trim().max(200).default('Bình An <no-reply@localhost>'),
  SMS_API_URL: z
    .string()
    .trim()
    .regex(/^(https?:\/\/.+)?$/, 'must be empty or an http(s) URL')
    .default(''),
  SMS_API_TOKEN: z.string().trim().default(''),
  SMS_SENDER: z.string().trim().max(11).default('BinhAn'),
  ZALO_API_URL: z
    .string()
    .trim()
    .regex(/^(https?:\/\/.+)?$/, 'must be empty or an http(s) URL')
    .default(''),
  ZALO_ACCESS_TOKEN: z.string().trim().default(''),
  ZALO_ZNS_URL: z
    .string()
    .trim()
    .regex(/^(https?:\/\/.+)?$/, 'must be empty or an http(s) URL')
    .default(''),
  ZALO_ZNS_TEMPLATE_ID: z.string().trim().max(40).default(''),
  OVERLOAD_MAX_CONCURRENT: z.coerce.number().int().min(2).default(400),
  OVERLOAD_RESERVED_TIPS: z.coerce.number().int().min(0).default(40),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(0),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  // Where stored files go: the data folder (default) or an S3-compatible bucket (Ceph RGW, MinIO, a cloud's).
  OBJECT_STORE: z.enum(['disk', 's3']).default('disk'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 lower-case letters, digits, dots, hyphens)')
    .optional(),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or folder names each ending with /')
    .default(''),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

/**
 * The origin the browser fetches tiles from, for the Content-Security-Policy's img-src: "https://tile.openstreetmap.org",
 * or "https://*.tile.example.org" for a template with a {s} subdomain. Null when the template is not a usable URL.
 */
export function tileOrigin(template: string): string | null {
  const m = /^(https?):\/\/([^/?#]+)/.exec(template);
  if (!m) return null;
  const host = (m[2] ?? '').replace(/^\{s\}\./, '*.');
  if (!/^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return null;
  return `${m[1]}://${host}`;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A read-only replica for the reports' reads, or undefined to read them from the primary. */
  databaseReadUrl: string | undefined;
  /** Where rate limits are counted: `database` (default with DATABASE_URL: servers count together) or `memory`. */
  rateLimitStore: 'memory' | 'database';
  demo: boolean;
  secretKey: string | undefined;
  trustProxy: boolean;
  cookieSecure: boolean | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  apiDocs: boolean;
  /** Login attempts (password, TOTP, recovery) per client address per minute. */
  loginRateLimit: number;
  /** Requests per client address per minute, all routes together. */
  rateLimit: number;
  /** Whether this process runs the background jobs (nightly audit verification, session sweep). */
  jobs: boolean;
  /** Online tips to one ward in 10 minutes beyond which senders must solve a proof-of-work (0: always). */
  tipFloodThreshold: number;
  /** Leading zero bits the proof-of-work needs. */
  tipPowBits: number;
  /** Tips one source may send in an hour. */
  tipRateLimit: number;
  /** Days an Idempotency-Key and its answer are kept (and replayed) before the purge job removes them. */
  idempotencyDays: number;
  /** Days footage uploaded by a camera owner is kept before the purge job erases it. */
  cameraFootageDays: number;
  /** The map's tile URL template, or null to draw the map without tiles (tests, offline installations). */
  mapTileUrl: string | null;
  /** The attribution the tile provider asks for. */
  mapTileAttribution: string;
  /** Where tiles come from, allowed by the Content-Security-Policy's img-src; null without tiles. */
  mapTileOrigin: string | null;
  /** The address residents reach the public pages at (links in messages: unsubscribe, announcements), without a trailing slash. */
  publicUrl: string;
  /** The messaging gateways; a channel whose URL is null is off. */
  messaging: {
    smtpUrl: string | null;
    smtpFrom: string;
    smsUrl: string | null;
    smsToken: string;
    smsSender: string;
    zaloUrl: string | null;
    zaloToken: string;
    /** Zalo Notification Service (messages to a phone number through an approved template), or null. */
    zaloZnsUrl: string | null;
    zaloZnsTemplateId: string;
  };
  /** Load shedding (platform/overload.ts): requests in progress at once, the share kept for tips, event-loop delay. */
  overload: { maxConcurrent: number; reservedForTips: number; maxEventLoopDelayMs: number; retryAfterSeconds: number };
  /** Where `npm run backup` writes (default DATA_DIR/backups). */
  backupDir: string;
  /** The key backups are encrypted under (hex); without it, one derived from the server key. */
  backupKey: string | undefined;
  /** Where stored files (attachments, scans, footage, materials) live; always sealed by the store before they are written. */
  objectStore: ObjectStoreConfig;
};

export type ObjectStoreConfig =
  | { kind: 'disk' }
  | {
      kind: 's3';
      /** Null: the cloud's own endpoint for the region. */
      endpoint: string | null;
      region: string;
      bucket: string;
      prefix: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      /** Each request to the store gives up after this long (connection and answer), and the caller gets a 503. */
      timeoutMs: number;
    };

/** Thrown when a setting is wrong; the message names the setting. */
export class ConfigError extends Error {}

/** Reads the settings from the environment once; a wrong value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.OBJECT_STORE === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
    if (missing.length)
      throw new ConfigError(`Invalid settings:\n${missing.map((k) => `  ${k}: required when OBJECT_STORE=s3`).join('\n')}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_URL ? e.DATABASE_READ_URL : undefined,
    rateLimitStore: e.RATE_LIMIT_STORE ?? (e.DATABASE_URL ? 'database' : 'memory'),
    demo: e.DEMO ?? !e.DATABASE_URL,
    secretKey: e.SECRET_KEY,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    apiDocs: e.API_DOCS,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    rateLimit: e.RATE_LIMIT,
    jobs: e.JOBS,
    tipFloodThreshold: e.TIP_FLOOD_THRESHOLD,
    tipPowBits: e.TIP_POW_BITS,
    tipRateLimit: e.TIP_RATE_LIMIT,
    idempotencyDays: e.IDEMPOTENCY_DAYS,
    cameraFootageDays: e.CAMERA_FOOTAGE_DAYS,
    mapTileUrl: e.MAP_TILE_URL || null,
    mapTileAttribution: e.MAP_TILE_ATTRIBUTION,
    mapTileOrigin: e.MAP_TILE_URL ? tileOrigin(e.MAP_TILE_URL) : null,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    messaging: {
      smtpUrl: e.SMTP_URL || null,
      smtpFrom: e.SMTP_FROM,
      smsUrl: e.SMS_API_URL ? e.SMS_API_URL.replace(/\/+$/, '') : null,
      smsToken: e.SMS_API_TOKEN,
      smsSender: e.SMS_SENDER,
      zaloUrl: e.ZALO_API_URL ? e.ZALO_API_URL.replace(/\/+$/, '') : null,
      zaloToken: e.ZALO_ACCESS_TOKEN,
      zaloZnsUrl: e.ZALO_ZNS_URL ? e.ZALO_ZNS_URL.replace(/\/+$/, '') : null,
      zaloZnsTemplateId: e.ZALO_ZNS_TEMPLATE_ID,
    },
    overload: {
      maxConcurrent: e.OVERLOAD_MAX_CONCURRENT,
      reservedForTips: e.OVERLOAD_RESERVED_TIPS,
      maxEventLoopDelayMs: e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      retryAfterSeconds: 5,
    },
    backupDir: resolve(e.BACKUP_DIR ?? join(e.DATA_DIR, 'backups')),
    backupKey: e.BACKUP_KEY,
    objectStore:
      e.OBJECT_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT ? e.S3_ENDPOINT.replace(/\/+$/, '') : null,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET as string,
            prefix: e.S3_PREFIX,
            accessKeyId: e.S3_ACCESS_KEY_ID as string,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY as string,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            timeoutMs: e.S3_TIMEOUT_MS,
          }
        : { kind: 'disk' },
  };
}
