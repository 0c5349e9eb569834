import { i18n } from './i18n.ts';

/** One field error of an RFC 9457 problem; `message` is already in the user's language. */
export type FieldProblem = { path: string; message: string };

type ProblemBody = {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldProblem[];
};

/** A failed API call, carrying the server's problem details (already translated) or a local stand-in. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldProblem[];

  constructor(status: number, body: ProblemBody) {
    const title = body.title ?? i18n.t('errors.internal');
    super(body.detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'internal';
    this.title = title;
    this.detail = body.detail;
    this.fieldErrors = Array.isArray(body.errors) ? body.errors : [];
  }
}

/** The message to show for any error thrown by a query or mutation. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  return i18n.t('common.unexpectedError');
}

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not send the user to the login page on a 401 (the login steps handle it themselves). */
  isAuthStep?: boolean;
  /** Extra request headers, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
};

let handleUnauthenticated: (() => void) | null = null;

/** Registers what happens when any call finds the session gone (the router sends the user to the login page). */
export function onUnauthenticated(handler: () => void): void {
  handleUnauthenticated = handler;
}

const API_BASE = '/api/v1';

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Calls the Bình An API on the same origin: JSON in and out, the CSRF header on writes, the UI language always. */
export async function requestApi<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'vi',
  };
  if (method !== 'GET' && method !== 'HEAD') headers['X-Binh-An-Csrf'] = '1';
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', title: i18n.t('common.networkError') });
  }

  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  const payload: unknown = isJson ? await response.json().catch(() => null) : null;

  if (!response.ok) {
    const problem: ProblemBody =
      payload && typeof payload === 'object'
        ? (payload as ProblemBody)
        : {
            code: response.status >= 500 ? 'internal' : 'badRequest',
            title: i18n.t(response.status >= 500 ? 'errors.internal' : 'errors.badRequest'),
          };
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && error.code === 'unauthenticated' && !options.isAuthStep) handleUnauthenticated?.();
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => requestApi<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => requestApi<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => requestApi<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => requestApi<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => requestApi<T>('DELETE', path, options),
};
