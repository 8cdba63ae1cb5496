import type { CSSProperties } from 'react';

interface AdministrativeHeaderProps {
  /** The body above the issuer ("Công an tỉnh Hưng Yên"), shown upper-cased; none for a body with no superior line. */
  parent?: string;
  /** The issuing body (the unit), shown upper-cased and bold, ruled underneath. */
  issuer: string;
  /** "Số: ..." under the issuer, when the document has a number. */
  number?: string;
  /** "Hưng Yên, ngày 06 tháng 12 năm 2026" (`placeAndDate` of src/lib/format.ts). */
  placeAndDate: string;
}

const upper = (name: string) => name.toLocaleUpperCase('vi');
const column: CSSProperties = { textAlign: 'center', verticalAlign: 'top', padding: 0 };
// NĐ 30/2020: the issuer and the motto are each ruled below by a solid line; the motto's as long as it.
const rule: CSSProperties = { display: 'inline-block', borderBottom: '1px solid #000', paddingBottom: 2 };

/**
 * The header of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing body on the
 * left, the national name and motto on the right, the place and date under the motto.
 */
export function AdministrativeHeader({ parent, issuer, number, placeAndDate }: AdministrativeHeaderProps) {
  return (
    <table className="administrative-header" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <tbody>
        <tr>
          <td style={{ ...column, width: '42%' }}>
            {parent && <div>{upper(parent)}</div>}
            <div style={{ fontWeight: 700 }}>
              <span style={rule} data-testid="issuer">
                {upper(issuer)}
              </span>
            </div>
            {number && <div style={{ marginTop: 6 }}>Số: {number}</div>}
          </td>
          <td style={{ ...column, width: '58%' }}>
            <div style={{ fontWeight: 700 }}>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
            <div style={{ fontWeight: 700 }}>
              <span style={rule} data-testid="motto">
                Độc lập - Tự do - Hạnh phúc
              </span>
            </div>
            <div style={{ fontStyle: 'italic', marginTop: 10 }} data-testid="place-and-date">
              {placeAndDate}
            </div>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
