import { ApiError } from './errors';

export const API_PREFIX = '/api/v1';
const CSRF_COOKIE = 'banhat_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : undefined;
}

/** The session cookie is HttpOnly; unsafe requests prove they come from this page with the CSRF cookie. */
export function withCsrf(method: string, headers: Headers): Headers {
  const token = readCookie(CSRF_COOKIE);
  if (!SAFE_METHODS.has(method.toUpperCase()) && token) headers.set('X-CSRF-Token', token);
  return headers;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const problem = await response.json().catch(() => ({}));
  return new ApiError(response.status, problem);
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  data: T;
  response: Response;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const url = new URL(API_PREFIX + path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const headers = withCsrf(method, new Headers(options.headers));
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) throw await toApiError(response);
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, response };
}
