import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FindingForm } from '../components/FindingForm';

const INDICATORS = [
  { value: 'KL-04', label: 'KL-04 – Chấp hành chế độ báo cáo' },
  { value: 'GD-02', label: 'GD-02 – Tiếp công dân' },
];

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const onAdded = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <FindingForm inspectionId={7} indicatorOptions={INDICATORS} onAdded={onAdded} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onAdded };
}

describe('FindingForm', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-xyz';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('requires a description and deduction points before sending anything', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Ghi kết luận' }));
    expect(await screen.findByText('Nhập nội dung kết luận')).toBeInTheDocument();
    expect(screen.getByText('Nhập số điểm trừ')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses more than two decimal places', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Nội dung kết luận'), 'Chậm báo cáo');
    await user.type(screen.getByLabelText('Điểm trừ'), '1,255');
    await user.click(screen.getByRole('button', { name: 'Ghi kết luận' }));
    expect(await screen.findByText('Điểm trừ phải lớn hơn 0, tối đa hai chữ số thập phân')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('posts the finding with exact points and the chosen indicator, then clears the form', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ id: 7, findings: [] }), { status: 201, headers: { 'Content-Type': 'application/json' } }),
    );
    const { user, onAdded } = renderForm();
    await user.type(screen.getByLabelText('Nội dung kết luận'), '  Sổ theo dõi không cập nhật  ');
    await user.type(screen.getByLabelText('Điểm trừ'), '2,5');
    await user.click(screen.getByLabelText('Chỉ tiêu liên quan'));
    await user.click(await screen.findByTitle(INDICATORS[0].label));
    await user.click(screen.getByRole('button', { name: 'Ghi kết luận' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/inspections/7/findings');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-xyz');
    expect(await request.json()).toEqual({ description: 'Sổ theo dõi không cập nhật', points: '2.50', indicator: 'KL-04' });
    await waitFor(() => expect(onAdded).toHaveBeenCalledTimes(1));
    expect(screen.getByLabelText('Nội dung kết luận')).toHaveValue('');
  });

  it('shows the server message when the inspection refuses the finding', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ title: 'Conflict', detail: 'Cuộc kiểm tra chưa thực hiện, chưa thể ghi kết luận.' }), {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const { user, onAdded } = renderForm();
    await user.type(screen.getByLabelText('Nội dung kết luận'), 'Thiếu hồ sơ');
    await user.type(screen.getByLabelText('Điểm trừ'), '1');
    await user.click(screen.getByRole('button', { name: 'Ghi kết luận' }));
    expect(await screen.findByText('Cuộc kiểm tra chưa thực hiện, chưa thể ghi kết luận.')).toBeInTheDocument();
    expect(onAdded).not.toHaveBeenCalled();
  });
});
