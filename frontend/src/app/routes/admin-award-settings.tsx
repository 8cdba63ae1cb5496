import { useState } from 'react';
import { AwardSettingsPanel } from '@/features/awards/components/AwardSettingsForm';
import { PageHeader } from '@/components/PageHeader';
import { useLeaveGuard } from '@/lib/use-leave-guard';

export default function AdminAwardSettingsRoute() {
  const [dirty, setDirty] = useState(false);
  const leaveGuard = useLeaveGuard(dirty);
  return (
    <>
      <PageHeader title="Thiết lập khen thưởng" subtitle="Mức lương cơ sở để tính tiền thưởng, văn bản quy định và đường dây nóng" />
      <AwardSettingsPanel onDirtyChange={setDirty} />
      {leaveGuard}
    </>
  );
}
