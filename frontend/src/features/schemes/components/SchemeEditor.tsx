import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorMessage } from '@/api/errors';
import { PILLAR_LABELS, TIER_SHORT_LABELS, type Pillar, type TierCode } from '@/lib/labels';
import { formatNumber } from '@/lib/format';
import {
  useActivateDraft,
  useCreateDraft,
  useSchemeDrafts,
  useSchemePreview,
  useSchemeVersions,
  useUpdateDraft,
  type PreviewItem,
  type SchemeDraft,
  type SchemeVersion,
} from '../api/schemes';
import {
  activationConsequence,
  applyEdits,
  draftEdits,
  editProblems,
  TIER_KEYS,
  type DraftEdits,
  type IndicatorRow,
  type PeriodRef,
  type TierKey,
  takesValues,
} from '../draft-edits';

const CADENCE_LABELS: Record<string, string> = { week: 'tuần', month: 'tháng', quarter: 'quý', year: 'năm' };
const RULE_LABELS: Record<string, string> = {
  at_least: 'Tối thiểu',
  above: 'Trên',
  zero: 'Không để xảy ra',
  zero_or_lower: 'Bằng 0 hoặc giảm',
  frequency: 'Tần suất',
  flag_yes: 'Có',
  date_by: 'Trước hạn',
};
const TIER_BOUND_LABELS: Record<TierKey, string> = { XUAT_SAC: 'Xuất sắc từ', TOT: 'Tốt từ', HOAN_THANH: 'Hoàn thành từ' };

function VersionsTable({ versions, periodName }: { versions: SchemeVersion[]; periodName: (code: string) => string }) {
  const columns: ColumnsType<SchemeVersion> = [
    { title: 'Phiên bản', dataIndex: 'code', render: (code: string, v) => (v.active ? <Space>{code}<Tag color="green">Đang áp dụng</Tag></Space> : code) },
    { title: 'Danh mục', dataIndex: 'catalog_version', responsive: ['md'] },
    {
      title: 'Các kỳ chấm theo phiên bản',
      dataIndex: 'periods',
      render: (periods: string[]) => (periods.length ? periods.map((p) => <Tag key={p}>{periodName(p)}</Tag>) : '—'),
    },
  ];
  return <Table rowKey="code" size="small" pagination={false} columns={columns} dataSource={versions} scroll={{ x: 'max-content' }} />;
}

function CreateDraftForm({ onCreated }: { onCreated: (draft: SchemeDraft) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const create = useCreateDraft();
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={({ code }) =>
        create.mutate(
          { code: code.trim() },
          {
            onSuccess: (draft) => {
              message.success(`Đã tạo bản dự thảo ${draft.code} từ phiên bản ${draft.based_on}.`);
              form.resetFields();
              onCreated(draft);
            },
            onError: (error) => message.error(errorMessage(error)),
          },
        )
      }
    >
      <Form.Item
        name="code"
        label="Mã phiên bản mới"
        rules={[
          { required: true, message: 'Nhập mã phiên bản, ví dụ 2028.1' },
          { pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, message: 'Chỉ dùng chữ, số, dấu chấm, gạch ngang' },
        ]}
      >
        <Input placeholder="2028.1" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          Tạo bản dự thảo từ phiên bản đang áp dụng
        </Button>
      </Form.Item>
    </Form>
  );
}

function ruleText(row: IndicatorRow): string {
  if (row.kind === 'frequency') return `Tối thiểu N lần/${CADENCE_LABELS[row.cadence ?? ''] ?? row.cadence}`;
  return RULE_LABELS[row.kind] ?? row.kind;
}

/** The draft's targets, cadence counts, weights and tier bounds, edited in place and saved as a whole. */
export function DraftEditor({ draft }: { draft: SchemeDraft }) {
  const initial = useMemo(() => draftEdits(draft.document), [draft.document]);
  const [edits, setEdits] = useState<DraftEdits>(initial);
  useEffect(() => setEdits(initial), [initial]);
  const update = useUpdateDraft();
  const { message } = App.useApp();
  const problems = editProblems(edits);
  const readOnly = draft.status !== 'draft';

  const setRow = (code: string, change: Partial<IndicatorRow>) =>
    setEdits((current) => ({ ...current, rows: current.rows.map((row) => (row.code === code ? { ...row, ...change } : row)) }));
  const setTier = (key: TierKey, value: string) => setEdits((current) => ({ ...current, tiers: { ...current.tiers, [key]: value } }));

  const columns: ColumnsType<IndicatorRow> = [
    { title: 'Mã', dataIndex: 'code', width: 80, fixed: 'left' },
    { title: 'Chỉ tiêu', dataIndex: 'name', render: (name: string, row) => <span title={PILLAR_LABELS[row.pillar as Pillar]}>{name}</span> },
    { title: 'Quy tắc', key: 'rule', render: (_, row) => ruleText(row), responsive: ['md'] },
    {
      title: 'Ngưỡng (%) / số lần',
      key: 'target',
      width: 150,
      render: (_, row) =>
        row.threshold !== undefined ? (
          <Input
            aria-label={`Ngưỡng ${row.code}`}
            value={row.threshold}
            disabled={readOnly}
            suffix="%"
            onChange={(event) => setRow(row.code, { threshold: event.target.value })}
          />
        ) : row.count !== undefined ? (
          <InputNumber
            aria-label={`Số lần ${row.code}`}
            min={1}
            precision={0}
            value={row.count}
            disabled={readOnly}
            onChange={(value) => setRow(row.code, { count: value ?? 0 })}
          />
        ) : (
          '—'
        ),
    },
    {
      title: 'Trọng số',
      key: 'weight',
      width: 110,
      render: (_, row) => (
        <Input aria-label={`Trọng số ${row.code}`} value={row.weight} disabled={readOnly} onChange={(event) => setRow(row.code, { weight: event.target.value })} />
      ),
    },
  ];

  const save = () =>
    update.mutate(
      { id: draft.id, ...applyEdits(draft.document, edits) },
      {
        onSuccess: () => message.success(`Đã lưu bản dự thảo ${draft.code}.`),
        onError: (error) => message.error(errorMessage(error)),
      },
    );

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="end">
        {TIER_KEYS.map((key) => (
          <label key={key}>
            <Typography.Text type="secondary">{TIER_BOUND_LABELS[key]} (điểm)</Typography.Text>
            <Input aria-label={TIER_BOUND_LABELS[key]} value={edits.tiers[key]} disabled={readOnly} style={{ width: 110, display: 'block' }} onChange={(event) => setTier(key, event.target.value)} />
          </label>
        ))}
      </Flex>
      <Table rowKey="code" size="small" pagination={false} columns={columns} dataSource={edits.rows} scroll={{ x: 640, y: 420 }} />
      {problems.length > 0 && <Alert type="warning" showIcon message="Chưa lưu được" description={problems.join('; ')} />}
      {!readOnly && (
        <Flex gap={8} wrap>
          <Button type="primary" onClick={save} disabled={problems.length > 0} loading={update.isPending}>
            Lưu bản dự thảo
          </Button>
          <Button onClick={() => setEdits(initial)} disabled={update.isPending}>
            Hoàn tác thay đổi chưa lưu
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function side(item: PreviewItem['current']) {
  if (!item.tier) return 'Chưa xếp hạng';
  return `${TIER_SHORT_LABELS[item.tier as TierCode]} · ${formatNumber(item.total)}${item.rank ? ` · hạng ${item.rank}` : ''}`;
}

/** The units whose tier changes under the draft in a period, and how many places they move. */
export function PreviewTable({ draftId, periods }: { draftId: number; periods: PeriodRef[] }) {
  const [period, setPeriod] = useState<string>();
  const preview = useSchemePreview(draftId, period);
  const columns: ColumnsType<PreviewItem> = [
    { title: 'Đơn vị', key: 'unit', render: (_, item) => `${item.unit.code} – ${item.unit.name}` },
    { title: 'Cụm, khối', dataIndex: 'group', responsive: ['md'] },
    { title: 'Hiện nay', key: 'current', render: (_, item) => side(item.current) },
    { title: 'Theo dự thảo', key: 'draft', render: (_, item) => side(item.draft) },
    {
      title: 'Thay đổi thứ hạng',
      dataIndex: 'places_moved',
      render: (moved: number | null) => (moved === null ? '—' : moved > 0 ? `Lên ${moved} bậc` : moved < 0 ? `Xuống ${-moved} bậc` : 'Giữ nguyên'),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Select
        aria-label="Kỳ xem trước"
        placeholder="Chọn kỳ để xem trước trên số liệu thật"
        style={{ maxWidth: 320 }}
        value={period}
        onChange={setPeriod}
        options={periods.filter(takesValues).map((p) => ({ value: p.code, label: p.name }))}
      />
      {preview.isError && <Alert type="error" showIcon message={errorMessage(preview.error)} />}
      {preview.data && (
        <>
          <Typography.Text>
            {preview.data.tier_changes.length} trên {preview.data.units} đơn vị đổi xếp loại so với phiên bản {preview.data.current_scheme}.
          </Typography.Text>
          <Table
            rowKey={(item) => item.unit.code}
            size="small"
            columns={columns}
            dataSource={preview.data.tier_changes}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: 'Không đơn vị nào đổi xếp loại' }}
          />
        </>
      )}
    </Flex>
  );
}

/** Activation from a chosen period, after a confirmation that states what it does. */
export function ActivateDraft({ draft, periods }: { draft: SchemeDraft; periods: PeriodRef[] }) {
  const [fromPeriod, setFromPeriod] = useState<string>();
  const activate = useActivateDraft();
  const { modal, message } = App.useApp();
  const confirm = () => {
    if (!fromPeriod) return;
    const { lines } = activationConsequence(draft.code, fromPeriod, periods);
    modal.confirm({
      title: `Áp dụng phiên bản ${draft.code} từ kỳ ${periods.find((p) => p.code === fromPeriod)?.name ?? fromPeriod}?`,
      content: (
        <ul style={{ paddingLeft: 18, margin: 0 }}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ),
      okText: 'Áp dụng',
      cancelText: 'Hủy',
      onOk: () =>
        activate.mutateAsync({ id: draft.id, fromPeriod }).then(
          (result) =>
            message.success(
              `Đã áp dụng ${draft.code}: chấm lại ${result.periods.length} kỳ${result.locked_kept.length ? `, giữ nguyên ${result.locked_kept.length} kỳ đã khóa` : ''}.`,
            ),
          (error: unknown) => message.error(errorMessage(error)),
        ),
    });
  };
  return (
    <Flex gap={8} wrap>
      <Select
        aria-label="Áp dụng từ kỳ"
        placeholder="Áp dụng từ kỳ"
        style={{ minWidth: 220 }}
        value={fromPeriod}
        onChange={setFromPeriod}
        options={periods.filter(takesValues).map((p) => ({ value: p.code, label: p.name }))}
      />
      <Button type="primary" danger disabled={!fromPeriod} onClick={confirm}>
        Áp dụng bản dự thảo
      </Button>
    </Flex>
  );
}

/** The standing body's scheme editor: versions, drafts, edits, preview on real data, activation. */
export function SchemeEditor({ periods }: { periods: PeriodRef[] }) {
  const versions = useSchemeVersions();
  const drafts = useSchemeDrafts();
  const [chosen, setChosen] = useState<number>();
  const open = (drafts.data ?? []).filter((d) => d.status === 'draft');
  const draft = open.find((d) => d.id === chosen) ?? open[0];
  const periodName = (code: string) => periods.find((p) => p.code === code)?.name ?? code;
  return (
    <Flex vertical gap={16}>
      <Card title="Các phiên bản bộ tiêu chí" size="small">
        {versions.isError ? <Alert type="error" message={errorMessage(versions.error)} /> : <VersionsTable versions={versions.data ?? []} periodName={periodName} />}
      </Card>
      <Card title="Bản dự thảo" size="small">
        <Flex vertical gap={12}>
          <CreateDraftForm onCreated={(created) => setChosen(created.id)} />
          {open.length > 0 && (
            <Select
              aria-label="Bản dự thảo"
              style={{ maxWidth: 320 }}
              value={draft?.id}
              onChange={setChosen}
              options={open.map((d) => ({ value: d.id, label: `${d.code} (từ ${d.based_on})` }))}
            />
          )}
          {drafts.data && open.length === 0 && <Typography.Text type="secondary">Chưa có bản dự thảo nào đang soạn.</Typography.Text>}
        </Flex>
      </Card>
      {draft && (
        <>
          <Card title={`Sửa bản dự thảo ${draft.code}`} size="small">
            <DraftEditor draft={draft} />
          </Card>
          <Card title="Xem trước trên số liệu thật" size="small">
            <PreviewTable draftId={draft.id} periods={periods} />
          </Card>
          <Card title="Áp dụng" size="small">
            <ActivateDraft draft={draft} periods={periods} />
          </Card>
        </>
      )}
    </Flex>
  );
}
