import { describe, it } from 'vitest';
import { expectServerList } from '@/test/server-list';
import { BonusesManager } from '../components/BonusesManager';

const BONUS = {
  id: 1,
  period: '2026-H1',
  unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến' },
  points: '1.50',
  reason: 'Bắt giữ đối tượng truy nã',
  created_by: 'reviewer',
  created_at: '2026-06-20T08:00:00Z',
};

describe('bonuses of a period', () => {
  it('searches and sorts (points by value) on the server and exports what it shows', async () => {
    await expectServerList(<BonusesManager period="2026-H1" unitPicker={<span />} canWrite={false} />, {
      path: '/api/v1/bonuses',
      rows: [BONUS],
      also: { '/api/v1/schemes/active': { parameters: { bonus_cap: '10' } } },
      shows: 'Bắt giữ đối tượng truy nã',
      search: ['Tìm điểm thưởng', 'truy na'],
      header: [/^Điểm/, 'points'],
      exportPath: '/api/v1/exports/bonuses',
      exportQuery: { period: '2026-H1' },
    });
  });
});
