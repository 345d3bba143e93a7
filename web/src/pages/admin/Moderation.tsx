import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, put } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { bytes, dateTime, duration } from '../../format';
import { useLoad } from '../../hooks';
import {
  ApiErrorBox,
  download,
  ENTRY_STATUS_LABELS,
  fetchBlob,
  FieldMsg,
  fieldError,
  OkBox,
  Section,
  SectionProps,
  statusLabel,
  useAction,
} from './lib';
import type { Contest, Entry, ModerationItem } from './types';

const FIELD_LABELS: Record<string, string> = {
  name: 'Tên gọi',
  context: 'Bối cảnh ra đời',
  implementation: 'Quá trình triển khai áp dụng',
  benefits: 'Lợi ích mang lại',
};

/** Reasons organisers give most often; any other can be typed. */
const COMMON_REASONS = [
  'Video chưa nêu rõ lợi ích của mô hình.',
  'Đề cương chưa đầy đủ các phần theo thể lệ.',
  'Thời lượng video không đúng quy định.',
  'Mô hình trùng với mô hình đã áp dụng trước ngày chốt.',
];

/**
 * Moderation (kiểm duyệt): the queue with each entry's checklist, its video and outline,
 * approve or return with reasons; then publication: each approved entry's post address on
 * the fanpage and "publish all" at one common instant.
 */
export function Moderation({ contest, reloadContest }: SectionProps) {
  const { data, error, loading, reload } = useLoad(async () => {
    const [queue, entries] = await Promise.all([
      get<ModerationItem[]>(`/contests/${contest.id}/moderation`),
      get<Entry[]>(`/contests/${contest.id}/entries`),
    ]);
    return { queue, entries };
  }, [contest.id]);
  if (!data) return loading ? <Loading /> : <ErrorBox error={error} />;
  const approved = data.entries.filter((e) => e.status === 'approved');
  const published = data.entries.filter((e) => e.status === 'published');
  const returned = data.entries.filter((e) => e.status === 'returned');
  const drafts = data.entries.filter((e) => e.status === 'draft');
  return (
    <>
      <ErrorBox error={error} />
      <Section title={`Hàng chờ kiểm duyệt (${data.queue.length})`} id="hang-cho">
        {contest.status !== 'moderation' && (
          <p class="alert">
            Hội thi đang ở bước “{statusLabel(contest.status)}”. Kiểm duyệt diễn ra ở bước “Kiểm
            duyệt”; sản phẩm nộp sớm vẫn hiện ở đây.
          </p>
        )}
        {data.queue.length === 0 ? (
          <p class="muted">Không có sản phẩm nào chờ kiểm duyệt.</p>
        ) : (
          <ul class="cards moderation-list">
            {data.queue.map((item) => (
              <ModerationCard key={item.id} contest={contest} item={item} onDone={reload} />
            ))}
          </ul>
        )}
        {drafts.length > 0 && (
          <p class="muted small">
            {drafts.length} đội chưa nộp sản phẩm:{' '}
            {drafts.map((d) => `đội ${d.teamNumber}`).join(', ')}.
          </p>
        )}
      </Section>
      {returned.length > 0 && (
        <Section title={`Đã trả lại, chờ đội nộp lại (${returned.length})`} id="tra-lai">
          <ul>
            {returned.map((e) => (
              <li key={e.id}>
                <strong>
                  Đội {e.teamNumber}. {e.teamName}
                </strong>
                : {e.returnReasons.join(' ')}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Publication
        contest={contest}
        approved={approved}
        published={published}
        onChanged={async () => {
          await reload();
          await reloadContest();
        }}
      />
    </>
  );
}

function ModerationCard(props: { contest: Contest; item: ModerationItem; onDone: () => void }) {
  const { item, contest } = props;
  const c = item.checklist;
  const [mode, setMode] = useState<'idle' | 'approve' | 'return'>('idle');
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();
  const base = `/contests/${contest.id}/entries/${item.id}`;
  const ready = c.videoReady && c.outlineReady && c.infoComplete;
  const { minSeconds, maxSeconds } = contest.rules.video;
  const limits =
    minSeconds !== null || maxSeconds !== null
      ? `${minSeconds !== null ? duration(minSeconds) : '0'} – ${maxSeconds !== null ? duration(maxSeconds) : 'không giới hạn'}`
      : 'không quy định';
  const approve = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`${base}/approve`, note.trim() ? { note: note.trim() } : {});
      props.onDone();
    });
  };
  const sendBack = (e: Event) => {
    e.preventDefault();
    const reasons = [
      ...picked,
      ...other
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
    ];
    if (reasons.length === 0) {
      setLocalError('Cần ít nhất một lý do trả lại.');
      return;
    }
    if (reasons.some((r) => r.length < 3)) {
      setLocalError('Mỗi lý do cần ít nhất 3 ký tự.');
      return;
    }
    setLocalError(null);
    void action.run(async () => {
      await post(`${base}/return`, { reasons });
      props.onDone();
    });
  };
  const headingId = `mod-${item.id}`;
  return (
    <li class="card moderation-item" aria-labelledby={headingId} data-team={item.teamNumber}>
      <div class="section-head">
        <h3 id={headingId}>
          Đội {item.teamNumber}. {item.teamName}
        </h3>
        <span class="badge badge-warn">{ENTRY_STATUS_LABELS[item.status]}</span>
      </div>
      <p>
        <strong>{item.name || '(chưa đặt tên)'}</strong>
        {item.category && <span class="muted"> · {item.category}</span>}
        {item.submittedAt && (
          <span class="muted small"> · nộp lúc {dateTime(item.submittedAt)}</span>
        )}
      </p>
      <div class="moderation-grid">
        <div>
          <h4>Danh mục kiểm tra</h4>
          <ul class="checklist">
            <Check ok={c.videoReady} label="Video clip">
              {item.video
                ? `${item.video.originalName}, ${bytes(item.video.size)}${item.video.durationSeconds ? `, ${duration(item.video.durationSeconds)}` : ''}`
                : 'chưa có'}
            </Check>
            <Check ok={c.outlineReady} label="Đề cương">
              {item.outline
                ? `${item.outline.originalName}, ${bytes(item.outline.size)}`
                : 'chưa có'}
            </Check>
            <Check ok={c.infoComplete} label="Thông tin đầy đủ">
              {c.infoComplete
                ? 'đủ tên gọi, bối cảnh, triển khai, lợi ích'
                : `thiếu: ${c.missing.map((m) => FIELD_LABELS[m] ?? m).join(', ')}`}
            </Check>
            <Check ok={c.originalityDeclared} label="Cam kết tính mới">
              {c.originalityDeclared ? 'đã cam kết' : 'chưa cam kết'}
            </Check>
            <Check ok={c.withinLength} label="Thời lượng video">
              {c.withinLength === null
                ? `chưa xác định được (quy định: ${limits})`
                : `quy định ${limits}`}
            </Check>
            <Check ok={!c.duplicateFlag && c.sameFileAs.length === 0} label="Không trùng lặp">
              {c.duplicateFlag
                ? `đánh dấu trùng: ${c.duplicateFlag}`
                : c.sameFileAs.length
                  ? c.sameFileAs
                      .map(
                        (s) =>
                          `${s.kind === 'video' ? 'video' : 'đề cương'} giống hệt tệp của đội ${s.teamNumber}`,
                      )
                      .join('; ')
                  : 'không thấy tệp trùng'}
            </Check>
          </ul>
          {item.returnReasons.length > 0 && (
            <p class="small muted">Lần trước bị trả lại vì: {item.returnReasons.join(' ')}</p>
          )}
        </div>
        <div>
          {item.video && (
            <VideoPreview
              path={`/contests/${contest.id}/uploads/${item.video.id}/content`}
              name={item.video.downloadName}
              label={`Video của đội ${item.teamNumber}`}
            />
          )}
          {item.outline && (
            <DownloadButton
              path={`/contests/${contest.id}/uploads/${item.outline.id}/content`}
              name={item.outline.downloadName}
              label="Tải đề cương"
            />
          )}
        </div>
      </div>
      <details>
        <summary>Nội dung mô hình</summary>
        <dl class="facts">
          <dt>Bối cảnh ra đời</dt>
          <dd class="prewrap">{item.context || '—'}</dd>
          <dt>Quá trình triển khai áp dụng</dt>
          <dd class="prewrap">{item.implementation || '—'}</dd>
          <dt>Lợi ích mang lại</dt>
          <dd class="prewrap">{item.benefits || '—'}</dd>
        </dl>
      </details>
      <ApiErrorBox error={action.error} />
      {localError && (
        <div class="alert alert-error" role="alert">
          {localError}
        </div>
      )}
      {mode === 'idle' && (
        <p class="actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={!ready}
            title={ready ? undefined : 'Còn thiếu tệp hoặc thông tin'}
            onClick={() => setMode('approve')}
          >
            Duyệt…
          </button>
          <button type="button" class="btn btn-danger" onClick={() => setMode('return')}>
            Trả lại…
          </button>
        </p>
      )}
      {mode === 'approve' && (
        <form class="confirm-box form form-wide" onSubmit={approve}>
          <label>
            Ghi chú khi duyệt (không bắt buộc)
            <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <p class="actions">
            <button class="btn btn-primary" type="submit" disabled={action.busy}>
              Xác nhận duyệt đội {item.teamNumber}
            </button>
            <button class="btn" type="button" onClick={() => setMode('idle')}>
              Hủy
            </button>
          </p>
        </form>
      )}
      {mode === 'return' && (
        <form class="confirm-box form form-wide" onSubmit={sendBack}>
          <fieldset>
            <legend>Lý do trả lại (chọn hoặc ghi thêm; đội thi sẽ thấy)</legend>
            {COMMON_REASONS.map((r) => (
              <label class="check" key={r}>
                <input
                  type="checkbox"
                  checked={picked.includes(r)}
                  onChange={(e) =>
                    setPicked(
                      e.currentTarget.checked ? [...picked, r] : picked.filter((x) => x !== r),
                    )
                  }
                />
                {r}
              </label>
            ))}
            <label>
              Lý do khác (mỗi dòng một lý do)
              <textarea value={other} onInput={(e) => setOther(e.currentTarget.value)} />
            </label>
          </fieldset>
          <p class="actions">
            <button class="btn btn-danger" type="submit" disabled={action.busy}>
              Xác nhận trả lại đội {item.teamNumber}
            </button>
            <button class="btn" type="button" onClick={() => setMode('idle')}>
              Hủy
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

function Check(props: { ok: boolean | null; label: string; children: string }) {
  const state = props.ok === null ? 'unknown' : props.ok ? 'ok' : 'bad';
  const word = props.ok === null ? 'chưa rõ' : props.ok ? 'đạt' : 'chưa đạt';
  return (
    <li class={`check-${state}`}>
      <span class="check-icon" aria-hidden="true">
        {props.ok === null ? '?' : props.ok ? '✓' : '✗'}
      </span>
      <span>
        <strong>{props.label}</strong> <span class="sr-only">({word})</span>: {props.children}
      </span>
    </li>
  );
}

/**
 * The file server takes the bearer token only in a header, which a <video src> cannot send
 * for an entry that is not public yet: the console fetches the file with the token and plays
 * it from memory. If the browser refuses that (content security policy), it offers the file.
 */
function VideoPreview(props: { path: string; name: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const action = useAction();
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (!url)
    return (
      <div class="video-box">
        <button
          type="button"
          class="btn"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const res = await fetchBlob(props.path);
              setUrl(URL.createObjectURL(res.blob));
            })
          }
        >
          {action.busy ? 'Đang tải video…' : `Xem video (${props.name})`}
        </button>
        <ApiErrorBox error={action.error} />
      </div>
    );
  return (
    <div class="video-box">
      <video
        controls
        preload="metadata"
        src={url}
        aria-label={props.label}
        onError={() => setFailed(true)}
      />
      {failed && (
        <p class="alert small" role="status">
          Trình duyệt không phát được video này tại đây.{' '}
          <button
            type="button"
            class="btn btn-link"
            onClick={() => {
              const a = document.createElement('a');
              a.href = url;
              a.download = props.name;
              a.click();
            }}
          >
            Lưu video về máy để xem
          </button>
        </p>
      )}
    </div>
  );
}

function DownloadButton(props: { path: string; name: string; label: string }) {
  const action = useAction();
  return (
    <p>
      <button
        type="button"
        class="btn"
        disabled={action.busy}
        onClick={() => void action.run(() => download(props.path, props.name))}
      >
        {props.label} ({props.name})
      </button>
      <ApiErrorBox error={action.error} />
    </p>
  );
}

function Publication(props: {
  contest: Contest;
  approved: Entry[];
  published: Entry[];
  onChanged: () => Promise<void>;
}) {
  const { contest, approved, published } = props;
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const missing = approved.filter((e) => !e.postUrl);
  const publishAll = () =>
    void action.run(async () => {
      const res = await post<{ publishedAt: string; published: number }>(
        `/contests/${contest.id}/publish-all`,
      );
      setConfirming(false);
      await props.onChanged();
      return `Đã đăng tải đồng loạt ${res.published} sản phẩm lúc ${dateTime(res.publishedAt)}.`;
    });
  const rowError = (id: string) =>
    action.error instanceof ApiError
      ? action.error.details.find((d) => d.field === `entries.${id}.postUrl`)?.message
      : undefined;
  return (
    <Section title="Đăng tải đồng loạt lên fanpage" id="dang-tai">
      <p>
        Fanpage của hội thi:{' '}
        {contest.fanpageUrl ? (
          <a href={contest.fanpageUrl} target="_blank" rel="noopener noreferrer">
            {contest.fanpageUrl}
          </a>
        ) : (
          <span class="badge badge-danger">chưa nhập (mục Thiết lập)</span>
        )}
        . Nhập địa chỉ bài đăng của từng sản phẩm đã duyệt, rồi đăng tải tất cả cùng một thời điểm.
      </p>
      <OkBox message={action.ok} />
      {approved.length === 0 ? (
        <p class="muted">Chưa có sản phẩm nào đã duyệt chờ đăng tải.</p>
      ) : (
        <ul class="post-list">
          {approved.map((e) => (
            <PostUrlRow
              key={e.id}
              contest={contest}
              entry={e}
              publishError={rowError(e.id)}
              onSaved={props.onChanged}
            />
          ))}
        </ul>
      )}
      {contest.status === 'moderation' && approved.length > 0 && (
        <div class="commit-bar">
          <ApiErrorBox error={action.error} />
          {!confirming ? (
            <button
              type="button"
              class="btn btn-primary"
              disabled={missing.length > 0}
              onClick={() => setConfirming(true)}
            >
              Đăng tải đồng loạt ({approved.length} sản phẩm)…
            </button>
          ) : (
            <div class="confirm-box">
              <p>
                Đăng tải <strong>{approved.length}</strong> sản phẩm cùng lúc; hội thi chuyển sang
                bước “{statusLabel('published')}”. Sản phẩm chưa duyệt sẽ không được đăng.
              </p>
              <p class="actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={action.busy}
                  onClick={publishAll}
                >
                  Xác nhận đăng tải đồng loạt
                </button>
                <button type="button" class="btn" onClick={() => setConfirming(false)}>
                  Hủy
                </button>
              </p>
            </div>
          )}
          {missing.length > 0 && (
            <span class="muted">Còn {missing.length} sản phẩm chưa có địa chỉ bài đăng.</span>
          )}
        </div>
      )}
      {published.length > 0 && (
        <>
          <h3>Đã đăng tải ({published.length})</h3>
          <div class="table-wrap">
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">Đội thi</th>
                  <th scope="col">Bài đăng</th>
                  <th scope="col">Đăng lúc</th>
                </tr>
              </thead>
              <tbody>
                {published.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {e.teamNumber}. {e.teamName}
                    </th>
                    <td class="break">
                      {e.postUrl && (
                        <a href={e.postUrl} target="_blank" rel="noopener noreferrer">
                          {e.postUrl}
                        </a>
                      )}
                    </td>
                    <td>{e.publishedAt ? dateTime(e.publishedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function PostUrlRow(props: {
  contest: Contest;
  entry: Entry;
  publishError?: string;
  onSaved: () => Promise<void>;
}) {
  const { entry } = props;
  const [value, setValue] = useState(entry.postUrl ?? '');
  const action = useAction();
  const inputId = `post-${entry.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await put(`/contests/${props.contest.id}/entries/${entry.id}/post-url`, {
        postUrl: value.trim(),
      });
      await props.onSaved();
      return 'Đã lưu.';
    });
  };
  const message = fieldError(action.error, 'postUrl') ?? props.publishError;
  return (
    <li>
      <form class="post-row" onSubmit={save}>
        <label for={inputId}>
          Đội {entry.teamNumber}. {entry.teamName}
          {entry.postUrl ? (
            <span class="badge badge-ok">đã có địa chỉ</span>
          ) : (
            <span class="badge badge-warn">chưa có địa chỉ</span>
          )}
        </label>
        <div class="post-input">
          <input
            id={inputId}
            type="url"
            value={value}
            placeholder={`${props.contest.fanpageUrl ?? 'https://www.facebook.com/…'}/posts/…`}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-describedby={`${inputId}-err`}
            aria-invalid={message ? true : undefined}
          />
          <button class="btn" type="submit" disabled={action.busy || !value.trim()}>
            Lưu địa chỉ
          </button>
        </div>
        <FieldMsg id={`${inputId}-err`} message={message} />
        {!message && <ApiErrorBox error={action.error} inline={['postUrl']} />}
        {action.ok && (
          <span class="small ok-text" role="status">
            {action.ok}
          </span>
        )}
      </form>
    </li>
  );
}
