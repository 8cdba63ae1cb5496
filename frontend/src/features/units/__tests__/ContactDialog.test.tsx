import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ContactDialog } from '../components/ContactDialog';

const UNIT = { code: 'CAX-001', name: 'Công an phường Phố Hiến' };

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const onClose = vi.fn();
  const onDirtyChange = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <ContactDialog unit={UNIT} onClose={onClose} onDirtyChange={onDirtyChange} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onClose, onDirtyChange };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

/** The unit's address on GET; `put` answers the PUT. */
const server = (email: string | null, put: () => Response) => (request: Request) =>
  Promise.resolve(request.method === 'GET' ? json({ email }) : put());

const sent = (fetchMock: ReturnType<typeof vi.fn<typeof fetch>>) =>
  fetchMock.mock.calls.map(([request]) => request as Request).filter((request) => request.method === 'PUT');

describe('ContactDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-abc';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it("sets a unit's first address, trimmed", async () => {
    fetchMock.mockImplementation(server(null, () => new Response(null, { status: 204 })) as typeof fetch);
    const { user, onClose, onDirtyChange } = renderDialog();
    const email = await screen.findByLabelText('Thư điện tử');
    expect(email).toHaveValue('');
    expect(screen.getByText('Đơn vị chưa có địa chỉ: chỉ nhận thông báo trong ứng dụng.')).toBeInTheDocument();
    await user.type(email, '  doi-tong-hop@example.vn ');
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    const [request] = sent(fetchMock);
    expect(new URL(request.url).pathname).toBe('/api/v1/units/CAX-001/contact');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await request.json()).toEqual({ email: 'doi-tong-hop@example.vn' });
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it("checks the address, and shows the server's refusal on the field", async () => {
    fetchMock.mockImplementation(
      server('cax001@example.vn', () =>
        json({ type: 'about:blank', title: 'Dữ liệu không hợp lệ', status: 422, detail: 'Có trường dữ liệu không hợp lệ.', errors: [{ loc: ['body', 'email'], message: 'Địa chỉ không đúng dạng.' }] }, 422),
      ) as typeof fetch,
    );
    const { user, onClose } = renderDialog();
    const email = await screen.findByLabelText('Thư điện tử');
    expect(email).toHaveValue('cax001@example.vn');
    await user.clear(email);
    await user.type(email, 'khong-hop-le');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Thư điện tử không hợp lệ')).toBeInTheDocument();
    expect(sent(fetchMock)).toEqual([]);

    await user.clear(email);
    await user.type(email, 'doi@example.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Địa chỉ không đúng dạng.')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
