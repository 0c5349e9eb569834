import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { purgeIdempotencyKeysJob } from './patrol.jobs.ts';

/**
 * The phone's sync of rounds (POST /api/v1/patrols/rounds) and the platform's idempotency keys
 * (draft-ietf-httpapi-idempotency-key-header; security.md G33): exactly one round per key, whatever the phone resends.
 */
let t: TestApp;
const auth: Record<string, string> = {};
let trungMyTeam: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['canbo', 'truongcongan', 'tobaove', 'truongkhoi']) auth[u] = `Bearer ${await t.tokenFor(u)}`;
  const [team] = await queryRows<{ id: string }>(
    t.deps.database.db,
    sql`SELECT id FROM patrol_teams WHERE name = 'Tổ tuần tra nhân dân khối Trung Mỹ' AND closed_on IS NULL`,
  );
  trungMyTeam = team?.id as string;
});
afterAll(() => t.close());

function sync(who: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { ...CSRF, authorization: auth[who] as string };
  if (key !== undefined) headers['idempotency-key'] = key;
  return t.app.inject({ method: 'POST', url: '/api/v1/patrols/rounds', headers, payload: body as object });
}

/** A round that ended a day before the test clock, marked with a note to count it by. */
function round(note: string, extra: object = {}) {
  const start = new Date(t.clock.ms - 30 * 3_600_000);
  return {
    teamId: trungMyTeam,
    startedAt: start.toISOString(),
    endedAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    participants: [{ name: 'Người dân tham gia', kind: 'civilian' }],
    note,
    ...extra,
  };
}

const countRounds = async (note: string) =>
  (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM patrol_rounds WHERE note = ${note}`))[0]?.n;

describe('idempotent sync of rounds', () => {
  it('replays the first answer to the same key and body, sent again and again: one round', async () => {
    const key = randomUUID();
    const body = round('tuần tự');
    const first = await sync('tobaove', body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    for (let i = 0; i < 9; i++) {
      const again = await sync('tobaove', body, key);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    expect(await countRounds('tuần tự')).toBe(1);
  });

  it('keeps exactly one round when the same request arrives ten times at once', async () => {
    const key = randomUUID();
    const body = round('đồng thời');
    const answers = await Promise.all(Array.from({ length: 10 }, () => sync('tobaove', body, key)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await countRounds('đồng thời')).toBe(1);
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    const key = randomUUID();
    expect((await sync('tobaove', round('khoá dùng lại'), key)).statusCode).toBe(201);
    const other = await sync('tobaove', round('khoá dùng lại', { note: 'nội dung khác' }), key);
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ code: 'idempotencyKeyReused' });
    expect(other.json().title).toContain('Khoá chống gửi trùng');
    expect(await countRounds('nội dung khác')).toBe(0);
    // The same key on another route is another request too.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/v1/patrols/rounds/${randomUUID()}/incidents`,
      headers: { ...CSRF, authorization: auth.tobaove as string, 'idempotency-key': key },
      payload: { type: 'noise', occurredAt: new Date(t.clock.ms - 3_600_000).toISOString(), description: 'Ồn ào', handling: 'warned' },
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().code).toBe('idempotencyKeyReused');
  });

  it('refuses a round without a key (400, a clear message) and writes nothing', async () => {
    const res = await sync('tobaove', round('không khoá'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'idempotencyKeyMissing' });
    expect(res.json().title).toContain('Idempotency-Key');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patrols/rounds',
      headers: { ...CSRF, authorization: auth.tobaove as string, 'accept-language': 'en' },
      payload: round('không khoá'),
    });
    expect(en.json().title).toContain('Idempotency-Key header is missing');
    const bad = await sync('tobaove', round('không khoá'), 'có dấu cách');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('idempotencyKeyInvalid');
    expect(await countRounds('không khoá')).toBe(0);
  });

  it('accepts the key as a structured-field string ("…") as the draft writes it', async () => {
    const key = randomUUID();
    const body = round('khoá có ngoặc');
    expect((await sync('tobaove', body, `"${key}"`)).statusCode).toBe(201);
    expect((await sync('tobaove', body, key)).headers['idempotent-replayed']).toBe('true');
    expect(await countRounds('khoá có ngoặc')).toBe(1);
  });

  it('scopes keys per account: the same key from another account is another request', async () => {
    const key = randomUUID();
    expect((await sync('tobaove', round('hai tài khoản'), key)).statusCode).toBe(201);
    const other = await sync('truongkhoi', round('hai tài khoản'), key);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await countRounds('hai tài khoản')).toBe(2);
  });

  it('writes nothing and keeps no key when the request is refused, so that a corrected retry goes through', async () => {
    const key = randomUUID();
    const broken = await sync('tobaove', round('sửa rồi gửi lại', { participants: [{ memberId: randomUUID() }] }), key);
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors[0]).toMatchObject({ path: 'participants.0.memberId' });
    expect(await countRounds('sửa rồi gửi lại')).toBe(0);
    expect((await sync('tobaove', round('sửa rồi gửi lại'), key)).statusCode).toBe(201);
  });

  it('still replays a key 6 days old, forgets it after IDEMPOTENCY_DAYS, and the job purges it', async () => {
    const key = randomUUID();
    const body = round('sau sáu ngày');
    const first = await sync('tobaove', body, key);
    expect(first.statusCode).toBe(201);
    t.clock.advance(6 * 86_400_000);
    const replay = await sync('tobaove', body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    expect(await countRounds('sau sáu ngày')).toBe(1);

    t.clock.advance((t.deps.cfg.idempotencyDays - 6) * 86_400_000 + 60_000);
    const keys = async () =>
      (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE idem_key = ${key}`))[0]
        ?.n;
    expect(await keys()).toBe(1);
    await purgeIdempotencyKeysJob.handle(t.deps, {});
    expect(await keys()).toBe(0);
    // The same key is now a new request: a phone offline beyond the retention would record the round again.
    const late = await sync('tobaove', round('sau sáu ngày'), key);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().id).not.toBe(first.json().id);
  });

  it('lets a block leader record for her team and refuses a team she does not serve in as missing', async () => {
    const [tanQuang] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT id FROM patrol_teams WHERE name = 'Tổ tuần tra nhân dân khối Tân Quang' AND closed_on IS NULL`,
    );
    const res = await sync('truongkhoi', round('tổ khác', { teamId: tanQuang?.id }), randomUUID());
    expect(res.statusCode).toBe(404);
    expect(await countRounds('tổ khác')).toBe(0);
  });
});
