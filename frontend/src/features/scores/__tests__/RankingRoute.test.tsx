import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@/test/render';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import RankingRoute from '@/app/routes/ranking';
import type { Ranking } from '../api/scores';
import { PENDING_REFETCH_MS } from '../api/scores';

const PENDING_TEXT = /Điểm đang được tính lại/;

function ranking(scoresPending: boolean): Ranking {
  return {
    period: '2026-H1',
    period_name: '6 tháng đầu năm 2026',
    status: 'open',
    frozen: false,
    scores_pending: scoresPending,
    scheme_version: 'mac-dinh-2026',
    previous_period: null,
    items: [
      {
        rank: 1,
        rank_status: 'ranked',
        rank_status_label: 'Đã duyệt',
        unit: { code: 'CAX-001', name: 'Công an xã Một', kind: 'commune_police' },
        group: 'CAX',
        total: '95',
        total_exact: '95',
        tier: 'XUAT_SAC',
        tier_label: 'Xuất sắc',
        tier_before_quota: 'XUAT_SAC',
        quota_applied: false,
        pillars: { KL: '95', TT: '95', GD: '95' },
        submission_status: 'approved',
        first_submitted_at: null,
        veto_failed: [],
      },
    ],
  };
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('ranking page while a large import is being scored', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let rankings: Ranking[];

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    rankings = [ranking(true), ranking(false)];
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      if (url.pathname === '/api/v1/scores/2026-H1') return json(rankings.length > 1 ? rankings.shift() : rankings[0]);
      if (url.pathname === '/api/v1/groups') return json([{ code: 'CAX', name: 'Cụm Công an xã', unit_count: 1 }]);
      return json([]);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('warns that scores are pending and asks again until they are fresh', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/ranking?period=2026-H1']}>
          <App>
            <RankingRoute />
          </App>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText(PENDING_TEXT)).toBeTruthy();
    await vi.advanceTimersByTimeAsync(PENDING_REFETCH_MS);
    await waitFor(() => expect(screen.queryByText(PENDING_TEXT)).toBeNull());
    const rankingCalls = () =>
      fetchMock.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).includes('/scores/'));
    const settled = rankingCalls().length;
    await vi.advanceTimersByTimeAsync(3 * PENDING_REFETCH_MS);
    expect(rankingCalls().length).toBe(settled); // fresh scores: no more polling
  });
});

describe('ranking search', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const rankingUrls = () =>
    fetchMock.mock.calls
      .map(([input]) => new URL(input instanceof Request ? input.url : String(input), 'http://localhost'))
      .filter((url) => url.pathname.startsWith('/api/v1/scores/'));

  beforeEach(() => {
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      if (url.pathname === '/api/v1/scores/2026-H1') {
        const whole = ranking(false);
        return json(url.searchParams.get('q') === 'khong co' ? { ...whole, items: [] } : whole);
      }
      if (url.pathname === '/api/v1/groups') return json([{ code: 'CAX', name: 'Cụm Công an xã', unit_count: 1 }]);
      return json([]);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  const renderAt = (entry: string) =>
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[entry]}>
          <App>
            <RankingRoute />
          </App>
        </MemoryRouter>
      </QueryClientProvider>,
    );

  it('asks the server once for a searched ranking, with the search', async () => {
    renderAt('/ranking?period=2026-H1&q=cong an');
    expect(await screen.findByText('Công an xã Một')).toBeTruthy();
    expect(rankingUrls().map((url) => url.searchParams.get('q'))).toEqual(['cong an']);
  });

  it('asks once more per search typed, and says when nothing is found', async () => {
    renderAt('/ranking?period=2026-H1');
    expect(await screen.findByText('Công an xã Một')).toBeTruthy();
    const box = screen.getByLabelText('Tìm đơn vị');
    fireEvent.change(box, { target: { value: 'khong co' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText('Không tìm thấy đơn vị phù hợp')).toBeTruthy();
    expect(rankingUrls().map((url) => url.searchParams.get('q'))).toEqual([null, 'khong co']);
  });
});
