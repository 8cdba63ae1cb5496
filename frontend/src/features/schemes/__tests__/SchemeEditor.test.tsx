import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SchemeEditor } from '../components/SchemeEditor';

const PERIODS = [
  { code: '2026-H1', name: 'Sơ kết 06 tháng đầu năm 2026', start: '2026-01-01', status: 'locked', spans: [] },
  { code: '2027-H1', name: 'Sơ kết 06 tháng đầu năm 2027', start: '2027-01-01', status: 'open', spans: [] },
  { code: '2028-S', name: 'Sơ kết 03 năm', start: '2026-01-01', status: 'open', spans: ['2026-Y'] },
];

const SCHEME = {
  tier_thresholds: { XUAT_SAC: 90, TOT: 70, HOAN_THANH: 50 },
  late_report_deduction: 2,
  occurrence_penalty: '1/4',
  bonus_cap: 10,
};

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
    scheme: { ...SCHEME, version: '2027.9', indicator_weights: { 'KL-09': 2 } },
    indicators: [
      { code: 'GD-02', name: 'Hồ sơ thủ tục hành chính đúng hạn', pillar: 'GD', measure: 'ratio', rule: { kind: 'at_least', threshold: '95' } },
      { code: 'KL-09', name: 'Không có cán bộ vi phạm pháp luật', pillar: 'KL', measure: 'count', rule: { kind: 'zero' }, veto: true },
    ],
  },
};

const indicatorOut = (code: string, name: string, pillar: string, kind: string, threshold: string | null = null) => ({
  code,
  name,
  pillar,
  plan_text: `${name} (kế hoạch)`,
  measure: kind === 'at_least' ? 'ratio' : 'count',
  rule: { kind, threshold, count: null, cadence: null, deadline: null, text: name },
  applies_to: ['commune_police'],
  veto: false,
  input_hint: '',
  weight: '1',
});
// Version 2027.1 (the draft's base) holds TT-03, which the draft retired.
const CATALOG_2027 = [
  indicatorOut('GD-02', 'Hồ sơ thủ tục hành chính đúng hạn', 'GD', 'at_least', '95'),
  { ...indicatorOut('KL-09', 'Không có cán bộ vi phạm pháp luật', 'KL', 'zero'), veto: true },
  indicatorOut('TT-03', 'Kế hoạch tuyên truyền hằng quý', 'TT', 'zero'),
];

const side = (tier: string, total: string, rank: number) => ({ tier, tier_label: tier, total, rank });
const PREVIEW = {
  draft: '2027.9',
  period: '2026-H1',
  current_scheme: '2026.1',
  units: 250,
  items: [] as unknown[],
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
PREVIEW.items = [
  ...PREVIEW.tier_changes,
  {
    unit: { code: 'CAX-002', name: 'Công an phường Lam Sơn' },
    group: 'CAX',
    current: side('TOT', '85.00', 9),
    draft: side('TOT', '86.00', 4),
    tier_changed: false,
    places_moved: 5,
  },
];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function answer(request: Request): Response {
  const { pathname, searchParams } = new URL(request.url);
  if (pathname === '/api/v1/indicators') {
    return json(searchParams.get('period') === '2027-H1' ? CATALOG_2027 : CATALOG_2027.slice(0, 1));
  }
  if (pathname === '/api/v1/schemes/active') {
    return json({ version: '2027.1', catalog: 'ba-nhat-2026@2027.1', title: 'Ba nhất', parameters: { ...SCHEME, version: '2027.1', indicator_weights: {} } });
  }
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
    expect(await screen.findByText('1 trên 250 đơn vị đổi xếp loại, 2 đơn vị đổi thứ hạng so với phiên bản 2026.1.')).toBeInTheDocument();
    const row = screen.getByText('CAX-001 – Công an phường Phố Hiến').closest('tr') as HTMLElement;
    expect(within(row).getByText('Xuống 6 bậc')).toBeInTheDocument();
    expect(screen.queryByTitle('Sơ kết 03 năm')).not.toBeInTheDocument();
    expect(screen.queryByText('CAX-002 – Công an phường Lam Sơn')).not.toBeInTheDocument();
    await user.click(screen.getByText('Đổi thứ hạng'));
    const moved = (await screen.findByText('CAX-002 – Công an phường Lam Sơn')).closest('tr') as HTMLElement;
    expect(within(moved).getByText('Lên 5 bậc')).toBeInTheDocument();
  });

  it('lists what the saved draft changes from the version it was copied from', async () => {
    const changes = await screen.findByRole('list', { name: 'Thay đổi so với phiên bản 2027.1' });
    expect(within(changes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Bỏ chỉ tiêu TT-03 – Kế hoạch tuyên truyền hằng quý',
      'KL-09: trọng số 1 → 2',
    ]);
  });

  it('retires an indicator after a confirmation stating the consequence, and saves the draft without it', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Bỏ chỉ tiêu KL-09' }));
    expect((await screen.findAllByText('Bỏ chỉ tiêu KL-09 – Không có cán bộ vi phạm pháp luật khỏi bản dự thảo 2027.9?')).length).toBeGreaterThan(0);
    expect(screen.getByText('KL-09 là chỉ tiêu phủ quyết: bỏ đi thì vi phạm chỉ tiêu này không còn hạ xếp loại.')).toBeInTheDocument();
    expect(screen.getByText(/số liệu đơn vị đã nhập cho chỉ tiêu này không được tính, điểm trụ cột «Kỷ luật nhất»/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bỏ chỉ tiêu' }));
    await waitFor(() => expect(screen.queryByLabelText('Trọng số KL-09')).not.toBeInTheDocument());
    const unsaved = screen.getByRole('list', { name: 'Thay đổi chưa lưu' });
    expect(within(unsaved).getByText('Bỏ chỉ tiêu KL-09 – Không có cán bộ vi phạm pháp luật')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Lưu bản dự thảo' }));
    await waitFor(() => expect(sent('PATCH')).toHaveLength(1));
    const body = await sent('PATCH')[0].json();
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual(['GD-02']);
    expect(body.scheme.indicator_weights).toEqual({});
  });

  it('adds an indicator of the catalog the draft does not hold, and edits the deductions', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByText('Thêm chỉ tiêu'));
    await user.click(await screen.findByLabelText('Chỉ tiêu trong danh mục'));
    const offered = await screen.findAllByTitle('TT-03 – Kế hoạch tuyên truyền hằng quý');
    expect(screen.queryByTitle(/^GD-02/)).not.toBeInTheDocument();
    await user.click(offered[offered.length - 1]);
    await user.click(screen.getByRole('button', { name: 'Thêm vào bản dự thảo' }));
    expect(await screen.findByText('Mới thêm')).toBeInTheDocument();
    const late = screen.getByLabelText('Trừ điểm khi nộp báo cáo muộn (điểm)');
    await user.clear(late);
    await user.type(late, '3');
    const penalty = screen.getByLabelText('Mỗi lần vi phạm chỉ tiêu «Không để xảy ra» mất (phần của chỉ tiêu)');
    await user.clear(penalty);
    await user.type(penalty, '2/1');
    expect(screen.getByRole('button', { name: 'Lưu bản dự thảo' })).toBeDisabled();
    expect(screen.getByText(/phải là phân số hoặc số từ 0 đến 1, ví dụ 1\/4/)).toBeInTheDocument();
    await user.clear(penalty);
    await user.type(penalty, '1/8');
    await user.click(screen.getByRole('button', { name: 'Lưu bản dự thảo' }));
    await waitFor(() => expect(sent('PATCH')).toHaveLength(1));
    const body = await sent('PATCH')[0].json();
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual(['GD-02', 'KL-09', 'TT-03']);
    expect(body.indicators[2]).toEqual({
      code: 'TT-03',
      pillar: 'TT',
      applies_to: ['commune_police'],
      name: 'Kế hoạch tuyên truyền hằng quý',
      plan_text: 'Kế hoạch tuyên truyền hằng quý (kế hoạch)',
      measure: 'count',
      rule: { kind: 'zero' },
      veto: false,
    });
    expect(body.scheme).toMatchObject({ late_report_deduction: 3, occurrence_penalty: '1/8', bonus_cap: 10, indicator_weights: { 'KL-09': 2 } });
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
