import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@/test/render';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { AddIndicator, DeductionsEditor } from '../components/IndicatorChanges';

const CATALOG = [
  { code: 'GD-02', name: 'Hồ sơ đúng hạn', pillar: 'GD', rule: { kind: 'at_least', threshold: '95' } },
  { code: 'GD-09', name: 'Thái độ đúng mực với Nhân dân', pillar: 'GD', rule: { kind: 'zero' } },
];

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  await user.click(options[options.length - 1]);
}

describe('AddIndicator', () => {
  it('offers only the catalog indicators the draft does not hold', async () => {
    const onAdd = vi.fn();
    const user = userEvent.setup();
    render(<App><AddIndicator candidates={CATALOG} codes={['GD-02']} onAdd={onAdd} /></App>);
    await choose(user, 'Chỉ tiêu trong danh mục', 'GD-09 – Thái độ đúng mực với Nhân dân');
    expect(screen.queryByTitle('GD-02 – Hồ sơ đúng hạn')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Thêm vào bản dự thảo' }));
    expect(onAdd).toHaveBeenCalledWith(CATALOG[1], '1');
  });

  it('says so when the draft holds every catalog indicator', () => {
    render(<App><AddIndicator candidates={CATALOG} codes={['GD-02', 'GD-09']} onAdd={vi.fn()} /></App>);
    expect(screen.getByText('Mọi chỉ tiêu trong danh mục đã có trong bản dự thảo.')).toBeInTheDocument();
  });

  it('builds a new indicator from the form, refusing a code the draft holds', async () => {
    const onAdd = vi.fn();
    const user = userEvent.setup();
    render(<App><AddIndicator candidates={CATALOG} codes={['GD-02']} onAdd={onAdd} /></App>);
    await user.click(screen.getByText('Chỉ tiêu mới'));
    await user.type(screen.getByLabelText('Mã chỉ tiêu'), 'gd-02');
    await choose(user, 'Trụ cột', 'Gần dân nhất');
    await user.type(screen.getByLabelText('Tên chỉ tiêu'), 'Phản hồi kiến nghị đúng hạn');
    await user.type(screen.getByLabelText('Nội dung trong kế hoạch'), '100% kiến nghị của Nhân dân được trả lời đúng hạn.');
    await user.click(screen.getByLabelText('Công an xã, phường'));
    await user.type(screen.getByLabelText('Ngưỡng (%)'), '98');
    await user.click(screen.getByRole('button', { name: 'Thêm chỉ tiêu mới vào bản dự thảo' }));
    expect(await screen.findByText('Mã chỉ tiêu: «GD-02» đã có trong bản dự thảo')).toBeInTheDocument();
    expect(onAdd).not.toHaveBeenCalled();
    const code = screen.getByLabelText('Mã chỉ tiêu');
    await user.clear(code);
    await user.type(code, 'GD-10');
    await user.click(screen.getByRole('button', { name: 'Thêm chỉ tiêu mới vào bản dự thảo' }));
    expect(onAdd).toHaveBeenCalledWith(
      {
        code: 'GD-10',
        pillar: 'GD',
        applies_to: ['commune_police'],
        name: 'Phản hồi kiến nghị đúng hạn',
        plan_text: '100% kiến nghị của Nhân dân được trả lời đúng hạn.',
        measure: 'ratio',
        rule: { kind: 'at_least', threshold: '98' },
        veto: false,
      },
      '1',
    );
  });
});

describe('DeductionsEditor', () => {
  it('shows each deduction with its Vietnamese label and reports what is typed', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(
      <DeductionsEditor values={{ late_report_deduction: '2', occurrence_penalty: '1/4', bonus_cap: '10' }} readOnly={false} onChange={onChange} />,
    );
    expect(screen.getByLabelText('Mỗi lần vi phạm chỉ tiêu «Không để xảy ra» mất (phần của chỉ tiêu)')).toHaveValue('1/4');
    await user.type(screen.getByLabelText('Trừ điểm khi nộp báo cáo muộn (điểm)'), '5');
    expect(onChange).toHaveBeenLastCalledWith('late_report_deduction', '25');
    expect(screen.getByText(/Điểm trừ theo kết luận kiểm tra do Cơ quan Thường trực ghi cho từng kết luận/)).toBeInTheDocument();
  });
});
