import type { ReactElement } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { render } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

export const CSRF = 'csrf-abc';

/** Stands in for the network in each test of the file (with the CSRF cookie set): the mock to answer and inspect. */
export function stubFetch() {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    document.cookie = `banhat_csrf=${CSRF}`;
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });
  return fetchMock;
}

/** The requests the mock was given, with `method` only. */
export const requestsOf = (fetchMock: ReturnType<typeof stubFetch>, method: string) =>
  fetchMock.mock.calls.map(([request]) => request as Request).filter((request) => request.method === method);

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A 422 problem naming the fields (`loc`), as the server answers it. */
export const invalid = (...errors: { loc: (string | number)[]; message: string }[]) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Dữ liệu không hợp lệ', status: 422, detail: 'Có trường dữ liệu không hợp lệ.', errors }), {
    status: 422,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** Renders with a fresh query client (no retries) and antd's App (messages, confirmations). */
export function renderWithClient(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>{ui}</App>
    </QueryClientProvider>,
  );
}

/** `renderWithClient`, and a user to drive the page. */
export function renderWithApi(ui: ReactElement) {
  renderWithClient(ui);
  return userEvent.setup();
}
