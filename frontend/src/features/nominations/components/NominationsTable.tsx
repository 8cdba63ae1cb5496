import { useState } from 'react';
import { Alert, App, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, Button } from 'antd';
import type { Schemas } from '@/api/client';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { ExportButton } from '@/components/ExportButton';
import { useServerSort } from '@/lib/list-query';
import { AttachmentList } from '@/components/AttachmentList';
import { formatDate } from '@/lib/format';
import { RECIPIENT_LABELS } from '@/lib/labels';
import {
  nominationFileUrl,
  useAcceptNomination,
  useAttachToNomination,
  useNominations,
  useRemoveNominationFile,
  useReturnNomination,
  type Nomination,
  type NominationSort,
} from '../api/nominations';

const STATUS_COLORS: Record<Schemas['NominationStatus'], string> = { submitted: 'processing', returned: 'error', accepted: 'success' };

export interface AwardFormOption {
  value: string;
  label: string;
  /** The recipients the form is given to, and whether it may be a timely award. */
  recipients: Schemas['Recipient'][];
  timely: boolean;
}

/** Accepting states what follows before anything is created: a proposal Sở Nội vụ checks and the Chairman decides. */
function AcceptDialog({ nomination, forms, onClose }: { nomination?: Nomination; forms: AwardFormOption[]; onClose: () => void }) {
  const { message } = App.useApp();
  const accept = useAcceptNomination();
  const [form] = Form.useForm<{ form: string }>();
  const offered = nomination ? forms.filter((f) => f.recipients.includes(nomination.recipient) && (!nomination.timely || f.timely)) : [];
  return (
    <Modal
      open={Boolean(nomination)}
      title="Tiếp nhận vào đề xuất khen thưởng?"
      okText="Tiếp nhận"
      cancelText="Hủy"
      confirmLoading={accept.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then(
          ({ form: code }) =>
            nomination &&
            accept.mutateAsync({ id: nomination.id, form: code }).then(
              () => {
                message.success('Đã tiếp nhận, lập hồ sơ đề xuất khen thưởng');
                onClose();
              },
              (error: unknown) => message.error(errorMessage(error)),
            ),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {nomination && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${nomination.nominee_name} · ${nomination.unit.name}`}
          description="Một hồ sơ đề xuất khen thưởng được lập kèm toàn bộ tệp của đơn vị, chuyển Sở Nội vụ thẩm định và trình Chủ tịch UBND tỉnh quyết định."
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="form" label="Hình thức khen thưởng" rules={[{ required: true, message: 'Chọn hình thức khen thưởng' }]}>
          <Select aria-label="Hình thức khen thưởng" options={offered} placeholder="Chọn hình thức" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnDialog({ nomination, onClose }: { nomination?: Nomination; onClose: () => void }) {
  const { message } = App.useApp();
  const giveBack = useReturnNomination();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={Boolean(nomination)}
      title="Trả lại đề nghị cho đơn vị?"
      okText="Trả lại"
      okButtonProps={{ danger: true }}
      cancelText="Hủy"
      confirmLoading={giveBack.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then(
          ({ reason }) =>
            nomination &&
            giveBack.mutateAsync({ id: nomination.id, reason: reason.trim() }).then(
              () => {
                message.success('Đã trả lại đề nghị cho đơn vị');
                onClose();
              },
              (error: unknown) => message.error(errorMessage(error)),
            ),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="Lý do trả lại" rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Dossier({ nomination, editable, username }: { nomination: Nomination; editable: boolean; username?: string }) {
  const attach = useAttachToNomination(nomination.id);
  const remove = useRemoveNominationFile(nomination.id);
  const open = editable && nomination.status !== 'accepted';
  return (
    <AttachmentList
      files={nomination.files}
      href={(file) => nominationFileUrl(nomination.id, file.id)}
      uploadLabel="Thêm tệp hồ sơ"
      onUpload={open ? (file) => attach.mutateAsync(file) : undefined}
      onRemove={open ? (file) => remove.mutateAsync(file.id) : undefined}
      username={username}
    />
  );
}

interface NominationsTableProps {
  title: string;
  filter: { period?: string; timely?: boolean; status?: Schemas['NominationStatus'] };
  /** The standing body (a period's nominations) or Sở Nội vụ (timely ones): accept and return buttons. */
  canDecide: (nomination: Nomination) => boolean;
  forms: AwardFormOption[];
  /** The unit's own list: files may be added, and a returned nomination corrected (`onCorrect`). */
  unitView?: { username: string; onCorrect: (nomination: Nomination) => void };
}

/** Nominations with their dossier, status and what can be done next by the one looking. */
export function NominationsTable({ title, filter, canDecide, forms, unitView }: NominationsTableProps) {
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<NominationSort>();
  const listed = { ...filter, q, sort };
  const nominations = useNominations(listed);
  const [accepting, setAccepting] = useState<Nomination>();
  const [returning, setReturning] = useState<Nomination>();
  return (
    <Card
      title={title}
      extra={
        <Space wrap>
          <SearchBox label={`Tìm đơn vị: ${title}`} value={q} onChange={setQ} />
          <ExportButton path="/api/v1/exports/nominations" query={listed} />
        </Space>
      }
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={nominations.error} />
      <Table<Nomination>
        size="small"
        rowKey="id"
        loading={nominations.isFetching}
        dataSource={nominations.data}
        onChange={onChange}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Chưa có đề nghị khen thưởng' }}
        columns={[
          {
            title: 'Tập thể, cá nhân',
            ...sorted('unit'),
            render: (_, n) => (
              <Space direction="vertical" size={0}>
                <span>{n.nominee_title ? `${n.nominee_name}, ${n.nominee_title}` : n.nominee_name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {RECIPIENT_LABELS[n.recipient]} · {n.unit.name}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: 'Kỳ',
            key: 'period',
            render: (_, n) => (n.timely ? <Tag color="gold">Khen thưởng kịp thời</Tag> : n.period),
          },
          {
            title: 'Thành tích và hồ sơ',
            key: 'achievements',
            width: 360,
            render: (_, n) => (
              <Space direction="vertical" size={4}>
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: 'Xem thêm' }} style={{ margin: 0 }}>
                  {n.achievements}
                </Typography.Paragraph>
                <Dossier nomination={n} editable={Boolean(unitView)} username={unitView?.username} />
              </Space>
            ),
          },
          {
            title: 'Trạng thái',
            ...sorted('status'),
            render: (_, n) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[n.status]}>{n.status_label}</Tag>
                {n.status === 'returned' && n.return_reason && <Typography.Text type="danger">{n.return_reason}</Typography.Text>}
                {n.proposal && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Đề xuất: {n.proposal.status_label}
                    {n.proposal.decision_number ? ` (QĐ số ${n.proposal.decision_number})` : ''}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(n.updated_at)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, n) => (
              <Space wrap size={4}>
                {n.status === 'submitted' && canDecide(n) && (
                  <>
                    <Button size="small" type="primary" onClick={() => setAccepting(n)} aria-label={`Tiếp nhận đề nghị ${n.nominee_name}`}>
                      Tiếp nhận
                    </Button>
                    <Button size="small" danger onClick={() => setReturning(n)} aria-label={`Trả lại đề nghị ${n.nominee_name}`}>
                      Trả lại
                    </Button>
                  </>
                )}
                {n.status === 'returned' && unitView && (
                  <Button size="small" onClick={() => unitView.onCorrect(n)}>
                    Sửa và gửi lại
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AcceptDialog nomination={accepting} forms={forms} onClose={() => setAccepting(undefined)} />
      <ReturnDialog nomination={returning} onClose={() => setReturning(undefined)} />
    </Card>
  );
}
