import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { Button, Card, Col, Flex, Form, Popconfirm, Row, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { Schemas, ValueInput } from '@/api/client';
import { PILLARS } from '@/lib/labels';
import { formatLateness } from '@/lib/format';
import type { ProblemFieldError } from '@/api/errors';
import type { SubmissionIndicator } from '../api/submissions';
import { isFilled, toFormValues, toValueInputs, validateField, type FieldValues, type FormValues } from '../form-values';
import { MeasureInput, NoteInput } from './MeasureInput';
import { EvidenceFiles } from './EvidenceFiles';
import { ActivitiesPanel } from './ActivitiesPanel';

interface SubmissionFormProps {
  indicators: SubmissionIndicator[];
  /** The report's period and unit, for its evidence files; without them no file list is shown. */
  report?: { period: string; unit: string; username?: string };
  /** The plan's own wording per indicator code, shown beside the input when known. */
  planText?: Record<string, string>;
  editable: boolean;
  saving?: boolean;
  submitting?: boolean;
  form?: FormInstance<FormValues>;
  /** Shown at the start of the action bar, e.g. the projected score. */
  actionsExtra?: ReactNode;
  /** What submitting now costs for lateness (from the score preview); stated in the confirmation. */
  lateness?: Schemas['Lateness'] | null;
  /** Called with the form's values after each change that leaves every value valid. */
  onChange?: (values: ValueInput[]) => void;
  /** Called with the form's values after every change, valid or not (unsaved edits, local drafts). */
  onEdit?: (values: ValueInput[]) => void;
  onSave?: (values: ValueInput[]) => void;
  onSubmit?: (values: ValueInput[]) => void;
  /** Saves the form's values before a file is attached (see EvidenceFiles). */
  onBeforeAttach?: (values: ValueInput[]) => Promise<void>;
}

const FIELD_KEYS: (keyof FieldValues)[] = ['numerator', 'denominator', 'count', 'flag', 'date', 'note'];

/** Maps a server validation error such as ["body", "values", 3, "numerator"] onto the form's field. */
export function serverErrorsToFields(indicators: SubmissionIndicator[], errors: ProblemFieldError[]) {
  return errors.flatMap(({ loc, message }) => {
    const index = loc.findIndex((part) => part === 'values');
    const target = index >= 0 ? loc[index + 1] : undefined;
    const indicator =
      typeof target === 'number' ? indicators[target] : indicators.find((i) => loc.includes(i.code));
    if (!indicator) return [];
    const key = FIELD_KEYS.find((field) => loc.includes(field)) ?? 'note';
    return [{ name: [indicator.code, key] as [string, keyof FieldValues], errors: [message] }];
  });
}

interface IndicatorRowProps {
  indicator: SubmissionIndicator;
  planText?: string;
  editable: boolean;
  report?: { period: string; unit: string; username?: string };
  beforeAttach?: () => Promise<void>;
}

function IndicatorRow({ indicator, planText, editable, report, beforeAttach }: IndicatorRowProps) {
  return (
    <Row gutter={[16, 4]} style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }} data-indicator={indicator.code}>
      <Col xs={24} md={12}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{indicator.code}</Typography.Text>
          {indicator.veto && <Tag color="red">Chỉ tiêu phủ quyết</Tag>}
        </Flex>
        <div>{planText ?? indicator.name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
          Yêu cầu: {indicator.rule_text}
        </Typography.Text>
        {editable && indicator.input_hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12, fontStyle: 'italic' }}>
            {indicator.input_hint}
          </Typography.Text>
        )}
      </Col>
      <Col xs={24} md={12}>
        <MeasureInput code={indicator.code} measure={indicator.measure} disabled={!editable} />
        <NoteInput code={indicator.code} disabled={!editable} />
        {report && <EvidenceFiles {...report} indicator={indicator} editable={editable} beforeAttach={beforeAttach} />}
        {report && indicator.activity_fields && (
          <ActivitiesPanel {...report} indicator={indicator} editable={editable} beforeChange={beforeAttach} />
        )}
      </Col>
    </Row>
  );
}

function PillarProgress({ indicators }: { indicators: SubmissionIndicator[] }) {
  return (
    <Form.Item noStyle shouldUpdate>
      {({ getFieldsValue }: FormInstance<FormValues>) => {
        const all = getFieldsValue(true) as FormValues;
        const filled = indicators.filter((i) => isFilled(i.measure, all[i.code])).length;
        return (
          <Tag color={filled === indicators.length ? 'green' : 'default'}>
            Đã nhập {filled}/{indicators.length}
          </Tag>
        );
      }}
    </Form.Item>
  );
}

/** The data-entry form of one report: every applicable indicator, grouped by the three pillars. */
export function SubmissionForm(props: SubmissionFormProps) {
  const { indicators, report, planText, editable, saving, submitting, actionsExtra, lateness, onChange, onEdit, onSave, onSubmit, onBeforeAttach } = props;
  const [ownForm] = Form.useForm<FormValues>();
  const form = props.form ?? ownForm;
  const initialValues = useMemo(() => toFormValues(indicators), [indicators]);
  const groups = useMemo(
    () =>
      PILLARS.map((pillar) => ({ ...pillar, indicators: indicators.filter((i) => i.pillar === pillar.code) })).filter(
        (group) => group.indicators.length > 0,
      ),
    [indicators],
  );
  // The first pillar renders at once so typing can start; the others follow without blocking input.
  const shownGroups = useDeferredValue(groups, groups.slice(0, 1));
  const current = () => toValueInputs(indicators, form.getFieldsValue(true) as FormValues);

  const beforeAttach = onBeforeAttach && (() => form.validateFields().then(() => onBeforeAttach(current())));

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    onSubmit?.(current());
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => {
        // Only values the server would accept go to the what-if preview; the inline messages cover the rest.
        const all = form.getFieldsValue(true) as FormValues;
        onEdit?.(current());
        if (indicators.every((i) => Object.keys(validateField(i.measure, all[i.code])).length === 0)) onChange?.(current());
      }}
      requiredMark={false}
      aria-label="Biểu mẫu nhập số liệu"
    >
      {shownGroups.map((group) => (
        <Card
          key={group.code}
          title={`${group.code} · ${group.label}`}
          extra={<PillarProgress indicators={group.indicators} />}
          style={{ marginBottom: 16 }}
          styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}
        >
          {group.indicators.map((indicator) => (
            <IndicatorRow
              key={indicator.code}
              indicator={indicator}
              planText={planText?.[indicator.code]}
              editable={editable}
              report={report}
              beforeAttach={beforeAttach}
            />
          ))}
        </Card>
      ))}
      {editable && (
        <Flex
          gap={8}
          justify="flex-end"
          align="center"
          wrap
          style={{ position: 'sticky', bottom: 0, background: '#fff', padding: 12, borderTop: '1px solid #eee', zIndex: 2 }}
        >
          {actionsExtra}
          <Button
            icon={<SaveOutlined />}
            loading={saving}
            onClick={async () => {
              try {
                await form.validateFields();
              } catch {
                return;
              }
              onSave?.(current());
            }}
          >
            Lưu nháp
          </Button>
          <Popconfirm
            title="Nộp báo cáo?"
            description={
              <>
                {lateness && (
                  <Typography.Text type="danger" strong style={{ display: 'block' }} data-testid="submit-lateness">
                    {formatLateness(lateness)}.
                  </Typography.Text>
                )}
                Sau khi nộp, đơn vị không sửa được cho đến khi báo cáo bị trả lại.
              </>
            }
            okText="Nộp"
            cancelText="Hủy"
            onConfirm={submit}
          >
            <Button type="primary" icon={<SendOutlined />} loading={submitting}>
              Nộp báo cáo
            </Button>
          </Popconfirm>
        </Flex>
      )}
    </Form>
  );
}
