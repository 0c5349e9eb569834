import type { Role } from '@binh-an/domain';
import { api } from '../../lib/api.ts';
import type { UserView } from '../auth/api.ts';
import type { UserStatus } from './statuses.ts';

export { USER_STATUSES, type UserStatus } from './statuses.ts';

export type UserFilters = { q?: string; role?: Role; unitId?: string; status?: UserStatus };
export type UserPage = { items: UserView[]; nextCursor: string | null };

export const usersQueryKey = ['users'] as const;
export const USERS_PAGE_SIZE = 50;

/** One page of accounts in the user's scope. */
export function fetchUsers(filters: UserFilters, cursor?: string, limit = USERS_PAGE_SIZE, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>('/users', { query: { ...filters, cursor, limit }, signal });
}

/** Every account matching the filters (for export), page after page. */
export async function fetchAllUsers(filters: UserFilters): Promise<UserView[]> {
  const out: UserView[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard += 1) {
    const page = await fetchUsers(filters, cursor, 200);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export type CreateUserBody = { username: string; displayName: string; role: Role; unitId: string; password: string };
export type UpdateUserBody = { displayName?: string; role?: Role; unitId?: string; isDisabled?: boolean };

/** Creates an account with an initial password. */
export function createUser(body: CreateUserBody): Promise<UserView> {
  return api.post<UserView>('/users', body);
}

/** Changes an account's name, role, unit or disabled state. */
export function updateUser(id: string, body: UpdateUserBody): Promise<UserView> {
  return api.patch<UserView>(`/users/${encodeURIComponent(id)}`, body);
}

/** Sets a new password for an account. */
export function resetUserPassword(id: string, password: string): Promise<void> {
  return api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });
}

/** Removes an account's authenticator, so it enrols again at next login. */
export function resetUserTotp(id: string): Promise<void> {
  return api.post<void>(`/users/${encodeURIComponent(id)}/totp-reset`);
}

/** Lifts the temporary lock after too many failed logins. */
export function unlockUser(id: string): Promise<void> {
  return api.post<void>(`/users/${encodeURIComponent(id)}/unlock`);
}

/** A random password of 16 characters without look-alike characters, for handing over to a new user. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (n) => alphabet[n % alphabet.length]).join('');
}
