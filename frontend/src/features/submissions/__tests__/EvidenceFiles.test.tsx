import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SubmissionIndicator } from '../api/submissions';
import { EvidenceFiles } from '../components/EvidenceFiles';

const file = (id: number, filename: string, uploaded_by: string) => ({
  id, filename, uploaded_by, content_type: 'application/pdf', size: 10, uploaded_at: '2026-12-01T03:00:00Z',
});
const INDICATOR = {
  code: 'KL-04',
  evidence: [file(7, 'nham.pdf', 'baocao.cax'), file(8, 'cua-nguoi-khac.pdf', 'reviewer')],
} as unknown as SubmissionIndicator;

function renderFiles(editable: boolean) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <EvidenceFiles period="2026-Y" unit="CAX-001" indicator={INDICATOR} editable={editable} username="baocao.cax" />
      </App>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('EvidenceFiles', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=token-123';
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('offers removal only of the files the user uploaded, and only while the report is editable', () => {
    renderFiles(true);
    expect(screen.getByRole('button', { name: 'Gỡ tệp nham.pdf' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Gỡ tệp cua-nguoi-khac.pdf' })).not.toBeInTheDocument();
  });

  it('offers no removal on a report that is not editable', () => {
    renderFiles(false);
    expect(screen.getByText('nham.pdf')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Gỡ tệp/ })).not.toBeInTheDocument();
  });

  it('asks first, then removes the file with the CSRF header', async () => {
    const user = renderFiles(true);
    await user.click(screen.getByRole('button', { name: 'Gỡ tệp nham.pdf' }));
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(await screen.findByRole('button', { name: 'Gỡ tệp' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('DELETE');
    expect(new URL(request.url).pathname).toBe('/api/v1/submissions/2026-Y/CAX-001/evidence/7');
    expect(request.headers.get('X-CSRF-Token')).toBe('token-123');
  });
});
