import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { count } from '../../../format';
import { useAction } from '../../../hooks';

interface EntryRef {
  entryId: string;
  teamNumber: number;
  teamName: string;
}
interface BulkResult {
  approved: EntryRef[];
  blocked: (EntryRef & { reasons: string[] })[];
}

/**
 * Approve the ticked entries in one request, after a confirmation that says the checklist
 * decides: what passes is approved, what fails stays in the queue, listed with its reasons.
 */
export function BulkApprove(props: {
  contestId: string;
  /** entry id → team number */
  selected: Map<string, number>;
  onClear: () => void;
  onDone: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const action = useAction();
  const n = props.selected.size;
  const teams = [...props.selected.values()].sort((a, b) => a - b);
  const approve = () =>
    void action.run(async () => {
      const res = await post<BulkResult>(`/contests/${props.contestId}/moderation/approve`, {
        entryIds: [...props.selected.keys()],
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setConfirming(false);
      setResult(res);
      setNote('');
      props.onClear();
      await props.onDone();
      return `Đã duyệt ${count(res.approved.length)} sản phẩm.`;
    });
  return (
    <div class="bulk-bar">
      <p class="actions">
        <span>
          Đã chọn <strong>{count(n)}</strong> sản phẩm
        </span>
        <button
          type="button"
          class="btn btn-primary"
          disabled={n === 0}
          onClick={() => {
            setResult(null);
            setConfirming(true);
          }}
        >
          Duyệt {count(n)} sản phẩm đã chọn…
        </button>
        {n > 0 && (
          <button type="button" class="btn btn-link" onClick={props.onClear}>
            Bỏ chọn
          </button>
        )}
      </p>
      <ConfirmDialog
        open={confirming}
        title={`Duyệt ${count(n)} sản phẩm?`}
        confirm={`Xác nhận duyệt ${count(n)} sản phẩm`}
        busy={action.busy}
        onConfirm={approve}
        onClose={() => setConfirming(false)}
      >
        <p>
          Các đội: {teams.slice(0, 30).join(', ')}
          {teams.length > 30 ? ` và ${count(teams.length - 30)} đội khác` : ''}.
        </p>
        <p>
          Mỗi sản phẩm được kiểm tra lại theo danh mục: đủ video, đề cương, thông tin, cam kết tính
          mới, đúng thời lượng, không nghi trùng. Sản phẩm đạt được duyệt; sản phẩm chưa đạt được
          giữ lại trong hàng chờ, kèm lý do.
        </p>
        <Field id="bulk-note" label="Ghi chú khi duyệt (không bắt buộc)">
          {(c) => <input {...c} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <ApiErrorBox error={action.error} />
      </ConfirmDialog>
      {!confirming && <ApiErrorBox error={action.error} />}
      <OkBox message={action.ok} />
      {result && result.blocked.length > 0 && (
        <div class="alert" role="alert" data-testid="bulk-blocked">
          <p>
            <strong>{count(result.blocked.length)} sản phẩm chưa duyệt được</strong> (vẫn ở hàng
            chờ):
          </p>
          <ul>
            {result.blocked.map((b) => (
              <li key={b.entryId}>
                Đội {b.teamNumber}. {b.teamName}: {b.reasons.join(' ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
