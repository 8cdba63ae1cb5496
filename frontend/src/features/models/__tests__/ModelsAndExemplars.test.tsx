import { describe, it } from 'vitest';
import { expectServerList } from '@/test/server-list';
import { ExemplarsManager } from '../components/ExemplarsManager';
import { ModelsManager } from '../components/ModelsManager';

const UNIT = { code: 'CAX-001', name: 'Công an phường Phố Hiến' };

describe('models and exemplars', () => {
  it('models: searched and sorted (a kind by its name) on the server, exported the same', async () => {
    const model = {
      id: 1, unit: UNIT, kind: 'camera-an-ninh', kind_label: 'Camera an ninh', name: 'Camera Ánh Sáng',
      status: 'active', status_label: 'Đang hoạt động', established_on: null, note: null,
    };
    await expectServerList(<ModelsManager unitPicker={<span />} />, {
      path: '/api/v1/models',
      rows: [model],
      shows: 'Camera Ánh Sáng',
      search: ['Tìm mô hình', 'anh sang'],
      header: [/^Loại/, 'kind'],
      exportPath: '/api/v1/exports/models',
    });
  });

  it('exemplars: searched and sorted on the server, exported the same', async () => {
    const exemplar = {
      id: 1, unit: UNIT, recipient: 'collective', name: 'Đội Ứng cứu', achievement: 'Thành tích xuất sắc', year: 2026,
      published: false,
    };
    await expectServerList(<ExemplarsManager unitPicker={<span />} canWrite={false} />, {
      path: '/api/v1/exemplars',
      rows: [exemplar],
      shows: 'Đội Ứng cứu',
      search: ['Tìm điển hình tiên tiến', 'ung cuu'],
      header: [/^Năm/, 'year'],
      exportPath: '/api/v1/exports/exemplars',
    });
  });
});
