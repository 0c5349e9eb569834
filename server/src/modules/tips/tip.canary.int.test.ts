import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CSRF } from '../../../test/app.ts';
import { createTestDatabase } from '../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import { type Database, openPglite, queryRows } from '../../platform/db.ts';
import { createDeps } from '../../platform/deps.ts';
import { migrate } from '../../platform/migrate.ts';
import { createApiToken } from '../auth/index.ts';
import { loadDemo } from '../demo/index.ts';
import { findCredentialsByUsername } from '../users/index.ts';

/**
 * security.md G1 and G9: after a tip, a follow-up message, a file, contact details and an officer's reply, carrying
 * unique canary strings and sent from a distinctive address with a distinctive user agent, none of the canaries is
 * found anywhere persistent — the database files and write-ahead log, a dump, the attachment store, the logs.
 */
function grepTree(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        const bytes = readFileSync(full);
        for (const n of needles) if (bytes.includes(n) || bytes.includes(Buffer.from(n, 'utf16le'))) hits.push(`${n} in ${full}`);
      }
    }
  };
  walk(dir);
  return hits;
}

describe('no trace of the sender, no plaintext at rest (security.md G1, G9)', () => {
  it('leaves zero canaries in the database files, WAL, dump, attachment store and logs', async () => {
    const id = randomUUID().slice(0, 8);
    const canary = {
      ip: '127.0.0.77',
      forwarded: `203.0.113.${(Number.parseInt(id.slice(0, 2), 16) % 200) + 20}`,
      ua: `CANARY-UA-${id}`,
      body: `CANARY-BODY-${id}`,
      contact: `CANARY-CONTACT-${id}`,
      message: `CANARY-MSG-${id}`,
      reply: `CANARY-REPLY-${id}`,
      file: `CANARY-FILE-${id}`,
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'binh-an-canary-'));
    const usePg = Boolean(process.env.DATABASE_URL);
    let database: Database & { url?: string };
    if (usePg) database = await createTestDatabase();
    else {
      database = await openPglite(join(dataDir, 'pglite'));
      await migrate(database.raw);
    }
    const logs: Buffer[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => logs.push(c));
    const deps = await createDeps(
      database,
      loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'trace', LOGIN_RATE_LIMIT: '1000', RATE_LIMIT: '100000' }),
      Buffer.alloc(32, 9),
    );
    await loadDemo(database.db, deps.key);
    const app = await buildApp(deps, { logStream });
    const officer = await findCredentialsByUsername(database.db, 'canbo');
    const token = (await createApiToken(deps, officer?.id as string, 'canary', null)).secret;
    const sender = { 'user-agent': canary.ua, 'x-forwarded-for': canary.forwarded, 'x-real-ip': canary.forwarded };
    try {
      const boundary = '----canary';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n`),
        Buffer.from(
          JSON.stringify({
            wardCode: 'thanh-vinh',
            what: `Tin có ${canary.body}`,
            contactName: canary.contact,
            contactPhone: '0900000000',
            contactConsent: true,
          }),
        ),
        Buffer.from(
          `\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${canary.file}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        Buffer.from(`%PDF-1.4\n${canary.file}\n%%EOF\n`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const sent = await app.inject({
        method: 'POST',
        url: '/api/v1/public/tips',
        payload,
        remoteAddress: canary.ip,
        headers: { ...sender, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const receipt = sent.json().receipt as string;
      const followUp = await app.inject({
        method: 'POST',
        url: '/api/v1/public/tips/messages',
        remoteAddress: canary.ip,
        headers: { ...sender, 'x-receipt': receipt },
        payload: { body: canary.message },
      });
      expect(followUp.statusCode).toBe(201);
      const inbox = await app.inject({ method: 'GET', url: '/api/v1/tips?view=new', headers: { authorization: `Bearer ${token}` } });
      const tipId = inbox.json().items.find((i: { excerpt: string }) => i.excerpt.includes(canary.body)).id as string;
      const reply = await app.inject({
        method: 'POST',
        url: `/api/v1/tips/${tipId}/notes`,
        headers: { ...CSRF, authorization: `Bearer ${token}` },
        payload: { body: canary.reply, toSender: true },
      });
      expect(reply.statusCode).toBe(200);
      // The officer can still read everything: the canaries are there, only sealed.
      const detail = (
        await app.inject({ method: 'GET', url: `/api/v1/tips/${tipId}`, headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(detail.what).toContain(canary.body);
      expect(detail.messages.map((m: { body: string }) => m.body)).toEqual([canary.message, canary.reply]);
      const seen = await app.inject({
        method: 'GET',
        url: '/api/v1/public/tips/status',
        remoteAddress: canary.ip,
        headers: { ...sender, 'x-receipt': receipt },
      });
      expect(seen.json().messages.map((m: { body: string }) => m.body)).toContain(canary.reply);

      const needles = [...Object.values(canary), receipt];
      let dump = '';
      let pgData: string | null = null;
      if (usePg) {
        await database.raw.exec('CHECKPOINT');
        pgData = (await queryRows<{ data_directory: string }>(database.db, sql`SHOW data_directory`))[0]?.data_directory ?? null;
        const pgDump = readdirSync('/usr/lib/postgresql')
          .sort()
          .map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`)[0] as string;
        dump = execFileSync(pgDump, ['--data-only', database.url as string], { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 });
      } else {
        dump = (await database.raw.query<{ row: string }>('SELECT row_to_json(t)::text AS row FROM (SELECT * FROM tips) t'))
          .concat(await database.raw.query<{ row: string }>('SELECT row_to_json(t)::text AS row FROM (SELECT * FROM tip_messages) t'))
          .concat(await database.raw.query<{ row: string }>('SELECT row_to_json(t)::text AS row FROM (SELECT * FROM tip_files) t'))
          .concat(await database.raw.query<{ row: string }>('SELECT row_to_json(t)::text AS row FROM (SELECT * FROM audit_log) t'))
          .map((r) => r.row)
          .join('\n');
      }
      await app.close();
      await database.close();
      const hits = [
        ...grepTree(dataDir, needles),
        ...(pgData ? grepTree(pgData, needles) : []),
        ...needles.filter((n) => dump.includes(n)).map((n) => `${n} in the dump`),
        ...needles.filter((n) => Buffer.concat(logs).includes(n)).map((n) => `${n} in the logs`),
      ];
      expect(Buffer.concat(logs).length).toBeGreaterThan(1000);
      if (hits.length)
        console.log(
          Buffer.concat(logs)
            .toString()
            .split('\n')
            .filter((l) => needles.some((n) => l.includes(n)))
            .join('\n')
            .slice(0, 3000),
        );
      expect(hits).toEqual([]);
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
