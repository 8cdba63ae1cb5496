import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { dayjs } from '@/lib/format';
import { resetClock, setServerClock } from '@/lib/clock';
import { DecisionForm } from '../components/DecisionForm';

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const onRecorded = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <DecisionForm proposalId={12} onRecorded={onRecorded} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onRecorded };
}

async function typeDate(user: ReturnType<typeof userEvent.setup>, text: string) {
  const input = screen.getByLabelText('Ngày quyết định');
  await user.click(input);
  await user.type(input, text);
  // Leaving the field commits the typed date (Enter would also submit the form).
  await user.click(screen.getByLabelText('Số quyết định'));
}

describe('DecisionForm', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-abc';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    resetClock();
  });

  it('needs the decision number and date', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Ghi quyết định' }));
    expect(await screen.findByText('Nhập số quyết định')).toBeInTheDocument();
    expect(screen.getByText('Chọn ngày quyết định')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a decision dated after today', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Số quyết định'), '125/QĐ-UBND');
    await typeDate(user, dayjs().add(3, 'day').format('DD/MM/YYYY'));
    await user.click(screen.getByRole('button', { name: 'Ghi quyết định' }));
    expect(await screen.findByText('Ngày quyết định không được sau hôm nay')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('counts "today" on the server clock, not on a PC clock set a month ahead', async () => {
    const pc = dayjs();
    setServerClock(pc.subtract(30, 'day').toISOString(), 'Asia/Ho_Chi_Minh', pc.valueOf());
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Số quyết định'), '125/QĐ-UBND');
    // Yesterday on the PC's clock is four weeks ahead on the server's.
    await typeDate(user, pc.subtract(1, 'day').format('DD/MM/YYYY'));
    await user.click(screen.getByRole('button', { name: 'Ghi quyết định' }));
    expect(await screen.findByText('Ngày quyết định không được sau hôm nay')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('records a refusal with the number and the ISO date typed as dd/mm/yyyy', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ id: 12, status: 'refused' }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const { user, onRecorded } = renderForm();
    await user.type(screen.getByLabelText('Số quyết định'), ' 125/QĐ-UBND ');
    await typeDate(user, '05/01/2026');
    await user.click(screen.getByLabelText('Không khen thưởng'));
    await user.click(screen.getByRole('button', { name: 'Ghi quyết định' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/award-proposals/12/decision');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await request.json()).toEqual({ number: '125/QĐ-UBND', date: '2026-01-05', approved: false });
    await waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Đã ghi quyết định không khen thưởng')).toBeInTheDocument();
  });
});
