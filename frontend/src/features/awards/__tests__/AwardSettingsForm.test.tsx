import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AwardSettings } from '../api/settings';
import type { AwardCatalog } from '../money';
import { AwardSettingsForm } from '../components/AwardSettingsForm';

const SETTINGS: AwardSettings = {
  base_salary: 2_340_000,
  legal_basis: 'Nghị định 73/2024/NĐ-CP',
  hotlines: [{ name: 'Công an tỉnh', number: '113' }],
};

const CATALOG: AwardCatalog = {
  version: '2026',
  legal_basis: 'Nghị định 152/2025/NĐ-CP',
  rounding_step: 10_000,
  base_salary: 2_340_000,
  forms: [
    {
      code: 'BK-CT-UBND',
      name: 'Bằng khen của Chủ tịch UBND tỉnh',
      decided_by: 'Chủ tịch UBND tỉnh',
      multipliers: { collective: '2', individual: '1' },
      occasions: ['year'],
      min_tier: 'XUAT_SAC',
      max_rank: null,
      timely: true,
    },
  ],
};

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const onDirtyChange = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <App>
        <AwardSettingsForm settings={SETTINGS} catalog={CATALOG} onDirtyChange={onDirtyChange} />
      </App>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), onDirtyChange };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

describe('AwardSettingsForm', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = 'banhat_csrf=csrf-abc';
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('states what a new base salary changes before sending every field', async () => {
    fetchMock.mockResolvedValue(json({ ...SETTINGS, base_salary: 2_530_000 }));
    const { user, onDirtyChange } = renderForm();
    const salary = screen.getByLabelText('Mức lương cơ sở (đồng)');
    expect(salary).toHaveValue('2.340.000');
    await user.clear(salary);
    await user.type(salary, '2.530.000');
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Lưu thiết lập' }));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Đổi mức lương cơ sở?');
    expect(dialog).toHaveTextContent(/từ 2\.340\.000\s₫ thành 2\.530\.000\s₫/);
    expect(dialog).toHaveTextContent(/Bằng khen của Chủ tịch UBND tỉnh cho tập thể: 4\.680\.000\s₫ thành 5\.060\.000\s₫/);
    expect(dialog).toHaveTextContent('Các đề nghị đã lập giữ nguyên số tiền đã tính.');
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Lưu mức mới' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('PUT');
    expect(new URL(request.url).pathname).toBe('/api/v1/award-settings');
    expect(request.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await request.json()).toEqual({ ...SETTINGS, base_salary: 2_530_000 });
    expect(await screen.findByText('Đã lưu thiết lập khen thưởng')).toBeInTheDocument();
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it('refuses an amount that is not whole đồng instead of reading "2,5" as 25', async () => {
    const { user } = renderForm();
    const salary = screen.getByLabelText('Mức lương cơ sở (đồng)');
    await user.clear(salary);
    await user.type(salary, '2,5');
    await user.click(screen.getByRole('button', { name: 'Lưu thiết lập' }));
    expect(await screen.findByText('Mức lương cơ sở là số nguyên đồng, lớn hơn 0')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('saves a hotline without confirming, and puts the server\'s errors on their fields', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'about:blank',
          title: 'Dữ liệu không hợp lệ',
          status: 422,
          detail: 'Có trường dữ liệu không hợp lệ.',
          errors: [{ loc: ['body', 'hotlines', 0, 'number'], message: 'Tối đa 32 ký tự.' }],
        },
        422,
      ),
    );
    const { user } = renderForm();
    const number = screen.getByLabelText('Số điện thoại 1');
    await user.clear(number);
    await user.type(number, ' 0221 3862 113 ');
    await user.click(screen.getByRole('button', { name: 'Lưu thiết lập' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const request = fetchMock.mock.calls[0][0] as Request;
    expect((await request.json()).hotlines).toEqual([{ name: 'Công an tỉnh', number: '0221 3862 113' }]);
    expect(await screen.findByText('Tối đa 32 ký tự.')).toBeInTheDocument();
  });
});
