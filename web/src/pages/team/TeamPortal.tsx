import { useEffect } from 'preact/hooks';
import { type Me, session } from '../../api';
import { homeOf, useMe } from '../../auth';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { date, dateTime } from '../../format';
import { EntryForm } from './EntryForm';
import { FileUpload } from './FileUpload';
import {
  CONTEST_STATUS_LABELS,
  type ContestView,
  TEAM_EDITABLE,
  TEAM_PHASES,
  type TeamView,
} from './model';
import { StatusPanel } from './StatusPanel';
import { SubmitPanel } from './SubmitPanel';
import './team.css';
import { useEntry } from './useEntry';

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

/**
 * The entry page: status, the form (step 1), the two files (steps 2 and 3) and the submit
 * panel (step 4). What the team may still change follows the contest's phase, the deadline
 * and the entry's state.
 */
function EntryPage({ me, contestId, teamId }: { me: Me; contestId: string; teamId: string }) {
  const editor = useEntry(contestId, teamId);
  const { data, errors, notice } = editor;
  useEffect(() => {
    const before = document.title;
    document.title = 'Sản phẩm dự thi — Cổng đội thi';
    return () => void (document.title = before);
  }, []);

  if (editor.loadError && !data)
    return (
      <Page title="Sản phẩm dự thi">
        <ErrorBox error={editor.loadError} />
        <button type="button" class="btn" onClick={() => void editor.load()}>
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

  return (
    <main class="page page-wide tp">
      <header class="tp-head">
        <p class="tp-kicker">Cổng đội thi · {contest.name}</p>
        <h1>Sản phẩm dự thi</h1>
        {team && <TeamCard team={team} />}
      </header>

      <StatusPanel
        contest={contest}
        entry={entry}
        status={status}
        okText={notice?.kind === 'ok' ? notice.text : null}
        lockedReason={lockedReason}
        boxRef={editor.statusBox}
      />

      <div class="tp-layout">
        <div class="tp-main">
          <EntryForm
            fields={editor.fields}
            onChange={(patch) => editor.setFields((f) => ({ ...f, ...patch }))}
            errors={errors}
            disabled={!editable}
            saving={editor.saving}
            dirty={editor.dirty}
            savedAt={editor.savedAt}
            originalityCutoff={
              contest.rules.dates.originalityCutoff
                ? date(contest.rules.dates.originalityCutoff)
                : null
            }
            onSave={() => void editor.save()}
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
            onUploaded={editor.refreshEntry}
            onBusyChange={editor.setUploadBusy}
          />
          <FileUpload
            kind="outline"
            number={3}
            contestId={contestId}
            userId={me.userId}
            current={entry?.outline ?? null}
            lockedReason={fileLock}
            missing={errors.outline ?? null}
            onUploaded={editor.refreshEntry}
            onBusyChange={editor.setUploadBusy}
          />
        </div>
        <SubmitPanel
          fields={editor.fields}
          entry={entry}
          status={status}
          errors={errors}
          failure={notice?.where === 'submit' && notice.kind === 'error' ? notice.text : null}
          summaryRef={editor.summary}
          editable={editable}
          lockedReason={lockedReason}
          busy={{
            submitting: editor.submitting,
            saving: editor.saving,
            uploading: editor.busyUploading,
          }}
          onSubmit={() => void editor.submit()}
        />
      </div>
    </main>
  );
}

/** The team's number, name, unit and members (the leader marked). */
function TeamCard({ team }: { team: TeamView }) {
  return (
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
  );
}

function phaseClosedText(contest: ContestView): string {
  const phase = CONTEST_STATUS_LABELS[contest.status];
  const before = ['draft', 'registration'].includes(contest.status);
  return before
    ? `Hội thi chưa mở nhận sản phẩm dự thi (giai đoạn hiện tại: ${phase}). Đội có thể xem trước biểu mẫu; việc lưu và tải tệp sẽ mở khi Ban tổ chức chuyển sang giai đoạn nộp sản phẩm.`
    : `Hội thi đã kết thúc giai đoạn nhận sản phẩm (giai đoạn hiện tại: ${phase}). Sản phẩm không còn sửa được.`;
}
