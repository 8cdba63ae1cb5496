import type { UnitKind } from '@/lib/labels';

/** The province the movement runs in: the place of the documents' date line and their bodies' names. */
export const PROVINCE_PLACE = 'Hưng Yên';

/**
 * The body above a unit on the left of an administrative header (NĐ 30/2020, "tên cơ quan chủ quản"):
 * the provincial police over its departments and the commune police, the province's People's Committee
 * over its departments and communes, the Ministry over the provincial police; none over the province.
 */
export const PARENT_BODY: Record<UnitKind, string | undefined> = {
  province: undefined,
  police_province: 'Bộ Công an',
  police_department: `Công an tỉnh ${PROVINCE_PLACE}`,
  commune_police: `Công an tỉnh ${PROVINCE_PLACE}`,
  department: `Ủy ban nhân dân tỉnh ${PROVINCE_PLACE}`,
  commune: `Ủy ban nhân dân tỉnh ${PROVINCE_PLACE}`,
};

/** An attainment (0 to 1, exact) as a percentage "95%", "66,67%". */
export function attainmentPercent(value: number | null): string {
  if (value === null) return '–';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value * 100)}%`;
}
