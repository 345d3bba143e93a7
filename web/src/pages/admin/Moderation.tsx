import { useState } from 'preact/hooks';
import { get } from '../../api';
import { Section } from '../../components/Section';
import { ErrorBox, Loading } from '../../components/ui';
import { count } from '../../format';
import { useLoad } from '../../hooks';
import { SectionProps, statusLabel } from './lib';
import { ModerationCard } from './moderation/ModerationCard';
import { ModerationTable } from './moderation/ModerationTable';
import { Publication } from './moderation/Publication';
import type { Entry, ModerationItem } from './types';

/**
 * Moderation (kiểm duyệt): a compact table of the entries with status and checklist filters,
 * search and pages; many approved at once (the checklist decides which); one entry's
 * checklist, video and outline in a detail panel, to approve or return with reasons; then
 * publication: post addresses pasted or imported, and "publish all" at one common instant.
 */
export function Moderation({ contest, reloadContest }: SectionProps) {
  const [open, setOpen] = useState<ModerationItem | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const entries = useLoad(() => get<Entry[]>(`/contests/${contest.id}/entries`), [contest.id]);
  if (!entries.data) return entries.loading ? <Loading /> : <ErrorBox error={entries.error} />;
  const all = entries.data;
  const awaiting = all.filter((e) => e.status === 'submitted' || e.status === 'resubmitted');
  const approved = all.filter((e) => e.status === 'approved');
  const published = all.filter((e) => e.status === 'published');
  const leftOut = all.filter((e) => e.status !== 'approved' && e.status !== 'published');
  const changed = async () => {
    await entries.reload();
    await reloadContest();
  };
  return (
    <>
      <Section title={`Hàng chờ kiểm duyệt (${count(awaiting.length)})`} id="hang-cho">
        {contest.status !== 'moderation' && (
          <p class="alert">
            Hội thi đang ở bước “{statusLabel(contest.status)}”. Kiểm duyệt diễn ra ở bước “Kiểm
            duyệt”; sản phẩm nộp sớm vẫn hiện ở đây.
          </p>
        )}
        <p class="muted small">
          {count(all.length)} sản phẩm: chờ duyệt {count(awaiting.length)}, đã duyệt{' '}
          {count(approved.length)}, bị trả lại{' '}
          {count(all.filter((e) => e.status === 'returned').length)}, chưa nộp{' '}
          {count(all.filter((e) => e.status === 'draft').length)}, đã đăng tải{' '}
          {count(published.length)}.
        </p>
        <ModerationTable
          key={listVersion}
          contest={contest}
          openId={open?.id ?? null}
          onOpen={setOpen}
          onChanged={changed}
        />
      </Section>
      {open && (
        <Section
          title={`Chi tiết: đội ${open.teamNumber}`}
          id="chi-tiet"
          actions={
            <button type="button" class="btn btn-small" onClick={() => setOpen(null)}>
              Đóng
            </button>
          }
        >
          <ul class="cards moderation-list">
            <ModerationCard
              key={open.id}
              contest={contest}
              item={open}
              onDone={async () => {
                setOpen(null);
                setListVersion((v) => v + 1);
                await changed();
              }}
            />
          </ul>
        </Section>
      )}
      <Publication
        contest={contest}
        approved={approved}
        published={published}
        leftOut={leftOut}
        onChanged={changed}
      />
    </>
  );
}
