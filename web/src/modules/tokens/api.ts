import { api } from '../../lib/api.ts';

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const tokensQueryKey = ['tokens'] as const;

/** The signed-in user's own API tokens. */
export function fetchTokens(signal?: AbortSignal): Promise<{ items: ApiTokenView[] }> {
  return api.get<{ items: ApiTokenView[] }>('/tokens', { signal });
}

/** Creates a token; the secret comes back this once only. */
export function createToken(name: string): Promise<{ token: ApiTokenView; secret: string }> {
  return api.post<{ token: ApiTokenView; secret: string }>('/tokens', { name });
}

/** Revokes a token for good. */
export function revokeToken(id: string): Promise<void> {
  return api.delete<void>(`/tokens/${encodeURIComponent(id)}`);
}
