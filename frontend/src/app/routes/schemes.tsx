import { PageHeader } from '@/components/PageHeader';
import { PageLoading } from '@/components/PageState';
import { usePeriods } from '@/features/periods/api/periods';
import { SchemeEditor } from '@/features/schemes/components/SchemeEditor';

export default function SchemesRoute() {
  const periods = usePeriods();
  return (
    <>
      <PageHeader
        title="Bộ tiêu chí chấm điểm"
        subtitle="Soạn phiên bản mới, xem trước trên số liệu thật và áp dụng từ một kỳ; các kỳ đã khóa giữ phiên bản cũ"
      />
      {periods.data ? <SchemeEditor periods={periods.data} /> : <PageLoading />}
    </>
  );
}
