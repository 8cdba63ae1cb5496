import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SchemeEditor } from '../components/SchemeEditor';

const PERIODS = [
  { code: '2026-H1', name: 'Sơ kết 06 tháng đầu năm 2026', start: '2026-01-01', status: 'locked', spans: [] },
  { code: '2027-H1', name: 'Sơ kết 06 tháng đầu năm 2027', start: '2027-01-01', status: 'open', spans: [] },
  { code: '2028-S', name: 'Sơ kết 03 năm', start: '2026-01-01', status: 'open', spans: ['2026-Y'] },
];

const DRAFT = {
  id: 4,
  code: '2027.9',
  based_on: '2027.1',
  status: 'draft',
  created_by: 'reviewer',
  created_at: '2026-12-06T01:00:00Z',
  updated_at: '2026-12-06T01:00:00Z',
  activated_from: null,
  activated_at: null,
  document: {
    code: 'ba-nhat-2026@2027.9',
    scheme: { version: '2027.9', indicator_weights: {}, tier_thresholds: { XUAT_SAC: 90, TOT: 70, HOAN_THANH: 50 } },
    indicators: [{ code: 'GD-02', name: 'Hồ sơ thủ tục hành chính đúng hạn', pillar: 'GD', rule: { kind: 'at_least', threshold: '95' } }],
  },
};

const side = (tier: string, total: string, rank: number) => ({ tier, tier_label: tier, total, rank });
const PREVIEW = {
  draft: '2027.9',
  period: '2026-H1',
  current_scheme: '2026.1',
  units: 250,
  items: [],
  tier_changes: [
    {
      unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến' },
      group: 'CAX',
      current: side('XUAT_SAC', '92.59', 3),
      draft: side('TOT', '88.43', 9),
      tier_changed: true,
      places_moved: -6,
    },
  ],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function answer(request: Request): Response {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/v1/schemes') {
    return json([
      { code: '2026.1', catalog_version: 'ba-nhat-2026', active: false, periods: ['2026-H1'] },
      { code: '2027.1', catalog_version: 'ba-nhat-2026@2027.1', active: true, periods: ['2027-H1'] },
    ]);
  }
  if (pathname === '/api/v1/schemes/drafts') return json([DRAFT]);
  if (pathname.endsWith('/preview')) return json(PREVIEW);
  if (pathname.endsWith('/activate')) return json({ draft: { ...DRAFT, status: 'activated' }, periods: ['2027-H1'], locked_kept: [] });
  if (request.method === 'PATCH') return json(DRAFT);
  return json({ detail: 'không có' }, 404);
}

describe('SchemeEditor', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-xyz';
    fetchMock.mockImplementation(async (input) => answer(input as Request));
    vi.stubGlobal('fetch', fetchMock);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <App>
          <SchemeEditor periods={PERIODS} />
        </App>
      </QueryClientProvider>,
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  const sent = (method: string) => fetchMock.mock.calls.map(([request]) => request as Request).filter((r) => r.method === method);

  it('lists both versions and the periods each scores', async () => {
    const active = (await screen.findByText('Đang áp dụng')).closest('tr') as HTMLElement;
    expect(within(active).getByText('2027.1')).toBeInTheDocument();
    expect(within(active).getByText('Sơ kết 06 tháng đầu năm 2027')).toBeInTheDocument();
    const previous = screen.getByText('2026.1').closest('tr') as HTMLElement;
    expect(within(previous).getByText('Sơ kết 06 tháng đầu năm 2026')).toBeInTheDocument();
  });

  it('saves GD-02 raised to 98% as the draft indicators', async () => {
    const user = userEvent.setup();
    const threshold = await screen.findByLabelText('Ngưỡng GD-02');
    await user.clear(threshold);
    await user.type(threshold, '98');
    await user.click(screen.getByRole('button', { name: 'Lưu bản dự thảo' }));
    await waitFor(() => expect(sent('PATCH')).toHaveLength(1));
    const body = await sent('PATCH')[0].json();
    expect(new URL(sent('PATCH')[0].url).pathname).toBe('/api/v1/schemes/drafts/4');
    expect(body.indicators[0].rule).toEqual({ kind: 'at_least', threshold: '98' });
  });

  it('previews a period: the units whose tier changes and the places they move', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Kỳ xem trước'));
    const options = await screen.findAllByTitle('Sơ kết 06 tháng đầu năm 2026');
    await user.click(options[options.length - 1]);
    expect(await screen.findByText('1 trên 250 đơn vị đổi xếp loại so với phiên bản 2026.1.')).toBeInTheDocument();
    const row = screen.getByText('CAX-001 – Công an phường Phố Hiến').closest('tr') as HTMLElement;
    expect(within(row).getByText('Xuống 6 bậc')).toBeInTheDocument();
    expect(screen.queryByTitle('Sơ kết 03 năm')).not.toBeInTheDocument();
  });

  it('states the consequence before activating from the chosen period', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Áp dụng từ kỳ'));
    const options = await screen.findAllByTitle('Sơ kết 06 tháng đầu năm 2027');
    await user.click(options[options.length - 1]);
    await user.click(screen.getByRole('button', { name: 'Áp dụng bản dự thảo' }));
    expect((await screen.findAllByText('Áp dụng phiên bản 2027.9 từ kỳ Sơ kết 06 tháng đầu năm 2027?')).length).toBeGreaterThan(0);
    expect(screen.getByText('1 kỳ chưa khóa được chuyển sang và chấm lại ngay: Sơ kết 06 tháng đầu năm 2027.')).toBeInTheDocument();
    expect(sent('POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Áp dụng' }));
    await waitFor(() => expect(sent('POST')).toHaveLength(1));
    expect(await sent('POST')[0].json()).toEqual({ from_period: '2027-H1' });
  });
});
