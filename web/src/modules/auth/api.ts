import type { Locale, Role } from '@binh-an/domain';
import { api } from '../../lib/api.ts';

/** An account as the API sends it (dates as ISO strings). */
export type UserView = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  wardId: string | null;
  locale: Locale;
  totpEnabled: boolean;
  isDisabled: boolean;
  isLocked: boolean;
  createdAt: string;
  lastLoginAt: string | null;
};

/** Who is signed in, their unit and the permission names they hold. */
export type MeView = {
  user: UserView;
  unit: { id: string; name: string; type: string };
  actions: string[];
};

export type TotpEnrolment = { secret: string; otpauthUri: string; qrSvg: string };

export type LoginResult = { status: 'ok' } | { status: 'totp_required' } | { status: 'totp_enrol'; enrolment: TotpEnrolment };

export const meQueryKey = ['auth', 'me'] as const;

/** Reads the current session's account. */
export function fetchMe(): Promise<MeView> {
  return api.get<MeView>('/auth/me');
}

/** First login step: username and password. */
export function login(username: string, password: string): Promise<LoginResult> {
  return api.post<LoginResult>('/auth/login', { username, password }, { isAuthStep: true });
}

/** Second step with the 6-digit code from the authenticator app. */
export function verifyTotp(code: string): Promise<{ status: 'ok' }> {
  return api.post<{ status: 'ok' }>('/auth/totp', { code }, { isAuthStep: true });
}

/** Second step with a one-time recovery code instead of the app. */
export function verifyRecoveryCode(code: string): Promise<{ status: 'ok' }> {
  return api.post<{ status: 'ok' }>('/auth/recovery', { code }, { isAuthStep: true });
}

/** Confirms the enrolment of an authenticator app; answers the recovery codes, shown only once. */
export function enrolTotp(code: string): Promise<{ status: 'ok'; recoveryCodes: string[] }> {
  return api.post<{ status: 'ok'; recoveryCodes: string[] }>('/auth/totp/enrol', { code }, { isAuthStep: true });
}

/** Ends the session. */
export function logout(): Promise<void> {
  return api.post<void>('/auth/logout', undefined, { isAuthStep: true });
}

/** Saves the account's UI language. */
export function saveLocale(locale: Locale): Promise<unknown> {
  return api.put<unknown>('/auth/me/locale', { locale });
}
