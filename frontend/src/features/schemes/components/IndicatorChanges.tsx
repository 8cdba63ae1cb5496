import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  CADENCE_LABELS,
  optionsOf,
  PILLAR_LABELS,
  RULE_KIND_LABELS,
  UNIT_KIND_LABELS,
  type UnitKind,
} from '@/lib/labels';
import {
  DEDUCTION_KEYS,
  DEDUCTION_LABELS,
  newIndicatorEntry,
  newIndicatorProblems,
  type DeductionKey,
  type Json,
  type NewIndicator,
} from '../draft-edits';

/** The unit kinds that report (the others only read). */
const REPORTING_KINDS: UnitKind[] = ['police_department', 'commune_police', 'department', 'commune'];

/** The scheme's deductions and bonus cap, edited as typed; checked by `editProblems` before saving. */
export function DeductionsEditor({
  values,
  readOnly,
  onChange,
}: {
  values: Record<DeductionKey, string>;
  readOnly: boolean;
  onChange: (key: DeductionKey, value: string) => void;
}) {
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} wrap align="end">
        {DEDUCTION_KEYS.map((key) => (
          <label key={key} style={{ maxWidth: 260 }}>
            <Typography.Text type="secondary">{DEDUCTION_LABELS[key]}</Typography.Text>
            <Input
              aria-label={DEDUCTION_LABELS[key]}
              value={values[key]}
              disabled={readOnly}
              placeholder={key === 'occurrence_penalty' ? '1/4' : undefined}
              style={{ width: 110, display: 'block' }}
              onChange={(event) => onChange(key, event.target.value)}
            />
          </label>
        ))}
      </Flex>
      <Typography.Text type="secondary">
        Điểm trừ theo kết luận kiểm tra do Cơ quan Thường trực ghi cho từng kết luận (trang Kiểm tra), không phải tham số của bộ tiêu chí.
      </Typography.Text>
    </Flex>
  );
}

/** The form's fields: a new indicator, its deadline picked as a date. */
type FormValues = Omit<NewIndicator, 'deadline'> & { deadline?: Dayjs };

const INITIAL: Partial<FormValues> = { kind: 'at_least', appliesTo: [], veto: false, weight: '1', count: 1 };

/** A new indicator: code, name, pillar, units, rule and target, weight; added to the table, saved with the draft. */
function NewIndicatorForm({ codes, onAdd }: { codes: string[]; onAdd: (entry: Json, weight: string) => void }) {
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'at_least';
  const [problems, setProblems] = useState<string[]>([]);
  const submit = (values: FormValues) => {
    const input: NewIndicator = {
      ...values,
      code: (values.code ?? '').trim().toUpperCase(),
      name: values.name ?? '',
      planText: values.planText ?? '',
      appliesTo: values.appliesTo ?? [],
      deadline: values.deadline?.format('YYYY-MM-DD'),
      weight: values.weight ?? '1',
    };
    const found = newIndicatorProblems(input, codes);
    setProblems(found);
    if (found.length) return;
    onAdd(newIndicatorEntry(input), input.weight);
    form.resetFields();
  };
  return (
    <Form form={form} layout="vertical" initialValues={INITIAL} onFinish={submit} style={{ maxWidth: 720 }}>
      <Flex gap={12} wrap>
        <Form.Item name="code" label="Mã chỉ tiêu" style={{ width: 140 }}>
          <Input placeholder="GD-10" />
        </Form.Item>
        <Form.Item name="pillar" label="Trụ cột" style={{ width: 200 }} rules={[{ required: true, message: 'Chọn trụ cột' }]}>
          <Select options={optionsOf(PILLAR_LABELS)} placeholder="Chọn trụ cột" />
        </Form.Item>
        <Form.Item name="weight" label="Trọng số" style={{ width: 110 }}>
          <Input />
        </Form.Item>
      </Flex>
      <Form.Item name="name" label="Tên chỉ tiêu">
        <Input />
      </Form.Item>
      <Form.Item name="planText" label="Nội dung trong kế hoạch">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="appliesTo" label="Áp dụng cho">
        <Checkbox.Group options={REPORTING_KINDS.map((value) => ({ value, label: UNIT_KIND_LABELS[value] }))} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label="Quy tắc" style={{ minWidth: 280 }}>
          <Select options={optionsOf(RULE_KIND_LABELS)} />
        </Form.Item>
        {(kind === 'at_least' || kind === 'above') && (
          <Form.Item name="threshold" label="Ngưỡng (%)" style={{ width: 120 }}>
            <Input suffix="%" />
          </Form.Item>
        )}
        {kind === 'frequency' && (
          <>
            <Form.Item name="count" label="Số lần" style={{ width: 100 }}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="cadence" label="Mỗi" style={{ width: 120 }}>
              <Select options={optionsOf(CADENCE_LABELS)} />
            </Form.Item>
          </>
        )}
        {kind === 'date_by' && (
          <Form.Item name="deadline" label="Hạn" style={{ width: 160 }}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        )}
      </Flex>
      <Form.Item name="veto" valuePropName="checked">
        <Checkbox>Chỉ tiêu phủ quyết (không đạt thì xếp loại không cao hơn mức trần của bộ tiêu chí)</Checkbox>
      </Form.Item>
      <Form.Item name="inputHint" label="Hướng dẫn nhập số liệu (không bắt buộc)">
        <Input />
      </Form.Item>
      {problems.length > 0 && <Alert type="warning" showIcon title="Chưa thêm được" description={problems.join('; ')} style={{ marginBottom: 12 }} />}
      <Button htmlType="submit">Thêm chỉ tiêu mới vào bản dự thảo</Button>
    </Form>
  );
}

/**
 * Add an indicator to a draft: one of the catalog's indicators the draft does not hold (those of the
 * stored versions, and those retired in this edit), or a new one. Units have no value for an indicator
 * new to them, so it counts as not met until they enter one: the preview shows what that does.
 */
export function AddIndicator({
  candidates,
  codes,
  onAdd,
}: {
  candidates: Json[];
  codes: string[];
  onAdd: (entry: Json, weight: string) => void;
}) {
  const [mode, setMode] = useState<'catalog' | 'new'>('catalog');
  const [chosen, setChosen] = useState<string>();
  const offered = candidates.filter((entry) => !codes.includes(String(entry.code)));
  const add = () => {
    const entry = offered.find((candidate) => candidate.code === chosen);
    if (!entry) return;
    onAdd(entry, '1');
    setChosen(undefined);
  };
  return (
    <Flex vertical gap={12}>
      <Radio.Group
        aria-label="Cách thêm chỉ tiêu"
        optionType="button"
        value={mode}
        onChange={(event) => setMode(event.target.value as 'catalog' | 'new')}
        options={[
          { value: 'catalog', label: 'Từ danh mục' },
          { value: 'new', label: 'Chỉ tiêu mới' },
        ]}
      />
      {mode === 'catalog' ? (
        offered.length ? (
          <Flex gap={8} wrap>
            <Select
              aria-label="Chỉ tiêu trong danh mục"
              placeholder="Chọn chỉ tiêu chưa có trong bản dự thảo"
              style={{ minWidth: 320, maxWidth: '100%' }}
              value={chosen}
              onChange={setChosen}
              options={offered.map((entry) => ({ value: String(entry.code), label: `${String(entry.code)} – ${String(entry.name)}` }))}
            />
            <Button onClick={add} disabled={!chosen}>
              Thêm vào bản dự thảo
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">Mọi chỉ tiêu trong danh mục đã có trong bản dự thảo.</Typography.Text>
        )
      ) : (
        <NewIndicatorForm codes={codes} onAdd={onAdd} />
      )}
      <Typography.Text type="secondary">
        Đơn vị chưa có số liệu cho chỉ tiêu mới thêm nên chỉ tiêu được tính là chưa đạt cho đến khi đơn vị nhập số liệu.
      </Typography.Text>
    </Flex>
  );
}
