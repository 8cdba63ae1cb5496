import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ReviewActions } from '../components/ReviewActions';

function renderActions(status: 'submitted' | 'approved') {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <ReviewActions period="2026-Y" unit="CAX-001" status={status} />
      </App>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('ReviewActions', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=token-123';
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ status: 'returned', indicators: [] }), {
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: '"2"' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('offers approve and return for a submitted report, reopen for an approved one', () => {
    renderActions('submitted');
    expect(screen.getByRole('button', { name: /Duyệt/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Trả lại/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Mở lại/ })).not.toBeInTheDocument();
  });

  it('does not return a report without a reason', async () => {
    const user = renderActions('submitted');
    await user.click(screen.getByRole('button', { name: /Trả lại/ }));
    await screen.findByLabelText('Lý do');
    await user.click(screen.getAllByRole('button', { name: 'Trả lại' }).at(-1)!);
    expect(await screen.findByText('Nhập lý do để đơn vị biết cần sửa gì')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('returns with the reason, proving the request with the CSRF cookie', async () => {
    const user = renderActions('submitted');
    await user.click(screen.getByRole('button', { name: /Trả lại/ }));
    await user.click(await screen.findByLabelText('Lý do'));
    await user.paste('  Thiếu biên bản kiểm kê.  ');
    await user.click(screen.getAllByRole('button', { name: 'Trả lại' }).at(-1)!);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/submissions/2026-Y/CAX-001/return');
    expect(request.headers.get('X-CSRF-Token')).toBe('token-123');
    expect(await request.json()).toEqual({ reason: 'Thiếu biên bản kiểm kê.' });
  });
});
