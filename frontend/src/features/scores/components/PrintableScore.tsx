import { AdministrativeHeader } from '@/components/AdministrativeHeader';
import { formatNumber } from '@/lib/format';
import { PILLARS } from '@/lib/labels';
import { fractionValue, type UnitScore } from '../api/scores';
import { attainmentPercent, PARENT_BODY } from '../print';
import { describeValue } from './ExplainedScore';
import './printable-score.css';

interface PrintableScoreProps {
  score: UnitScore;
  periodName: string;
  /** Indicator names by code (the catalog's). */
  names?: Record<string, string>;
  /** "Hưng Yên, ngày 06 tháng 12 năm 2026", from the app's clock. */
  placeAndDate: string;
  /** The unit's rank in words ("3/25, Cụm thi đua Công an xã, phường"), when known. */
  rank?: string;
  /** The report's status in words ("Đã duyệt"), when known. */
  reportStatus?: string;
}

const exact = (text: string | null | undefined) => formatNumber(fractionValue(text));

/**
 * A unit's report and score as an A4 document to print from the browser: the administrative header of
 * NĐ 30/2020, the overall result (total, tier, rank, pillars), each indicator's value, attainment and
 * points by pillar, and the signature block. The layout's header and menu are not printed.
 */
export function PrintableScore({ score, periodName, names, placeAndDate, rank, reportStatus }: PrintableScoreProps) {
  const { explanation } = score;
  const pillarScores = new Map(explanation.pillars.map((p) => [p.pillar, p]));
  let row = 0;
  return (
    <article className="print-sheet" data-testid="printable-score">
      <AdministrativeHeader parent={PARENT_BODY[score.unit.kind]} issuer={score.unit.name} placeAndDate={placeAndDate} />
      <h1>BÁO CÁO KẾT QUẢ CHẤM ĐIỂM THI ĐUA</h1>
      <p className="print-subtitle">
        Phong trào thi đua “Ba nhất: Kỷ luật nhất - Trung thành nhất - Gần dân nhất” {periodName}
      </p>

      <h2>I. KẾT QUẢ CHUNG</h2>
      <p>
        Đơn vị: <strong>{score.unit.name}</strong> ({score.unit.code}).
        {reportStatus && ` Trạng thái báo cáo: ${reportStatus}.`}
      </p>
      <p>
        Tổng điểm: <strong>{formatNumber(score.total)}</strong> (điểm cơ bản {exact(explanation.base)}, điểm thưởng +
        {exact(explanation.bonus_applied)}, điểm trừ −{exact(explanation.deductions_total)}). Xếp loại:{' '}
        <strong>{score.tier_label}</strong>.
      </p>
      <p>
        Xếp hạng: <strong>{rank ?? (score.rank === null ? 'chưa xếp hạng' : String(score.rank))}</strong>
        {/* why a unit is not (or only provisionally) ranked; a ranked one needs no word */}
        {score.rank_status !== 'ranked' && score.rank_status_label && ` (${score.rank_status_label})`}.
      </p>
      <p>
        Điểm từng trụ cột:{' '}
        {PILLARS.filter((p) => p.code in score.pillars)
          .map((p) => `${p.label} ${formatNumber(score.pillars[p.code])}`)
          .join('; ')}
        .
      </p>
      {explanation.veto_failed.length > 0 && (
        <p>Không đạt chỉ tiêu phủ quyết: {explanation.veto_failed.join(', ')} (xếp loại bị hạ).</p>
      )}
      {score.quota_applied && <p>Hạ xuống “Hoàn thành tốt” do vượt tỷ lệ xuất sắc của cụm, khối.</p>}
      {[...explanation.bonuses, ...explanation.deductions].length > 0 && (
        <ul style={{ margin: '0 0 6px', paddingLeft: 20 }}>
          {explanation.bonuses.map((b, i) => (
            <li key={`b${i}`}>
              Cộng {exact(b.points)} điểm: {b.reason}
            </li>
          ))}
          {explanation.deductions.map((d, i) => (
            <li key={`d${i}`}>
              Trừ {exact(d.points)} điểm: {d.reason}
            </li>
          ))}
        </ul>
      )}

      <h2>II. KẾT QUẢ TỪNG CHỈ TIÊU</h2>
      <table className="print-table" aria-label="Kết quả từng chỉ tiêu">
        <colgroup>
          <col style={{ width: '8%' }} />
          <col style={{ width: '44%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '14%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col">Giá trị báo cáo</th>
            <th scope="col">Mức đạt</th>
            <th scope="col">Điểm</th>
          </tr>
        </thead>
        <tbody>
          {PILLARS.filter((p) => explanation.indicators.some((r) => r.pillar === p.code)).flatMap((pillar) => {
            const explained = pillarScores.get(pillar.code);
            return [
              <tr key={pillar.code} className="pillar-row">
                <td colSpan={3}>{pillar.label}</td>
                <td className="number">{formatNumber(score.pillars[pillar.code])}</td>
                <td className="number">{explained ? `${exact(explained.points)}/${exact(explained.weight_total)}` : ''}</td>
              </tr>,
              ...explanation.indicators
                .filter((r) => r.pillar === pillar.code)
                .map((r) => (
                  <tr key={r.code}>
                    <td style={{ textAlign: 'center' }}>{(row += 1)}</td>
                    <td>
                      <strong>{r.code}</strong>
                      {r.veto && ' (phủ quyết)'}
                      {names?.[r.code] && ` ${names[r.code]}`}
                    </td>
                    <td>{r.applicable ? describeValue(r) : `Không áp dụng${r.reason_not_applicable ? `: ${r.reason_not_applicable}` : ''}`}</td>
                    <td className="number">{r.applicable ? attainmentPercent(fractionValue(r.attainment)) : '–'}</td>
                    <td className="number">{r.applicable ? `${exact(r.points)}/${exact(r.weight)}` : '–'}</td>
                  </tr>
                )),
            ];
          })}
        </tbody>
      </table>

      <div className="print-signatures">
        <div className="recipients">
          <strong>
            <em>Nơi nhận:</em>
          </strong>
          <div>- Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng;</div>
          <div>- Lưu: VT.</div>
        </div>
        <div className="signer">
          <div style={{ fontWeight: 700 }}>THỦ TRƯỞNG ĐƠN VỊ</div>
          <div style={{ fontStyle: 'italic' }}>(Ký, ghi rõ họ tên, đóng dấu)</div>
          <div className="space" />
        </div>
      </div>
    </article>
  );
}
