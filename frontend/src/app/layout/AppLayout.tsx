import { Suspense, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useMe } from '@/features/auth/api/me';
import { useLogout } from '@/features/auth/api/session';
import { can } from '@/features/auth/roles';
import { ROLE_LABELS } from '@/lib/labels';
import { NotificationBell } from '@/features/reminders/components/NotificationBell';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useFocusableScrollRegions } from '@/lib/use-focusable-scroll-regions';
import { menuSection, navigationFor } from './navigation';
import { useServerClock } from '../server-clock';

/** "Cán bộ báo cáo · Công an phường Phố Hiến"; a role named after its unit (Sở Nội vụ) is said once. */
export function roleAndUnit(role: string, unit: string | undefined): string {
  return unit && unit !== role ? `${role} · ${unit}` : role;
}

export function AppLayout() {
  const me = useMe();
  const clock = useServerClock();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useFocusableScrollRegions();

  // Pages count days from the server's clock: wait for its first answer (a failure falls back to the browser's).
  if (me.isPending || clock.isPending) return <PageLoading />;
  if (me.isError) return <ErrorState error={me.error} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const items = navigationFor(me.data);
  const section = menuSection(location.pathname);
  const selected = items.some((item) => item.key === section) ? [section] : [];
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const wide = screens.lg ?? true;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, background: '#8e1616' }}
      >
        {!wide && (
          <Button
            type="text"
            aria-label="Mở menu"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          Ba Nhất
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Space size="middle" style={{ color: '#fff', lineHeight: 1.3 }}>
          {me.data.unit && can(me.data, 'values:write') && <NotificationBell onOpen={() => navigate('/notifications')} />}
          <div data-testid="current-user" style={{ textAlign: 'right' }}>
            <div style={{ fontWeight: 600 }}>{me.data.full_name}</div>
            {wide && (
              <div style={{ fontSize: 12, opacity: 0.85 }}>
                {roleAndUnit(ROLE_LABELS[me.data.role], me.data.unit?.name)}
              </div>
            )}
          </div>
          <Button
            icon={<LogoutOutlined />}
            onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login') })}
            loading={logout.isPending}
          >
            {wide ? 'Đăng xuất' : null}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={230} theme="light">
            {menu}
          </Layout.Sider>
        ) : (
          <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={260} title="Ba Nhất">
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet context={me.data} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
