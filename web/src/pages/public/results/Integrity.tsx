import { dateTime } from '../../../format';
import type { AuditCheckpoint, PublishedResults, VersionRow } from './types';

/**
 * "Kiểm tra tính toàn vẹn", at the bottom of the results: the SHA-256 fingerprint of the
 * published document, the signed audit checkpoint and the version history. Few citizens need
 * it, those who do need all of it; it no longer pushes the ranking down on a phone.
 */
export function Integrity({
  current,
  versions,
}: {
  current: PublishedResults;
  versions: VersionRow[];
}) {
  return (
    <section class="integrity" aria-labelledby="integrity-title">
      <h3 id="integrity-title">Kiểm tra tính toàn vẹn</h3>
      <p class="fingerprint">
        Mã kiểm tra (SHA-256) của phiên bản {current.version}:{' '}
        <code data-testid="fingerprint">{current.fingerprint}</code>
      </p>
      <p class="muted small">
        Mã này được in trên biên bản kết quả; bất kỳ thay đổi nào trong kết quả đều làm mã khác đi.
      </p>
      {current.auditCheckpoint && <CheckpointNote checkpoint={current.auditCheckpoint} />}
      {versions.length > 1 && (
        <>
          <h4>Lịch sử phiên bản</h4>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                Phiên bản {v.version}
                {v.status === 'superseded' ? ' (đã được thay thế)' : ' (hiện hành)'}
                {v.publishedAt ? `, công bố ${dateTime(v.publishedAt)}` : ''}
                {v.correctionReason ? ` — ${v.correctionReason}` : ''} · mã{' '}
                <code>{v.fingerprint.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The signed checkpoint, whole: anyone can check it later with the published public key. */
function CheckpointNote({ checkpoint: c }: { checkpoint: AuditCheckpoint }) {
  return (
    <details class="fingerprint" data-testid="audit-checkpoint">
      <summary>
        Nhật ký kiểm toán khi chốt: {c.rowCount} bản ghi, ký số lúc {dateTime(c.signedAt)}
      </summary>
      <p class="small">
        Mã băm đầu chuỗi: <code>{c.headHash}</code>
        <br />
        Chữ ký Ed25519 (khoá {c.keyId}): <code>{c.signature}</code>
        <br />
        Thời điểm ký: <code>{c.signedAt}</code> · chuỗi <code>{c.chain}</code> ·{' '}
        <a href="/api/public/audit-key">khoá công khai</a>
      </p>
    </details>
  );
}
