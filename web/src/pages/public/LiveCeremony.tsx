import type { LiveBoardView } from '../../api-types/routes.gen';
import { QrCode } from '../../components/QrCode';
import { points } from '../../format';

type Ceremony = NonNullable<LiveBoardView['ceremony']>;
type Award = Ceremony['awards'][number];

/**
 * The award ceremony on the projector: the stage is cleared, the prize just revealed fills the
 * screen (team, unit, model and score in large type), the ones before it stay listed, and once
 * every prize is out the board ends on the published results' address and its QR code.
 */
export function LiveCeremony({ ceremony, slug }: { ceremony: Ceremony; slug: string }) {
  const latest = ceremony.awards.at(-1);
  const earlier = ceremony.awards.slice(0, -1).reverse();
  const done = ceremony.revealed >= ceremony.total;
  return (
    <div class="ceremony" data-testid="ceremony">
      <h2>Lễ trao giải</h2>
      {!latest && <p class="board-wait">Xin mời quý vị theo dõi phần công bố giải thưởng.</p>}
      {latest && !done && <AwardCard award={latest} />}
      {done && <Results slug={slug} />}
      {(done ? ceremony.awards.length : earlier.length) > 0 && (
        <ol class="ceremony-list" data-testid="ceremony-list" aria-label="Các giải đã công bố">
          {(done ? [...ceremony.awards].reverse() : earlier).map((a, i) => (
            <li key={i}>
              <span class="ceremony-prize">{a.prizeName}</span>
              <span>
                {teamText(a)}
                {a.memberName ? ` — ${a.memberName}` : ''}
              </span>
              {a.kind === 'ranked' && a.rankingScore && <strong>{points(a.rankingScore)}</strong>}
            </li>
          ))}
        </ol>
      )}
      {!done && (
        <p class="ceremony-count">
          Đã công bố {ceremony.revealed}/{ceremony.total} giải
        </p>
      )}
    </div>
  );
}

const teamText = (a: Award) => `Đội số ${a.teamNumber} — ${a.teamName}`;

function AwardCard({ award }: { award: Award }) {
  return (
    <section class="ceremony-award" aria-live="assertive" data-testid="ceremony-award">
      <p class="ceremony-prize-big">{award.prizeName}</p>
      {award.sponsor && <p class="ceremony-sponsor">Nhà tài trợ: {award.sponsor}</p>}
      <p class="ceremony-team">{teamText(award)}</p>
      {award.memberName && <p class="ceremony-member">{award.memberName}</p>}
      <p class="ceremony-unit">{award.unitName}</p>
      <p class="ceremony-entry">Mô hình: {award.entryName}</p>
      {award.kind === 'ranked' && award.rankingScore && (
        <p class="ceremony-score">{points(award.rankingScore)} điểm</p>
      )}
    </section>
  );
}

/** The end: where everyone can read the published results, typed or scanned. */
function Results({ slug }: { slug: string }) {
  const url = `${location.origin}/c/${encodeURIComponent(slug)}/ket-qua`;
  return (
    <section class="ceremony-end" data-testid="ceremony-end">
      <div>
        <p class="ceremony-prize-big">Kết quả chính thức</p>
        <p>Xem toàn bộ kết quả, bảng điểm và giấy chứng nhận tại:</p>
        <p class="ceremony-url">
          <a href={url}>{url}</a>
        </p>
      </div>
      <QrCode
        class="ceremony-qr"
        text={url}
        label={`Mã QR dẫn tới trang kết quả: ${url}`}
        testId="ceremony-qr"
      />
    </section>
  );
}
