import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Input, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorState, PageLoading } from '@/components/PageState';
import { TierBadge } from '@/components/TierBadge';
import { DATE_FORMAT, formatDate, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { reportDocxUrl, reportXlsxUrl, useConsolidatedReport, type ConsolidatedReport } from '../api/reports';

const rate = (ratio: string) => formatPercent(Number(ratio), 1);

function Downloads({ period }: { period: string }) {
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState<Dayjs | null>(null);
  return (
    <Flex gap={8} wrap align="center">
      <Input
        aria-label="Số văn bản"
        placeholder="Số văn bản, ví dụ 15/BC-BCĐ"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        style={{ width: 220 }}
      />
      <DatePicker aria-label="Ngày ban hành" format={DATE_FORMAT} placeholder="Ngày ban hành" value={issuedOn} onChange={setIssuedOn} />
      <Button type="primary" icon={<FileWordOutlined />} href={reportDocxUrl(period, number.trim(), issuedOn?.format('YYYY-MM-DD'))}>
        Tải báo cáo (Word)
      </Button>
      <Button icon={<FileExcelOutlined />} href={reportXlsxUrl(period)}>
        Tải số liệu (Excel)
      </Button>
    </Flex>
  );
}

function Sections({ report }: { report: ConsolidatedReport }) {
  const reporting = [...report.reporting, { ...report.reporting_total, group: 'Toàn tỉnh' }];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="I. Tình hình báo cáo" size="small" styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="group"
          dataSource={reporting}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { title: 'Cụm, khối', dataIndex: 'group' },
            { title: 'Phải nộp', dataIndex: 'expected', align: 'right' },
            { title: 'Đúng hạn', dataIndex: 'on_time', align: 'right' },
            { title: 'Muộn', dataIndex: 'late', align: 'right' },
            { title: 'Chưa nộp', dataIndex: 'missing', align: 'right' },
            { title: 'Tỷ lệ nộp', dataIndex: 'rate', align: 'right', render: rate },
            { title: 'Tỷ lệ đúng hạn', dataIndex: 'on_time_rate', align: 'right', render: rate },
          ]}
        />
      </Card>
      <Card title="II. Kết quả xếp loại" size="small" styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="group"
          dataSource={report.tiers}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { title: 'Cụm, khối', dataIndex: 'group' },
            { title: 'Xuất sắc', dataIndex: 'excellent', align: 'right' },
            { title: 'Tốt', dataIndex: 'good', align: 'right' },
            { title: 'Hoàn thành', dataIndex: 'completed', align: 'right' },
            { title: 'Không hoàn thành', dataIndex: 'not_completed', align: 'right' },
            { title: 'Chưa xếp loại', dataIndex: 'unscored', align: 'right' },
          ]}
        />
      </Card>
      <Card title="III. Xếp hạng theo cụm, khối" size="small">
        {report.rankings.length === 0 && <Empty description="Chưa có kết quả" />}
        {report.rankings.map((group) => (
          <div key={group.group} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{group.group}</Typography.Text>
            <Table
              size="small"
              rowKey="unit_code"
              dataSource={group.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 560 }}
              columns={[
                { title: 'Hạng', dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '–' },
                { title: 'Đơn vị', dataIndex: 'unit_name' },
                { title: 'Tổng điểm', dataIndex: 'total', align: 'right', render: formatNumber },
                { title: 'Xếp loại', dataIndex: 'tier', render: (t: string) => <TierBadge tier={t} short /> },
                { title: 'Phủ quyết', dataIndex: 'veto_failed', render: (v: string[]) => v.join(', ') },
              ]}
            />
          </div>
        ))}
      </Card>
      <Card title="IV. Kiểm tra chuyên đề" size="small" styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey={(row) => `${row.inspected_on}-${row.unit_name}`}
          dataSource={report.inspections}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: 'Không có cuộc kiểm tra trong kỳ' }}
          columns={[
            { title: 'Ngày', dataIndex: 'inspected_on', render: formatDate },
            { title: 'Đơn vị', dataIndex: 'unit_name' },
            { title: 'Kết luận', dataIndex: 'findings', align: 'right' },
            { title: 'Điểm trừ', dataIndex: 'deduction_points', align: 'right', render: formatNumber },
            { title: 'Biện pháp chưa xong', dataIndex: 'open_actions', align: 'right' },
          ]}
        />
      </Card>
      <Card
        title="V. Khen thưởng"
        size="small"
        styles={{ body: { padding: 0 } }}
        extra={<Typography.Text strong>Tổng: {formatMoney(report.award_money_total)}</Typography.Text>}
      >
        <Table
          size="small"
          rowKey={(row) => `${row.recipient}-${row.unit_name}-${row.form_name}`}
          dataSource={report.awards}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: 'Chưa có đề nghị khen thưởng' }}
          columns={[
            { title: 'Đối tượng', dataIndex: 'recipient' },
            { title: 'Đơn vị', dataIndex: 'unit_name' },
            { title: 'Hình thức', dataIndex: 'form_name' },
            { title: 'Trạng thái', dataIndex: 'status' },
            { title: 'Tiền thưởng', dataIndex: 'amount', align: 'right', render: formatMoney },
          ]}
        />
      </Card>
      {report.failed_indicators.length > 0 && (
        <Card title="Chỉ tiêu nhiều đơn vị chưa đạt" size="small" styles={{ body: { padding: 0 } }}>
          <Table
            size="small"
            rowKey="code"
            dataSource={report.failed_indicators}
            pagination={false}
            columns={[
              { title: 'Mã', dataIndex: 'code', width: 90 },
              { title: 'Chỉ tiêu', dataIndex: 'name' },
              { title: 'Chưa đạt / áp dụng', key: 'ratio', align: 'right', render: (_, r) => `${r.failed}/${r.applicable}` },
            ]}
          />
        </Card>
      )}
      {(
        [
          ['VI. Khó khăn, vướng mắc', 'difficulties'],
          ['VII. Đề xuất, kiến nghị', 'proposals'],
        ] as const
      ).map(([title, field]) => {
        const rows = report.narratives.filter((row) => row[field]);
        return (
          <Card key={field} title={title} size="small">
            {rows.length === 0 ? (
              <Typography.Text type="secondary">Các đơn vị không nêu nội dung này trong báo cáo.</Typography.Text>
            ) : (
              rows.map((row) => (
                <Typography.Paragraph key={row.unit_name} style={{ whiteSpace: 'pre-line' }}>
                  <Typography.Text strong>{row.unit_name}: </Typography.Text>
                  {row[field]}
                </Typography.Paragraph>
              ))
            )}
          </Card>
        );
      })}
    </Space>
  );
}

/** The consolidated report of a period as on screen, with the Word and Excel files built from the same data. */
export function ReportSummary({ period }: { period: string | undefined }) {
  const report = useConsolidatedReport(period);
  if (!period) return <PageLoading />;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Downloads period={period} />
      </Card>
      {report.isError ? <ErrorState error={report.error} /> : report.data ? <Sections report={report.data} /> : <PageLoading />}
    </>
  );
}
