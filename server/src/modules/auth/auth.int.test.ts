import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { totpCode, totpStep } from '../../platform/auth/totp.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { queryRows } from '../../platform/db.ts';
import { findSessionWithUser } from './auth.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...CSRF, ...headers } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name.endsWith('binhan_sid'));
  return c ? `${c.name}=${c.value}` : '';
};

async function passwordStep(username: string, password = t.login(username).password) {
  const res = await post('/api/v1/auth/login', { username, password });
  return { res, cookie: cookieOf(res) };
}

describe('login (ASVS 6.3, security.md G19–G22)', () => {
  it('answers a wrong password and an unknown user with the same status and body', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'tobaove', password: 'not-the-password-1' });
    const unknown = await post('/api/v1/auth/login', { username: 'khong-co-ai', password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json().code).toBe('invalidCredentials');
  });

  it('logs in a block leader with a password alone, and the session works', async () => {
    const { res, cookie } = await passwordStep('truongkhoi');
    expect(res.json()).toEqual({ status: 'ok' });
    const who = await me(cookie);
    expect(who.statusCode).toBe(200);
    expect(who.json().user.username).toBe('truongkhoi');
    // Each request reads the session and its account, but never the account's secrets (ASVS 6.4, security.md G18).
    const found = await findSessionWithUser(t.deps.database.db, sha256Hex(cookie.split('=')[1] ?? ''));
    expect(found?.user?.username).toBe('truongkhoi');
    for (const secret of ['passwordHash', 'totpSecretEnc', 'recoveryCodes']) expect(found?.user).not.toHaveProperty(secret);
    expect(found?.session).not.toHaveProperty('pendingTotpSecretEnc');
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, with __Host- and Secure over TLS', async () => {
    const { res } = await passwordStep('truongkhoi');
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    t.deps.cfg.cookieSecure = true;
    try {
      const secure = await passwordStep('truongkhoi');
      const c = String(secure.res.headers['set-cookie']);
      expect(c).toMatch(/^__Host-binhan_sid=/);
      expect(c).toMatch(/Secure/);
      expect(c).toMatch(/Path=\//);
      expect(c).not.toMatch(/Domain=/);
    } finally {
      t.deps.cfg.cookieSecure = undefined;
    }
  });

  it('gives a police account nothing until the TOTP code passes, then a new session token', async () => {
    const { res, cookie } = await passwordStep('canbo');
    expect(res.json()).toEqual({ status: 'totp_required' });
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie } });
    expect(before.statusCode).toBe(401);
    expect(before.json().code).toBe('totpRequired');
    t.clock.advance(30_000);
    const secret = t.login('canbo').totpSecret as string;
    const ok = await post('/api/v1/auth/totp', { code: totpCode(secret, totpStep(t.clock.ms)) }, { cookie });
    expect(ok.statusCode).toBe(200);
    const full = cookieOf(ok);
    expect(full).not.toBe(cookie);
    expect((await me(full)).statusCode).toBe(200);
    // The pre-TOTP token is dead (no session fixation).
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses a TOTP code used twice, and codes two steps away', async () => {
    const secret = t.login('truongcongan').totpSecret as string;
    t.clock.advance(30_000);
    const code = totpCode(secret, totpStep(t.clock.ms));
    const first = await passwordStep('truongcongan');
    expect((await post('/api/v1/auth/totp', { code }, { cookie: first.cookie })).statusCode).toBe(200);
    const second = await passwordStep('truongcongan');
    const reuse = await post('/api/v1/auth/totp', { code }, { cookie: second.cookie });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('invalidTotp');
    for (const offset of [-2, 2]) {
      t.clock.advance(90_000);
      const attempt = await passwordStep('truongcongan');
      const far = totpCode(secret, totpStep(t.clock.ms) + offset);
      const near = [-1, 0, 1].map((d) => totpCode(secret, totpStep(t.clock.ms) + d));
      if (near.includes(far)) continue; // a one-in-a-million collision of codes
      const res = await post('/api/v1/auth/totp', { code: far }, { cookie: attempt.cookie });
      expect(res.statusCode).toBe(401);
    }
    // One step of drift either way is accepted.
    t.clock.advance(90_000);
    const drift = await passwordStep('truongcongan');
    const res = await post('/api/v1/auth/totp', { code: totpCode(secret, totpStep(t.clock.ms) - 1) }, { cookie: drift.cookie });
    expect(res.statusCode).toBe(200);
    // Reset the failure counter the wrong codes left behind.
    await t.deps.database.db.execute(sql`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = 'truongcongan'`);
  });

  it('locks an account after repeated failures, even against the right password and spoofed X-Forwarded-For', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await post(
        '/api/v1/auth/login',
        { username: 'hoagiai', password: `wrong-password-${i}` },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      expect(res.statusCode).toBe(401);
    }
    const locked = await post(
      '/api/v1/auth/login',
      { username: 'hoagiai', password: t.login('hoagiai').password },
      { 'x-forwarded-for': '198.51.100.7' },
    );
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('invalidCredentials');
    const [row] = await queryRows<{ locked_until: Date | null }>(
      t.deps.database.db,
      sql`SELECT locked_until FROM users WHERE username = 'hoagiai'`,
    );
    expect(row?.locked_until).not.toBeNull();
    // The lock expires by itself: no permanent denial of service.
    t.clock.advance(2 * 60_000);
    const after = await passwordStep('hoagiai');
    expect(after.res.statusCode).toBe(200);
  });

  it('ends the session at logout and clears site data', async () => {
    const cookie = await t.signIn('truongkhoi');
    const out = await post('/api/v1/auth/logout', undefined, { cookie });
    expect(out.statusCode).toBe(204);
    expect(out.headers['clear-site-data']).toContain('cookies');
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends sessions when the account is disabled', async () => {
    const victim = await t.signIn('theodoi');
    expect((await me(victim)).statusCode).toBe(200);
    const admin = await t.signIn('quantri');
    const id = (await me(victim)).json().user.id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...CSRF, cookie: admin },
      payload: { isDisabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(victim)).statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...CSRF, cookie: admin },
      payload: { isDisabled: false },
    });
  });

  it('enforces the idle and the absolute session lifetime', async () => {
    const idle = await t.signIn('truongkhoi');
    t.clock.advance(31 * 60_000);
    expect((await me(idle)).statusCode).toBe(401);
    const absolute = await t.signIn('truongkhoi');
    for (let i = 0; i < 26; i++) {
      t.clock.advance(29 * 60_000);
      if (i < 24) expect((await me(absolute)).statusCode).toBe(200);
    }
    expect((await me(absolute)).statusCode).toBe(401);
  });

  it('refuses state-changing requests without the app header or from another origin (CSRF)', async () => {
    const cookie = await t.signIn('truongkhoi');
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().code).toBe('csrf');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...CSRF, cookie, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('stores passwords as argon2id with m ≥ 19456 KiB and t ≥ 2 (security.md G18)', async () => {
    const rows = await queryRows<{ password_hash: string }>(t.deps.database.db, sql`SELECT password_hash FROM users`);
    for (const { password_hash } of rows) {
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(password_hash);
      expect(m).not.toBeNull();
      expect(Number(m?.[1])).toBeGreaterThanOrEqual(19456);
      expect(Number(m?.[2])).toBeGreaterThanOrEqual(2);
    }
    const secrets = await queryRows<{ totp_secret_enc: string | null }>(
      t.deps.database.db,
      sql`SELECT totp_secret_enc FROM users WHERE totp_secret_enc IS NOT NULL`,
    );
    for (const s of secrets) expect(s.totp_secret_enc).toMatch(/^v1\./);
  });
});

describe('TOTP enrolment and recovery codes', () => {
  it('makes a new officer enrol at first login, then accepts each recovery code once', async () => {
    const admin = await t.signIn('quantri');
    const units = (await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie: admin } })).json().items as {
      id: string;
      code: string;
    }[];
    const ward = units.find((u) => u.code === 'thanh-vinh');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...CSRF, cookie: admin },
      payload: { username: 'canbo.moi', displayName: 'Cán bộ Mới', role: 'officer', unitId: ward?.id, password: 'mat-khau-rat-dai-123' },
    });
    expect(created.statusCode).toBe(201);
    const first = await post('/api/v1/auth/login', { username: 'canbo.moi', password: 'mat-khau-rat-dai-123' });
    expect(first.json().status).toBe('totp_enrol');
    const { secret, qrSvg, otpauthUri } = first.json().enrolment;
    expect(qrSvg).toContain('<svg');
    expect(otpauthUri).toContain(`secret=${secret}`);
    const cookie = cookieOf(first);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie } })).statusCode).toBe(401);
    const done = await post('/api/v1/auth/totp/enrol', { code: totpCode(secret, totpStep(t.clock.ms)) }, { cookie });
    expect(done.statusCode).toBe(200);
    const codes = done.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect((await me(cookieOf(done))).statusCode).toBe(200);

    const again = await post('/api/v1/auth/login', { username: 'canbo.moi', password: 'mat-khau-rat-dai-123' });
    expect(again.json().status).toBe('totp_required');
    const rec = await post('/api/v1/auth/recovery', { code: codes[0] }, { cookie: cookieOf(again) });
    expect(rec.statusCode).toBe(200);
    const third = await post('/api/v1/auth/login', { username: 'canbo.moi', password: 'mat-khau-rat-dai-123' });
    const reuse = await post('/api/v1/auth/recovery', { code: codes[0] }, { cookie: cookieOf(third) });
    expect(reuse.statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('acts with the account role and scope, is audited on every use, and stops when revoked', async () => {
    const token = await t.tokenFor('canbo');
    const auth = { authorization: `Bearer ${token}` };
    const units = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: auth });
    expect(units.statusCode).toBe(200);
    expect((units.json().items as { name: string }[]).some((u) => u.name === 'Phường Trường Vinh')).toBe(false);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: auth });
    expect(users.statusCode).toBe(403);
    const uses = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'token.use' AND actor_name = 'canbo'`,
    );
    expect(uses[0]?.n).toBeGreaterThanOrEqual(2);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: auth });
    const id = (list.json().items as { id: string }[])[0]?.id;
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: auth });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: auth })).statusCode).toBe(401);
  });
});
