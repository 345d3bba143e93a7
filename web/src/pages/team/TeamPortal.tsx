import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, type Me, post, put, session } from '../../api';
import { homeOf, useMe } from '../../auth';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { date, dateTime } from '../../format';
import { EntryForm } from './EntryForm';
import { FileUpload } from './FileUpload';
import {
  CONTEST_STATUS_LABELS,
  type ContestView,
  type EntryFields,
  type EntryView,
  fieldId,
  fieldsOf,
  FIELD_LABELS,
  FIELD_ORDER,
  MISSING_MESSAGES,
  STATUS_BADGES,
  STATUS_HELP,
  STATUS_LABELS,
  TEAM_EDITABLE,
  TEAM_PHASES,
  type TeamView,
  type UploadKind,
} from './model';
import './team.css';

/**
 * The team portal (/doi-thi): a team account fills in its entry, uploads the video and the
 * outline (resumable), submits it, and follows the moderation (returned with reasons →
 * resubmit). Signed-out visitors go to the login page and come back here.
 */
export function TeamPortal({ path }: { path: string }) {
  const { me, loading: meLoading } = useMe();
  // Without a token nobody is signed in. (useMe() can stay "loading" forever when another
  // component finished loading it without a token during the same render.)
  const loading = meLoading && !!session.token;
  useEffect(() => {
    if (!loading && !me) {
      const next = `/dang-nhap?tiep=${path.startsWith('/doi-thi') ? path : '/doi-thi'}`;
      // After this render's effects: the router's own listener may not be attached yet.
      const timer = setTimeout(() => {
        history.replaceState(null, '', next);
        dispatchEvent(new PopStateEvent('popstate'));
      });
      return () => clearTimeout(timer);
    }
  }, [loading, me, path]);
  if (loading || !me) return <Page title="Cổng đội thi">{<Loading />}</Page>;
  const membership = me.memberships.find((m) => m.role === 'team' && m.teamId);
  if (!membership) {
    return (
      <Page title="Cổng đội thi">
        <p class="alert">
          Tài khoản <strong>{me.displayName}</strong> không phải tài khoản đội thi. Trang này dành
          cho các đội thi nộp sản phẩm dự thi.
        </p>
        <p>
          <Link href={homeOf(me)}>Về trang của tài khoản</Link>
        </p>
      </Page>
    );
  }
  return <EntryPage me={me} contestId={membership.contestId} teamId={membership.teamId!} />;
}

interface Loaded {
  contest: ContestView;
  team: TeamView | null;
  entry: EntryView | null;
}

async function loadMyEntry(contestId: string): Promise<EntryView | null> {
  try {
    return await get<EntryView>(`/contests/${contestId}/my-entry`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'ENTRY_NOT_FOUND')
      return null;
    throw error;
  }
}

const sameFields = (a: EntryFields, b: EntryFields) =>
  (Object.keys(a) as (keyof EntryFields)[]).every((k) => a[k] === b[k]);

function EntryPage({ me, contestId, teamId }: { me: Me; contestId: string; teamId: string }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fields, setFields] = useState<EntryFields>(fieldsOf(null));
  const [baseline, setBaseline] = useState<EntryFields>(fieldsOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{
    kind: 'ok' | 'error';
    where: 'save' | 'submit';
    text: string;
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [uploading, setUploading] = useState<Record<UploadKind, boolean>>({
    video: false,
    outline: false,
  });
  const summary = useRef<HTMLDivElement>(null);
  const statusBox = useRef<HTMLElement>(null);
  const dirty = !sameFields(fields, baseline);

  /** `keepTyped`: after a refused save, keep what the team typed (it is still theirs). */
  const load = async (keepTyped = false) => {
    try {
      const [contest, team, entry] = await Promise.all([
        get<ContestView>(`/contests/${contestId}`),
        get<TeamView>(`/contests/${contestId}/teams/${teamId}`).catch(() => null),
        loadMyEntry(contestId),
      ]);
      setData({ contest, team, entry });
      if (!keepTyped) setFields(fieldsOf(entry));
      setBaseline(fieldsOf(entry));
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  };
  useEffect(() => void load(), [contestId, teamId]);
  useEffect(() => {
    const before = document.title;
    document.title = 'Sản phẩm dự thi — Cổng đội thi';
    return () => void (document.title = before);
  }, []);

  // After an upload: the entry's files changed; unsaved text in the form stays as typed.
  const refreshEntry = async () => {
    const entry = await loadMyEntry(contestId).catch(() => undefined);
    if (entry === undefined) return;
    setData((d) => (d ? { ...d, entry } : d));
    if (entry) {
      setErrors((e) => {
        const next = { ...e };
        if (entry.video) delete next.video;
        if (entry.outline) delete next.outline;
        return next;
      });
    }
  };

  // Leaving the page with unsaved text or an upload under way loses work: ask first.
  const busyUploading = uploading.video || uploading.outline;
  useEffect(() => {
    if (!dirty && !busyUploading) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty, busyUploading]);

  if (loadError && !data)
    return (
      <Page title="Sản phẩm dự thi">
        <ErrorBox error={loadError} />
        <button type="button" class="btn" onClick={() => void load()}>
          Tải lại
        </button>
      </Page>
    );
  if (!data)
    return (
      <Page title="Sản phẩm dự thi">
        <Loading />
      </Page>
    );

  const { contest, team, entry } = data;
  const status = entry?.status ?? 'draft';
  const deadline = contest.rules.dates.submissionDeadline;
  const deadlinePassed = !!deadline && Date.now() > Date.parse(deadline);
  const phaseOpen = TEAM_PHASES.includes(contest.status);
  const lockedReason = !phaseOpen
    ? phaseClosedText(contest)
    : deadlinePassed
      ? `Đã hết hạn nộp sản phẩm dự thi (${dateTime(deadline!)}).`
      : !TEAM_EDITABLE.includes(status)
        ? 'Sản phẩm đã nộp: đội chỉ sửa được khi Ban tổ chức trả lại.'
        : null;
  const editable = lockedReason === null;
  const fileLock = !phaseOpen
    ? 'Chưa thay được tệp: hội thi không ở giai đoạn nhận sản phẩm.'
    : deadlinePassed
      ? 'Chưa thay được tệp: đã hết hạn nộp sản phẩm.'
      : lockedReason
        ? 'Sản phẩm đã nộp: chỉ thay được tệp khi Ban tổ chức trả lại.'
        : null;

  const applyError = (error: unknown, where: 'save' | 'submit') => {
    const action = where === 'save' ? 'Chưa lưu được' : 'Chưa nộp được';
    if (error instanceof ApiError && error.details.length) {
      const byField: Record<string, string> = {};
      for (const d of error.details) {
        const field = d.field.split('.')[0]!;
        if (FIELD_LABELS[field])
          byField[field] = (d.code === 'REQUIRED' && MISSING_MESSAGES[field]) || d.message;
      }
      setErrors(byField);
    }
    const text =
      error instanceof ApiError
        ? error.code === 'ENTRY_INCOMPLETE'
          ? 'Chưa nộp được: sản phẩm dự thi còn thiếu các mục dưới đây.'
          : `${action}: ${error.message}`
        : `${action}: ${String(error)}`;
    setNotice({ kind: 'error', where, text });
    // A closed phase, a passed deadline or a locked entry: show the page as it now is.
    if (error instanceof ApiError && error.status === 409) void load(true);
    if (where === 'submit') requestAnimationFrame(() => summary.current?.focus());
  };

  const save = async (where: 'save' | 'submit' = 'save'): Promise<boolean> => {
    setSaving(true);
    setNotice(null);
    try {
      const saved = await put<EntryView>(`/contests/${contestId}/my-entry`, fields);
      setData((d) => (d ? { ...d, entry: saved } : d));
      setBaseline(fieldsOf(saved));
      setFields(fieldsOf(saved));
      setSavedAt(new Date());
      setErrors((e) => {
        const next = { ...e };
        for (const k of ['name', 'context', 'implementation', 'benefits', 'category'] as const)
          if (saved[k].trim()) delete next[k];
        if (saved.originalityDeclaredAt) delete next.originalityDeclared;
        return next;
      });
      return true;
    } catch (error) {
      applyError(error, where);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    setSubmitting(true);
    setNotice(null);
    try {
      if ((dirty || !entry) && !(await save('submit'))) return;
      const submitted = await post<EntryView>(`/contests/${contestId}/my-entry/submit`);
      setData((d) => (d ? { ...d, entry: submitted } : d));
      setErrors({});
      setNotice({
        kind: 'ok',
        where: 'submit',
        text: `Đã ${submitted.status === 'resubmitted' ? 'nộp lại' : 'nộp'} sản phẩm dự thi lúc ${dateTime(submitted.submittedAt ?? new Date())}. Ban tổ chức sẽ kiểm duyệt và thông báo kết quả.`,
      });
      requestAnimationFrame(() => statusBox.current?.focus());
    } catch (error) {
      applyError(error, 'submit');
    } finally {
      setSubmitting(false);
    }
  };

  const checklist = [
    ['name', !!fields.name.trim()],
    ['context', !!fields.context.trim()],
    ['implementation', !!fields.implementation.trim()],
    ['benefits', !!fields.benefits.trim()],
    ['video', !!entry?.video],
    ['outline', !!entry?.outline],
    ['originalityDeclared', fields.originalityDeclared],
  ] as const;
  const done = checklist.filter(([, ok]) => ok).length;
  const missingList = FIELD_ORDER.filter((f) => errors[f]);

  return (
    <main class="page page-wide tp">
      <header class="tp-head">
        <p class="tp-kicker">Cổng đội thi · {contest.name}</p>
        <h1>Sản phẩm dự thi</h1>
        {team && (
          <div class="tp-team">
            <span class="tp-team-no">Đội số {team.number}</span>
            <span class="tp-team-name">{team.name}</span>
            <span class="muted">{team.unitName}</span>
            {team.members.length > 0 && (
              <details class="tp-members">
                <summary>Thành viên ({team.members.length})</summary>
                <ul>
                  {team.members.map((m, i) => (
                    <li key={i}>
                      {m.fullName}
                      {m.position ? `, ${m.position}` : ''}
                      {m.isLeader ? ' — trưởng nhóm' : ''}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        )}
      </header>

      <section
        class={`card tp-status tp-status-${status}`}
        aria-labelledby="tp-status-title"
        ref={statusBox}
        tabIndex={-1}
      >
        <div class="tp-status-row">
          <h2 id="tp-status-title">Trạng thái</h2>
          <span class={`${STATUS_BADGES[status]} tp-badge`} data-testid="entry-status">
            {STATUS_LABELS[status]}
          </span>
        </div>
        {notice?.kind === 'ok' && (
          <p class="alert alert-ok" role="status">
            {notice.text}
          </p>
        )}
        <p>{STATUS_HELP[status]}</p>
        {entry?.submittedAt && status !== 'draft' && (
          <p class="muted small">Nộp lần gần nhất: {dateTime(entry.submittedAt)}.</p>
        )}
        {status === 'returned' && entry && entry.returnReasons.length > 0 && (
          <div class="tp-reasons" role="note" aria-label="Lý do trả lại">
            <h3>Ban tổ chức trả lại với lý do:</h3>
            <ul>
              {entry.returnReasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        )}
        {status === 'published' && entry?.postUrl && (
          <p>
            <a href={entry.postUrl} target="_blank" rel="noopener noreferrer">
              Xem bài đăng trên fanpage hội thi
            </a>
          </p>
        )}
        <dl class="tp-phase">
          <div>
            <dt>Giai đoạn của hội thi</dt>
            <dd data-testid="contest-phase">{CONTEST_STATUS_LABELS[contest.status]}</dd>
          </div>
          <div>
            <dt>Hạn nộp sản phẩm</dt>
            <dd>{deadline ? dateTime(deadline) : 'Theo thông báo của Ban tổ chức'}</dd>
          </div>
        </dl>
        {lockedReason && TEAM_EDITABLE.includes(status) && (
          <p class="alert tp-locked" role="status">
            {lockedReason}
          </p>
        )}
      </section>

      <div class="tp-layout">
        <div class="tp-main">
          <EntryForm
            fields={fields}
            onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
            errors={errors}
            disabled={!editable}
            saving={saving}
            dirty={dirty}
            savedAt={savedAt}
            originalityCutoff={
              contest.rules.dates.originalityCutoff
                ? date(contest.rules.dates.originalityCutoff)
                : null
            }
            onSave={() => void save()}
            saveError={notice?.where === 'save' ? notice.text : null}
          />
          <FileUpload
            kind="video"
            number={2}
            contestId={contestId}
            userId={me.userId}
            current={entry?.video ?? null}
            lockedReason={fileLock}
            missing={errors.video ?? null}
            videoRules={contest.rules.video}
            onUploaded={refreshEntry}
            onBusyChange={(k, b) => setUploading((u) => (u[k] === b ? u : { ...u, [k]: b }))}
          />
          <FileUpload
            kind="outline"
            number={3}
            contestId={contestId}
            userId={me.userId}
            current={entry?.outline ?? null}
            lockedReason={fileLock}
            missing={errors.outline ?? null}
            onUploaded={refreshEntry}
            onBusyChange={(k, b) => setUploading((u) => (u[k] === b ? u : { ...u, [k]: b }))}
          />
        </div>

        <aside class="tp-aside" aria-labelledby="tp-submit-title">
          <div class="card tp-submit">
            <h2 id="tp-submit-title">
              <span class="tp-step" aria-hidden="true">
                4
              </span>
              Nộp sản phẩm
            </h2>
            <p class="tp-count-line">
              Hồ sơ đã có <strong>{done}</strong>/{checklist.length} mục
            </p>
            <progress class="tp-meter" max={checklist.length} value={done} aria-hidden="true" />
            <ul class="tp-checklist">
              {checklist.map(([field, ok]) => (
                <li key={field} class={ok ? 'is-ok' : errors[field] ? 'is-missing' : ''}>
                  <span class="tp-tick" aria-hidden="true">
                    {ok ? '✓' : '•'}
                  </span>
                  <a href={`#${fieldId(field)}`} onClick={(e) => focusField(e, field)}>
                    {FIELD_LABELS[field]}
                  </a>
                  <span class="visually-hidden">{ok ? ': đã có' : ': chưa có'}</span>
                </li>
              ))}
            </ul>
            {notice?.where === 'submit' && notice.kind === 'error' && (
              <div class="alert alert-error tp-notice" role="alert" tabIndex={-1} ref={summary}>
                <p>{notice.text}</p>
                {missingList.length > 0 && (
                  <ul>
                    {missingList.map((f) => (
                      <li key={f}>
                        <a href={`#${fieldId(f)}`} onClick={(e) => focusField(e, f)}>
                          {errors[f]}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {editable ? (
              <>
                <button
                  type="button"
                  class="btn btn-primary tp-submit-btn"
                  disabled={submitting || saving || busyUploading}
                  onClick={() => void submit()}
                >
                  {submitting
                    ? 'Đang nộp…'
                    : status === 'returned'
                      ? 'Nộp lại sản phẩm'
                      : 'Nộp sản phẩm dự thi'}
                </button>
                <p class="muted small">
                  {busyUploading
                    ? 'Chờ tải lên xong tệp rồi mới nộp.'
                    : 'Sau khi nộp, đội không sửa được sản phẩm cho đến khi Ban tổ chức trả lại.'}
                </p>
              </>
            ) : (
              <p class="muted small">{lockedReason}</p>
            )}
          </div>
        </aside>
      </div>
    </main>
  );
}

function focusField(e: MouseEvent, field: string) {
  const el = document.getElementById(fieldId(field));
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

function phaseClosedText(contest: ContestView): string {
  const phase = CONTEST_STATUS_LABELS[contest.status];
  const before = ['draft', 'registration'].includes(contest.status);
  return before
    ? `Hội thi chưa mở nhận sản phẩm dự thi (giai đoạn hiện tại: ${phase}). Đội có thể xem trước biểu mẫu; việc lưu và tải tệp sẽ mở khi Ban tổ chức chuyển sang giai đoạn nộp sản phẩm.`
    : `Hội thi đã kết thúc giai đoạn nhận sản phẩm (giai đoạn hiện tại: ${phase}). Sản phẩm không còn sửa được.`;
}
