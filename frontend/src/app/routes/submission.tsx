import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Col, Form, Row, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '@/api/errors';
import type { ValueInput } from '@/api/client';
import { useSaveValues, useSubmission, useWorkflowAction } from '@/features/submissions/api/submissions';
import { SubmissionForm, serverErrorsToFields } from '@/features/submissions/components/SubmissionForm';
import { toFieldValues, toValueInputs, type FormValues } from '@/features/submissions/form-values';
import { clearDraft, differsFromSaved, readDraft, writeDraft } from '@/features/submissions/local-draft';
import { useLeaveGuard } from '@/lib/use-leave-guard';
import { useCurrentUser } from '@/app/use-current-user';
import { StatusTag } from '@/components/StatusTag';
import { PreviewBadge, ScorePreview } from '@/features/scores/components/ScorePreview';
import { useScorePreview } from '@/features/scores/api/scores';
import { usePlanTexts } from '@/features/indicators/api/indicators';
import { usePeriods } from '@/features/periods/api/periods';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { formatDateTime } from '@/lib/format';
import { debounce, useDebounced } from '@/lib/use-debounced';

export default function SubmissionRoute() {
  const { period = '', unit = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const submission = useSubmission(period, unit);
  const save = useSaveValues(period, unit);
  const workflow = useWorkflowAction(period, unit);
  const [edited, setEdited] = useState<ValueInput[]>();
  const previewValues = useDebounced(edited, 400);
  const preview = useScorePreview(period, unit, previewValues); // shared with the preview panel
  const planText = usePlanTexts();
  const periods = usePeriods();
  // Edits not yet saved to the server: leaving asks first, and a local copy survives a closed tab.
  const [dirty, setDirty] = useState(false);
  const [draft, setDraft] = useState(() => readDraft(period, unit));
  const keepDraft = useMemo(() => debounce((values: ValueInput[]) => writeDraft(period, unit, values), 500), [period, unit]);
  const leaveGuard = useLeaveGuard(dirty, { keptLocally: true });

  const showError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.errors.length && submission.data) {
        form.setFields(serverErrorsToFields(submission.data.indicators, error.errors));
      }
      message.error(errorMessage(error));
    },
    [form, message, submission.data],
  );

  if (submission.isPending) return <PageLoading />;
  if (submission.isError) return <ErrorState error={submission.error} />;
  const data = submission.data;

  const saveValues = async (values: ValueInput[]) => {
    await save.mutateAsync({ values, etag: data.etag });
    keepDraft.cancel();
    clearDraft(period, unit);
    setDraft(undefined);
    setDirty(false);
  };
  const restorable = draft && data.editable && differsFromSaved(draft.values, toValueInputs(data.indicators, form.getFieldsValue(true) as FormValues));

  return (
    <>
      <PageHeader
        title={periods.data?.find((p) => p.code === data.period)?.name ?? `Báo cáo ${data.period}`}
        subtitle={
          <Space wrap>
            {data.unit.name}
            <StatusTag status={data.status} />
            {data.first_submitted_at && <span>Nộp lần đầu {formatDateTime(data.first_submitted_at)}</span>}
          </Space>
        }
        extra={
          // The report and its score as an A4 document, once it has been submitted.
          data.first_submitted_at && (
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/in/${period}/${unit}`)}>
              In
            </Button>
          )
        }
      />
      {data.status === 'returned' && data.return_reason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="Báo cáo bị trả lại"
          description={`Lý do: ${data.return_reason}`}
          data-testid="return-reason"
        />
      )}
      {leaveGuard}
      {restorable && !dirty && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Có số liệu nhập trên máy này lúc ${formatDateTime(new Date(draft.at).toISOString())} chưa được lưu.`}
          action={
            <Space wrap>
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  form.setFieldsValue(Object.fromEntries(draft.values.map((v) => [v.indicator, toFieldValues({ numerator: null, denominator: null, count: null, flag: null, date: null, note: null, ...v })])));
                  setEdited(draft.values);
                  setDirty(true);
                }}
              >
                Khôi phục
              </Button>
              <Button
                size="small"
                onClick={() => {
                  clearDraft(period, unit);
                  setDraft(undefined);
                }}
              >
                Bỏ bản nháp
              </Button>
            </Space>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <SubmissionForm
            form={form}
            report={{ period, unit, username: user.username }}
            indicators={data.indicators}
            planText={planText}
            editable={data.editable}
            saving={save.isPending}
            submitting={workflow.isPending}
            onChange={setEdited}
            onEdit={(values) => {
              setDirty(true);
              keepDraft(values);
            }}
            actionsExtra={<PreviewBadge period={period} unit={unit} values={previewValues} />}
            lateness={preview.data?.lateness}
            onBeforeAttach={(values) => (dirty ? saveValues(values) : Promise.resolve())}
            onSave={(values) =>
              saveValues(values).then(() => message.success('Đã lưu nháp'), showError)
            }
            onSubmit={(values) =>
              saveValues(values)
                .then(() => workflow.mutateAsync({ action: 'submit' }))
                .then(() => message.success('Đã nộp báo cáo'), showError)
            }
          />
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ position: 'sticky', top: 16 }}>
            <ScorePreview period={period} unit={unit} values={previewValues} />
          </div>
        </Col>
      </Row>
    </>
  );
}
