import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorMessage } from '@/api/errors';
import { CADENCE_LABELS, PILLAR_LABELS, RULE_KIND_LABELS, TIER_SHORT_LABELS, type Cadence, type Pillar, type RuleKind, type TierCode } from '@/lib/labels';
import { formatNumber } from '@/lib/format';
import {
  useActivateDraft,
  useCreateDraft,
  useSchemeDrafts,
  useSchemePreview,
  useSchemeVersions,
  useUpdateDraft,
  useVersionIndicators,
  useVersionParameters,
  type PreviewItem,
  type SchemeDraft,
  type SchemeVersion,
} from '../api/schemes';
import {
  activationConsequence,
  addIndicator,
  applyEdits,
  catalogEntry,
  draftEdits,
  editProblems,
  retireConsequence,
  retireIndicator,
  schemeChanges,
  TIER_KEYS,
  type DraftEdits,
  type DeductionKey,
  type IndicatorRow,
  type Json,
  type PeriodRef,
  type SchemeParts,
  type TierKey,
  takesValues,
} from '../draft-edits';
import { AddIndicator, DeductionsEditor } from './IndicatorChanges';

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
  if (row.kind === 'frequency') return `Tối thiểu N lần/${CADENCE_LABELS[row.cadence as Cadence] ?? row.cadence}`;
  return RULE_KIND_LABELS[row.kind as RuleKind] ?? row.kind;
}

/**
 * The draft's targets, cadence counts, weights, indicators (retired or added), tier bounds and
 * deductions, edited in place and saved as a whole. `catalog`: the stored versions' indicators, offered
 * for adding when the draft does not hold them.
 */
export function DraftEditor({ draft, catalog = [] }: { draft: SchemeDraft; catalog?: Json[] }) {
  const initial = useMemo(() => draftEdits(draft.document), [draft.document]);
  const [edits, setEdits] = useState<DraftEdits>(initial);
  useEffect(() => setEdits(initial), [initial]);
  const update = useUpdateDraft();
  const { message, modal } = App.useApp();
  const problems = editProblems(edits);
  const readOnly = draft.status !== 'draft';
  const codes = edits.rows.map((row) => row.code);
  const saved: SchemeParts = { indicators: draft.document.indicators as Json[], scheme: draft.document.scheme as Json };
  const unsaved = problems.length ? [] : schemeChanges(saved, applyEdits(draft.document, edits));
  // Retired in this edit first (their whole entry), then the stored versions' indicators.
  const candidates = [...saved.indicators, ...catalog].filter(
    (entry, index, all) => all.findIndex((other) => other.code === entry.code) === index,
  );

  const setRow = (code: string, change: Partial<IndicatorRow>) =>
    setEdits((current) => ({ ...current, rows: current.rows.map((row) => (row.code === code ? { ...row, ...change } : row)) }));
  const setTier = (key: TierKey, value: string) => setEdits((current) => ({ ...current, tiers: { ...current.tiers, [key]: value } }));
  const setDeduction = (key: DeductionKey, value: string) =>
    setEdits((current) => ({ ...current, deductions: { ...current.deductions, [key]: value } }));
  const retire = (row: IndicatorRow) =>
    modal.confirm({
      title: `Bỏ chỉ tiêu ${row.code} – ${row.name} khỏi bản dự thảo ${draft.code}?`,
      content: (
        <ul style={{ paddingLeft: 18, margin: 0 }}>
          {retireConsequence(row, draft.code).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ),
      okText: 'Bỏ chỉ tiêu',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () => setEdits((current) => retireIndicator(current, row.code)),
    });

  const columns: ColumnsType<IndicatorRow> = [
    { title: 'Mã', dataIndex: 'code', width: 80, fixed: 'left' },
    {
      title: 'Chỉ tiêu',
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <span title={PILLAR_LABELS[row.pillar as Pillar]}>{name}</span>
          {row.veto && <Tag color="red">Phủ quyết</Tag>}
          {row.added && <Tag color="blue">Mới thêm</Tag>}
        </Space>
      ),
    },
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
    {
      title: 'Bỏ',
      key: 'retire',
      width: 70,
      render: (_, row) => (
        <Button size="small" danger aria-label={`Bỏ chỉ tiêu ${row.code}`} disabled={readOnly} onClick={() => retire(row)}>
          Bỏ
        </Button>
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
      <Typography.Text strong>Ngưỡng xếp loại</Typography.Text>
      <Flex gap={12} wrap align="end">
        {TIER_KEYS.map((key) => (
          <label key={key}>
            <Typography.Text type="secondary">{TIER_BOUND_LABELS[key]} (điểm)</Typography.Text>
            <Input aria-label={TIER_BOUND_LABELS[key]} value={edits.tiers[key]} disabled={readOnly} style={{ width: 110, display: 'block' }} onChange={(event) => setTier(key, event.target.value)} />
          </label>
        ))}
      </Flex>
      <Typography.Text strong>Điểm trừ, điểm thưởng</Typography.Text>
      <DeductionsEditor values={edits.deductions} readOnly={readOnly} onChange={setDeduction} />
      <Typography.Text strong>Chỉ tiêu ({edits.rows.length})</Typography.Text>
      <Table rowKey="code" size="small" pagination={false} columns={columns} dataSource={edits.rows} scroll={{ x: 720, y: 420 }} />
      {!readOnly && (
        <details>
          <summary style={{ cursor: 'pointer' }}>Thêm chỉ tiêu</summary>
          <div style={{ paddingTop: 12 }}>
            <AddIndicator candidates={candidates} codes={codes} onAdd={(entry, weight) => setEdits((current) => addIndicator(current, entry, weight))} />
          </div>
        </details>
      )}
      {problems.length > 0 && <Alert type="warning" showIcon title="Chưa lưu được" description={problems.join('; ')} />}
      {unsaved.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="Thay đổi chưa lưu (phần xem trước dùng bản đã lưu)"
          description={
            <ul aria-label="Thay đổi chưa lưu" style={{ paddingLeft: 18, margin: 0 }}>
              {unsaved.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
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

type PreviewView = 'tier' | 'moved' | 'all';

const PREVIEW_VIEWS: Record<PreviewView, { label: string; keep: (item: PreviewItem) => boolean; empty: string }> = {
  tier: { label: 'Đổi xếp loại', keep: (item) => item.tier_changed, empty: 'Không đơn vị nào đổi xếp loại' },
  moved: { label: 'Đổi thứ hạng', keep: (item) => Boolean(item.places_moved), empty: 'Không đơn vị nào đổi thứ hạng' },
  all: { label: 'Mọi đơn vị', keep: () => true, empty: 'Không có đơn vị nào' },
};

/**
 * What the saved draft changes from the version it was copied from (`changes`), then every unit of a
 * chosen period under the draft beside its current score: who changes tier, who moves how many places.
 */
export function PreviewTable({ draftId, periods, changes }: { draftId: number; periods: PeriodRef[]; changes?: { from: string; lines: string[] } }) {
  const [period, setPeriod] = useState<string>();
  const [view, setView] = useState<PreviewView>('tier');
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
  const moved = preview.data ? preview.data.items.filter(PREVIEW_VIEWS.moved.keep).length : 0;
  return (
    <Flex vertical gap={12}>
      {changes && (
        <div>
          <Typography.Text strong>Thay đổi so với phiên bản {changes.from}</Typography.Text>
          {changes.lines.length ? (
            <ul aria-label={`Thay đổi so với phiên bản ${changes.from}`} style={{ paddingLeft: 18, margin: '4px 0 0' }}>
              {changes.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              Bản dự thảo đã lưu chưa khác phiên bản gốc.
            </Typography.Paragraph>
          )}
        </div>
      )}
      <Select
        aria-label="Kỳ xem trước"
        placeholder="Chọn kỳ để xem trước trên số liệu thật"
        style={{ maxWidth: 320 }}
        value={period}
        onChange={setPeriod}
        options={periods.filter(takesValues).map((p) => ({ value: p.code, label: p.name }))}
      />
      {preview.isError && <Alert type="error" showIcon title={errorMessage(preview.error)} />}
      {preview.data && (
        <>
          <Typography.Text>
            {preview.data.tier_changes.length} trên {preview.data.units} đơn vị đổi xếp loại, {moved} đơn vị đổi thứ hạng so với phiên bản{' '}
            {preview.data.current_scheme}.
          </Typography.Text>
          <Segmented
            aria-label="Đơn vị hiển thị"
            value={view}
            onChange={(value) => setView(value as PreviewView)}
            options={(Object.keys(PREVIEW_VIEWS) as PreviewView[]).map((key) => ({ value: key, label: PREVIEW_VIEWS[key].label }))}
          />
          <Table
            rowKey={(item) => item.unit.code}
            size="small"
            columns={columns}
            dataSource={view === 'tier' ? preview.data.tier_changes : preview.data.items.filter(PREVIEW_VIEWS[view].keep)}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: PREVIEW_VIEWS[view].empty }}
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

/** A stored version's indicators and scheme parameters, read through the first period it scores. */
function useVersionParts(version: SchemeVersion | undefined, indicators: Map<string, Json[]>): SchemeParts | undefined {
  const period = version?.periods[0];
  const parameters = useVersionParameters(period);
  const entries = period ? indicators.get(period) : undefined;
  return entries && parameters.data ? { indicators: entries, scheme: parameters.data.parameters as Json } : undefined;
}

/** The standing body's scheme editor: versions, drafts, edits, preview on real data, activation. */
export function SchemeEditor({ periods }: { periods: PeriodRef[] }) {
  const versions = useSchemeVersions();
  const drafts = useSchemeDrafts();
  const [chosen, setChosen] = useState<number>();
  const open = (drafts.data ?? []).filter((d) => d.status === 'draft');
  const draft = open.find((d) => d.id === chosen) ?? open[0];
  const periodName = (code: string) => periods.find((p) => p.code === code)?.name ?? code;
  // Each stored version's indicators (the active one first), read through the first period it scores.
  const stored = [...(versions.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active)).filter((v) => v.periods.length > 0);
  const read = useVersionIndicators(stored.map((v) => v.periods[0]));
  const byPeriod = new Map(stored.map((v, index) => [v.periods[0], (read[index]?.data ?? []).map(catalogEntry)]));
  const catalog = [...byPeriod.values()].flat();
  const base = useVersionParts(stored.find((v) => v.code === draft?.based_on), byPeriod);
  const changes =
    draft && base
      ? { from: draft.based_on, lines: schemeChanges(base, { indicators: draft.document.indicators as Json[], scheme: draft.document.scheme as Json }) }
      : undefined;

  return (
    <Flex vertical gap={16}>
      <Card title="Các phiên bản bộ tiêu chí" size="small">
        {versions.isError ? <Alert type="error" title={errorMessage(versions.error)} /> : <VersionsTable versions={versions.data ?? []} periodName={periodName} />}
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
            <DraftEditor draft={draft} catalog={catalog} />
          </Card>
          <Card title="Xem trước trên số liệu thật" size="small">
            <PreviewTable draftId={draft.id} periods={periods} changes={changes} />
          </Card>
          <Card title="Áp dụng" size="small">
            <ActivateDraft draft={draft} periods={periods} />
          </Card>
        </>
      )}
    </Flex>
  );
}
