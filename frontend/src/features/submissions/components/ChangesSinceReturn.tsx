import { Card, Table, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useSubmissionHistory } from '../api/submissions';
import { changesSinceReturn, describeAuditedValue, type ValueChange } from '../changes';

/**
 * For the reviewer of a resubmitted report: what the unit changed since the report was last returned,
 * value by value (before, after, who, when), from the report's audit history.
 */
export function ChangesSinceReturn({ period, unit, names }: { period: string; unit: string; names?: Record<string, string> }) {
  const history = useSubmissionHistory(period, unit);
  if (!history.data) return null;
  const returned = history.data.some((entry) => entry.action === 'submission.return' || entry.action === 'submission.reopen');
  if (!returned) return null;
  const changes = changesSinceReturn(history.data);
  return (
    <Card title="Thay đổi từ lần trả lại gần nhất" style={{ marginBottom: 16 }} data-testid="changes-since-return">
      {changes.length === 0 ? (
        <Typography.Text type="secondary">Đơn vị chưa sửa số liệu nào từ lần trả lại gần nhất.</Typography.Text>
      ) : (
        <Table<ValueChange>
          size="small"
          rowKey="indicator"
          pagination={false}
          tableLayout="fixed"
          dataSource={changes}
          columns={[
            {
              title: 'Chỉ tiêu',
              dataIndex: 'indicator',
              render: (code: string) => (
                <div className="wrap-words">
                  <strong>{code}</strong>
                  {names?.[code] && <div>{names[code]}</div>}
                </div>
              ),
            },
            { title: 'Trước', key: 'before', render: (_, c) => <div className="wrap-words">{describeAuditedValue(c.before)}</div> },
            { title: 'Sau', key: 'after', render: (_, c) => <div className="wrap-words">{describeAuditedValue(c.after)}</div> },
            {
              title: 'Người sửa',
              key: 'who',
              render: (_, c) => (
                <div className="wrap-words">
                  {c.actor}
                  <div>
                    <Typography.Text type="secondary">{formatDateTime(c.at)}</Typography.Text>
                  </div>
                </div>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
