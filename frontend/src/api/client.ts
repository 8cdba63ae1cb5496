import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError } from './errors';

/** Response and request bodies, generated from openapi.yaml (`npm run gen:api`). */
export type Schemas = components['schemas'];

/** One indicator's value as the SPA sends it (a `ValueIn` holding numbers, never digit strings). */
export type ValueInput = { indicator: string } & Partial<Schemas['ValueOut']>;

const CSRF_COOKIE = 'banhat_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : undefined;
}

/** The session cookie is HttpOnly; unsafe requests prove they come from this page with the CSRF cookie. */
const csrf: Middleware = {
  onRequest({ request }) {
    const token = readCookie(CSRF_COOKIE);
    if (!SAFE_METHODS.has(request.method) && token) request.headers.set('X-CSRF-Token', token);
    return request;
  },
};

// Absolute URLs on the origin that served the page (Request objects need one outside a browser too);
// fetch is looked up per call, so tests can stand in for the network.
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrf);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the body of a successful call and throws the server's problem details otherwise. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrapWithResponse(call)).data;
}

/** A page of a list: its items, and the number of items of every page (`X-Total-Count`, docs/api.md). */
export interface Page<T> {
  items: T[];
  total: number;
}

export async function unwrapPage<T>(call: Promise<FetchResult<T[]>>): Promise<Page<T>> {
  const { data, response } = await unwrapWithResponse(call);
  return { items: data, total: Number(response.headers.get('X-Total-Count') ?? data.length) };
}

export async function unwrapWithResponse<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error ?? {}) as ConstructorParameters<typeof ApiError>[1]);
  return { data: data as T, response };
}
