import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FindingDecisionButtons } from '../components/FindingDecisionButtons';
import type { Finding, Inspection } from '../api/inspections';

const FINDING: Finding = {
  id: 11,
  indicator: null,
  description: 'Cán bộ tiếp dân chưa đúng mực',
  points: '2.50',
  status: 'proposed',
  recorded_by: 'kiemtra.xa',
  decided_by: null,
  decided_at: null,
  decision_reason: null,
  actions: [],
};
const INSPECTION = {
  id: 3,
  unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến' },
  inspector: { code: 'UBX-001', name: 'UBND phường Phố Hiến' },
  findings: [FINDING],
} as unknown as Inspection;

function renderButtons() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <FindingDecisionButtons inspection={INSPECTION} finding={FINDING} />
      </App>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('FindingDecisionButtons', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-xyz';
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ ...INSPECTION, findings: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('states the points the unit loses before confirming, then posts the confirmation', async () => {
    const user = renderButtons();
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Công an phường Phố Hiến bị trừ 2,5 điểm');
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/inspection-findings/11/decision');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-xyz');
    expect(await request.json()).toEqual({ decision: 'confirm' });
  });

  it('requires a reason to reject, and posts it trimmed', async () => {
    const user = renderButtons();
    await user.click(screen.getByRole('button', { name: 'Không xác nhận' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Không xác nhận' }));
    expect(await within(dialog).findByText('Nêu lý do không xác nhận')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText('Lý do'), '  Không đủ căn cứ  ');
    await user.click(within(dialog).getByRole('button', { name: 'Không xác nhận' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(await (fetchMock.mock.calls[0][0] as Request).json()).toEqual({ decision: 'reject', reason: 'Không đủ căn cứ' });
  });
});
