import { UsersAdmin } from '@/features/users/components/UsersAdmin';
import { PageHeader } from '@/components/PageHeader';

export default function AdminUsersRoute() {
  return (
    <>
      <PageHeader title="Quản lý tài khoản" />
      <UsersAdmin />
    </>
  );
}
