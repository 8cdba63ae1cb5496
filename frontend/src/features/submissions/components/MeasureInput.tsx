import { memo } from 'react';
import { DatePicker, Flex, Form, Input, Radio, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { NumberInput } from '@/components/NumberInput';
import { DATE_FORMAT, formatPercent } from '@/lib/format';
import type { Measure } from '@/lib/labels';
import { validateField, type FieldValues } from '../form-values';

/** A rule that runs the shared validation for one field of one indicator. */
function measureRule(code: string, measure: Measure, key: keyof FieldValues): FormRule {
  return ({ getFieldValue }) => ({
    validator: () => {
      const message = validateField(measure, getFieldValue(code) as FieldValues | undefined)[key];
      return message ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  });
}

function RatioPercent({ code }: { code: string }) {
  return (
    <Form.Item noStyle shouldUpdate={(prev, next) => prev[code] !== next[code]}>
      {({ getFieldValue }: FormInstance) => {
        const field = (getFieldValue(code) ?? {}) as FieldValues;
        const ok = typeof field.numerator === 'number' && typeof field.denominator === 'number';
        return (
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            = {ok ? formatPercent(field.numerator as number, field.denominator as number) : '–'}
          </Typography.Text>
        );
      }}
    </Form.Item>
  );
}

interface MeasureInputProps {
  code: string;
  measure: Measure;
  disabled?: boolean;
}

/** The input fitted to an indicator's measure: two counts for a ratio, one count, yes/no, or a date. */
export const MeasureInput = memo(function MeasureInput({ code, measure, disabled }: MeasureInputProps) {
  if (measure === 'ratio') {
    return (
      // One labelled item holds both halves: their messages show under it, and the form stays lighter.
      <Form.Item label="Số đạt / Tổng số" style={{ marginBottom: 8 }}>
        <Flex gap={8} align="center">
          <Form.Item
            noStyle
            name={[code, 'numerator']}
            rules={[measureRule(code, measure, 'numerator')]}
            dependencies={[[code, 'denominator']]}
          >
            <NumberInput aria-label={`${code} số đạt`} placeholder="Số đạt" inputMode="numeric" disabled={disabled} style={{ width: 110 }} />
          </Form.Item>
          /
          <Form.Item
            noStyle
            name={[code, 'denominator']}
            rules={[measureRule(code, measure, 'denominator')]}
            dependencies={[[code, 'numerator']]}
          >
            <NumberInput aria-label={`${code} tổng số`} placeholder="Tổng số" inputMode="numeric" disabled={disabled} style={{ width: 110 }} />
          </Form.Item>
          <RatioPercent code={code} />
        </Flex>
      </Form.Item>
    );
  }
  if (measure === 'count') {
    return (
      <Form.Item name={[code, 'count']} label="Số lượng" rules={[measureRule(code, measure, 'count')]} style={{ marginBottom: 8 }}>
        <NumberInput aria-label={`${code} số lượng`} inputMode="numeric" disabled={disabled} style={{ width: 130 }} />
      </Form.Item>
    );
  }
  if (measure === 'flag') {
    return (
      <Form.Item name={[code, 'flag']} label="Thực hiện" style={{ marginBottom: 8 }}>
        <Radio.Group
          aria-label={`${code} thực hiện`}
          disabled={disabled}
          optionType="button"
          options={[
            { value: true, label: 'Có' },
            { value: false, label: 'Không' },
          ]}
        />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={[code, 'date']} label="Ngày thực hiện" style={{ marginBottom: 8 }}>
      <DatePicker aria-label={`${code} ngày thực hiện`} format={DATE_FORMAT} disabled={disabled} placeholder="dd/mm/yyyy" />
    </Form.Item>
  );
});

export function NoteInput({ code, disabled }: { code: string; disabled?: boolean }) {
  if (disabled) {
    return (
      <Form.Item noStyle shouldUpdate={(prev, next) => prev[code]?.note !== next[code]?.note}>
        {({ getFieldValue }: FormInstance) => {
          const note = getFieldValue([code, 'note']) as string | null | undefined;
          return note ? <Typography.Paragraph style={{ margin: 0, fontSize: 13 }}>Minh chứng: {note}</Typography.Paragraph> : null;
        }}
      </Form.Item>
    );
  }
  return (
    <Form.Item noStyle name={[code, 'note']}>
      <Input
        aria-label={`${code} ghi chú minh chứng`}
        disabled={disabled}
        placeholder="Ghi chú, minh chứng (số văn bản, ngày ban hành...)"
        maxLength={2000}
      />
    </Form.Item>
  );
}
