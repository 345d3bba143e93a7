import { ApiError, call } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';
import { dateTime, money, points } from '../../format';
import { useLoad } from '../../hooks';

interface Award {
  entryId: string;
  teamName: string;
  prizeName: string;
  kind: string;
  amountVnd: number;
  memberName: string | null;
}
interface Team {
  entryId: string;
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  interaction: { points: string };
  judgesPoints: string | null;
  preliminary: string | null;
  finalist: boolean;
  final: { points: string | null } | null;
  rankingScore: string | null;
  rank: number | null;
  awards: Award[];
}
/** A signed audit checkpoint (see docs/security.md): the audit log as it stood when frozen. */
interface AuditCheckpoint {
  chain: string;
  rowCount: number;
  headHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}
interface PublishedResults {
  version: number;
  fingerprint: string;
  publishedAt: string;
  correctionReason: string | null;
  auditCheckpoint: AuditCheckpoint | null;
  document: {
    contest: { name: string };
    teams: Team[];
    prizes: { awards: Award[]; totalVnd: number };
  };
}
interface VersionRow {
  version: number;
  status: string;
  fingerprint: string;
  publishedAt: string | null;
  correctionReason: string | null;
}

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
  const { data, error, loading } = useLoad(
    async () => ({
      current: await call<PublishedResults>('GET /api/public/contests/{slug}/results', {
        path: { slug },
      }),
      versions: await call<VersionRow[]>('GET /api/public/contests/{slug}/results/versions', {
        path: { slug },
      }),
    }),
    [slug],
  );
  const notYet = error instanceof ApiError && error.status === 404;
  return (
    <Page title="Kết quả hội thi" wide>
      {loading && <Loading />}
      {notYet ? <p class="alert">Kết quả chưa được công bố.</p> : <ErrorBox error={error} />}
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
      <p class="fingerprint">
        Phiên bản {current.version}, công bố lúc {dateTime(current.publishedAt)}. Mã kiểm tra
        (SHA-256): <code data-testid="fingerprint">{current.fingerprint}</code>
      </p>
      {current.auditCheckpoint && <CheckpointNote checkpoint={current.auditCheckpoint} />}
      {current.correctionReason && <p class="alert">Đính chính: {current.correctionReason}</p>}
      <DataTable
        class="results"
        caption="Bảng xếp hạng chung cuộc"
        columns={RANKING_COLUMNS}
        rows={ranked}
        rowKey={(t) => t.entryId}
      />
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
      {versions.length > 1 && (
        <>
          <h3>Lịch sử phiên bản</h3>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                Phiên bản {v.version}
                {v.status === 'superseded' ? ' (đã được thay thế)' : ' (hiện hành)'}
                {v.publishedAt ? `, công bố ${dateTime(v.publishedAt)}` : ''}
                {v.correctionReason ? ` — ${v.correctionReason}` : ''} · mã{' '}
                <code>{v.fingerprint.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The signed checkpoint, whole: anyone can check it later with the published public key. */
function CheckpointNote({ checkpoint: c }: { checkpoint: AuditCheckpoint }) {
  return (
    <details class="fingerprint" data-testid="audit-checkpoint">
      <summary>
        Nhật ký kiểm toán khi chốt: {c.rowCount} bản ghi, ký số lúc {dateTime(c.signedAt)}
      </summary>
      <p class="small">
        Mã băm đầu chuỗi: <code>{c.headHash}</code>
        <br />
        Chữ ký Ed25519 (khoá {c.keyId}): <code>{c.signature}</code>
        <br />
        Thời điểm ký: <code>{c.signedAt}</code> · chuỗi <code>{c.chain}</code> ·{' '}
        <a href="/api/public/audit-key">khoá công khai</a>
      </p>
    </details>
  );
}

const KIND_ORDER = ['ranked', 'side', 'sponsor', 'certificate'];

/** Ranked prizes first (in ranking order), then side and sponsor prizes, then certificates. */
function byKind(a: Award, b: Award): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
}

function awardLabel(a: Award): string {
  return a.memberName ? `${a.prizeName} (${a.memberName})` : a.prizeName;
}
