import { get } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { SectionProps, statusLabel } from './lib';
import { ModerationCard } from './moderation/ModerationCard';
import { Publication } from './moderation/Publication';
import type { Entry, ModerationItem } from './types';

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
          <EmptyState>Không có sản phẩm nào chờ kiểm duyệt.</EmptyState>
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
