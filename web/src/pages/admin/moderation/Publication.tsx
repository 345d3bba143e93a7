import { useState } from 'preact/hooks';
import { ApiError, post, put } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { type Column, DataTable } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { FieldError, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime } from '../../../format';
import { useAction } from '../../../hooks';
import { statusLabel } from '../lib';
import type { Contest, Entry } from '../types';

const PUBLISHED_COLUMNS: Column<Entry>[] = [
  {
    key: 'team',
    header: 'Đội thi',
    rowHeader: true,
    cell: (e) => `${e.teamNumber}. ${e.teamName}`,
  },
  {
    key: 'post',
    header: 'Bài đăng',
    cellClass: () => 'break',
    cell: (e) =>
      e.postUrl && (
        <a href={e.postUrl} target="_blank" rel="noopener noreferrer">
          {e.postUrl}
        </a>
      ),
  },
  { key: 'at', header: 'Đăng lúc', cell: (e) => (e.publishedAt ? dateTime(e.publishedAt) : '—') },
];

/**
 * Publication: each approved entry's post address on the fanpage, then "publish all" at one
 * common instant, after a confirmation that says what will happen.
 */
export function Publication(props: {
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
          <StatusBadge tone="danger">chưa nhập (mục Thiết lập)</StatusBadge>
        )}
        . Nhập địa chỉ bài đăng của từng sản phẩm đã duyệt, rồi đăng tải tất cả cùng một thời điểm.
      </p>
      <OkBox message={action.ok} />
      {approved.length === 0 ? (
        <EmptyState>Chưa có sản phẩm nào đã duyệt chờ đăng tải.</EmptyState>
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
          {!confirming && <ApiErrorBox error={action.error} />}
          <button
            type="button"
            class="btn btn-primary"
            disabled={missing.length > 0}
            onClick={() => setConfirming(true)}
          >
            Đăng tải đồng loạt ({approved.length} sản phẩm)…
          </button>
          <ConfirmDialog
            open={confirming}
            title="Đăng tải đồng loạt?"
            confirm="Xác nhận đăng tải đồng loạt"
            cancel="Hủy"
            busy={action.busy}
            onConfirm={publishAll}
            onClose={() => setConfirming(false)}
          >
            <p>
              Đăng tải <strong>{approved.length}</strong> sản phẩm cùng lúc; hội thi chuyển sang
              bước “{statusLabel('published')}”. Sản phẩm chưa duyệt sẽ không được đăng.
            </p>
            <ApiErrorBox error={action.error} />
          </ConfirmDialog>
          {missing.length > 0 && (
            <span class="muted">Còn {missing.length} sản phẩm chưa có địa chỉ bài đăng.</span>
          )}
        </div>
      )}
      {published.length > 0 && (
        <>
          <h3>Đã đăng tải ({published.length})</h3>
          <DataTable
            class="compact"
            label={`Đã đăng tải (${published.length})`}
            columns={PUBLISHED_COLUMNS}
            rows={published}
            rowKey={(e) => e.id}
          />
        </>
      )}
    </Section>
  );
}

/** One approved entry's post address, saved on its own. */
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
            <StatusBadge tone="ok">đã có địa chỉ</StatusBadge>
          ) : (
            <StatusBadge tone="warn">chưa có địa chỉ</StatusBadge>
          )}
        </label>
        <div class="post-input">
          <input
            id={inputId}
            type="url"
            value={value}
            placeholder={`${props.contest.fanpageUrl ?? 'https://www.facebook.com/…'}/posts/…`}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-describedby={message ? `${inputId}-err` : undefined}
            aria-invalid={message ? true : undefined}
          />
          <button class="btn" type="submit" disabled={action.busy || !value.trim()}>
            Lưu địa chỉ
          </button>
        </div>
        <FieldError id={`${inputId}-err`} message={message} />
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
