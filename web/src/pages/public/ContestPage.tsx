import { call } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { bytes, date, duration } from '../../format';
import { useLoad } from '../../hooks';
import type { PublicEntryFileView, PublishedEntriesView } from '../../api-types/routes.gen';

// The shapes come from the API's documented responses (generated types).
type Listing = PublishedEntriesView;
type FileSummary = PublicEntryFileView;

/** The public contest page: every published entry with its video (seekable) and outline. */
export function ContestPage({ slug }: { slug: string }) {
  const { data, error, loading } = useLoad(
    () => call<Listing>('GET /api/public/contests/{slug}/entries', { path: { slug } }),
    [slug],
  );
  const content = (file: FileSummary) =>
    `/api/contests/${data!.contest.id}/uploads/${file.id}/content`;
  return (
    <Page title={data?.contest.name ?? 'Hội thi'} wide>
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <p class="actions">
            <Link href={`/c/${slug}/truc-tiep`}>Trực tiếp vòng chung khảo</Link>
            <Link href={`/c/${slug}/ket-qua`}>Kết quả</Link>
            {data.contest.fanpageUrl && (
              <a href={data.contest.fanpageUrl} target="_blank" rel="noopener noreferrer">
                Fanpage hội thi
              </a>
            )}
          </p>
          {data.entries.length === 0 && (
            <EmptyState>Các sản phẩm dự thi chưa được đăng tải.</EmptyState>
          )}
          <div class="entries">
            {[...data.entries]
              .sort((a, b) => a.teamNumber - b.teamNumber)
              .map((e) => (
                <article class="card entry" key={e.id}>
                  <h2>
                    {e.teamNumber}. {e.name}
                  </h2>
                  <p class="muted">
                    {e.teamName}
                    {e.publishedAt ? ` · đăng tải ngày ${date(e.publishedAt)}` : ''}
                  </p>
                  {e.video && (
                    <video
                      controls
                      preload="metadata"
                      src={content(e.video)}
                      aria-label={`Video của ${e.teamName}`}
                    />
                  )}
                  <dl>
                    <dt>Bối cảnh ra đời</dt>
                    <dd>{e.context}</dd>
                    <dt>Quá trình triển khai</dt>
                    <dd>{e.implementation}</dd>
                    <dt>Lợi ích mang lại</dt>
                    <dd>{e.benefits}</dd>
                  </dl>
                  <p class="actions">
                    {e.outline && (
                      <a href={content(e.outline)} download={e.outline.fileName}>
                        Tải đề cương ({bytes(e.outline.size)})
                      </a>
                    )}
                    {e.video?.durationSeconds ? (
                      <span class="muted">
                        Thời lượng video: {duration(e.video.durationSeconds)}
                      </span>
                    ) : null}
                    {e.postUrl && (
                      <a href={e.postUrl} target="_blank" rel="noopener noreferrer">
                        Bài đăng trên fanpage
                      </a>
                    )}
                  </p>
                </article>
              ))}
          </div>
        </>
      )}
    </Page>
  );
}
