import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@/test/render';
import userEvent from '@testing-library/user-event';
import type { ValueInput } from '@/api/client';
import { SubmissionForm, serverErrorsToFields } from '../components/SubmissionForm';
import type { SubmissionIndicator } from '../api/submissions';

const indicator = (
  code: string,
  pillar: SubmissionIndicator['pillar'],
  measure: SubmissionIndicator['measure'],
  name: string,
  rule_text: string,
  veto = false,
): SubmissionIndicator => ({ code, pillar, measure, name, rule_text, veto, input_hint: '', value: null, evidence: [] });

const INDICATORS: SubmissionIndicator[] = [
  indicator('KL-01', 'KL', 'ratio', 'Ký cam kết', 'Tối thiểu 100%'),
  indicator('KL-09', 'KL', 'count', 'Không để mất vũ khí', 'Bằng 0', true),
  indicator('TT-07', 'TT', 'flag', 'Công khai đường dây nóng', 'Có'),
  indicator('SN-01', 'GD', 'date', 'Ban hành kế hoạch', 'Trước 05/05/2026'),
];

function renderForm(props: Partial<Parameters<typeof SubmissionForm>[0]> = {}) {
  const onChange = vi.fn<(values: ValueInput[]) => void>();
  const onSave = vi.fn<(values: ValueInput[]) => void>();
  render(<SubmissionForm indicators={INDICATORS} editable onChange={onChange} onSave={onSave} {...props} />);
  return { onChange, onSave, user: userEvent.setup() };
}

describe('SubmissionForm', () => {
  it('groups indicators under the three pillars with the plan wording and rule', () => {
    renderForm({ planText: { 'KL-01': '100% cán bộ, chiến sĩ được quán triệt và ký cam kết' } });
    expect(screen.getByText('100% cán bộ, chiến sĩ được quán triệt và ký cam kết')).toBeInTheDocument();
    expect(screen.getByText('KL · Kỷ luật nhất')).toBeInTheDocument();
    expect(screen.getByText('TT · Trung thành nhất')).toBeInTheDocument();
    expect(screen.getByText('GD · Gần dân nhất')).toBeInTheDocument();
    expect(screen.getByText('Không để mất vũ khí')).toBeInTheDocument();
    expect(screen.getByText('Yêu cầu: Tối thiểu 100%')).toBeInTheDocument();
    expect(screen.getByText('Chỉ tiêu phủ quyết')).toBeInTheDocument();
  });

  it('fits the input to the measure', () => {
    renderForm();
    expect(screen.getByLabelText('KL-01 số đạt')).toBeInTheDocument();
    expect(screen.getByLabelText('KL-01 tổng số')).toBeInTheDocument();
    expect(screen.getByLabelText('KL-09 số lượng')).toBeInTheDocument();
    const flagRow = document.querySelector<HTMLElement>('[data-indicator="TT-07"]')!;
    expect(within(flagRow).getByRole('radio', { name: 'Có' })).toBeInTheDocument();
    expect(within(flagRow).getByRole('radio', { name: 'Không' })).toBeInTheDocument();
    const countRow = document.querySelector<HTMLElement>('[data-indicator="KL-09"]')!;
    expect(within(countRow).queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByLabelText('SN-01 ngày thực hiện')).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  });

  it('shows the ratio as a percentage and reports typed values', async () => {
    const { user, onChange } = renderForm();
    await user.type(screen.getByLabelText('KL-01 số đạt'), '19');
    await user.type(screen.getByLabelText('KL-01 tổng số'), '20');
    expect(screen.getByText('= 95%')).toBeInTheDocument();
    const last = onChange.mock.calls.at(-1)![0];
    expect(last.find((v) => v.indicator === 'KL-01')).toMatchObject({ numerator: 19, denominator: 20 });
  });

  it('flags a numerator above the denominator inline', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('KL-01 tổng số'), '20');
    await user.type(screen.getByLabelText('KL-01 số đạt'), '21');
    expect(await screen.findByText('Số đạt không được lớn hơn tổng số')).toBeInTheDocument();
  });

  it('reports only valid values, so the preview never scores what the server would refuse', async () => {
    const { user, onChange } = renderForm();
    await user.type(screen.getByLabelText('KL-01 tổng số'), '20');
    await user.type(screen.getByLabelText('KL-01 số đạt'), '21');
    await screen.findByText('Số đạt không được lớn hơn tổng số');
    const last = onChange.mock.calls.at(-1)![0].find((v) => v.indicator === 'KL-01');
    expect(last).toMatchObject({ numerator: 2, denominator: 20 });
  });

  it('flags a negative count inline', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('KL-09 số lượng'), '-2');
    expect(await screen.findByText('Không được là số âm')).toBeInTheDocument();
  });

  it('does not save while a field is invalid, and saves once fixed', async () => {
    const { user, onSave } = renderForm();
    const count = screen.getByLabelText('KL-09 số lượng');
    await user.type(count, '-2');
    await user.click(screen.getByRole('button', { name: /Lưu nháp/ }));
    await screen.findByText('Không được là số âm');
    expect(onSave).not.toHaveBeenCalled();
    await user.clear(count);
    await user.type(count, '0');
    await user.click(screen.getByRole('button', { name: /Lưu nháp/ }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0][0].find((v) => v.indicator === 'KL-09')).toMatchObject({ count: 0 });
  });

  it('records a yes/no answer and an evidence note', async () => {
    const { user, onChange } = renderForm();
    await user.click(screen.getAllByText('Có')[0]);
    await user.type(screen.getByLabelText('TT-07 ghi chú minh chứng'), 'Niêm yết tại trụ sở');
    const tt07 = onChange.mock.calls.at(-1)![0].find((v) => v.indicator === 'TT-07');
    expect(tt07).toMatchObject({ flag: true, note: 'Niêm yết tại trụ sở' });
  });

  it('shows stored values read-only without action buttons when not editable', () => {
    const stored = INDICATORS.map((i) =>
      i.code === 'KL-09' ? { ...i, value: { numerator: null, denominator: null, count: 2, flag: null, date: null, note: null } } : i,
    );
    renderForm({ editable: false, indicators: stored });
    expect(screen.getByLabelText('KL-09 số lượng')).toBeDisabled();
    expect(screen.getByLabelText('KL-09 số lượng')).toHaveValue('2');
    expect(screen.queryByRole('button', { name: /Nộp báo cáo/ })).not.toBeInTheDocument();
  });
});

describe('serverErrorsToFields', () => {
  it('puts a server message on the field of the indicator it names, by index or by code', () => {
    expect(
      serverErrorsToFields(INDICATORS, [
        { loc: ['body', 'values', 1, 'count'], message: 'Số lượng không hợp lệ' },
        { loc: ['values', 'SN-01', 'date'], message: 'Ngày không hợp lệ' },
        { loc: ['body', 'other'], message: 'ignored' },
      ]),
    ).toEqual([
      { name: ['KL-09', 'count'], errors: ['Số lượng không hợp lệ'] },
      { name: ['SN-01', 'date'], errors: ['Ngày không hợp lệ'] },
    ]);
  });

  it('states the lateness and its cost in the submit confirmation', async () => {
    const { user } = renderForm({ lateness: { days_late: 5, deduction: '2.00' } });
    await user.click(screen.getByRole('button', { name: /Nộp báo cáo/ }));
    expect(await screen.findByText('Nộp muộn 5 ngày: trừ 2 điểm.')).toBeInTheDocument();
    expect(screen.getByText(/không sửa được cho đến khi báo cáo bị trả lại/)).toBeInTheDocument();
  });

  it('says nothing of lateness for a report in time', async () => {
    const { user } = renderForm({ lateness: null });
    await user.click(screen.getByRole('button', { name: /Nộp báo cáo/ }));
    expect(await screen.findByText(/không sửa được cho đến khi báo cáo bị trả lại/)).toBeInTheDocument();
    expect(screen.queryByTestId('submit-lateness')).not.toBeInTheDocument();
  });
});
