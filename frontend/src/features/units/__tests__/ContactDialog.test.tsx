import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@/test/render';
import { CSRF, invalid, json, renderWithApi, requestsOf, stubFetch } from '@/test/api-stub';
import { ContactDialog } from '../components/ContactDialog';

const UNIT = { code: 'CAX-001', name: 'Công an phường Phố Hiến' };

function renderDialog() {
  const onClose = vi.fn();
  const onDirtyChange = vi.fn();
  const user = renderWithApi(<ContactDialog unit={UNIT} onClose={onClose} onDirtyChange={onDirtyChange} />);
  return { user, onClose, onDirtyChange };
}

/** The unit's address on GET; `put` answers the PUT. */
const server = (email: string | null, put: () => Response) => (request: RequestInfo | URL) =>
  Promise.resolve((request as Request).method === 'GET' ? json({ email }) : put());

describe('ContactDialog', () => {
  const fetchMock = stubFetch();

  it("sets a unit's first address, trimmed", async () => {
    fetchMock.mockImplementation(server(null, () => new Response(null, { status: 204 })));
    const { user, onClose, onDirtyChange } = renderDialog();
    const email = await screen.findByLabelText('Thư điện tử');
    expect(email).toHaveValue('');
    expect(screen.getByText('Đơn vị chưa có địa chỉ: chỉ nhận thông báo trong ứng dụng.')).toBeInTheDocument();
    await user.type(email, '  doi-tong-hop@example.vn ');
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    const [request] = requestsOf(fetchMock, 'PUT');
    expect(new URL(request.url).pathname).toBe('/api/v1/units/CAX-001/contact');
    expect(request.headers.get('X-CSRF-Token')).toBe(CSRF);
    expect(await request.json()).toEqual({ email: 'doi-tong-hop@example.vn' });
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it("checks the address, and shows the server's refusal on the field", async () => {
    fetchMock.mockImplementation(server('cax001@example.vn', () => invalid({ loc: ['body', 'email'], message: 'Địa chỉ không đúng dạng.' })));
    const { user, onClose } = renderDialog();
    const email = await screen.findByLabelText('Thư điện tử');
    expect(email).toHaveValue('cax001@example.vn');
    await user.clear(email);
    await user.type(email, 'khong-hop-le');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Thư điện tử không hợp lệ')).toBeInTheDocument();
    expect(requestsOf(fetchMock, 'PUT')).toEqual([]);

    await user.clear(email);
    await user.type(email, 'doi@example.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Địa chỉ không đúng dạng.')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
