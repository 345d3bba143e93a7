import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { type Column, DataTable, pageOf } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { count, dateTime } from '../../../format';
import { useAction } from '../../../hooks';
import { ENTRY_STATUS_LABELS, statusLabel } from '../lib';
import type { Contest, Entry } from '../types';
import { PostUrlImport } from './PostUrlImport';

/** Entries left out named one by one in the publish-all confirmation; the rest counted. */
const LEFT_OUT_NAMED = 15;

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

const APPROVED_COLUMNS: Column<Entry>[] = [
  PUBLISHED_COLUMNS[0]!,
  {
    key: 'post',
    header: 'Địa chỉ bài đăng',
    cellClass: () => 'break',
    cell: (e) =>
      e.postUrl ? (
        <a href={e.postUrl} target="_blank" rel="noopener noreferrer">
          {e.postUrl}
        </a>
      ) : (
        <StatusBadge tone="warn">chưa có địa chỉ</StatusBadge>
      ),
  },
];

const PAGE = 25;

/**
 * Publication: the approved entries' post addresses on the fanpage (pasted or imported in one
 * go, checked with a preview), then "publish all" at one common instant, after a confirmation
 * that says what will happen and which entries stay out.
 */
export function Publication(props: {
  contest: Contest;
  approved: Entry[];
  published: Entry[];
  /** Entries not approved: they will not be published. */
  leftOut: Entry[];
  onChanged: () => Promise<void>;
}) {
  const { contest, approved, published } = props;
  const [confirming, setConfirming] = useState(false);
  const [approvedPage, setApprovedPage] = useState(1);
  const [publishedPage, setPublishedPage] = useState(1);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const action = useAction();
  const missing = approved.filter((e) => !e.postUrl);
  const shown = onlyMissing ? missing : approved;
  const publishAll = () =>
    void action.run(async () => {
      const res = await post<{ publishedAt: string; published: number }>(
        `/contests/${contest.id}/publish-all`,
      );
      setConfirming(false);
      await props.onChanged();
      return `Đã đăng tải đồng loạt ${res.published} sản phẩm lúc ${dateTime(res.publishedAt)}.`;
    });
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
        . Nhập địa chỉ bài đăng của các sản phẩm đã duyệt, rồi đăng tải tất cả cùng một thời điểm.
      </p>
      <OkBox message={action.ok} />
      {approved.length === 0 ? (
        <EmptyState>Chưa có sản phẩm nào đã duyệt chờ đăng tải.</EmptyState>
      ) : (
        <>
          <p>
            Đã duyệt <strong>{count(approved.length)}</strong> sản phẩm, đã có địa chỉ{' '}
            <strong>{count(approved.length - missing.length)}</strong>, còn thiếu{' '}
            <strong>{count(missing.length)}</strong>.
          </p>
          {contest.fanpageUrl && <PostUrlImport contestId={contest.id} onSaved={props.onChanged} />}
          <h3>Sản phẩm đã duyệt</h3>
          <DataTable
            class="compact"
            testId="approved"
            label="Sản phẩm đã duyệt và địa chỉ bài đăng"
            columns={APPROVED_COLUMNS}
            rows={pageOf(shown, approvedPage, PAGE)}
            rowKey={(e) => e.id}
            stickyHeader
            filters={
              <label class="check">
                <input
                  type="checkbox"
                  checked={onlyMissing}
                  onChange={(e) => {
                    setOnlyMissing(e.currentTarget.checked);
                    setApprovedPage(1);
                  }}
                />
                Chỉ sản phẩm chưa có địa chỉ
              </label>
            }
            paging={{
              page: approvedPage,
              pageSize: PAGE,
              total: shown.length,
              onPage: setApprovedPage,
            }}
          />
        </>
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
              bước “{statusLabel('published')}”.
            </p>
            {props.leftOut.length > 0 && (
              <div data-testid="left-out">
                <p>{count(props.leftOut.length)} sản phẩm chưa duyệt sẽ không được đăng:</p>
                <ul>
                  {props.leftOut.slice(0, LEFT_OUT_NAMED).map((e) => (
                    <li key={e.id}>
                      Đội số {e.teamNumber} — {e.teamName} (
                      {ENTRY_STATUS_LABELS[e.status] ?? e.status})
                    </li>
                  ))}
                </ul>
                {props.leftOut.length > LEFT_OUT_NAMED && (
                  <p>và {count(props.leftOut.length - LEFT_OUT_NAMED)} đội khác.</p>
                )}
              </div>
            )}
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
            rows={pageOf(published, publishedPage, PAGE)}
            rowKey={(e) => e.id}
            stickyHeader
            paging={{
              page: publishedPage,
              pageSize: PAGE,
              total: published.length,
              onPage: setPublishedPage,
            }}
          />
        </>
      )}
    </Section>
  );
}
