import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Deliveries } from '../components/WebhooksManager';

const WEBHOOK = { id: 4, url: 'https://he-thong.example/hook', events: ['scores.changed' as const], active: true, created_at: '2026-06-01T02:00:00Z' };
const DELIVERIES = [
  { id: 12, event: 'scores.changed', status: 'failed', attempts: 31, response_status: 500, error: 'HTTP 500', created_at: '2026-06-01T02:00:00Z', delivered_at: null, payload: {} },
  { id: 11, event: 'scores.changed', status: 'delivered', attempts: 1, response_status: 204, error: null, created_at: '2026-06-01T01:00:00Z', delivered_at: '2026-06-01T01:00:05Z', payload: {} },
];

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('Deliveries', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=token-123';
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      return request.method === 'POST' ? json({ redelivered: 1 }) : json(DELIVERIES);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('shows recent deliveries and redelivers a failed one', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App>
          <Deliveries webhook={WEBHOOK} />
        </App>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Thất bại')).toBeInTheDocument();
    expect(screen.getByText('Đã gửi')).toBeInTheDocument();
    expect(screen.getByText('msg_12')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Gửi lại' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([input]) => (input as Request).method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.map(([input]) => input as Request).find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/v1/webhooks/4/deliveries/12/redeliver');
    expect(post.headers.get('X-CSRF-Token')).toBe('token-123');
  });
});
