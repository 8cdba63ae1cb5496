import { Card, Descriptions, Empty, Space } from 'antd';
import { AttachmentList } from '@/components/AttachmentList';
import { ErrorAlert, PageLoading } from '@/components/PageState';
import { narrativeFileUrl, useNarratives } from '../api/narratives';
import { SECTIONS } from './NarrativeForm';

/** Every unit's narrative of a period, for the standing body and the provincial bodies (read only). */
export function NarrativesList({ period }: { period: string }) {
  const narratives = useNarratives(period);
  if (narratives.isPending) return <PageLoading />;
  if (!narratives.data) return <ErrorAlert error={narratives.error} />;
  if (narratives.data.length === 0) return <Empty description="Chưa đơn vị nào gửi báo cáo thuyết minh trong kỳ" />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {narratives.data.map((narrative) => (
        <Card key={narrative.unit.code} title={narrative.unit.name} size="small">
          <Descriptions
            column={1}
            size="small"
            items={SECTIONS.filter((s) => narrative[s.name]).map((s) => ({
              key: s.name,
              label: s.label,
              children: <span style={{ whiteSpace: 'pre-line' }}>{narrative[s.name]}</span>,
            }))}
          />
          <AttachmentList files={narrative.files} href={(file) => narrativeFileUrl(period, narrative.unit.code, file.id)} uploadLabel="" />
        </Card>
      ))}
    </Space>
  );
}
