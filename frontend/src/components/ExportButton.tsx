import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { exportHref } from '@/lib/list-query';

/** "Xuất Excel": downloads the list as the API exports it, with the filters and order on screen. */
export function ExportButton({ path, query }: { path: string; query: Record<string, string | boolean | null | undefined> }) {
  return (
    <Button icon={<DownloadOutlined />} href={exportHref(path, query)} download>
      Xuất Excel
    </Button>
  );
}
