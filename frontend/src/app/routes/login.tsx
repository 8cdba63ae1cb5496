import { Navigate, useLocation, useNavigate } from 'react-router';
import { Flex } from 'antd';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { useMe } from '@/features/auth/api/me';
import { PageLoading } from '@/components/PageState';

export function LoginRoute() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me.isPending) return <PageLoading />;
  if (me.data) return <Navigate to={from} replace />;
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f0ee' }}>
      <LoginForm onSuccess={() => navigate(from, { replace: true })} />
    </Flex>
  );
}
