import { useRef, useState } from 'preact/hooks';
import { useAnnounce } from '../../../components/announcer';
import { post } from '../../../api';
import { type Column, DataTable, pageOf, Pager } from '../../../components/DataTable';
import { TextAreaField } from '../../../components/Field';
import { ApiErrorBox, LocalError, OkBox } from '../../../components/feedback';
import { count } from '../../../format';
import { useAction } from '../../../hooks';

interface PlanRow {
  line: number;
  entryId: string;
  teamNumber: number;
  teamName: string;
  postUrl: string;
  previous: string | null;
  change: 'new' | 'replace' | 'same';
}
interface Plan {
  committed: boolean;
  rows: PlanRow[];
  errors: { line: number; field: string; code: string; message: string }[];
  counts: { new: number; replace: number; same: number };
  stillMissing: { entryId: string; teamNumber: number; teamName: string }[];
}

const CHANGE_LABELS = { new: 'Thêm mới', replace: 'Thay địa chỉ cũ', same: 'Giữ nguyên' };
const MAX_TEXT = 500_000;
const PAGE = 25;

const COLUMNS: Column<PlanRow>[] = [
  { key: 'line', header: 'Dòng', num: true, cell: (r) => r.line },
  {
    key: 'team',
    header: 'Đội thi',
    rowHeader: true,
    cell: (r) => `${r.teamNumber}. ${r.teamName}`,
  },
  { key: 'url', header: 'Địa chỉ bài đăng', cellClass: () => 'break', cell: (r) => r.postUrl },
  {
    key: 'change',
    header: 'Thay đổi',
    cell: (r) =>
      r.change === 'replace' ? (
        <>
          {CHANGE_LABELS.replace}
          <div class="muted small break">trước: {r.previous}</div>
        </>
      ) : (
        CHANGE_LABELS[r.change]
      ),
  },
];

/**
 * Fanpage post addresses for many entries at once: lines pasted from a spreadsheet or a CSV
 * file (team number or name, address), checked by the server with a preview (errors by line,
 * what changes), then written all together. Publishing stays its own single action.
 */
export function PostUrlImport(props: { contestId: string; onSaved: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planned, setPlanned] = useState('');
  const [page, setPage] = useState(1);
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();
  // each preview's summary is said through the app's live region
  const summary = useRef<HTMLParagraphElement>(null);
  useAnnounce(plan, () => summary.current?.innerText);
  const base = `/contests/${props.contestId}/post-urls`;
  const edit = (value: string) => {
    setText(value);
    if (plan && value !== planned) setPlan(null);
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_TEXT) {
      setLocalError('Tệp quá lớn (tối đa 500 kB): tệp chỉ cần hai cột, số đội và địa chỉ.');
      return;
    }
    setLocalError(null);
    edit(await file.text());
  };
  const preview = () =>
    void action.run(async () => {
      if (!text.trim()) {
        setLocalError('Dán ít nhất một dòng hoặc chọn tệp CSV.');
        return;
      }
      setLocalError(null);
      setPlan(await post<Plan>(`${base}/preview`, { text }));
      setPlanned(text);
      setPage(1);
    });
  const commit = () =>
    void action.run(async () => {
      const done = await post<Plan>(base, { text });
      setPlan(null);
      setText('');
      await props.onSaved();
      const changed = done.counts.new + done.counts.replace;
      return `Đã ghi ${count(changed)} địa chỉ bài đăng${done.counts.same ? ` (${count(done.counts.same)} dòng không đổi)` : ''}.`;
    });
  const canCommit = plan && plan.errors.length === 0 && planned === text && plan.rows.length > 0;
  return (
    <div class="post-import" data-testid="post-import">
      <h3>Nhập địa chỉ bài đăng</h3>
      <TextAreaField
        id="post-lines"
        label="Mỗi dòng: số đội (hoặc tên đội), địa chỉ bài đăng"
        hint="Dán thẳng từ Excel (hai cột) hoặc gõ, cách nhau bằng dấu phẩy, chấm phẩy hoặc tab. Dòng tiêu đề được bỏ qua."
        value={text}
        onValue={edit}
      />
      <p class="actions">
        <label class="btn">
          Chọn tệp CSV…
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            class="sr-only"
            onChange={(e) => void readFile(e.currentTarget.files?.[0])}
          />
        </label>
        <button type="button" class="btn" disabled={action.busy} onClick={preview}>
          Xem trước
        </button>
        <button
          type="button"
          class="btn btn-primary"
          disabled={!canCommit || action.busy}
          onClick={commit}
        >
          Ghi {plan ? count(plan.counts.new + plan.counts.replace) : ''} địa chỉ
        </button>
      </p>
      <LocalError message={localError} />
      <ApiErrorBox error={action.error} />
      <OkBox message={action.ok} />
      {plan && (
        <div class="post-plan" data-testid="post-plan">
          <p ref={summary}>
            {plan.errors.length > 0 ? (
              <strong>{count(plan.errors.length)} dòng lỗi: sửa rồi xem trước lại.</strong>
            ) : (
              <strong>Không có dòng lỗi.</strong>
            )}{' '}
            Thêm mới {count(plan.counts.new)} · thay {count(plan.counts.replace)} · giữ nguyên{' '}
            {count(plan.counts.same)}.
            {plan.stillMissing.length > 0 &&
              ` Sau khi ghi, còn ${count(plan.stillMissing.length)} sản phẩm đã duyệt chưa có địa chỉ.`}
          </p>
          {plan.errors.length > 0 && (
            <ul class="alert error-lines" data-testid="post-errors">
              {plan.errors.slice(0, 100).map((e) => (
                <li key={`${e.line}-${e.code}`}>{e.message}</li>
              ))}
              {plan.errors.length > 100 && (
                <li>… và {count(plan.errors.length - 100)} dòng lỗi khác.</li>
              )}
            </ul>
          )}
          {plan.rows.length > 0 && (
            <>
              <DataTable
                class="compact"
                label="Các dòng hợp lệ"
                columns={COLUMNS}
                rows={pageOf(plan.rows, page, PAGE)}
                rowKey={(r) => r.line}
              />
              <Pager page={page} pageSize={PAGE} total={plan.rows.length} onPage={setPage} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
