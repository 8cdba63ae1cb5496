import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@/test/render';
import { CSRF, invalid, json, renderWithApi, stubFetch } from '@/test/api-stub';
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
  const onDirtyChange = vi.fn();
  const user = renderWithApi(<AwardSettingsForm settings={SETTINGS} catalog={CATALOG} onDirtyChange={onDirtyChange} />);
  return { user, onDirtyChange };
}

describe('AwardSettingsForm', () => {
  const fetchMock = stubFetch();

  it('states what a new base salary changes before sending every field', async () => {
    fetchMock.mockResolvedValue(json({ ...SETTINGS, base_salary: 2_530_000 }));
    const { user, onDirtyChange } = renderForm();
    const salary = screen.getByLabelText('Mức lương cơ sở (đồng)');
    expect(salary).toHaveValue('2.340.000');
    await user.clear(salary);
    await user.type(salary, '2.530.000');
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Lưu thiết lập' }));

    // antd's confirmation draws its title twice (a labelling div and its own span): found by its class.
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm')).toHaveTextContent('Đổi mức lương cơ sở?'), { timeout: 5000 });
    const dialog = document.querySelector<HTMLElement>('.ant-modal-confirm')!;
    expect(dialog).toHaveTextContent(/từ 2\.340\.000\s₫ thành 2\.530\.000\s₫/);
    expect(dialog).toHaveTextContent(/Bằng khen của Chủ tịch UBND tỉnh cho tập thể: 4\.680\.000\s₫ thành 5\.060\.000\s₫/);
    expect(dialog).toHaveTextContent('Các đề nghị đã lập giữ nguyên số tiền đã tính.');
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(dialog).getByText('Lưu mức mới'));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('PUT');
    expect(new URL(request.url).pathname).toBe('/api/v1/award-settings');
    expect(request.headers.get('X-CSRF-Token')).toBe(CSRF);
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
    fetchMock.mockResolvedValue(invalid({ loc: ['body', 'hotlines', 0, 'number'], message: 'Tối đa 32 ký tự.' }));
    const { user } = renderForm();
    const number = screen.getByLabelText('Số điện thoại 1');
    await user.clear(number);
    await user.type(number, ' 0221 3862 113 ');
    await user.click(screen.getByRole('button', { name: 'Lưu thiết lập' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    const request = fetchMock.mock.calls[0][0] as Request;
    expect((await request.json()).hotlines).toEqual([{ name: 'Công an tỉnh', number: '0221 3862 113' }]);
    expect(await screen.findByText('Tối đa 32 ký tự.')).toBeInTheDocument();
  });
});
