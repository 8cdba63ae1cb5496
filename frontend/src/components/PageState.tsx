import { Alert, Result, Spin } from 'antd';
import { errorMessage } from '@/api/errors';

export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin size="large" />
    </div>
  );
}

export function ErrorState({ error }: { error: unknown }) {
  return <Result status="warning" title="Không tải được dữ liệu" subTitle={errorMessage(error)} />;
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />;
}
