import { call } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { useLoad } from '../../hooks';

interface PublicContest {
  slug: string;
  name: string;
  status: string;
}

export function Home() {
  const { data, error, loading } = useLoad(() => call<PublicContest[]>('GET /api/public/contests'));
  return (
    <Page title="Hội thi Mô hình, sáng kiến cải cách hành chính">
      <p class="lead">
        Xem các sản phẩm dự thi đã đăng tải, theo dõi trực tiếp vòng chung khảo và kết quả chính
        thức.
      </p>
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && data.length === 0 && <EmptyState>Chưa có hội thi nào được công bố.</EmptyState>}
      <ul class="cards">
        {data?.map((c) => (
          <li class="card" key={c.slug}>
            <h2>
              <Link href={`/c/${c.slug}`}>{c.name}</Link>
            </h2>
            <p class="actions">
              <Link href={`/c/${c.slug}`}>Sản phẩm dự thi</Link>
              <Link href={`/c/${c.slug}/truc-tiep`}>Trực tiếp chung khảo</Link>
              {c.status === 'results_published' || c.status === 'archived' ? (
                <Link href={`/c/${c.slug}/ket-qua`}>Kết quả</Link>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
