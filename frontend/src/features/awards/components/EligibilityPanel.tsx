import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { ItemList, ItemRow } from '@/components/ItemList';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { TierBadge } from '@/components/TierBadge';
import { formatMoney, formatNumber } from '@/lib/format';
import { RECIPIENT_LABELS } from '@/lib/labels';
import { useAwardCatalog, useEligibility, usePropose, type Eligibility } from '../api/awards';
import { awardMoney } from '../money';

/** One unit of the period's ranking, as the page gives it. */
export interface RankedUnit {
  code: string;
  name: string;
  group: string | null;
  rank: number | null;
  /** Why the unit has no rank ("Chưa nộp", "Chưa duyệt"); shown instead of a rank. */
  rankStatusLabel: string;
  total: string | null;
  tier: string | null;
}

function useMoneyEstimate() {
  const catalog = useAwardCatalog();
  return (form: string, recipient: string) => (catalog.data ? awardMoney(catalog.data, form, recipient) : undefined);
}

function ProposeButton({ period, unit, option, formName }: { period: string; unit: RankedUnit; option: Eligibility; formName: string }) {
  const { message, modal } = App.useApp();
  const propose = usePropose();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ person_name?: string; person_title?: string }>();
  const individual = option.recipient === 'individual';
  const send = (person: { person_name?: string; person_title?: string }) =>
    propose
      .mutateAsync({
        period,
        unit: unit.code,
        form: option.form,
        recipient: option.recipient,
        person_name: person.person_name?.trim() || null,
        person_title: person.person_title?.trim() || null,
      })
      .then(
        () => {
          message.success('Đã lập hồ sơ đề nghị khen thưởng');
          setOpen(false);
          form.resetFields();
        },
        (error: unknown) => message.error(errorMessage(error)),
      );
  return (
    <>
      <Button size="small" type="primary" loading={propose.isPending} onClick={() =>
          individual
            ? setOpen(true)
            : modal.confirm({
                title: `Đề nghị khen thưởng ${unit.name}?`,
                content: `Hồ sơ đề nghị “${formName}” được lập và chuyển vào danh sách đề nghị để Sở Nội vụ thẩm định.`,
                okText: 'Đề nghị',
                cancelText: 'Hủy',
                onOk: () => send({}),
              })
        }
      >
        Đề nghị
      </Button>
      <Modal
        open={open}
        title="Đề nghị khen thưởng cá nhân"
        okText="Đề nghị"
        cancelText="Hủy"
        confirmLoading={propose.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.validateFields().then(send, () => undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="person_name" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="person_title" label="Chức vụ">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function UnitEligibility({ period, unit, canPropose }: { period: string; unit: RankedUnit; canPropose: boolean }) {
  const eligibility = useEligibility(period, unit.code);
  const catalog = useAwardCatalog();
  const estimate = useMoneyEstimate();
  return (
    <div data-testid={`eligibility-${unit.code}`}>
      <ErrorAlert error={eligibility.error} />
      <ItemList
        size="small"
        loading={eligibility.isPending}
        items={eligibility.data}
        itemKey={(option) => `${option.form} ${option.recipient}`}
        aria-label={`Hình thức khen thưởng của ${unit.name}`}
        renderItem={(option) => {
          const money = estimate(option.form, option.recipient);
          return (
            <ItemRow
              actions={option.eligible && !option.provisional && canPropose ? [<ProposeButton key="propose" period={period} unit={unit} option={option} formName={catalog.data?.forms.find((f) => f.code === option.form)?.name ?? option.form} />] : []}
            >
              <Space align="start">
                {option.eligible ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#cf1322" />}
                <Space direction="vertical" size={0}>
                  <span>
                    {catalog.data?.forms.find((f) => f.code === option.form)?.name ?? option.form} – {RECIPIENT_LABELS[option.recipient]}
                    {money && (
                      <Typography.Text type="secondary">
                        {' '}
                        · hệ số {formatNumber(money.multiplier)}, dự kiến {formatMoney(money.amount)}
                      </Typography.Text>
                    )}
                  </span>
                  <Typography.Text type={option.eligible && !option.provisional ? 'success' : 'secondary'}>
                    {option.eligible && option.provisional ? 'Tạm tính: ' : ''}
                    {option.reason}
                  </Typography.Text>
                </Space>
              </Space>
            </ItemRow>
          );
        }}
      />
    </div>
  );
}

/** The period's ranking with each unit's eligibility for every form of award, and the proposal button. */
export function EligibilityPanel({
  period,
  units,
  loading,
  canPropose,
}: {
  period: string | undefined;
  units: RankedUnit[];
  loading: boolean;
  canPropose: boolean;
}) {
  const catalog = useAwardCatalog();
  return (
    <Card
      title="Xét điều kiện khen thưởng theo kết quả xếp hạng"
      extra={catalog.data && <Typography.Text type="secondary">Lương cơ sở {formatMoney(catalog.data.base_salary)}</Typography.Text>}
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16 }}
    >
      <Table<RankedUnit>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={units}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: 'Kỳ này chưa có kết quả xếp hạng' }}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (unit) => period && <UnitEligibility period={period} unit={unit} canPropose={canPropose} />,
        }}
        columns={[
          {
            title: 'Hạng',
            dataIndex: 'rank',
            width: 90,
            render: (r: number | null, unit) => r ?? <Typography.Text type="secondary">{unit.rankStatusLabel}</Typography.Text>,
          },
          {
            title: 'Đơn vị',
            dataIndex: 'name',
            render: (name: string, unit) => (
              <Link to={`/units/${unit.code}${period ? `?period=${period}` : ''}`} onClick={(e) => e.stopPropagation()}>
                {name}
              </Link>
            ),
          },
          { title: 'Tổng điểm', dataIndex: 'total', align: 'right', render: formatNumber },
          { title: 'Xếp loại', dataIndex: 'tier', render: (tier: string | null) => (tier ? <TierBadge tier={tier} short /> : '–') },
          {
            title: '',
            key: 'check',
            render: (_, unit) => (
              <Button size="small" type="link" aria-label={`Xét khen thưởng ${unit.name}`}>
                Xét khen thưởng
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
