import { ApiError, call } from '../../api';
import type { PublishedEntriesView } from '../../api-types/routes.gen';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { date, dateTime, money, points } from '../../format';
import { useLoad } from '../../hooks';
import { Integrity } from './results/Integrity';
import { RankingCards } from './results/RankingCards';
import {
  type Award,
  awardLabel,
  type PublishedResults,
  type Team,
  type VersionRow,
} from './results/types';

const DOCUMENTS = [
  ['minutes.pdf', 'Biên bản kết quả (PDF)'],
  ['results-list.pdf', 'Danh sách đạt giải (PDF)'],
  ['certificates.pdf', 'Giấy chứng nhận (PDF)'],
  ['ranking.csv', 'Bảng xếp hạng (CSV)'],
] as const;

const RANKING_COLUMNS: Column<Team>[] = [
  { key: 'rank', header: 'Hạng', cell: (t) => t.rank },
  {
    key: 'team',
    header: 'Đội thi',
    rowHeader: true,
    cell: (t) => (
      <>
        {t.teamName}
        <div class="muted small">{t.entryName}</div>
      </>
    ),
  },
  { key: 'interaction', header: 'Tương tác', num: true, cell: (t) => points(t.interaction.points) },
  { key: 'judges', header: 'Giám khảo', num: true, cell: (t) => points(t.judgesPoints) },
  { key: 'prelim', header: 'Sơ khảo', num: true, cell: (t) => points(t.preliminary) },
  { key: 'final', header: 'Chung khảo', num: true, cell: (t) => points(t.final?.points) },
  {
    key: 'score',
    header: 'Tổng điểm',
    num: true,
    cellClass: () => 'strong',
    cell: (t) => points(t.rankingScore),
  },
  {
    key: 'awards',
    header: 'Giải thưởng',
    cell: (t) => t.awards.map((a) => awardLabel(a)).join('; '),
  },
];

const PRIZE_COLUMNS: Column<Award>[] = [
  { key: 'prize', header: 'Giải', cell: (a) => awardLabel(a) },
  { key: 'team', header: 'Đội thi', cell: (a) => a.teamName },
  {
    key: 'amount',
    header: 'Tiền thưởng',
    num: true,
    cell: (a) => (a.amountVnd ? money(a.amountVnd) : '—'),
  },
];

/** Published results: ranking, prizes with the budget, fingerprint, version history. */
export function ResultsPage({ slug }: { slug: string }) {
  const { data, error, loading } = useLoad(async () => {
    // both at once: one round trip, not two, on a phone's slow line
    const [current, versions] = await Promise.all([
      call<PublishedResults>('GET /api/public/contests/{slug}/results', { path: { slug } }),
      call<VersionRow[]>('GET /api/public/contests/{slug}/results/versions', {
        path: { slug },
      }),
    ]);
    return { current, versions };
  }, [slug]);
  const notYet = error instanceof ApiError && error.status === 404;
  return (
    <Page title="Kết quả hội thi" area={data?.current.document.contest.name} wide>
      {loading && <Loading />}
      {notYet ? <NotYetPublished slug={slug} /> : <ErrorBox error={error} />}
      {data && <Results slug={slug} {...data} />}
      <p>
        <Link href={`/c/${slug}`}>← Sản phẩm dự thi</Link>
      </p>
    </Page>
  );
}

function Results({
  slug,
  current,
  versions,
}: {
  slug: string;
  current: PublishedResults;
  versions: VersionRow[];
}) {
  const doc = current.document;
  const ranked = doc.teams.filter((t) => t.rank !== null);
  const others = doc.teams.filter((t) => t.rank === null);
  return (
    <>
      <h2 class="contest-name">{doc.contest.name}</h2>
      <p class="muted">
        Phiên bản {current.version}, công bố lúc {dateTime(current.publishedAt)}.
      </p>
      {current.correctionReason && <p class="alert">Đính chính: {current.correctionReason}</p>}
      <RankingCards teams={ranked} />
      <div class="results-wide">
        <DataTable
          class="results"
          caption="Bảng xếp hạng chung cuộc"
          columns={RANKING_COLUMNS}
          rows={ranked}
          rowKey={(t) => t.entryId}
        />
      </div>
      {others.length > 0 && (
        <>
          <h3>Các đội không vào chung khảo</h3>
          <ul>
            {others.map((t) => (
              <li key={t.entryId}>
                {t.teamName}: điểm sơ khảo {points(t.preliminary)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Cơ cấu giải thưởng</h3>
      <DataTable
        class="prizes"
        label="Cơ cấu giải thưởng"
        columns={PRIZE_COLUMNS}
        rows={[...doc.prizes.awards].sort(byKind)}
        rowKey={(_, i) => i}
        footer={
          <tr>
            <th colSpan={2} scope="row">
              Tổng kinh phí khen thưởng
            </th>
            <td class="num strong" data-testid="total">
              {money(doc.prizes.totalVnd)}
            </td>
          </tr>
        }
      />
      <h3>Tài liệu</h3>
      <p class="actions">
        {DOCUMENTS.map(([kind, label]) => (
          <a
            key={kind}
            href={`/api/public/contests/${slug}/results/versions/${current.version}/documents/${kind}`}
          >
            {label}
          </a>
        ))}
      </p>
      <Integrity current={current} versions={versions} />
    </>
  );
}

const KIND_ORDER = ['ranked', 'side', 'sponsor', 'certificate'];

/** Ranked prizes first (in ranking order), then side and sponsor prizes, then certificates. */
function byKind(a: Award, b: Award): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
}

/**
 * Before publication: what a citizen can do meanwhile (the final's live board while it runs,
 * the fanpage), and that the results appear on this very page once approved.
 */
function NotYetPublished({ slug }: { slug: string }) {
  const { data } = useLoad(
    () => call<PublishedEntriesView>('GET /api/public/contests/{slug}/entries', { path: { slug } }),
    [slug],
  );
  const status = data?.contest.status;
  const fanpage = data?.contest.fanpageUrl;
  const live = <Link href={`/c/${slug}/truc-tiep`}>trang trực tiếp</Link>;
  return (
    <div data-testid="not-yet">
      <EmptyState
        action={
          <>
            <Link href={`/c/${slug}/truc-tiep`}>Xem trực tiếp vòng chung khảo</Link>
            {fanpage && (
              <a href={fanpage} target="_blank" rel="noopener noreferrer">
                Fanpage hội thi
              </a>
            )}
          </>
        }
      >
        <strong>Kết quả chưa được công bố.</strong>{' '}
        {status === 'final' ? (
          'Vòng chung khảo đang diễn ra: điểm từng phần thi hiện trên trang trực tiếp ngay khi được công bố tại hội trường.'
        ) : data && (data.contest.finalAt || data.contest.finalVenue) ? (
          <span data-testid="final-when-where">
            Kết quả sẽ được công bố sau vòng chung khảo
            {data.contest.finalAt && (
              <>
                {' '}
                ngày <strong>{date(data.contest.finalAt)}</strong> lúc{' '}
                <strong>{dateTime(data.contest.finalAt).slice(11)}</strong>
              </>
            )}
            {data.contest.finalVenue && (
              <>
                {' '}
                tại <strong>{data.contest.finalVenue}</strong>
              </>
            )}
            ; theo dõi trực tiếp tại {live}.
          </span>
        ) : (
          'Kết quả được công bố sau vòng chung khảo, khi Ban giám khảo chốt điểm và Ban tổ chức phê duyệt.'
        )}{' '}
        Bảng xếp hạng, giải thưởng và biên bản sẽ hiện tại trang này; Ban tổ chức cũng đăng thông
        báo trên fanpage của hội thi.
      </EmptyState>
    </div>
  );
}
