import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { todayDayjs } from './clock';

dayjs.extend(customParseFormat);
dayjs.locale('vi');

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATETIME_FORMAT = 'DD/MM/YYYY HH:mm';

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** ISO date (yyyy-mm-dd) from the API to dd/mm/yyyy; empty when missing. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_FORMAT) : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATETIME_FORMAT) : '';
}

/** Scores arrive as decimal strings (exact on the server); shown with a Vietnamese decimal comma. */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const n = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(n) ? numberFormat.format(n) : String(value);
}

/** "Nộp muộn 5 ngày: trừ 2 điểm": what submitting a late report now costs (a score preview's `lateness`). */
export function formatLateness({ days_late, deduction }: { days_late: number; deduction: string }): string {
  return `Nộp muộn ${days_late} ngày: trừ ${formatNumber(deduction)} điểm`;
}

export function formatPercent(numerator: number, denominator: number): string {
  return denominator > 0 ? percentFormat.format(numerator / denominator) : '–';
}

/** Whole days from today to a due date: positive means days left, negative days late. */
export function daysUntil(dueIso: string, today: dayjs.Dayjs = todayDayjs()): number {
  return dayjs(dueIso).startOf('day').diff(today.startOf('day'), 'day');
}

export { dayjs };

const moneyFormat = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

/** Whole đồng as the API sends them (integers), e.g. "4.680.000 ₫". */
export function formatMoney(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '–' : moneyFormat.format(amount);
}

/**
 * The place and date line of an administrative document (NĐ 30/2020): days below 10 and months below 3
 * take a leading zero, "Hưng Yên, ngày 05 tháng 02 năm 2026" (as api/services/reports/docx_report.py).
 */
export function placeAndDate(place: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const monthText = month < 3 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}
