import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BaselinesPanel } from '../components/BaselinesPanel';

const PROPOSED = {
  id: 5,
  unit: 'CAX-001',
  indicator: 'KL-02',
  year: 2025,
  numerator: 1,
  denominator: 40,
  rate: '2.50',
  note: null,
  status: 'proposed',
  entered_by: 'baocao.cax',
  entered_at: '2026-12-01T01:00:00Z',
  reviewed_by: null,
  reviewed_at: null,
  review_note: null,
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function renderPanel(canReview: boolean) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <App>
        <BaselinesPanel canReview={canReview} ownUnit={canReview ? undefined : 'CAX-001'} unitPicker={<input aria-label="Đơn vị" />} />
      </App>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('BaselinesPanel', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-xyz';
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      if (request.method === 'GET') return json([PROPOSED]);
      return json({ ...PROPOSED, status: request.url.endsWith('/review') ? 'approved' : 'proposed' }, 201);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  const posts = () => fetchMock.mock.calls.map(([request]) => request as Request).filter((r) => r.method === 'POST');

  it("lets a unit enter its own 2025 violations and staff, to be approved", async () => {
    const user = renderPanel(false);
    expect(await screen.findByText('Chờ duyệt')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Duyệt' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Số vi phạm kỷ luật'), '3');
    await user.type(screen.getByLabelText('Tổng quân số'), '2');
    await user.click(screen.getByRole('button', { name: 'Ghi số liệu' }));
    expect(await screen.findByText('Quân số phải từ 1 và không nhỏ hơn số vi phạm')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Tổng quân số'));
    await user.type(screen.getByLabelText('Tổng quân số'), '60');
    await user.click(screen.getByRole('button', { name: 'Ghi số liệu' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(await posts()[0].json()).toEqual({ unit: 'CAX-001', indicator: 'KL-02', year: 2025, numerator: 3, denominator: 60, note: null });
  });

  it('lets the standing body approve or reject a proposed baseline with a reason', async () => {
    const user = renderPanel(true);
    const row = (await screen.findByText('CAX-001')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Không duyệt' }));
    await user.type(await screen.findByLabelText('Lý do không duyệt'), 'Quân số chưa khớp');
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Không duyệt' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(new URL(posts()[0].url).pathname).toBe('/api/v1/baselines/5/review');
    expect(await posts()[0].json()).toEqual({ approve: false, reason: 'Quân số chưa khớp' });
    await user.click(within(row).getByRole('button', { name: 'Duyệt' }));
    await waitFor(() => expect(posts()).toHaveLength(2));
    expect(await posts()[1].json()).toEqual({ approve: true, reason: null });
  });
});
