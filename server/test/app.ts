import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createApiToken } from '../src/modules/auth/index.ts';
import { type DemoLogin, loadDemo } from '../src/modules/demo/index.ts';
import { findCredentialsByUsername } from '../src/modules/users/index.ts';
import { totpCode, totpStep } from '../src/platform/auth/totp.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDeps, type Deps } from '../src/platform/deps.ts';
import { createTestDatabase } from './db.ts';

/** A clock the tests move by hand. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: TestClock;
  logins: DemoLogin[];
  login(username: string): DemoLogin;
  /** Logs in through the API (password, then TOTP when the account has it) and answers the session cookie header. */
  signIn(username: string): Promise<string>;
  /** A bearer token for an account, made as the operator's command line does. */
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
};

export const CSRF = { 'x-binh-an-csrf': '1' };

/** Builds the whole app on a fresh database with the demo ward loaded. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const cfg = {
    ...loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'binh-an-test-')),
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '100000',
      RATE_LIMIT: '1000000',
      TIP_RATE_LIMIT: '100000',
      TIP_FLOOD_THRESHOLD: '100000',
      ...env,
    }),
    demo: false,
  };
  const key = Buffer.alloc(32, 7);
  const clock = new TestClock();
  const deps = await createDeps(database, cfg, key, clock.now);
  const { logins } = await loadDemo(database.db, key);
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  const login = (username: string) => {
    const l = logins.find((x) => x.username === username);
    if (!l) throw new Error(`no demo login ${username}`);
    return l;
  };
  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name.endsWith('binhan_sid'));
    return c ? `${c.name}=${c.value}` : '';
  };
  return {
    app,
    deps,
    clock,
    logins,
    login,
    async signIn(username) {
      const l = login(username);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: CSRF,
        payload: { username, password: l.password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      let cookie = cookieOf(res);
      if (res.json().status === 'totp_required' && l.totpSecret) {
        clock.advance(30_000); // a fresh TOTP step: each code works once
        const code = totpCode(l.totpSecret, totpStep(clock.ms));
        const r2 = await app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { ...CSRF, cookie }, payload: { code } });
        if (r2.statusCode !== 200) throw new Error(`totp ${username}: ${r2.statusCode} ${r2.body}`);
        cookie = cookieOf(r2);
      }
      return cookie;
    },
    async tokenFor(username) {
      const user = await findCredentialsByUsername(database.db, username);
      if (!user) throw new Error(`no user ${username}`);
      return (await createApiToken(deps, user.id, 'test', null)).secret;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
