import { TokensManager } from '@/features/tokens/components/TokensManager';
import { PageHeader } from '@/components/PageHeader';

export default function TokensRoute() {
  return (
    <>
      <PageHeader title="Mã truy cập API" subtitle="Cho hệ thống khác lấy điểm, xếp hạng hoặc gửi số liệu" />
      <TokensManager />
    </>
  );
}
