import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ApiError, get, post } from '../../../api';
import { fieldError, TextAreaField } from '../../../components/Field';
import { ApiErrorBox, OkBox, ProblemBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { statusBadgeOf } from '../../../components/StatusBadge';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBox, Link } from '../../../components/ui';
import { dateTime } from '../../../format';
import { useAction } from '../../../hooks';
import { download } from '../../../files';
import type {
  Contest,
  FrozenVersion,
  ResultsComputation,
  ResultsVersionRow,
  VersionStatus,
} from '../types';

const VersionBadge = statusBadgeOf<VersionStatus>({
  frozen: { label: 'Đã chốt, chờ phê duyệt', tone: 'warn' },
  published: { label: 'Đang công bố', tone: 'ok' },
  superseded: { label: 'Đã được thay thế', tone: 'neutral' },
  rejected: { label: 'Bị từ chối', tone: 'danger' },
});

const DOCUMENTS = [
  ['results.xlsx', 'Bảng điểm đầy đủ (Excel)'],
  ['ranking.csv', 'Bảng xếp hạng (CSV)'],
  ['minutes.pdf', 'Biên bản kết quả (PDF)'],
  ['results-list.pdf', 'Danh sách đạt giải (PDF)'],
  ['certificates.pdf', 'Giấy chứng nhận (PDF)'],
] as const;

/** Freezing: the figures of now become a version with its SHA-256 fingerprint. */
export function Freeze(props: {
  contest: Contest;
  computation: ResultsComputation;
  versions: ResultsVersionRow[];
  onFrozen: () => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const published = props.versions.some((v) => v.status === 'published');
  const pending = props.versions.find((v) => v.status === 'frozen');
  const blocking = props.computation.problems.filter((p) => p.blocking).length;
  const next = (props.versions.at(-1)?.version ?? 0) + 1;
  // Freezing cannot succeed while a version waits or a problem blocks it: the button says why.
  const why = pending
    ? `Phiên bản ${pending.version} đang chờ phê duyệt: phê duyệt hoặc từ chối trước khi chốt phiên bản mới.`
    : blocking > 0
      ? `Chưa chốt được: còn ${blocking} vấn đề chặn việc chốt (xem “Việc cần xử lý trước khi chốt” phía trên).`
      : null;
  const ask = (e: Event) => {
    e.preventDefault();
    if (!why) setConfirming(true);
  };
  const submit = () => {
    setConfirming(false);
    void action.run(async () => {
      const v = await post<FrozenVersion>(
        `/contests/${props.contest.id}/results/freeze`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      setReason('');
      await props.onFrozen();
      return `Đã chốt phiên bản ${v.version} (mã kiểm tra ${v.fingerprint.slice(0, 12)}…). Cần một thành viên Ban tổ chức khác phê duyệt để công bố.`;
    });
  };
  return (
    <Section title="Chốt kết quả" id="chot">
      <p class="small">
        Chốt lưu lại toàn bộ số liệu hiện tại thành một phiên bản mới kèm mã kiểm tra SHA-256; phiên
        bản được công bố khi một thành viên Ban tổ chức <strong>khác</strong> phê duyệt.
      </p>
      <form class="form" onSubmit={ask}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['reason']} />
        {published && (
          <TextAreaField
            id="freeze-reason"
            label="Lý do đính chính (bắt buộc khi kết quả đã công bố)"
            error={fieldError(action.error, 'reason')}
            value={reason}
            required
            onValue={setReason}
          />
        )}
        {why && (
          <p class="alert" id="freeze-why" data-testid="freeze-why">
            {why}
          </p>
        )}
        <button
          class="btn btn-primary"
          type="submit"
          disabled={action.busy || !!why}
          aria-describedby={why ? 'freeze-why' : undefined}
        >
          {published ? 'Chốt phiên bản đính chính' : 'Chốt kết quả'}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={published ? 'Chốt phiên bản đính chính?' : 'Chốt kết quả?'}
        confirm={`Xác nhận chốt phiên bản ${next}`}
        busy={action.busy}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      >
        <p>
          Toàn bộ điểm, thứ hạng và giải hiện tại được lưu thành <strong>phiên bản {next}</strong>{' '}
          kèm mã kiểm tra SHA-256. Phiên bản đã chốt <strong>không sửa được</strong>: muốn thay đổi
          phải từ chối rồi chốt phiên bản mới.
        </p>
        <p>
          Kết quả chỉ được công bố khi một thành viên Ban tổ chức <strong>khác</strong> phê duyệt;
          bạn sẽ không tự phê duyệt được phiên bản này.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

/** Every frozen version, newest first, with the four-eyes approval and its documents. */
export function Versions(props: {
  contest: Contest;
  versions: ResultsVersionRow[] | null;
  error: unknown;
  onChanged: () => Promise<void>;
}) {
  const { contest, versions } = props;
  return (
    <Section title="Các phiên bản kết quả" id="phien-ban">
      <ErrorBox error={props.error} />
      {versions && versions.length === 0 && (
        <EmptyState>Chưa có phiên bản nào được chốt.</EmptyState>
      )}
      {versions && versions.length > 0 && (
        <ul class="cards versions" data-testid="versions">
          {[...versions].reverse().map((v) => (
            <VersionCard key={v.version} contest={contest} v={v} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function VersionCard(props: {
  contest: Contest;
  v: ResultsVersionRow;
  onChanged: () => Promise<void>;
}) {
  const { contest, v } = props;
  const base = `/contests/${contest.id}/results/versions/${v.version}`;
  const approve = useAction();
  const reject = useAction();
  const verify = useAction();
  const docs = useAction();
  const [rejecting, setRejecting] = useState(false);
  const fourEyes = approve.error instanceof ApiError && approve.error.code === 'FOUR_EYES_REQUIRED';
  // Four eyes: the organiser who froze a version cannot approve it; say so before any click.
  const mine = v.status === 'frozen' && v.frozenByYou;
  return (
    <li class="card version" data-version={v.version}>
      <div class="section-head">
        <h3>Phiên bản {v.version}</h3>
        <VersionBadge status={v.status as VersionStatus} />
      </div>
      <VersionFacts v={v} />
      {fourEyes ? (
        <ProblemBox
          message={approve.error instanceof ApiError ? approve.error.message : null}
          testId="four-eyes"
        >
          <p>
            Nguyên tắc “bốn mắt”: phiên bản {v.version} do <strong>{v.frozenBy}</strong> chốt, nên
            phải do một tài khoản Ban tổ chức khác đăng nhập và phê duyệt.
          </p>
        </ProblemBox>
      ) : (
        <ApiErrorBox error={approve.error} />
      )}
      <OkBox message={approve.ok ?? reject.ok ?? verify.ok} />
      <ApiErrorBox error={reject.error ?? verify.error} inline={rejecting ? ['reason'] : []} />
      {mine && (
        <p class="alert" id={`own-${v.version}`} data-testid="four-eyes-own">
          Bạn đã chốt phiên bản này nên không tự phê duyệt được (nguyên tắc “bốn mắt”): cần một
          thành viên Ban tổ chức khác đăng nhập và phê duyệt.
        </p>
      )}
      {v.status === 'frozen' && !rejecting && (
        <p class="actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={approve.busy || mine}
            aria-describedby={mine ? `own-${v.version}` : undefined}
            onClick={() =>
              void approve.run(async () => {
                await post(`${base}/approve`);
                await props.onChanged();
                return `Đã phê duyệt và công bố phiên bản ${v.version}.`;
              })
            }
          >
            Phê duyệt và công bố
          </button>
          <button
            type="button"
            class="btn btn-danger"
            onClick={() => {
              approve.reset();
              setRejecting(true);
            }}
          >
            Từ chối…
          </button>
        </p>
      )}
      {rejecting && (
        <RejectForm
          version={v.version}
          action={reject}
          onReject={async (reason) => {
            await post(`${base}/reject`, { reason });
            setRejecting(false);
            await props.onChanged();
          }}
          onCancel={() => setRejecting(false)}
        />
      )}
      {v.status !== 'rejected' && (
        <>
          <p class="actions">
            <button
              type="button"
              class="btn btn-small"
              disabled={verify.busy}
              onClick={() =>
                void verify.run(async () => {
                  const r = await get<{ matches: boolean; storedDocumentMatches: boolean }>(
                    `${base}/verify`,
                  );
                  if (!r.storedDocumentMatches)
                    throw new Error('Tài liệu đã lưu không khớp mã kiểm tra!');
                  return r.matches
                    ? 'Tính lại từ dữ liệu hiện tại cho đúng mã kiểm tra của phiên bản này.'
                    : 'Dữ liệu đã thay đổi sau khi chốt: tính lại cho mã kiểm tra khác.';
                })
              }
            >
              Kiểm tra lại mã
            </button>
            {(v.status === 'published' || v.status === 'superseded') && (
              <Link href={`/c/${contest.slug}/ket-qua`}>Trang kết quả công khai</Link>
            )}
          </p>
          <div class="doc-buttons" role="group" aria-label={`Tài liệu phiên bản ${v.version}`}>
            {DOCUMENTS.map(([kind, label]) => (
              <button
                key={kind}
                type="button"
                class="btn btn-small"
                disabled={docs.busy}
                onClick={() =>
                  void docs.run(() =>
                    download(`${base}/documents/${kind}`, `ket-qua-v${v.version}-${kind}`),
                  )
                }
              >
                {label}
              </button>
            ))}
          </div>
          <ApiErrorBox error={docs.error} />
        </>
      )}
    </li>
  );
}

function VersionFacts({ v }: { v: ResultsVersionRow }) {
  return (
    <dl class="facts">
      <dt>Mã kiểm tra (SHA-256)</dt>
      <dd>
        <code>{v.fingerprint}</code>
      </dd>
      <dt>Chốt</dt>
      <dd>
        {v.frozenBy ?? '—'}, {dateTime(v.frozenAt)}
      </dd>
      {v.publishedAt && (
        <>
          <dt>Công bố</dt>
          <dd>
            {v.approvedBy ?? '—'} phê duyệt, {dateTime(v.publishedAt)}
          </dd>
        </>
      )}
      {v.correctionReason && (
        <>
          <dt>Lý do đính chính</dt>
          <dd>{v.correctionReason}</dd>
        </>
      )}
      {v.rejectionReason && (
        <>
          <dt>Lý do từ chối</dt>
          <dd>{v.rejectionReason}</dd>
        </>
      )}
    </dl>
  );
}

function RejectForm(props: {
  version: number;
  action: ReturnType<typeof useAction>;
  onReject: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const { action } = props;
  return (
    <form
      class="confirm-box form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await props.onReject(reason.trim());
          return `Đã từ chối phiên bản ${props.version}.`;
        });
      }}
    >
      <TextAreaField
        id={`reject-${props.version}`}
        label="Lý do từ chối (10-2000 ký tự)"
        error={fieldError(action.error, 'reason')}
        value={reason}
        required
        onValue={setReason}
      />
      <p class="actions">
        <button class="btn btn-danger" type="submit" disabled={action.busy}>
          Xác nhận từ chối
        </button>
        <button class="btn" type="button" onClick={props.onCancel}>
          Hủy
        </button>
      </p>
    </form>
  );
}
