import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { ExportButton } from '@/components/ExportButton';
import { useServerSort } from '@/lib/list-query';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { fractionValue } from '@/lib/fraction';
import { RECIPIENT_LABELS } from '@/lib/labels';
import { AttachmentList } from '@/components/AttachmentList';
import { dossierUrl, useProposals, useProposalStep, useReturnProposal, type Proposal, type ProposalSort } from '../api/awards';
import { DecisionForm } from './DecisionForm';

const STATUS_COLORS: Record<string, string> = {
  proposed: 'processing',
  returned: 'error',
  forwarded: 'purple',
  approved: 'success',
  refused: 'default',
};

function ReturnDialog({ proposal, onClose }: { proposal: Proposal | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const giveBack = useReturnProposal();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={Boolean(proposal)}
      title="Trả lại hồ sơ đề nghị"
      okText="Trả lại"
      cancelText="Hủy"
      confirmLoading={giveBack.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then(
          ({ reason }) =>
            proposal &&
            giveBack.mutateAsync({ id: proposal.id, reason: reason.trim() }).then(
              () => {
                message.success('Đã trả lại hồ sơ');
                onClose();
              },
              (error: unknown) => message.error(errorMessage(error)),
            ),
          () => undefined, // the form shows what is missing
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} aria-label="Lý do" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Award proposals and their workflow: Sở Nội vụ returns (with a reason) or forwards and records the
 * decision; the standing body resubmits what was returned. Which buttons show follows the roles.
 */
export function ProposalsTable({
  period,
  timely,
  title = 'Hồ sơ đề nghị khen thưởng',
  canCheck,
  canPropose,
}: {
  period?: string;
  /** Only timely awards (no period), or only a period's. */
  timely?: boolean;
  title?: string;
  canCheck: boolean;
  canPropose: boolean;
}) {
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<ProposalSort>();
  const filter = { period, timely, q, sort };
  const proposals = useProposals(filter);
  const step = useProposalStep();
  const [returning, setReturning] = useState<Proposal>();
  const [deciding, setDeciding] = useState<Proposal>();
  const failed = (error: unknown) => message.error(errorMessage(error));

  const actions = (proposal: Proposal) => (
    <Space wrap size={4}>
      {canCheck && proposal.status === 'proposed' && (
        <>
          <Popconfirm
            title="Chuyển hồ sơ trình Chủ tịch UBND tỉnh?"
            okText="Chuyển trình"
            cancelText="Hủy"
            onConfirm={() =>
              step.mutateAsync({ id: proposal.id, step: 'forward' }).then(() => message.success('Đã chuyển trình'), failed)
            }
          >
            <Button size="small" type="primary">
              Chuyển trình
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setReturning(proposal)}>
            Trả lại
          </Button>
        </>
      )}
      {canCheck && proposal.status === 'forwarded' && (
        <Button size="small" type="primary" onClick={() => setDeciding(proposal)}>
          Ghi quyết định
        </Button>
      )}
      {canPropose && proposal.status === 'returned' && (
        <Button
          size="small"
          onClick={() => step.mutateAsync({ id: proposal.id, step: 'resubmit' }).then(() => message.success('Đã đề nghị lại'), failed)}
        >
          Đề nghị lại
        </Button>
      )}
    </Space>
  );

  return (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      extra={
        <Space wrap>
          <SearchBox label="Tìm đơn vị đề nghị" value={q} onChange={setQ} />
          <ExportButton path="/api/v1/exports/award-proposals" query={filter} />
          {proposals.data && <Typography.Text strong>Tổng kinh phí: {formatMoney(proposals.data.total_amount)}</Typography.Text>}
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <ErrorAlert error={proposals.error} />
      <Table<Proposal>
        size="small"
        rowKey="id"
        loading={proposals.isFetching}
        dataSource={proposals.data?.items}
        onChange={onChange}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Chưa có hồ sơ đề nghị' }}
        columns={[
          {
            title: 'Đối tượng',
            ...sorted('unit'),
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <span>{p.recipient === 'individual' ? `${p.person_name ?? ''}${p.person_title ? `, ${p.person_title}` : ''}` : p.unit.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {RECIPIENT_LABELS[p.recipient]}
                  {p.recipient === 'individual' ? ` · ${p.unit.name}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          { title: 'Hình thức', dataIndex: 'form_name' },
          { title: 'Kỳ', key: 'period', render: (_, p) => (p.timely ? <Tag color="gold">Khen thưởng kịp thời</Tag> : p.period) },
          {
            title: 'Hồ sơ',
            key: 'dossier',
            render: (_, p) =>
              p.dossier.length > 0 && (
                <AttachmentList files={p.dossier} href={(file) => dossierUrl(p.id, file.id)} uploadLabel="" />
              ),
          },
          {
            title: 'Trạng thái',
            ...sorted('status'),
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[p.status]} data-testid={`proposal-status-${p.id}`}>
                  {p.status_label}
                </Tag>
                {p.status === 'returned' && p.return_reason && <Typography.Text type="danger">{p.return_reason}</Typography.Text>}
                {p.decision_number && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    QĐ số {p.decision_number} ngày {formatDate(p.decision_date)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: 'Tiền thưởng',
            ...sorted('amount'),
            align: 'right',
            render: (_, p) => (
              <span title={`Hệ số ${formatNumber(fractionValue(p.multiplier))} × lương cơ sở ${formatMoney(p.base_salary)}`}>{formatMoney(p.amount)}</span>
            ),
          },
          { title: '', key: 'actions', render: (_, p) => actions(p) },
        ]}
      />
      <ReturnDialog proposal={returning} onClose={() => setReturning(undefined)} />
      <Modal open={Boolean(deciding)} title="Quyết định khen thưởng" footer={null} onCancel={() => setDeciding(undefined)} destroyOnHidden>
        {deciding && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${deciding.form_name}: ${deciding.recipient === 'individual' ? deciding.person_name : deciding.unit.name}`}
              description={`Tiền thưởng dự kiến ${formatMoney(deciding.amount)}`}
            />
            <DecisionForm proposalId={deciding.id} onRecorded={() => setDeciding(undefined)} />
          </>
        )}
      </Modal>
    </Card>
  );
}
