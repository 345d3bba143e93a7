import { useMemo, useState } from 'preact/hooks';
import { get, post } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { dateTime, points } from '../../format';
import { useLoad } from '../../hooks';
import { ChartSeries, LineChart } from './LineChart';
import {
  ApiErrorBox,
  count,
  download,
  FieldMsg,
  fieldError,
  OkBox,
  parseViDate,
  Section,
  SectionProps,
  sendForm,
  statusLabel,
  useAction,
  viLocalText,
  vietnamIso,
  vietnamLocal,
} from './lib';
import type {
  Contest,
  Entry,
  HistorySeries,
  ImportCommit,
  ImportPreview,
  Standings,
} from './types';

const IMPORT_PHASES = ['published', 'judging'];

const SOURCE_LABELS: Record<string, string> = {
  template_csv: 'tệp mẫu CSV',
  template_xlsx: 'tệp mẫu Excel',
  insights_csv: 'Facebook Insights (CSV)',
  insights_xlsx: 'Facebook Insights (Excel)',
  form: 'nhập tay',
};
const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? s;

const FLAG_LABELS: Record<string, string> = {
  burst: 'Tăng đột biến',
  round_number: 'Số tròn',
  drop: 'Giảm',
};

/**
 * Fanpage counts: templates, the import with a preview (matched rows, errors, warnings, the
 * points it would give) before the atomic commit, the standings from the official snapshot,
 * exclusions with reasons, and the counts over time per entry.
 */
export function Interactions({ contest }: SectionProps) {
  const base = `/contests/${contest.id}/interactions`;
  const { data, error, loading, reload } = useLoad(async () => {
    const [standings, history, entries] = await Promise.all([
      get<Standings>(base),
      get<HistorySeries[]>(`${base}/history`),
      get<Entry[]>(`/contests/${contest.id}/entries`),
    ]);
    return { standings, history, entries };
  }, [contest.id]);
  const entryOf = useMemo(
    () => new Map((data?.entries ?? []).map((e) => [e.id, e])),
    [data?.entries],
  );
  return (
    <>
      <ImportPanel contest={contest} entryOf={entryOf} onCommitted={reload} />
      {loading && !data && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <StandingsTable
            contest={contest}
            standings={data.standings}
            entryOf={entryOf}
            onChanged={reload}
          />
          <HistoryChart contest={contest} history={data.history} />
          <SnapshotList standings={data.standings} />
          {IMPORT_PHASES.includes(contest.status) && (
            <ExclusionForm contest={contest} entries={data.entries} onSaved={reload} />
          )}
        </>
      )}
    </>
  );
}

function ImportPanel(props: {
  contest: Contest;
  entryOf: Map<string, Entry>;
  onCommitted: () => Promise<void>;
}) {
  const { contest } = props;
  const base = `/contests/${contest.id}/interactions`;
  const [file, setFile] = useState<File | null>(null);
  const [takenAt, setTakenAt] = useState(() => viLocalText(vietnamLocal(new Date())));
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [localError, setLocalError] = useState<string | null>(null);
  const previewAction = useAction();
  const commitAction = useAction();
  const templates = useAction();
  const canImport = IMPORT_PHASES.includes(contest.status);

  // Left empty for a file whose "Thời điểm" column gives the time of each row.
  const takenLocal = takenAt.trim() ? parseViDate(takenAt) : null;
  const form = () => {
    const fd = new FormData();
    if (takenLocal) fd.append('takenAt', vietnamIso(takenLocal));
    fd.append('file', file!, file!.name);
    return fd;
  };
  const check = () => {
    if (!file) return 'Chọn tệp CSV hoặc Excel (.xlsx) để nhập.';
    if (takenAt.trim() && !takenLocal)
      return 'Thời điểm lấy số liệu viết theo dạng ngày/tháng/năm giờ:phút, ví dụ 30/08/2022 17:00.';
    return null;
  };
  const doPreview = (e: Event) => {
    e.preventDefault();
    const problem = check();
    setLocalError(problem);
    if (problem) return;
    commitAction.reset();
    setPreview(null);
    void previewAction.run(async () => {
      setPreview(await sendForm<ImportPreview>(`${base}/imports/preview`, form()));
    });
  };
  const doCommit = () =>
    void commitAction.run(async () => {
      const res = await sendForm<ImportCommit>(`${base}/imports`, form());
      setPreview(null);
      setFile(null);
      setInputKey((k) => k + 1);
      await props.onCommitted();
      if (!res.created) return 'Tệp này đã được nhập trước đó; không tạo thêm bản số liệu mới.';
      return res.snapshotIds.length > 1
        ? `Đã ghi ${res.snapshotIds.length} lần lấy số liệu: ${count(res.rows)} dòng.`
        : `Đã ghi số liệu lấy lúc ${dateTime(preview!.takenAt)}: ${res.rows ?? 0} sản phẩm.`;
    });

  return (
    <Section title="Nhập lượt tương tác từ tệp" id="nhap-tep">
      <p>
        Tải tệp mẫu (mỗi sản phẩm đã đăng tải một dòng, có sẵn địa chỉ bài đăng), điền số lượt
        thích, chia sẻ, bình luận đọc trên fanpage, rồi tải lên để <strong>xem trước</strong>. Chỉ
        khi không còn lỗi mới ghi được; mọi dòng được ghi cùng lúc hoặc không dòng nào.
      </p>
      <p class="actions">
        <button
          type="button"
          class="btn"
          disabled={templates.busy}
          onClick={() =>
            void templates.run(() =>
              download(`${base}/template.csv`, 'mau-nhap-luot-tuong-tac.csv'),
            )
          }
        >
          Tải tệp mẫu CSV
        </button>
        <button
          type="button"
          class="btn"
          disabled={templates.busy}
          onClick={() =>
            void templates.run(() =>
              download(`${base}/template.xlsx`, 'mau-nhap-luot-tuong-tac.xlsx'),
            )
          }
        >
          Tải tệp mẫu Excel
        </button>
      </p>
      <ApiErrorBox error={templates.error} />
      {!canImport && (
        <p class="alert">
          Hội thi đang ở bước “{statusLabel(contest.status)}”: số liệu chỉ được ghi sau khi đăng tải
          đồng loạt và trong thời gian chấm sơ khảo. Vẫn có thể xem trước tệp.
        </p>
      )}
      <form class="form import-form" onSubmit={doPreview}>
        <label>
          Tệp số liệu (CSV hoặc Excel .xlsx)
          <input
            key={inputKey}
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
            }}
            aria-describedby="import-file-err"
          />
          <FieldMsg id="import-file-err" message={fieldError(previewAction.error, 'file')} />
        </label>
        <label>
          Thời điểm lấy số liệu trên fanpage (giờ Việt Nam, dd/mm/yyyy hh:mm)
          <span class="small muted">
            Để trống nếu tệp có cột “Thời điểm” ghi giờ lấy số liệu của từng dòng (một tệp gồm nhiều
            lần lấy số liệu).
          </span>
          <input
            name="takenAt"
            inputMode="numeric"
            placeholder="30/08/2022 17:00"
            value={takenAt}
            onInput={(e) => {
              setTakenAt(e.currentTarget.value);
              setPreview(null);
            }}
            aria-describedby="import-taken-err"
          />
          <FieldMsg id="import-taken-err" message={fieldError(previewAction.error, 'takenAt')} />
        </label>
        {localError && (
          <div class="alert alert-error" role="alert">
            {localError}
          </div>
        )}
        <ApiErrorBox error={previewAction.error} inline={['file', 'takenAt']} />
        <p class="actions">
          <button class="btn btn-primary" type="submit" disabled={previewAction.busy}>
            {previewAction.busy ? 'Đang đọc tệp…' : 'Xem trước'}
          </button>
        </p>
      </form>
      <OkBox message={commitAction.ok} />
      {preview && (
        <PreviewView
          preview={preview}
          fileName={file?.name ?? ''}
          entryOf={props.entryOf}
          maxPoints={contest.rules.interaction.maxPoints}
        />
      )}
      {preview && (
        <div class="commit-bar">
          <ApiErrorBox error={commitAction.error} />
          <button
            type="button"
            class="btn btn-primary"
            disabled={!preview.canCommit || !canImport || commitAction.busy}
            onClick={doCommit}
          >
            {preview.existingSnapshotId
              ? 'Tệp đã được nhập'
              : preview.readings.length > 1
                ? `Ghi ${preview.readings.length} lần lấy số liệu (${count(preview.matched.length)} dòng)`
                : `Ghi số liệu (${preview.matched.length} sản phẩm)`}
          </button>
          {!preview.canCommit && (
            <span class="muted">
              {preview.errors.length
                ? 'Sửa các lỗi rồi tải lại tệp để ghi.'
                : 'Không có dòng nào khớp với sản phẩm đã đăng tải.'}
            </span>
          )}
        </div>
      )}
    </Section>
  );
}

function PreviewView(props: {
  preview: ImportPreview;
  fileName: string;
  entryOf: Map<string, Entry>;
  maxPoints: number;
}) {
  const p = props.preview;
  const pointsOf = new Map(p.points.map((x) => [x.entryId, x]));
  // In a file of several readings the table shows the reading whose points are computed.
  const shownRows = p.timeColumn ? p.matched.filter((m) => m.takenAt === p.takenAt) : p.matched;
  return (
    <div class="preview" aria-live="polite" data-testid="import-preview">
      <h3>Xem trước: {props.fileName}</h3>
      <p data-testid="preview-summary">
        Lấy lúc <strong>{dateTime(p.takenAt)}</strong> · {sourceLabel(p.source)} ·{' '}
        <strong>{p.matched.length}</strong> dòng khớp · <strong>{p.unmatched.length}</strong> dòng
        không khớp · <strong>{p.errors.length}</strong> lỗi · <strong>{p.warnings.length}</strong>{' '}
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
        <div class="alert alert-error" role="alert" data-testid="preview-errors">
          <p class="alert-title">
            Tệp có {p.errors.length} lỗi; chưa thể ghi. Sửa các dòng sau rồi tải lại tệp:
          </p>
          <ul class="alert-list">
            {p.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {p.warnings.length > 0 && (
        <div class="alert" data-testid="preview-warnings">
          <p class="alert-title">Cảnh báo (vẫn ghi được, nên kiểm tra lại):</p>
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
            {p.unmatched.length} dòng không khớp với sản phẩm đã đăng tải nào (bỏ qua khi ghi):
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
        <div class="table-wrap">
          <table class="compact" data-testid="preview-rows">
            <caption>
              {p.readings.length > 1
                ? `Lần lấy lúc ${dateTime(p.takenAt)}: các dòng khớp và điểm tương tác sẽ có nếu đây là số liệu chính thức`
                : 'Các dòng khớp và điểm tương tác sẽ có nếu đây là số liệu chính thức'}{' '}
              (tối đa {points(props.maxPoints)})
            </caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Dòng
                </th>
                <th scope="col">Đội thi</th>
                <th scope="col" class="num">
                  Thích
                </th>
                <th scope="col" class="num">
                  Chia sẻ
                </th>
                <th scope="col" class="num">
                  Bình luận
                </th>
                <th scope="col" class="num">
                  Điểm thô
                </th>
                <th scope="col" class="num">
                  Điểm
                </th>
                <th scope="col" class="num">
                  Hạng
                </th>
              </tr>
            </thead>
            <tbody>
              {shownRows.map((m) => {
                const e = props.entryOf.get(m.entryId);
                const pt = pointsOf.get(m.entryId);
                return (
                  <tr key={m.line}>
                    <td class="num">{m.line}</td>
                    <th scope="row">
                      {m.teamNumber}. {e?.teamName ?? ''}
                    </th>
                    <td class="num">{count(m.reactions)}</td>
                    <td class="num">{count(m.shares)}</td>
                    <td class="num">{count(m.comments)}</td>
                    <td class="num">{count(pt?.raw)}</td>
                    <td class="num strong">{points(pt?.points)}</td>
                    <td class="num">{pt?.rank ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function StandingsTable(props: {
  contest: Contest;
  standings: Standings;
  entryOf: Map<string, Entry>;
  onChanged: () => Promise<void>;
}) {
  const s = props.standings;
  const rows = [...s.entries].sort((a, b) => a.rank - b.rank || a.teamNumber - b.teamNumber);
  const snapshotTime = new Map(s.snapshots.map((x) => [x.id, x.takenAt]));
  return (
    <Section title="Bảng điểm tương tác" id="bang-diem">
      <p>
        {s.officialSnapshot ? (
          <>
            Tính từ bản số liệu chính thức lấy lúc{' '}
            <strong data-testid="official-snapshot">{dateTime(s.officialSnapshot.takenAt)}</strong>{' '}
            ({sourceLabel(s.officialSnapshot.source)}).{' '}
          </>
        ) : (
          <span class="badge badge-warn">Chưa có số liệu.</span>
        )}{' '}
        {s.interactionCutoff
          ? `Mốc chốt theo thể lệ: ${dateTime(s.interactionCutoff)} (bản cuối cùng trước mốc này là bản chính thức).`
          : 'Thể lệ không đặt mốc chốt: bản lấy sau cùng là bản chính thức.'}
      </p>
      <div class="table-wrap">
        <table data-testid="standings">
          <caption class="sr-only">Điểm tương tác theo đội thi</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Hạng
              </th>
              <th scope="col">Đội thi</th>
              <th scope="col" class="num">
                Điểm (/{points(props.contest.rules.interaction.maxPoints)})
              </th>
              <th scope="col" class="num">
                Điểm thô
              </th>
              <th scope="col" class="num">
                Thích
              </th>
              <th scope="col" class="num">
                Chia sẻ
              </th>
              <th scope="col" class="num">
                Bình luận
              </th>
              <th scope="col" class="num">
                Loại trừ
              </th>
              <th scope="col">Cảnh báo</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const e = props.entryOf.get(r.entryId);
              const active = r.exclusions.filter((x) => !x.withdrawnAt);
              return (
                <tr key={r.entryId}>
                  <td class="num">{r.counts ? r.rank : '—'}</td>
                  <th scope="row">
                    {r.teamNumber}. {e?.teamName ?? ''}
                    <div class="muted small">{e?.name}</div>
                  </th>
                  <td class="num strong">{points(r.points)}</td>
                  <td class="num">{count(r.raw)}</td>
                  <td class="num">{count(r.counts?.reactions)}</td>
                  <td class="num">{count(r.counts?.shares)}</td>
                  <td class="num">{count(r.counts?.comments)}</td>
                  <td class="num">
                    {r.excluded
                      ? `−${count(r.excluded.reactions + r.excluded.shares + r.excluded.comments)}`
                      : '—'}
                    {active.map((x) => (
                      <WithdrawExclusion
                        key={x.id}
                        contestId={props.contest.id}
                        exclusion={x}
                        onDone={props.onChanged}
                      />
                    ))}
                  </td>
                  <td>
                    <Flags flags={r.flags} snapshotTime={snapshotTime} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** Anomaly flags: one badge per kind (with a count), the messages on demand. */
function Flags(props: {
  flags: Standings['entries'][number]['flags'];
  snapshotTime: Map<string, string>;
}) {
  if (props.flags.length === 0) return <span class="muted">—</span>;
  const kinds = new Map<string, number>();
  for (const f of props.flags) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  return (
    <details class="flags">
      <summary>
        {[...kinds].map(([kind, n]) => (
          <span key={kind} class="badge badge-warn">
            {FLAG_LABELS[kind] ?? kind}
            {n > 1 ? ` ×${n}` : ''}
          </span>
        ))}
      </summary>
      <ul>
        {props.flags.map((f, i) => (
          <li key={i}>
            {f.message}{' '}
            {props.snapshotTime.has(f.snapshotId) && (
              <span class="muted">({dateTime(props.snapshotTime.get(f.snapshotId)!)})</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function WithdrawExclusion(props: {
  contestId: string;
  exclusion: Standings['entries'][number]['exclusions'][number];
  onDone: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const x = props.exclusion;
  return (
    <div class="small exclusion">
      <span title={x.reason}>
        −{count(x.reactions)} thích, −{count(x.shares)} chia sẻ: {x.reason}
      </span>
      {!open ? (
        <button type="button" class="btn btn-link" onClick={() => setOpen(true)}>
          Hủy loại trừ
        </button>
      ) : (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              await post(`/contests/${props.contestId}/interactions/exclusions/${x.id}/withdraw`, {
                reason: reason.trim(),
              });
              await props.onDone();
            });
          }}
        >
          <label>
            Lý do hủy
            <input
              value={reason}
              minLength={10}
              required
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <ApiErrorBox error={action.error} />
          <button class="btn" type="submit" disabled={action.busy}>
            Xác nhận hủy
          </button>
        </form>
      )}
    </div>
  );
}

type Metric = 'raw' | 'reactions' | 'shares' | 'comments';
const METRICS: Record<Metric, string> = {
  raw: 'điểm thô (theo trọng số của thể lệ)',
  reactions: 'lượt thích',
  shares: 'lượt chia sẻ',
  comments: 'bình luận',
};

function HistoryChart({ contest, history }: { contest: Contest; history: HistorySeries[] }) {
  const [metric, setMetric] = useState<Metric>('raw');
  const w = contest.rules.interaction.weights;
  const series: ChartSeries[] = [...history]
    .sort((a, b) => a.teamNumber - b.teamNumber)
    .map((h) => ({
      key: h.entryId,
      label: `Đội ${h.teamNumber}`,
      points: h.series.map((p) => ({
        t: Date.parse(p.takenAt),
        v:
          metric === 'raw'
            ? Math.round(p.reactions * w.reactions + p.shares * w.shares + p.comments * w.comments)
            : p[metric],
      })),
    }));
  return (
    <Section
      title="Diễn biến lượt tương tác theo thời gian"
      id="bieu-do"
      actions={
        <label class="inline-label">
          Số liệu
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value as Metric)}>
            {(Object.keys(METRICS) as Metric[]).map((m) => (
              <option key={m} value={m}>
                {METRICS[m]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <LineChart
        series={series}
        title={`Lượt tương tác theo thời gian, từng đội: ${METRICS[metric]}`}
        valueLabel={METRICS[metric]}
      />
    </Section>
  );
}

function SnapshotList({ standings }: { standings: Standings }) {
  if (!standings.snapshots.length) return null;
  return (
    <Section title="Các lần nhập số liệu" id="lan-nhap">
      <div class="table-wrap">
        <table class="compact" data-testid="snapshots">
          <thead>
            <tr>
              <th scope="col">Lấy lúc</th>
              <th scope="col">Nguồn</th>
              <th scope="col">Tệp</th>
              <th scope="col" class="num">
                Số dòng
              </th>
              <th scope="col">Nhập lúc</th>
              <th scope="col">Chính thức</th>
            </tr>
          </thead>
          <tbody>
            {[...standings.snapshots].reverse().map((s) => (
              <tr key={s.id}>
                <td>{dateTime(s.takenAt)}</td>
                <td>{sourceLabel(s.source)}</td>
                <td>
                  {s.fileName ?? '—'}
                  <div class="muted small" title={s.fileSha256}>
                    SHA-256 {s.fileSha256.slice(0, 12)}…
                  </div>
                </td>
                <td class="num">{s.rowCount}</td>
                <td>{dateTime(s.createdAt)}</td>
                <td>{s.official ? <span class="badge badge-ok">Chính thức</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function ExclusionForm(props: {
  contest: Contest;
  entries: Entry[];
  onSaved: () => Promise<void>;
}) {
  const published = props.entries
    .filter((e) => e.status === 'published')
    .sort((a, b) => a.teamNumber - b.teamNumber);
  const [entryId, setEntryId] = useState('');
  const [reactions, setReactions] = useState('');
  const [shares, setShares] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`/contests/${props.contest.id}/interactions/exclusions`, {
        entryId,
        ...(reactions.trim() ? { reactions: Number(reactions) } : {}),
        ...(shares.trim() ? { shares: Number(shares) } : {}),
        reason: reason.trim(),
      });
      setReactions('');
      setShares('');
      setReason('');
      await props.onSaved();
      return 'Đã ghi quyết định loại trừ; điểm tương tác đã được tính lại.';
    });
  };
  return (
    <details class="card">
      <summary class="strong">Loại trừ lượt tương tác không hợp lệ</summary>
      <form class="form" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['entryId', 'reactions', 'shares', 'reason']} />
        <label>
          Sản phẩm
          <select
            value={entryId}
            required
            onChange={(e) => setEntryId(e.currentTarget.value)}
            aria-describedby="ex-entry-err"
          >
            <option value="">— Chọn đội thi —</option>
            {published.map((e) => (
              <option key={e.id} value={e.id}>
                {e.teamNumber}. {e.teamName}
              </option>
            ))}
          </select>
          <FieldMsg id="ex-entry-err" message={err('entryId')} />
        </label>
        <div class="grid-2">
          <label>
            Số lượt thích loại trừ
            <input
              inputMode="numeric"
              value={reactions}
              onInput={(e) => setReactions(e.currentTarget.value)}
              aria-describedby="ex-r-err"
            />
            <FieldMsg id="ex-r-err" message={err('reactions')} />
          </label>
          <label>
            Số lượt chia sẻ loại trừ
            <input
              inputMode="numeric"
              value={shares}
              onInput={(e) => setShares(e.currentTarget.value)}
              aria-describedby="ex-s-err"
            />
            <FieldMsg id="ex-s-err" message={err('shares')} />
          </label>
        </div>
        <label>
          Lý do (ghi vào nhật ký, 10-2000 ký tự)
          <textarea
            value={reason}
            required
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-describedby="ex-reason-err"
          />
          <FieldMsg id="ex-reason-err" message={err('reason')} />
        </label>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Ghi loại trừ
        </button>
      </form>
    </details>
  );
}
