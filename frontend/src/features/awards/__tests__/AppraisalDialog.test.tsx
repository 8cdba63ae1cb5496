import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { BudgetLine } from '../api/awards';
import { AppraisalDialog, type Dialog } from '../components/BudgetAppraisal';

const LINE: BudgetLine = {
  id: 7,
  year: 2026,
  unit: 'CAT',
  unit_name: 'Công an tỉnh',
  category: 'activity',
  description: 'Hội nghị sơ kết',
  amount: 50_000_000,
  status: 'proposed',
  status_label: 'Chờ thẩm định',
  appraised_amount: null,
  return_reason: null,
};

function renderDialog(kind: Dialog['kind']) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <AppraisalDialog dialog={{ line: LINE, kind }} onClose={onClose} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onClose };
}

const answered = () =>
  new Response(JSON.stringify({ ...LINE, status: 'appraised' }), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('AppraisalDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-abc';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('appraises with the proposed amount unless Sở Tài chính changes it', async () => {
    fetchMock.mockResolvedValue(answered());
    const { user, onClose } = renderDialog('appraise');
    const amount = screen.getByLabelText('Số thẩm định (đồng)');
    expect(amount).toHaveValue('50.000.000');
    await user.clear(amount);
    await user.type(amount, '42000000');
    await user.click(screen.getByRole('button', { name: 'Xác nhận thẩm định' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/budget/items/7/appraise');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await request.json()).toEqual({ amount: 42_000_000 });
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Đã thẩm định khoản dự toán')).toBeInTheDocument();
  });

  it('needs a reason to return a line, and sends it trimmed', async () => {
    fetchMock.mockResolvedValue(answered());
    const { user } = renderDialog('return');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    expect(await screen.findByText('Nhập lý do trả lại')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Lý do'), '  Vượt định mức chi hội nghị ');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/budget/items/7/return');
    expect(await request.json()).toEqual({ reason: 'Vượt định mức chi hội nghị' });
  });

  it('shows the server problem and stays open', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ type: 'about:blank', title: 'Xung đột trạng thái', status: 409, detail: 'Không thể thực hiện thao tác này khi khoản dự toán ở trạng thái “Đã thẩm định”.', errors: [] }), {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const { user, onClose } = renderDialog('appraise');
    await user.click(screen.getByRole('button', { name: 'Xác nhận thẩm định' }));
    expect(await screen.findByText(/ở trạng thái “Đã thẩm định”/)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
