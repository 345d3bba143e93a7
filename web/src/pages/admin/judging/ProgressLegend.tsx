import { points } from '../../../format';

/** The server's outlier distance (src/judging/judging-progress.service.ts OUTLIER_POINTS). */
export const OUTLIER_POINTS = 20;

/**
 * What every colour of the judging progress means, beside the table that uses it: the card
 * states, the outlier mark (20 points from the median of the other judges) and the shaded rows.
 */
export function ProgressLegend(props: { rows: string; totals?: boolean; notAssigned?: boolean }) {
  return (
    <ul class="legend-list small" data-testid="matrix-legend" aria-label="Chú giải màu">
      <li>
        <span class="legend cell-ok">Đã nộp</span> phiếu đã nộp
        {props.totals ? ' (ô ghi tổng điểm của phiếu)' : ''}
      </li>
      <li>
        <span class="legend cell-warn">Nháp</span> giám khảo đã lưu nháp, chưa nộp
      </li>
      <li>
        <span class="legend cell-bad">Chưa chấm</span> đã phân công, chưa có phiếu
      </li>
      {props.notAssigned && (
        <li>
          <span class="legend">—</span> không phân công (xung đột lợi ích hoặc tự rút lui)
        </li>
      )}
      <li>
        <span class="legend cell-outlier">· lệch</span> tổng điểm cách trung vị của các giám khảo
        khác từ {points(OUTLIER_POINTS)} điểm trở lên
      </li>
      <li>
        <span class="legend row-flag-sample">Dòng tô vàng</span> {props.rows}
      </li>
    </ul>
  );
}
