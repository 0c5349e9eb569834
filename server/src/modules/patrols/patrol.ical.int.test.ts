import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../platform/db.ts';

/** The calendar feed of a member's shifts, as a phone calendar subscribes to it: no cookie, a secret address. */
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['tobaove', 'truongkhoi', 'canbo']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const as = (who: string, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...CSRF, authorization: auth[who] as string } });

async function myMembership(who: string, teamKind: string) {
  const me = (await as(who, 'GET', '/api/v1/patrols/me')).json();
  return me.memberships.find((m: { teamKind: string }) => m.teamKind === teamKind) as { memberId: string; teamId: string };
}

describe('the calendar feed of a member’s shifts', () => {
  it('gives the member a secret address once; the feed parses with a real iCalendar library, in CRLF lines of ≤ 75 octets', async () => {
    const mine = await myMembership('tobaove', 'security_team');
    const feed = await as('tobaove', 'POST', `/api/v1/patrols/members/${mine.memberId}/calendar-feed`);
    expect(feed.statusCode, feed.body).toBe(201);
    const { url, webcalUrl } = feed.json();
    expect(url).toMatch(/^http:\/\/[^/]+\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(webcalUrl.startsWith('webcal://')).toBe(true);
    const path = new URL(url).pathname;
    const token = path.slice('/ical/'.length, -'.ics'.length);
    const [stored] = await queryRows<{ ical_token_hash: string }>(
      t.deps.database.db,
      sql`SELECT ical_token_hash FROM patrol_members WHERE id = ${mine.memberId}`,
    );
    expect(stored?.ical_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.ical_token_hash).not.toContain(token);

    // A note with the characters RFC 5545 escapes, on one of the member's shifts.
    const today = new Date(t.clock.ms + 7 * 3_600_000).toISOString().slice(0, 10);
    const inAMonth = new Date(t.clock.ms + 30 * 86_400_000).toISOString().slice(0, 10);
    const shifts = (await as('tobaove', 'GET', `/api/v1/patrols/shifts?from=${today}&to=${inAMonth}&mine=true`)).json().items;
    expect(shifts.length).toBeGreaterThan(0);
    await as('canbo', 'PATCH', `/api/v1/patrols/shifts/${shifts[0].id}`, {
      note: 'Mang đèn pin, áo phản quang; tập trung tại nhà văn hóa',
    });

    const res = await t.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = res.body;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').join('')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Ca tuần tra — Lê Văn Bình');
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const upcoming = events.filter((e) => e.startDate.toJSDate().getTime() >= Date.parse(`${today}T00:00:00+07:00`));
    expect(upcoming.length).toBeGreaterThanOrEqual(shifts.length);
    const first = events.find((e) => e.uid === `shift-${shifts[0].id}@binh-an`);
    expect(first?.summary).toBe('Ca tuần tra: Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang');
    expect(first?.description).toContain('Mang đèn pin, áo phản quang; tập trung tại nhà văn hóa');
    expect(first?.startDate.toJSDate().toISOString()).toBe(shifts[0].startsAt);
    expect(first?.endDate.toJSDate().toISOString()).toBe(shifts[0].endsAt);
    expect(first?.startDate.zone.tzid).toBe('UTC');

    // Stable identifiers: fetched again, the same UIDs.
    const again = new ICAL.Component(ICAL.parse((await t.app.inject({ method: 'GET', url: path })).body));
    expect(again.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'))).toEqual(events.map((e) => e.uid));
    // Only the member's own shifts.
    expect(events.every((e) => e.summary.includes('Trung Mỹ – Tân Quang'))).toBe(true);
  });

  it('answers a wrong, revoked or replaced address like a missing page', async () => {
    const mine = await myMembership('truongkhoi', 'people_patrol');
    const first = new URL((await as('truongkhoi', 'POST', `/api/v1/patrols/members/${mine.memberId}/calendar-feed`)).json().url).pathname;
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(200);
    const second = new URL((await as('truongkhoi', 'POST', `/api/v1/patrols/members/${mine.memberId}/calendar-feed`)).json().url).pathname;
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(200);
    expect((await as('truongkhoi', 'DELETE', `/api/v1/patrols/members/${mine.memberId}/calendar-feed`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/ical/not-a-token.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/ical/${'A'.repeat(43)}.ics` })).statusCode).toBe(404);
  });

  it('lets a member open a feed only for themselves; the ward police for anyone', async () => {
    const other = await myMembership('tobaove', 'security_team');
    expect((await as('truongkhoi', 'POST', `/api/v1/patrols/members/${other.memberId}/calendar-feed`)).statusCode).toBe(404);
    const teammate = (
      await as('truongkhoi', 'GET', `/api/v1/patrols/teams/${(await myMembership('truongkhoi', 'people_patrol')).teamId}/members`)
    ).json().items[2];
    expect((await as('truongkhoi', 'POST', `/api/v1/patrols/members/${teammate.id}/calendar-feed`)).statusCode).toBe(403);
    expect((await as('canbo', 'POST', `/api/v1/patrols/members/${teammate.id}/calendar-feed`)).statusCode).toBe(201);
  });

  it('never writes the feed’s token to the log', async () => {
    const mine = await myMembership('tobaove', 'security_team');
    const url = new URL((await as('tobaove', 'POST', `/api/v1/patrols/members/${mine.memberId}/calendar-feed`)).json().url);
    const token = url.pathname.slice(6, -4);
    let log = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const logged = await buildApp({ ...t.deps, cfg: { ...t.deps.cfg, logLevel: 'info' } }, { logStream: stream });
    await logged.ready();
    expect((await logged.inject({ method: 'GET', url: url.pathname })).statusCode).toBe(200);
    expect((await logged.inject({ method: 'GET', url: '/ical/unknown-token-of-forty-three-characters-xx.ics' })).statusCode).toBe(404);
    await logged.inject({ method: 'GET', url: '/api/health' });
    await logged.close();
    expect(log).toContain('/api/health');
    expect(log).not.toContain(token);
    expect(log).not.toContain('/ical/');
  });
});
