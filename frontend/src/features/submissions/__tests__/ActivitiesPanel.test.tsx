import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ActivitiesPanel } from '../components/ActivitiesPanel';
import type { SubmissionIndicator } from '../api/submissions';

const SN06 = {
  code: 'SN-06',
  pillar: 'GD',
  name: 'Hoạt động tuyên truyền về an ninh, trật tự',
  measure: 'count',
  rule_text: 'Tối thiểu 01 lần/quý',
  input_hint: '',
  veto: false,
  activity_fields: ['channel', 'subject'],
  value: null,
  evidence: [],
} as SubmissionIndicator;

const RECORDED = {
  id: 31,
  indicator: 'SN-06',
  date: '2027-02-10',
  description: 'Tuyên truyền phòng cháy tại chợ',
  subject: 'fire_safety',
  subject_label: 'Phòng cháy, chữa cháy',
  channel: 'loudspeaker',
  channel_label: 'Loa truyền thanh',
  evidence: null,
  recorded_by: 'baocao.xa',
  recorded_at: '2027-02-10T02:00:00Z',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('ActivitiesPanel', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const beforeChange = vi.fn(() => Promise.resolve());

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-xyz';
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      if (request.method === 'GET') return json([RECORDED, { ...RECORDED, id: 32, indicator: 'GD-08' }]);
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      return json({ ...RECORDED, id: 33 }, 201);
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <App>
          <ActivitiesPanel period="2027-H1" unit="UBX-001" indicator={SN06} editable beforeChange={beforeChange} />
        </App>
      </QueryClientProvider>,
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    beforeChange.mockClear();
  });

  const sent = (method: string) => fetchMock.mock.calls.map(([request]) => request as Request).filter((r) => r.method === method);

  it("lists this indicator's activities with their subject and channel", async () => {
    expect(await screen.findByText('Hoạt động đã ghi (1)')).toBeInTheDocument();
    expect(screen.getByText('(Phòng cháy, chữa cháy, Loa truyền thanh)')).toBeInTheDocument();
  });

  it('asks for the date, description, subject and channel the plan names before sending', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Thêm hoạt động' }));
    expect(await screen.findByText('Chọn ngày')).toBeInTheDocument();
    expect(screen.getByText('Nhập nội dung ngắn gọn')).toBeInTheDocument();
    expect(screen.getByText('Chọn lĩnh vực')).toBeInTheDocument();
    expect(screen.getByText('Chọn hình thức')).toBeInTheDocument();
    expect(sent('POST')).toHaveLength(0);
  });

  it('records a dated activity after saving the form', async () => {
    const user = userEvent.setup();
    await user.type(await screen.findByPlaceholderText('dd/mm/yyyy'), '15/03/2027{Enter}');
    await user.type(screen.getByLabelText('Nội dung'), '  Tuyên truyền an toàn giao thông ');
    await user.click(screen.getByLabelText('Lĩnh vực'));
    await user.click(await screen.findByTitle('Giao thông'));
    await user.click(screen.getByLabelText('Hình thức'));
    await user.click(await screen.findByTitle('Mạng xã hội'));
    await user.click(screen.getByRole('button', { name: 'Thêm hoạt động' }));
    await waitFor(() => expect(sent('POST')).toHaveLength(1));
    expect(beforeChange).toHaveBeenCalled();
    expect(new URL(sent('POST')[0].url).pathname).toBe('/api/v1/submissions/2027-H1/UBX-001/activities');
    expect(await sent('POST')[0].json()).toEqual({
      indicator: 'SN-06',
      date: '2027-03-15',
      description: 'Tuyên truyền an toàn giao thông',
      subject: 'traffic',
      channel: 'social_media',
      evidence: null,
    });
  });

  it('removes an activity after confirmation', async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Xóa hoạt động ngày 10/02/2027' }));
    await user.click(await screen.findByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(sent('DELETE')).toHaveLength(1));
    expect(new URL(sent('DELETE')[0].url).pathname).toBe('/api/v1/submissions/2027-H1/UBX-001/activities/31');
  });
});
