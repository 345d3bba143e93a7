import { type Column, DataTable } from '../../../components/DataTable';
import { ProblemBox } from '../../../components/feedback';
import { count, dateTime, points } from '../../../format';
import type { Entry, ImportPreview } from '../types';
import { sourceLabel } from './labels';

type Matched = ImportPreview['matched'][number];

/** A long file's lists stop at its first items (the server sends that many); say so. */
const more = (shown: number, total: number) =>
  shown < total ? ` (${count(shown)} dòng đầu trong ${count(total)})` : '';

/** What a file would write: its readings, errors, warnings, unmatched rows and the points. */
export function PreviewView(props: {
  preview: ImportPreview;
  fileName: string;
  entryOf: Map<string, Entry>;
  maxPoints: number;
}) {
  const p = props.preview;
  const t = p.totals;
  const pointsOf = new Map(p.points.map((x) => [x.entryId, x]));
  // In a file of several readings the table shows the reading whose points are computed.
  const shownRows = p.timeColumn ? p.matched.filter((m) => m.takenAt === p.takenAt) : p.matched;
  const shownTotal = p.timeColumn
    ? (p.readings.find((r) => r.takenAt === p.takenAt)?.rows ?? 0)
    : t.matched;
  const columns: Column<Matched>[] = [
    { key: 'line', header: 'Dòng', num: true, cell: (m) => m.line },
    {
      key: 'team',
      header: 'Đội thi',
      rowHeader: true,
      cell: (m) => `${m.teamNumber}. ${props.entryOf.get(m.entryId)?.teamName ?? ''}`,
    },
    { key: 'reactions', header: 'Thích', num: true, cell: (m) => count(m.reactions) },
    { key: 'shares', header: 'Chia sẻ', num: true, cell: (m) => count(m.shares) },
    { key: 'comments', header: 'Bình luận', num: true, cell: (m) => count(m.comments) },
    { key: 'raw', header: 'Điểm thô', num: true, cell: (m) => count(pointsOf.get(m.entryId)?.raw) },
    {
      key: 'points',
      header: 'Điểm',
      num: true,
      cellClass: () => 'strong',
      cell: (m) => points(pointsOf.get(m.entryId)?.points),
    },
    { key: 'rank', header: 'Hạng', num: true, cell: (m) => pointsOf.get(m.entryId)?.rank ?? '—' },
  ];
  return (
    <div class="preview" aria-live="polite" data-testid="import-preview">
      <h3>Xem trước: {props.fileName}</h3>
      <p data-testid="preview-summary">
        Lấy lúc <strong>{dateTime(p.takenAt)}</strong> · {sourceLabel(p.source)} ·{' '}
        <strong>{count(t.matched)}</strong> dòng khớp · <strong>{count(t.unmatched)}</strong> dòng
        không khớp · <strong>{count(t.errors)}</strong> lỗi · <strong>{count(t.warnings)}</strong>{' '}
        cảnh báo
      </p>
      {p.readings.length > 1 && (
        <div data-testid="preview-readings">
          <p>
            Tệp gồm <strong>{p.readings.length}</strong> lần lấy số liệu; mỗi lần thành một bản số
            liệu riêng:
          </p>
          <ul class="alert-list">
            {p.readings.map((r) => (
              <li key={r.takenAt}>
                {dateTime(r.takenAt)}: {count(r.rows)} sản phẩm
              </li>
            ))}
          </ul>
        </div>
      )}
      {p.existingSnapshotId && (
        <p class="alert">
          Tệp này (cùng nội dung) đã được nhập trước đó; ghi lại sẽ không tạo thêm bản số liệu.
        </p>
      )}
      {p.errors.length > 0 && (
        <ProblemBox
          message={`Tệp có ${count(t.errors)} lỗi; chưa thể ghi. Sửa các dòng sau rồi tải lại tệp${more(p.errors.length, t.errors)}:`}
          testId="preview-errors"
        >
          <ul class="alert-list">
            {p.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </ProblemBox>
      )}
      {p.warnings.length > 0 && (
        <div class="alert" data-testid="preview-warnings">
          <p class="alert-title">
            Cảnh báo (vẫn ghi được, nên kiểm tra lại){more(p.warnings.length, t.warnings)}:
          </p>
          <ul class="alert-list">
            {p.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {p.unmatched.length > 0 && (
        <div class="alert" data-testid="preview-unmatched">
          <p class="alert-title">
            {count(t.unmatched)} dòng không khớp với sản phẩm đã đăng tải nào (bỏ qua khi ghi)
            {more(p.unmatched.length, t.unmatched)}:
          </p>
          <ul class="alert-list">
            {p.unmatched.map((u) => (
              <li key={u.line}>
                Dòng {u.line}: {u.value ? `“${u.value}”` : '(trống)'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shownRows.length > 0 && (
        <DataTable
          class="compact"
          testId="preview-rows"
          caption={
            <>
              {p.readings.length > 1
                ? `Lần lấy lúc ${dateTime(p.takenAt)}: các dòng khớp và điểm tương tác sẽ có nếu đây là số liệu chính thức`
                : 'Các dòng khớp và điểm tương tác sẽ có nếu đây là số liệu chính thức'}{' '}
              (tối đa {points(props.maxPoints)}){more(shownRows.length, shownTotal)}
            </>
          }
          label="Các dòng khớp của tệp"
          columns={columns}
          rows={shownRows}
          rowKey={(m) => m.line}
        />
      )}
    </div>
  );
}
