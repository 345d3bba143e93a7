import { floorDiv, toHundredths } from './decimal';
import { EngineError } from './errors';
import type { RankedRow } from './ranking';
import type { ContestRules, Prize, PrizeKind } from './rules';
import { compareCodeUnits } from './ids';

export interface Award {
  entryId: string;
  prizeCode: string;
  prizeName: string;
  kind: PrizeKind;
  /** whole đồng */
  amountVnd: number;
  /** individual side prizes: the team member honoured */
  memberId?: string;
}

/** An award the organisers confirmed (side prizes) or entered (sponsor prizes). */
export interface ConfirmedAward {
  prizeCode: string;
  entryId: string;
  memberId?: string;
}

/** Teams tied (same rank, no decision) across a prize boundary: nothing is allocated to them. */
export interface BlockedTie {
  /** the prizes of the slots the tied group would take, in order */
  prizeCodes: string[];
  /** how many ranked slots are left for the group (fewer than the teams, or mixed prizes) */
  slotsAvailable: number;
  entryIds: string[];
}

export interface PrizeAllocation {
  /** ranked (in ranking order), then certificates, then side, then sponsor awards */
  awards: Award[];
  /** ranked slots nobody received: fewer finalists, the cap, or a blocking tie */
  unassignedSlots: { prizeCode: string; count: number }[];
  /** null when no tie blocks a prize; otherwise the organisers must decide first */
  blockedByTie: BlockedTie[] | null;
  /** exact sum of every award's amount (ranked + certificates + side + sponsor) */
  totalVnd: number;
  /** entries receiving the certificate prize */
  certificates: string[];
}

type RankingRow = Pick<RankedRow, 'entryId' | 'rank'>;

/**
 * Proposes the prizes from the final ranking:
 * - ranked prizes slot by slot in ranking order (1 Nhất, 1 Nhì, 1 Ba, 2 Khuyến khích by
 *   default), at most ⌊finalists × prizeCapPercent / 100⌋ slots when a cap is set;
 * - teams sharing a rank whose slots all carry the same prize all receive it; a shared rank
 *   that straddles a prize boundary (or the last slot) is reported in `blockedByTie` and its
 *   slots stay unassigned until the organisers record a decision;
 * - the certificate prize goes to every other finalist (count 0) or to the next `count` ones;
 * - side and sponsor prizes are added as confirmed by the organisers.
 */
export function allocatePrizes(
  rules: Pick<ContestRules, 'prizes' | 'prizeCapPercent'>,
  ranking: RankingRow[],
  confirmed: { sideAwards?: ConfirmedAward[]; sponsorAwards?: ConfirmedAward[] } = {},
): PrizeAllocation {
  const prizes = rules.prizes.map(checkPrize);
  const rows = checkRanking(ranking);
  const slots = rankedSlots(prizes, rules.prizeCapPercent, rows.length);

  const awards: Award[] = [];
  const blocked: BlockedTie[] = [];
  const handled = new Set<string>();
  const used = new Array<boolean>(slots.length).fill(false);
  let position = 0;
  for (let i = 0; i < rows.length && position < slots.length;) {
    let end = i + 1;
    while (end < rows.length && rows[end]!.rank === rows[i]!.rank) end++;
    const group = rows.slice(i, end);
    const span = slots.slice(position, position + group.length);
    const sameCode = span.every((slot) => slot.code === span[0]!.code);
    if (span.length === group.length && sameCode) {
      group.forEach((row, k) => {
        awards.push(award(row.entryId, span[k]!));
        used[position + k] = true;
        handled.add(row.entryId);
      });
    } else {
      blocked.push({
        prizeCodes: [...new Set(span.map((slot) => slot.code))],
        slotsAvailable: span.length,
        entryIds: group.map((row) => row.entryId),
      });
      for (const row of group) handled.add(row.entryId);
    }
    position += group.length;
    i = end;
  }

  const certificates: string[] = [];
  const certificate = prizes.find((p) => p.kind === 'certificate');
  if (certificate) {
    for (const row of rows) {
      if (handled.has(row.entryId)) continue;
      if (certificate.count > 0 && certificates.length >= certificate.count) break;
      certificates.push(row.entryId);
      awards.push(award(row.entryId, certificate));
    }
  }

  const finalists = new Set(rows.map((r) => r.entryId));
  awards.push(...confirmedAwards(prizes, 'side', confirmed.sideAwards ?? [], finalists));
  awards.push(...confirmedAwards(prizes, 'sponsor', confirmed.sponsorAwards ?? [], null));

  let totalVnd = 0;
  for (const a of awards) totalVnd += a.amountVnd; // whole đồng: an exact integer sum
  if (!Number.isSafeInteger(totalVnd))
    throw new EngineError('TOO_LARGE', 'Tổng tiền thưởng quá lớn.', { field: 'prizes' });

  const unassigned = new Map<string, number>();
  slots.forEach((slot, k) => {
    if (!used[k]) unassigned.set(slot.code, (unassigned.get(slot.code) ?? 0) + 1);
  });
  return {
    awards,
    unassignedSlots: [...unassigned].map(([prizeCode, count]) => ({ prizeCode, count })),
    blockedByTie: blocked.length ? blocked : null,
    totalVnd,
    certificates,
  };
}

function award(entryId: string, prize: Prize, memberId?: string): Award {
  return {
    entryId,
    prizeCode: prize.code,
    prizeName: prize.name,
    kind: prize.kind,
    amountVnd: prize.amountVnd,
    ...(memberId !== undefined ? { memberId } : {}),
  };
}

/** One slot per ranked prize unit, in the rules' order, cut to the cap. */
function rankedSlots(prizes: Prize[], capPercent: number | null, finalists: number): Prize[] {
  const slots = prizes
    .filter((p) => p.kind === 'ranked')
    .flatMap((p) => new Array<Prize>(p.count).fill(p));
  if (capPercent === null || capPercent === undefined) return slots;
  const percent = toHundredths(capPercent, 'prizeCapPercent'); // hundredths of a percent
  if (percent < 0 || percent > 10_000)
    throw new EngineError('BAD_RULES', 'prizeCapPercent: phải từ 0 đến 100.', {
      field: 'prizeCapPercent',
    });
  return slots.slice(0, floorDiv(finalists * percent, 10_000));
}

function checkPrize(prize: Prize, i: number): Prize {
  const field = `prizes[${i}]`;
  if (!Number.isSafeInteger(prize.count) || prize.count < 0)
    throw new EngineError('BAD_RULES', `${field}.count: phải là số nguyên không âm.`, { field });
  if (!Number.isSafeInteger(prize.amountVnd) || prize.amountVnd < 0)
    throw new EngineError('BAD_RULES', `${field}.amountVnd: phải là số nguyên không âm.`, {
      field,
    });
  return prize;
}

/** Rows by rank, then entry id (the order inside a shared rank never matters for prizes). */
function checkRanking(ranking: RankingRow[]): RankingRow[] {
  const seen = new Set<string>();
  for (const row of ranking) {
    if (seen.has(row.entryId))
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${row.entryId} xuất hiện hai lần.`, {
        entryId: row.entryId,
      });
    seen.add(row.entryId);
    if (!Number.isSafeInteger(row.rank) || row.rank < 1)
      throw new EngineError('NOT_AN_INTEGER', `Sản phẩm ${row.entryId}: thứ hạng không hợp lệ.`, {
        entryId: row.entryId,
      });
  }
  return [...ranking].sort((a, b) => a.rank - b.rank || compareCodeUnits(a.entryId, b.entryId));
}

function confirmedAwards(
  prizes: Prize[],
  kind: 'side' | 'sponsor',
  list: ConfirmedAward[],
  eligible: Set<string> | null,
): Award[] {
  const given = new Map<string, number>();
  return list.map((a) => {
    const prize = prizes.find((p) => p.code === a.prizeCode && p.kind === kind);
    if (!prize)
      throw new EngineError('UNKNOWN_PRIZE', `Không có giải ${kind} mã ${a.prizeCode}.`, {
        entryId: a.entryId,
        field: a.prizeCode,
      });
    if (typeof a.entryId !== 'string' || (eligible && !eligible.has(a.entryId)))
      throw new EngineError(
        'UNKNOWN_ENTRY',
        `Giải ${prize.name}: sản phẩm ${String(a.entryId)} không có trong danh sách chung khảo.`,
        { entryId: String(a.entryId), field: prize.code },
      );
    if (prize.sideFor === 'individual' && !a.memberId)
      throw new EngineError('MISSING_MEMBER', `Giải ${prize.name} phải ghi rõ cá nhân được trao.`, {
        entryId: a.entryId,
        field: prize.code,
      });
    const n = (given.get(prize.code) ?? 0) + 1;
    if (n > prize.count)
      throw new EngineError('TOO_MANY_AWARDS', `Giải ${prize.name} chỉ có ${prize.count} giải.`, {
        field: prize.code,
      });
    given.set(prize.code, n);
    return award(a.entryId, prize, a.memberId);
  });
}
