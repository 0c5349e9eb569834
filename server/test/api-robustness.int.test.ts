import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db.ts';
import { CSRF, createTestApp, type TestApp } from './app.ts';

/** Bad input gets a clear 4xx problem document in the caller's language, and changes nothing (security.md G23). */
let t: TestApp;
let admin: string;
let wardId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = `Bearer ${await t.tokenFor('quantri')}`;
  const [row] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM units WHERE code = 'thanh-vinh'`);
  wardId = row?.id as string;
});
afterAll(() => t.close());

const counts = async () =>
  (
    await queryRows<{ units: number; users: number }>(
      t.deps.database.db,
      sql`SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM users) AS users`,
    )
  )[0];

function send(method: 'POST' | 'PATCH', url: string, body: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url, body, headers: { ...CSRF, authorization: admin, 'content-type': 'application/json', ...headers } });
}

describe('bad input', () => {
  it('answers malformed JSON, wrong types, unknown fields, oversize bodies and wrong media types with a 4xx', async () => {
    const before = await counts();
    const cases: [string, Awaited<ReturnType<typeof send>>, number, string][] = [
      ['malformed JSON', await send('POST', '/api/v1/units', '{"parentId": '), 400, 'malformedJson'],
      ['empty body', await send('POST', '/api/v1/units', ''), 400, 'malformedJson'],
      [
        'wrong types',
        await send('POST', '/api/v1/units', JSON.stringify({ parentId: 5, code: [], name: {}, type: 'castle' })),
        400,
        'validation',
      ],
      [
        'unknown field',
        await send('POST', '/api/v1/units', JSON.stringify({ parentId: wardId, code: 'x1', name: 'X', type: 'block', wardId })),
        400,
        'validation',
      ],
      [
        'mass assignment of role scope',
        await send(
          'POST',
          '/api/v1/users',
          JSON.stringify({ username: 'abc', displayName: 'A', role: 'officer', unitId: wardId, password: 'mat-khau-dai-12345', wardId }),
        ),
        400,
        'validation',
      ],
      ['oversize body', await send('POST', '/api/v1/units', JSON.stringify({ name: 'x'.repeat(1_100_000) })), 413, 'payloadTooLarge'],
      ['wrong media type', await send('POST', '/api/v1/units', 'name=x', { 'content-type': 'text/plain' }), 415, 'unsupportedMediaType'],
      [
        'bad id',
        (await t.app.inject({ method: 'GET', url: '/api/v1/units/not-a-uuid', headers: { authorization: admin } })) as never,
        400,
        'validation',
      ],
      [
        'bad query',
        (await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=100000', headers: { authorization: admin } })) as never,
        400,
        'validation',
      ],
      [
        'prototype pollution',
        await send('POST', '/api/v1/units', '{"__proto__": {"polluted": true}, "parentId": "x"}'),
        400,
        'malformedJson',
      ],
    ];
    for (const [name, res, status, code] of cases) {
      expect(res.statusCode, name).toBe(status);
      expect(res.headers['content-type'], name).toContain('application/problem+json');
      expect(res.json().code, name).toBe(code);
      expect(res.json().title, name).toBeTruthy();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('names each wrong field, translated by Accept-Language', async () => {
    const body = JSON.stringify({ username: 'A B', displayName: '', role: 'officer', unitId: wardId, password: 'short' });
    const vi = (await send('POST', '/api/v1/users', body)).json();
    const en = (await send('POST', '/api/v1/users', body, { 'accept-language': 'en-US,en;q=0.9' })).json();
    expect(vi.title).toBe('Thông tin nhập chưa đúng. Vui lòng kiểm tra lại.');
    expect(en.title).toBe('Some of the information is not right. Please check it.');
    const fields = (p: { errors: { path: string; message: string }[] }) => Object.fromEntries(p.errors.map((e) => [e.path, e.message]));
    expect(fields(vi)).toMatchObject({
      username: expect.stringContaining('Tên đăng nhập'),
      password: 'Mật khẩu phải có ít nhất 12 ký tự.',
      displayName: 'Vui lòng nhập thông tin này.',
    });
    expect(fields(en).password).toBe('Passwords need at least 12 characters.');
  });

  it('turns rule violations into 4xx with no half-written record', async () => {
    const before = await counts();
    const [leMao] = await queryRows<{ id: string }>(t.deps.database.db, sql`SELECT id FROM units WHERE code = 'le-mao'`);
    const [block] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT id FROM units WHERE code = 'trung-my' AND valid_to IS NULL`,
    );
    const cases: [string, object, number, string][] = [
      ['historic parent', { parentId: leMao?.id, code: 'k10', name: 'Khối 10', type: 'block' }, 422, 'unitInactive'],
      ['block under block', { parentId: block?.id, code: 'k11', name: 'Khối 11', type: 'block' }, 422, 'invalidParent'],
      ['school without level', { parentId: wardId, code: 'th1', name: 'Trường 1', type: 'school' }, 422, 'schoolLevelRequired'],
      [
        'end before start',
        { parentId: wardId, code: 'k12', name: 'Khối 12', type: 'block', validFrom: '2026-01-02', validTo: '2026-01-01' },
        422,
        'invalidDates',
      ],
      ['duplicate code', { parentId: wardId, code: 'trung-my', name: 'Khối Trung Mỹ 2', type: 'block' }, 409, 'codeTaken'],
      [
        'missing predecessor',
        { parentId: wardId, code: 'k13', name: 'Khối 13', type: 'block', predecessorIds: ['00000000-0000-4000-8000-000000000000'] },
        404,
        'notFound',
      ],
    ];
    for (const [name, payload, status, code] of cases) {
      const res = await send('POST', '/api/v1/units', JSON.stringify(payload));
      expect(res.statusCode, name).toBe(status);
      expect(res.json().code, name).toBe(code);
      expect(res.body, name).not.toMatch(/units_|constraint|violates/);
    }
    const dup = await send(
      'POST',
      '/api/v1/users',
      JSON.stringify({ username: 'canbo', displayName: 'Trùng', role: 'officer', unitId: wardId, password: 'mat-khau-dai-12345' }),
    );
    expect(dup.statusCode).toBe(409);
    const mismatch = await send(
      'POST',
      '/api/v1/users',
      JSON.stringify({ username: 'sai.vai.tro', displayName: 'Sai', role: 'block_leader', unitId: wardId, password: 'mat-khau-dai-12345' }),
    );
    expect(mismatch.json().code).toBe('roleUnitMismatch');
    expect(await counts()).toEqual(before);
  });

  it('answers unknown routes with a problem document, never a 5xx', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('notFound');
  });
});

describe('rate limits', () => {
  it('limits login attempts per client address; a spoofed X-Forwarded-For does not reset the limit', async () => {
    const limited = await (await import('./app.ts')).createTestApp({ LOGIN_RATE_LIMIT: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { ...CSRF, 'x-forwarded-for': `198.51.100.${i}` },
          payload: { username: 'khong-co', password: 'sai-mat-khau-123' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('security headers', () => {
  it('sends a strict CSP, no-referrer, nosniff and no-store on the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
