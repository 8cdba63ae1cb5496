import { describe, expect, it } from 'vitest';
import { render, screen } from '@/test/render';
import { AdministrativeHeader } from '../AdministrativeHeader';
import { placeAndDate } from '@/lib/format';

describe('the administrative header of NĐ 30/2020', () => {
  it('puts the issuing body left in capitals, the national name and ruled motto right, then place and date', () => {
    render(
      <AdministrativeHeader
        parent="Công an tỉnh Hưng Yên"
        issuer="Công an phường Phố Hiến"
        placeAndDate={placeAndDate('Hưng Yên', '2026-12-06')}
      />,
    );
    const [left, right] = screen.getAllByRole('cell');
    expect(left.textContent).toBe('CÔNG AN TỈNH HƯNG YÊNCÔNG AN PHƯỜNG PHỐ HIẾN');
    expect(screen.getByTestId('issuer').style.borderBottomStyle).toBe('solid');
    expect(right.textContent).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = screen.getByTestId('motto');
    expect(motto.textContent).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(motto.style.borderBottomStyle).toBe('solid');
    expect(screen.getByTestId('place-and-date').textContent).toBe('Hưng Yên, ngày 06 tháng 12 năm 2026');
    expect(screen.queryByText(/^Số:/)).toBeNull();
  });

  it('shows a number when the document has one, and no parent line when there is none', () => {
    render(<AdministrativeHeader issuer="Ủy ban nhân dân tỉnh Hưng Yên" number="12/BC-UBND" placeAndDate="Hưng Yên, ngày 05 tháng 02 năm 2027" />);
    const [left] = screen.getAllByRole('cell');
    expect(left.textContent).toBe('ỦY BAN NHÂN DÂN TỈNH HƯNG YÊNSố: 12/BC-UBND');
  });
});

describe('placeAndDate', () => {
  it('pads days below 10 and months below 3 only', () => {
    expect(placeAndDate('Hưng Yên', '2027-02-05')).toBe('Hưng Yên, ngày 05 tháng 02 năm 2027');
    expect(placeAndDate('Hưng Yên', '2026-06-20')).toBe('Hưng Yên, ngày 20 tháng 6 năm 2026');
  });
});
