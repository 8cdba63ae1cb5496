import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NominationForm } from '../components/NominationForm';

const UNIT = { code: 'CAX-001', name: 'Công an phường Phố Hiến' };
const PERIODS = [{ value: '2026-Y', label: 'Báo cáo năm 2026' }];
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const onSent = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <NominationForm unit={UNIT} periods={PERIODS} onSent={onSent} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onSent };
}

describe('NominationForm', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-abc';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('needs an individual’s name, position, achievements and a period unless the award is timely', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Gửi đề nghị' }));
    for (const text of ['Nhập họ và tên', 'Nhập chức vụ', 'Nhập tóm tắt thành tích', 'Chọn kỳ xét khen thưởng']) {
      expect(await screen.findByText(text)).toBeInTheDocument();
    }
    await user.click(screen.getByRole('switch', { name: 'Khen thưởng kịp thời' }));
    await waitFor(() => expect(screen.queryByText('Chọn kỳ xét khen thưởng')).not.toBeInTheDocument());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a timely nomination, then uploads each file of its dossier', async () => {
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      return new URL(request.url).pathname === '/api/v1/nominations'
        ? json({ id: 41, status: 'submitted' }, 201)
        : json({ id: 7, filename: 'ho-so.pdf' }, 201);
    });
    const { user, onSent } = renderForm();
    await user.click(screen.getByRole('switch', { name: 'Khen thưởng kịp thời' }));
    await user.type(screen.getByLabelText('Họ và tên'), ' Nguyễn Văn An ');
    await user.type(screen.getByLabelText('Chức vụ'), 'Đại úy');
    await user.type(screen.getByLabelText('Tóm tắt thành tích'), 'Cứu 03 người trong vụ cháy');
    const pdf = new File(['%PDF-1.4'], 'ho-so.pdf', { type: 'application/pdf' });
    await user.upload(document.querySelector('input[type=file]') as HTMLInputElement, pdf);
    await user.click(screen.getByRole('button', { name: 'Gửi đề nghị' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    const [created, uploaded] = fetchMock.mock.calls.map((call) => call[0] as Request);
    expect(created.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await created.json()).toEqual({
      unit: 'CAX-001', recipient: 'individual', timely: true, period: null,
      nominee_name: 'Nguyễn Văn An', nominee_title: 'Đại úy', achievements: 'Cứu 03 người trong vụ cháy',
    });
    expect(new URL(uploaded.url).pathname).toBe('/api/v1/nominations/41/files');
    expect(uploaded.method).toBe('POST');
    expect(uploaded.headers.get('content-type')).toMatch(/^multipart\/form-data/);
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Đã gửi đề nghị khen thưởng đến Cơ quan Thường trực')).toBeInTheDocument();
  });
});
