import type { SendResult } from './index.ts';

const TIMEOUT_MS = 10_000;

/** Posts JSON to a provider, classifying the outcome: no answer, 408, 425, 429 and 5xx may be retried, other 4xx not. */
export async function postJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: unknown } | { failure: SendResult }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    const name = (err as Error).name === 'TimeoutError' ? 'timeout' : 'no answer';
    return { failure: { ok: false, retryable: true, error: `${provider}: ${name}` } };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const retryable = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
    return { failure: { ok: false, retryable, error: `${provider}: HTTP ${res.status}` } };
  }
  return { status: res.status, json };
}
