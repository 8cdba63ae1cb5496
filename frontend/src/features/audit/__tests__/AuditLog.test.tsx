import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@/test/render';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuditLog } from '../components/AuditLog';

const ENTRY = {
  id: 7,
  at: '2026-12-06T08:00:00Z',
  actor: 'reviewer',
  client_address: '10.0.0.5',
  action: 'unit.contact',
  action_label: 'Cập nhật thư điện tử đơn vị',
  entity: 'unit',
  entity_label: 'Đơn vị',
  entity_key: 'CAX-001',
  before: null,
  after: { email: 'cax001@example.vn' },
  reason: null,
};

describe('audit log', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const url = (input: RequestInfo | URL) => new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
  const asked = () => fetchMock.mock.calls.map(([input]) => url(input)).filter((u) => u.pathname === '/api/v1/audit');

  beforeEach(() => {
    fetchMock.mockImplementation(async (input) => {
      const body = url(input).pathname.endsWith('/entities') ? [{ entity: 'unit', label: 'Đơn vị' }] : [ENTRY];
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', 'X-Total-Count': '1' } });
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('searches and sorts on the server and exports what it shows', async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <App>
          <AuditLog />
        </App>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Cập nhật thư điện tử đơn vị')).toBeTruthy();
    expect(screen.getByTitle('unit').textContent).toBe('Đơn vị');

    const box = screen.getByLabelText('Tìm trong nhật ký');
    fireEvent.change(box, { target: { value: 'cax-001' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('q')).toBe('cax-001'));

    fireEvent.click(screen.getByRole('columnheader', { name: /^Tài khoản/ }));
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('sort')).toBe('actor'));
    const last = asked().at(-1)!;
    expect(last.pathname).toBe('/api/v1/audit');
    expect(last.searchParams.get('page')).toBe('1');

    const link = screen.getByRole('link', { name: /Xuất Excel/ });
    const exported = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(exported.pathname).toBe('/api/v1/exports/audit');
    expect(Object.fromEntries(exported.searchParams)).toEqual({ q: 'cax-001', sort: 'actor', format: 'xlsx' });
  });
});
