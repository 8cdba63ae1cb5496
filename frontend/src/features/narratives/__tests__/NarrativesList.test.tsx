import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NarrativesList } from '../components/NarrativesList';

const NARRATIVE = {
  period: '2026-H1',
  period_kind: 'half_year',
  review: false,
  role_label: 'Thuyết minh kèm báo cáo kỳ',
  unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến' },
  editable: true,
  achievements: '',
  models: '',
  difficulties: 'Thiếu kinh phí duy trì camera an ninh',
  proposals: '',
  files: [],
  updated_by: 'baocao.cax',
  updated_at: '2026-06-20T08:00:00Z',
};

describe('narratives of a period', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const asked = () =>
    fetchMock.mock.calls.map(([input]) => new URL(input instanceof Request ? input.url : String(input), 'http://localhost'));

  beforeEach(() => {
    fetchMock.mockImplementation(
      async () => new Response(JSON.stringify([NARRATIVE]), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('shows each narrative whole, searches and sorts on the server and exports what it shows', async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <App>
          <NarrativesList period="2026-H1" />
        </App>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Thiếu kinh phí duy trì camera an ninh')).toBeTruthy();

    const box = screen.getByLabelText('Tìm đơn vị');
    fireEvent.change(box, { target: { value: 'pho hien' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('q')).toBe('pho hien'));

    fireEvent.click(screen.getByRole('columnheader', { name: /^Cập nhật/ }));
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('sort')).toBe('updated_at'));
    expect(asked().at(-1)?.pathname).toBe('/api/v1/narratives/2026-H1');

    const exported = new URL(screen.getByRole('link', { name: /Xuất Excel/ }).getAttribute('href')!, 'http://localhost');
    expect(exported.pathname).toBe('/api/v1/exports/2026-H1/narratives');
    expect(Object.fromEntries(exported.searchParams)).toEqual({ q: 'pho hien', sort: 'updated_at', format: 'xlsx' });
  });
});
