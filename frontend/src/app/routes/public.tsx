import { Link } from 'react-router';
import { Button, Layout, Result, Typography } from 'antd';
import { usePublicSummary } from '@/features/public/api/public';
import { PublicSummaryView } from '@/features/public/components/PublicSummaryView';
import { ErrorState, PageLoading } from '@/components/PageState';

/** The public page: no session, its own plain frame rather than the signed-in layout. */
export default function PublicRoute() {
  const summary = usePublicSummary();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, background: '#8e1616' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          Phong trào “Ba nhất”
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Link to="/login">
          <Button>Đăng nhập</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>Kết quả thực hiện phong trào</Typography.Title>
        <Typography.Paragraph type="secondary">Kỷ luật nhất - Trung thành nhất - Gần dân nhất</Typography.Paragraph>
        {summary.isError ? (
          <ErrorState error={summary.error} />
        ) : !summary.data ? (
          <PageLoading />
        ) : summary.data.period === null ? (
          <Result status="info" title="Chưa có kỳ báo cáo nào được công bố" />
        ) : (
          <>
            <Typography.Paragraph>
              Số liệu công bố: <strong>{summary.data.period_name}</strong>
            </Typography.Paragraph>
            <PublicSummaryView summary={summary.data} />
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
