import { describe, it } from 'vitest';
import { expectServerList } from '@/test/server-list';
import { NarrativesList } from '../components/NarrativesList';

const NARRATIVE = {
  period: '2026-H1',
  period_kind: 'half_year',
  review: false,
  role_label: 'Thuyết minh kèm báo cáo kỳ',
  unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến' },
  editable: true,
  achievements: '',
  models: '',
  difficulties: 'Thiếu kinh phí duy trì camera an ninh',
  proposals: '',
  files: [],
  updated_by: 'baocao.cax',
  updated_at: '2026-06-20T08:00:00Z',
};

describe('narratives of a period', () => {
  it('shows each narrative whole, searches and sorts on the server and exports what it shows', async () => {
    await expectServerList(<NarrativesList period="2026-H1" />, {
      path: '/api/v1/narratives/2026-H1',
      rows: [NARRATIVE],
      shows: 'Thiếu kinh phí duy trì camera an ninh',
      search: ['Tìm đơn vị', 'pho hien'],
      header: [/^Cập nhật/, 'updated_at'],
      exportPath: '/api/v1/exports/2026-H1/narratives',
    });
  });
});
