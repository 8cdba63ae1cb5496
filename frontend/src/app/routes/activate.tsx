import { Navigate, useNavigate } from 'react-router';
import { Flex } from 'antd';
import { ActivationForm } from '@/features/auth/components/ActivationForm';
import { useMe } from '@/features/auth/api/me';
import { PageLoading } from '@/components/PageState';

export default function ActivateRoute() {
  const me = useMe();
  const navigate = useNavigate();
  if (me.isPending) return <PageLoading />;
  if (me.data) return <Navigate to="/" replace />;
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f0ee' }}>
      <ActivationForm onSuccess={() => navigate('/', { replace: true })} />
    </Flex>
  );
}
