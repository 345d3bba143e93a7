import { useEffect, useRef, useState } from 'preact/hooks';
import { useAnnounce } from '../../components/announcer';
import { fetchBlob, saveBlob } from '../../files';
import { bytes, duration } from '../../format';
import { fieldId, type FileSummary, type UploadKind } from './model';
import { DirectTeamUpload, storageMode } from './direct-upload';
import {
  discardUnfinished,
  findUnfinished,
  type RememberedUpload,
  TeamUpload,
  type UploadView,
} from './upload';
import { percent, UploadProgress } from './UploadProgress';

interface Props {
  kind: UploadKind;
  number: number;
  contestId: string;
  userId: string;
  current: FileSummary | null;
  /** Null when the team may upload; otherwise why not. */
  lockedReason: string | null;
  /** The server said this file is missing (failed submission). */
  missing: string | null;
  videoRules?: { minSeconds: number | null; maxSeconds: number | null };
  onUploaded: () => Promise<void> | void;
  onBusyChange: (kind: UploadKind, busy: boolean) => void;
}

const TEXT = {
  video: {
    title: 'Video clip',
    pick: 'Chọn tệp video',
    replace: 'Chọn video khác để thay thế',
    accept: 'video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.mov,.webm,.mkv',
    formats: 'MP4, MOV, WEBM hoặc MKV',
  },
  outline: {
    title: 'Đề cương hoàn chỉnh',
    pick: 'Chọn tệp đề cương',
    replace: 'Chọn đề cương khác để thay thế',
    accept:
      'application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,.pdf,.docx,.doc',
    formats: 'PDF, DOCX hoặc DOC',
  },
} as const;

const TYPE_NAMES: Record<string, string> = {
  mp4: 'Video MP4',
  mov: 'Video QuickTime (MOV)',
  webm: 'Video WebM',
  mkv: 'Video Matroska (MKV)',
  pdf: 'Tài liệu PDF',
  docx: 'Tài liệu Word (DOCX)',
  doc: 'Tài liệu Word 97-2003 (DOC)',
};

/** 300 → "5 phút", 90 → "1 phút 30 giây". */
function minutes(seconds: number): string {
  return seconds % 60 === 0 && seconds >= 60 ? `${seconds / 60} phút` : duration(seconds);
}

/** One file of the entry: what is stored now, and the resumable upload of a new one. */
export function FileUpload(props: Props) {
  const { kind, contestId, userId } = props;
  const text = TEXT[kind];
  const [view, setView] = useState<UploadView | null>(null);
  const [remembered, setRemembered] = useState<RememberedUpload | null>(null);
  const [announce, setAnnounce] = useState('');
  const [finished, setFinished] = useState<string | null>(null);
  const job = useRef<TeamUpload | DirectTeamUpload | null>(null);
  const lastDecile = useRef(-1);
  const input = useRef<HTMLInputElement>(null);
  const headingId = `tp-${kind}-title`;
  const helpId = `tp-${kind}-help`;
  const errorId = `tp-${kind}-error`;
  // the unfinished upload found after a reload is said through the app's live region
  const rememberedNote = useRef<HTMLParagraphElement>(null);
  const showRemembered = !!remembered && !view && !props.lockedReason;
  useAnnounce(showRemembered && remembered, () => rememberedNote.current?.innerText);

  // An unfinished upload from before a reload: tell the team to pick the same file again.
  useEffect(() => {
    let live = true;
    void findUnfinished(userId, contestId, kind).then((r) => live && setRemembered(r));
    return () => {
      live = false;
      job.current?.dispose();
    };
  }, [userId, contestId, kind]);

  const busy =
    view !== null &&
    ['checking', 'uploading', 'retrying', 'paused', 'offer-resume'].includes(view.phase);
  useEffect(() => props.onBusyChange(kind, busy), [busy]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    job.current?.dispose();
    lastDecile.current = -1;
    setRemembered(null);
    setFinished(null);
    // files in an S3 bucket: the parts go straight there; otherwise tus through the server
    const Upload = (await storageMode()) === 's3' ? DirectTeamUpload : TeamUpload;
    const upload = new Upload(file, {
      contestId,
      userId,
      kind,
      onChange: (v) => {
        setView(v);
        // Screen readers hear every 10 %, not every progress event.
        const decile = Math.floor((v.sent / (v.total || 1)) * 10);
        if (v.phase === 'uploading' && decile !== lastDecile.current) {
          lastDecile.current = decile;
          setAnnounce(`Đã tải lên ${decile * 10}%`);
        }
      },
      onDone: () => {
        void Promise.resolve(props.onUploaded()).finally(() => {
          job.current = null;
          setView(null);
          setFinished(file.name);
          setAnnounce(`Đã tải lên xong ${file.name}.`);
        });
      },
    });
    job.current = upload;
    void upload.begin();
    if (input.current) input.current.value = '';
  };

  // The stored file, under the name the team gave it (a failure leaves the page as it is).
  const download = (file: FileSummary) =>
    fetchBlob(`/contests/${contestId}/uploads/${file.id}/content`)
      .then(({ blob }) => saveBlob(blob, file.downloadName))
      .catch(() => undefined);

  const rules = props.videoRules;
  const lengthHint =
    kind === 'video' && rules && (rules.minSeconds || rules.maxSeconds)
      ? rules.minSeconds && rules.maxSeconds
        ? `; thời lượng từ ${minutes(rules.minSeconds)} đến ${minutes(rules.maxSeconds)}`
        : rules.maxSeconds
          ? `; thời lượng tối đa ${minutes(rules.maxSeconds)}`
          : `; thời lượng tối thiểu ${minutes(rules.minSeconds!)}`
      : '';
  const current = props.current;
  // "Chưa tải lên …" from a refused submission is stale once a file is on its way.
  const missing = !current && !busy ? props.missing : null;

  return (
    <section
      class="card tp-section tp-file"
      aria-labelledby={headingId}
      id={fieldId(kind)}
      tabIndex={-1}
    >
      <h2 id={headingId}>
        <span class="tp-step" aria-hidden="true">
          {props.number}
        </span>
        {text.title}
      </h2>
      <p class="muted tp-hint" id={helpId}>
        Định dạng {text.formats}
        {lengthHint}. Định dạng được xác định theo nội dung tệp. Tệp lớn được tải lên từng phần: nếu
        mất mạng, hệ thống tự tải tiếp từ chỗ đã dừng.
      </p>
      {missing && (
        <p class="field-error" id={errorId}>
          {missing}
        </p>
      )}

      {current ? (
        <div class="tp-stored" data-testid={`${kind}-stored`}>
          <span class="tp-stored-icon" aria-hidden="true">
            {kind === 'video' ? '▶' : '✎'}
          </span>
          <div class="tp-stored-body">
            <p class="tp-stored-name">{current.originalName}</p>
            <p class="muted small">
              {bytes(current.size)}
              {' · '}
              {TYPE_NAMES[current.detectedType ?? ''] ??
                current.detectedType ??
                'Không rõ định dạng'}
              {current.durationSeconds ? ` · ${duration(current.durationSeconds)}` : ''}
              {current.sha256 ? (
                <>
                  {' · mã kiểm tra '}
                  <code title={`SHA-256: ${current.sha256}`}>{current.sha256.slice(0, 12)}</code>
                </>
              ) : null}
            </p>
          </div>
          <button
            type="button"
            class="btn btn-link tp-stored-get"
            onClick={() => void download(current)}
          >
            Tải về để kiểm tra
          </button>
        </div>
      ) : (
        !view && <p class="tp-empty">Chưa có tệp.</p>
      )}

      {showRemembered && (
        <div class="alert tp-remembered">
          <p ref={rememberedNote}>
            Tệp <strong>{remembered.fileName}</strong> đang tải dở: đã lên{' '}
            {percent(remembered.offset, remembered.size)} ({bytes(remembered.offset)} /{' '}
            {bytes(remembered.size)}). Chọn lại đúng tệp này để tiếp tục từ chỗ đã dừng.
          </p>
          <button
            type="button"
            class="btn btn-link"
            onClick={() => {
              void discardUnfinished(contestId, remembered);
              setRemembered(null);
            }}
          >
            Bỏ tệp tải dở
          </button>
        </div>
      )}

      {finished && !props.lockedReason && (
        // (said by the upload's own live region below, "Đã tải lên xong …")
        <p class="alert alert-ok tp-finished">
          Đã tải lên xong tệp <strong>{finished}</strong>.
        </p>
      )}

      {view && !(props.lockedReason && (view.phase === 'error' || view.phase === 'done')) && (
        <UploadProgress
          view={view}
          job={job.current}
          kind={kind}
          onCancel={() => {
            void job.current?.cancel();
            job.current = null;
            setView(null);
          }}
          onDismiss={() => {
            job.current?.dispose();
            job.current = null;
            setView(null);
          }}
        />
      )}

      <p class="visually-hidden" aria-live="polite">
        {announce}
      </p>

      {props.lockedReason ? (
        <p class="muted small">{props.lockedReason}</p>
      ) : busy ? null : (
        <div class="tp-pick-row">
          <label class={`btn ${current ? '' : 'btn-primary'} tp-pick`}>
            <span aria-hidden="true">⇪ </span>
            {current ? text.replace : text.pick}
            <input
              ref={input}
              type="file"
              class="visually-hidden"
              accept={text.accept}
              aria-describedby={missing ? `${helpId} ${errorId}` : helpId}
              aria-invalid={missing ? true : undefined}
              onChange={(e) => void choose(e.currentTarget.files?.[0])}
            />
          </label>
          {current && (
            <span class="muted small">Tệp mới sẽ thay thế tệp hiện tại khi tải xong.</span>
          )}
        </div>
      )}
    </section>
  );
}
