import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: string;
let chief: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = `Bearer ${await t.tokenFor('quantri')}`;
  chief = `Bearer ${await t.tokenFor('truongcongan')}`;
});
afterAll(() => t.close());

const get = (authorization: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization } });

describe('accounts', () => {
  it('pages through accounts by username with a cursor', async () => {
    const first = (await get(admin, '/api/v1/users?limit=4')).json();
    expect(first.items).toHaveLength(4);
    const second = (await get(admin, `/api/v1/users?limit=4&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    const third = (await get(admin, `/api/v1/users?limit=4&cursor=${encodeURIComponent(second.nextCursor)}`)).json();
    const names = [...first.items, ...second.items, ...third.items].map((u: { username: string }) => u.username);
    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
    expect(names).toEqual([...names].sort());
    expect(third.nextCursor).toBeNull();
  });

  it('searches names without diacritics and filters by role', async () => {
    const found = (await get(admin, '/api/v1/users?q=tran%20thi%20lan')).json().items;
    expect(found.map((u: { username: string }) => u.username)).toEqual(['canbo']);
    const officers = (await get(admin, '/api/v1/users?role=officer')).json().items;
    expect(officers.map((u: { username: string }) => u.username).sort()).toEqual(['canbo', 'canbo.truongvinh']);
  });

  it('shows a chief only the accounts of the ward and its blocks', async () => {
    const seen = (await get(chief, '/api/v1/users?limit=50')).json().items.map((u: { username: string }) => u.username);
    expect(seen).not.toContain('canbo.truongvinh');
    expect(seen).not.toContain('quantri');
    expect(seen).toContain('truongkhoi');
  });

  it('refuses an administrator disabling or demoting their own account', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: admin } })).json();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.user.id}`,
      headers: { ...CSRF, authorization: admin },
      payload: { isDisabled: true },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('selfLockout');
  });

  it('saves the interface language of the account', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/me/locale',
      headers: { ...CSRF, authorization: chief },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(204);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: chief } })).json();
    expect(me.user.locale).toBe('en');
    const err = await t.app.inject({ method: 'GET', url: '/api/v1/users/not-a-uuid', headers: { authorization: chief } });
    expect(err.json().title).toBe('Some of the information is not right. Please check it.');
  });
});
