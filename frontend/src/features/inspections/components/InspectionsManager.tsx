import { useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { ItemList, ItemRow } from '@/components/ItemList';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { ExportButton } from '@/components/ExportButton';
import { SearchBox } from '@/components/SearchBox';
import { useServerSort } from '@/lib/list-query';
import { DATE_FORMAT, formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { today } from '@/lib/clock';
import { FINDING_STATUS_LABELS } from '@/lib/labels';
import {
  useAddCorrectiveAction,
  useCloseCorrectiveAction,
  useInspections,
  useMarkInspectionDone,
  usePlanInspection,
  type Finding,
  type Inspection,
  type InspectionFilter,
  type InspectionSort,
} from '../api/inspections';
import { FindingForm, type IndicatorOption } from './FindingForm';
import { FindingDecisionButtons } from './FindingDecisionButtons';

const STANDING_BODY = 'Cơ quan Thường trực';
const FINDING_STATUS_COLORS = { proposed: 'warning', confirmed: 'success', rejected: 'default' } as const;

/** What the caller may do on this page, from its permissions and its unit. */
export interface InspectionRights {
  /** Plan inspections, record them done and add findings (the standing body on any inspection). */
  inspect: boolean;
  /** Any inspection and its corrective actions, findings deducting at once: the standing body. */
  manage: boolean;
  /** Confirm or reject proposed findings: the standing body. */
  confirm: boolean;
  /** The caller's unit: Sở Nội vụ, a department or a commune's committee conducts its own inspections only. */
  unit?: string;
}

const conducts = (rights: InspectionRights, inspection: Inspection) =>
  rights.manage || (rights.inspect && inspection.inspector !== null && inspection.inspector.code === rights.unit);

function FindingStatusLine({ finding }: { finding: Finding }) {
  return (
    <Space wrap size={4}>
      <Tag color={FINDING_STATUS_COLORS[finding.status]}>{FINDING_STATUS_LABELS[finding.status]}</Tag>
      {finding.decided_by && (
        <Typography.Text type="secondary">
          {finding.decided_by}, {formatDateTime(finding.decided_at)}
        </Typography.Text>
      )}
      {finding.decision_reason && <Typography.Text type="secondary">Lý do: {finding.decision_reason}</Typography.Text>}
    </Space>
  );
}

const ISO = 'YYYY-MM-DD';

/** Plans a topical inspection of a unit; the unit picker comes from the page (features stay apart). */
function PlanInspectionForm({ unitPicker }: { unitPicker: ReactElement }) {
  const { message } = App.useApp();
  const plan = usePlanInspection();
  const [form] = Form.useForm<{ unit: string; topic: string; planned_on: Dayjs }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={({ unit, topic, planned_on }) =>
        plan.mutateAsync({ unit, topic: topic.trim(), planned_on: planned_on.format(ISO) }).then(
          () => {
            message.success('Đã lập kế hoạch kiểm tra');
            form.resetFields();
          },
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    >
      <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        {unitPicker}
      </Form.Item>
      <Form.Item name="topic" label="Chuyên đề" rules={[{ required: true, whitespace: true, message: 'Nhập chuyên đề' }]}>
        <Input style={{ width: 280 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="planned_on" label="Ngày dự kiến" rules={[{ required: true, message: 'Chọn ngày' }]}>
        <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={plan.isPending}>
        Lập kế hoạch
      </Button>
    </Form>
  );
}

function MarkDoneButton({ inspection }: { inspection: Inspection }) {
  const { message } = App.useApp();
  const done = useMarkInspectionDone();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ inspected_on: Dayjs }>();
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Đã kiểm tra
      </Button>
      <Modal
        open={open}
        title={`Ghi nhận đã kiểm tra: ${inspection.unit.name}`}
        okText="Ghi nhận"
        cancelText="Hủy"
        confirmLoading={done.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          form.validateFields().then(
            ({ inspected_on }) =>
              done.mutateAsync({ id: inspection.id, inspectedOn: inspected_on.format(ISO) }).then(
                () => {
                  message.success('Đã ghi nhận ngày kiểm tra');
                  setOpen(false);
                },
                (error: unknown) => message.error(errorMessage(error)),
              ),
            () => undefined, // the form shows what is missing
          )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="inspected_on" label="Ngày kiểm tra" rules={[{ required: true, message: 'Chọn ngày kiểm tra' }]}>
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CorrectiveActions({ finding, canWrite }: { finding: Finding; canWrite: boolean }) {
  const { message } = App.useApp();
  const add = useAddCorrectiveAction();
  const close = useCloseCorrectiveAction();
  const [form] = Form.useForm<{ description: string; due_on: Dayjs }>();
  const failed = (error: unknown) => message.error(errorMessage(error));
  return (
    <>
      <ItemList
        size="small"
        items={finding.actions}
        itemKey={(action) => action.id}
        empty="Chưa có biện pháp khắc phục"
        aria-label="Biện pháp khắc phục"
        renderItem={(action) => (
          <ItemRow
            actions={!canWrite ? [] : [
              action.status === 'done' ? (
                <Button key="reopen" size="small" type="link" onClick={() => close.mutateAsync({ id: action.id, doneOn: null }).catch(failed)}>
                  Mở lại
                </Button>
              ) : (
                <Button
                  key="close"
                  size="small"
                  type="link"
                  onClick={() => close.mutateAsync({ id: action.id, doneOn: today() }).catch(failed)}
                >
                  Đã khắc phục
                </Button>
              ),
            ]}
          >
            <Space wrap>
              {action.description}
              <Typography.Text type="secondary">hạn {formatDate(action.due_on)}</Typography.Text>
              {action.status === 'done' ? (
                <Tag color="success">Đã khắc phục {formatDate(action.done_on)}</Tag>
              ) : (
                <Tag color="warning">Đang khắc phục</Tag>
              )}
            </Space>
          </ItemRow>
        )}
      />
      {canWrite && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 8, rowGap: 8 }}
          onFinish={({ description, due_on }) =>
            add
              .mutateAsync({ findingId: finding.id, description: description.trim(), due_on: due_on.format(ISO) })
              .then(() => form.resetFields(), failed)
          }
        >
          <Form.Item name="description" rules={[{ required: true, whitespace: true, message: 'Nhập biện pháp' }]}>
            <Input placeholder="Biện pháp khắc phục" aria-label="Biện pháp khắc phục" style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="due_on" rules={[{ required: true, message: 'Chọn hạn' }]}>
            <DatePicker format={DATE_FORMAT} placeholder="Hạn khắc phục" aria-label="Hạn khắc phục" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            Thêm biện pháp
          </Button>
        </Form>
      )}
    </>
  );
}

function InspectionDetail({
  inspection,
  period,
  indicatorOptions,
  rights,
}: {
  inspection: Inspection;
  period?: string;
  indicatorOptions: IndicatorOption[];
  rights: InspectionRights;
}) {
  const canWrite = conducts(rights, inspection);
  const scoreLink = `/units/${inspection.unit.code}${period ? `?period=${period}` : ''}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`inspection-${inspection.id}`}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="Đơn vị kiểm tra">{inspection.inspector?.name ?? STANDING_BODY}</Descriptions.Item>
        <Descriptions.Item label="Tổng điểm trừ (đã xác nhận)">{formatNumber(inspection.deduction_points)}</Descriptions.Item>
        <Descriptions.Item label="Biện pháp chưa xong">{inspection.open_actions}</Descriptions.Item>
        <Descriptions.Item label="Điểm của đơn vị">
          <Link to={scoreLink}>Xem điểm và giải trình</Link>
        </Descriptions.Item>
      </Descriptions>
      {inspection.findings.map((finding) => (
        <Card
          key={finding.id}
          size="small"
          title={
            <Space wrap>
              {finding.description}
              <Tag color="red">−{formatNumber(finding.points)} điểm</Tag>
              {finding.indicator && <Tag>{finding.indicator}</Tag>}
            </Space>
          }
          extra={rights.confirm && finding.status === 'proposed' && <FindingDecisionButtons inspection={inspection} finding={finding} />}
        >
          <FindingStatusLine finding={finding} />
          {finding.status === 'confirmed' && <CorrectiveActions finding={finding} canWrite={rights.manage} />}
        </Card>
      ))}
      {!canWrite ? null : inspection.status === 'done' ? (
        <Card size="small" title="Thêm kết luận">
          <FindingForm inspectionId={inspection.id} indicatorOptions={indicatorOptions} />
        </Card>
      ) : (
        <Typography.Text type="secondary">Ghi nhận ngày kiểm tra trước khi thêm kết luận.</Typography.Text>
      )}
    </Space>
  );
}

/**
 * Topical inspections: plan, mark done, findings that deduct points, corrective actions. The standing body
 * inspects any unit and its findings deduct at once; Sở Nội vụ, a department or a commune's committee
 * inspects the units of its reach and its findings wait for the standing body to confirm or reject them.
 */
export function InspectionsManager({
  filter,
  unitPicker,
  indicatorOptions,
  rights,
}: {
  filter: InspectionFilter;
  unitPicker: ReactElement;
  indicatorOptions: IndicatorOption[];
  rights: InspectionRights;
}) {
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<InspectionSort>();
  const listed: InspectionFilter = { ...filter, q, sort };
  const inspections = useInspections(listed);
  return (
    <>
      {rights.inspect && (
        <Card title="Lập kế hoạch kiểm tra" style={{ marginBottom: 16 }}>
          <PlanInspectionForm unitPicker={unitPicker} />
        </Card>
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap justify="space-between" style={{ padding: 16 }}>
          <SearchBox label="Tìm kiểm tra" placeholder="Đơn vị được kiểm tra hoặc chuyên đề, không cần dấu" value={q} onChange={setQ} />
          <ExportButton path="/api/v1/exports/inspections" query={{ ...listed }} />
        </Flex>
        <ErrorAlert error={inspections.error} />
        <Table<Inspection>
          size="small"
          rowKey="id"
          loading={inspections.isFetching}
          dataSource={inspections.data}
          onChange={onChange}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description="Chưa có cuộc kiểm tra" /> }}
          expandable={{
            expandedRowRender: (inspection) => (
              <InspectionDetail inspection={inspection} period={filter.period} indicatorOptions={indicatorOptions} rights={rights} />
            ),
          }}
          columns={[
            { title: 'Đơn vị', dataIndex: ['unit', 'name'], ...sorted('unit') },
            { title: 'Đơn vị kiểm tra', key: 'inspector', render: (_, i) => i.inspector?.name ?? STANDING_BODY },
            { title: 'Chuyên đề', dataIndex: 'topic', ...sorted('topic') },
            { title: 'Ngày dự kiến', dataIndex: 'planned_on', render: formatDate, ...sorted('planned_on') },
            { title: 'Ngày kiểm tra', dataIndex: 'inspected_on', render: formatDate, ...sorted('inspected_on') },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              ...sorted('status'),
              render: (status: string) => (status === 'done' ? <Tag color="success">Đã kiểm tra</Tag> : <Tag color="processing">Kế hoạch</Tag>),
            },
            {
              title: 'Kết luận',
              key: 'findings',
              render: (_, i) => (
                <Space size={4} wrap>
                  {i.findings.length}
                  {i.pending_findings > 0 && <Tag color="warning">{i.pending_findings} chờ xác nhận</Tag>}
                </Space>
              ),
            },
            { title: 'Điểm trừ', dataIndex: 'deduction_points', render: (p: string) => (Number(p) > 0 ? `−${formatNumber(p)}` : '0') },
            ...(rights.inspect
              ? [
                  {
                    title: '',
                    key: 'done',
                    render: (_: unknown, i: Inspection) => i.status !== 'done' && conducts(rights, i) && <MarkDoneButton inspection={i} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
