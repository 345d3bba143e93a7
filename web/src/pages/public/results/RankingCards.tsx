import { points } from '../../../format';
import { awardLabel, type Team } from './types';

/**
 * The ranking on a phone: one card per team with what a citizen looks for first (rank, team,
 * unit, total, prize); the score's parts open on a tap. The table holds the same figures on
 * wider screens (styles.css shows one or the other).
 */
export function RankingCards({ teams }: { teams: Team[] }) {
  return (
    <ol class="result-cards" aria-label="Bảng xếp hạng chung cuộc" data-testid="result-cards">
      {teams.map((t) => {
        const prize = t.awards.map(awardLabel).join('; ');
        return (
          <li key={t.entryId} class="result-card">
            <p class="result-rank">
              <span class="sr-only">Hạng </span>
              {t.rank}
            </p>
            <div class="result-main">
              <h3 class="result-team">{t.teamName}</h3>
              <p class="muted small">{t.unitName}</p>
              <p class="result-total">
                Tổng điểm <strong>{points(t.rankingScore)}</strong>
              </p>
              {prize && <p class="result-prize">{prize}</p>}
              <details class="result-details">
                <summary>Chi tiết điểm</summary>
                <dl>
                  <dt>Mô hình</dt>
                  <dd>{t.entryName}</dd>
                  <dt>Tương tác</dt>
                  <dd class="num">{points(t.interaction.points)}</dd>
                  <dt>Giám khảo</dt>
                  <dd class="num">{points(t.judgesPoints)}</dd>
                  <dt>Sơ khảo</dt>
                  <dd class="num">{points(t.preliminary)}</dd>
                  <dt>Chung khảo</dt>
                  <dd class="num">{points(t.final?.points)}</dd>
                </dl>
              </details>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
