import { EngineError } from './errors';
import type { ContestRules, Prize } from './rules';
import type { RankedRow } from './ranking';

export interface Award {
  entryId: string;
  prizeCode: string;
  prizeName: string;
  kind: Prize['kind'];
  amountVnd: number;
  memberId?: string;
}

export interface PrizeAllocation {
  awards: Award[];
  /** ranked prize slots nobody received (fewer finalists, a cap, or a blocking tie) */
  unassignedSlots: { prizeCode: string; count: number }[];
  /** a tie straddling a prize boundary: the organisers must decide before freezing */
  blockedByTie: { prizeCodes: string[]; entryIds: string[] }[];
  totalVnd: number;
  /** entries receiving the certificate of merit */
  certificates: string[];
}

export interface ConfirmedAward {
  prizeCode: string;
  entryId: string;
  memberId?: string;
}

/**
 * Prizes in ranking order: ranked prizes slot by slot (1 Nhất, 1 Nhì, 1 Ba, 2 Khuyến khích by
 * default), capped by `prizeCapPercent`; teams tied within one prize's slots share it; a tie
 * across a prize boundary is reported, not settled. Every other finalist gets the certificate.
 * Side prizes (confirmed by organisers from the proposal) and sponsor prizes are added as
 * given. The total is the exact sum of every award.
 */
export function allocatePrizes(
  rules: Pick<ContestRules, 'prizes' | 'prizeCapPercent'>,
  ranking: RankedRow[],
  extra: { side?: ConfirmedAward[]; sponsor?: ConfirmedAward[] } = {},
): PrizeAllocation {
  const prizes = rules.prizes;
  const ranked = prizes.filter((p) => p.kind === 'ranked');
  let slots = ranked.flatMap((p) => Array.from({ length: p.count }, () => p));
  if (rules.prizeCapPercent !== null && rules.prizeCapPercent !== undefined) {
    slots = slots.slice(0, Math.floor((ranking.length * rules.prizeCapPercent) / 100));
  }
  const awards: Award[] = [];
  const blockedByTie: PrizeAllocation['blockedByTie'] = [];
  const used = new Array<boolean>(slots.length).fill(false);
  const withPrize = new Set<string>();
  let position = 0;
  const groups = groupByRank(ranking);
  for (const group of groups) {
    if (position >= slots.length) break;
    const span = slots.slice(position, position + group.length);
    const codes = [...new Set(span.map((s) => s.code))];
    const fits = span.length === group.length;
    if (group.length > 1 && group[0]!.needsDecision && (!fits || codes.length > 1)) {
      blockedByTie.push({
        prizeCodes: fits ? codes : [...codes, 'none'],
        entryIds: group.map((r) => r.entryId),
      });
      position += group.length;
      continue;
    }
    group.forEach((row, i) => {
      const prize = span[i]!;
      awards.push({
        entryId: row.entryId,
        prizeCode: prize.code,
        prizeName: prize.name,
        kind: 'ranked',
        amountVnd: prize.amountVnd,
      });
      used[position + i] = true;
      withPrize.add(row.entryId);
    });
    position += group.length;
  }
  const blocked = new Set(blockedByTie.flatMap((b) => b.entryIds));
  const certificate = prizes.find((p) => p.kind === 'certificate');
  const certificates: string[] = [];
  if (certificate) {
    for (const row of ranking) {
      if (withPrize.has(row.entryId) || blocked.has(row.entryId)) continue;
      if (certificate.count > 0 && certificates.length >= certificate.count) break;
      certificates.push(row.entryId);
      awards.push({
        entryId: row.entryId,
        prizeCode: certificate.code,
        prizeName: certificate.name,
        kind: 'certificate',
        amountVnd: certificate.amountVnd,
      });
    }
  }
  for (const [kind, list] of [
    ['side', extra.side ?? []],
    ['sponsor', extra.sponsor ?? []],
  ] as const) {
    const countOf = new Map<string, number>();
    for (const a of list) {
      const prize = prizes.find((p) => p.code === a.prizeCode);
      if (!prize || prize.kind !== kind)
        throw new EngineError('UNKNOWN_PRIZE', `Không có giải ${kind} mã ${a.prizeCode}.`, {
          entryId: a.entryId,
          field: a.prizeCode,
        });
      const n = (countOf.get(prize.code) ?? 0) + 1;
      if (n > prize.count)
        throw new EngineError('TOO_MANY_AWARDS', `Giải ${prize.name} chỉ có ${prize.count} giải.`, {
          field: prize.code,
        });
      countOf.set(prize.code, n);
      awards.push({
        entryId: a.entryId,
        prizeCode: prize.code,
        prizeName: prize.name,
        kind,
        amountVnd: prize.amountVnd,
        ...(a.memberId ? { memberId: a.memberId } : {}),
      });
    }
  }
  const unassigned = new Map<string, number>();
  slots.forEach((s, i) => {
    if (!used[i]) unassigned.set(s.code, (unassigned.get(s.code) ?? 0) + 1);
  });
  let totalVnd = 0;
  for (const a of awards) totalVnd += a.amountVnd; // whole đồng: exact integer sum
  return {
    awards,
    unassignedSlots: [...unassigned].map(([prizeCode, count]) => ({ prizeCode, count })),
    blockedByTie,
    totalVnd,
    certificates,
  };
}

function groupByRank(ranking: RankedRow[]): RankedRow[][] {
  const groups: RankedRow[][] = [];
  for (const row of [...ranking].sort((a, b) => a.rank - b.rank)) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.rank === row.rank) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

export interface Nomination {
  judgeId: string;
  kind: 'individual' | 'collective';
  partCode: string;
  entryId: string;
  memberId?: string;
}

export interface SideProposal {
  prizeCode: string;
  kind: 'individual' | 'collective';
  /** most nominated: one candidate, or several when tied (organisers choose) */
  candidates: { entryId: string; memberId?: string; nominations: number }[];
  tie: boolean;
}

/** Side prizes proposed from the judges' nominations: the most nominated per kind. */
export function proposeSidePrizes(
  rules: Pick<ContestRules, 'prizes'>,
  nominations: Nomination[],
): SideProposal[] {
  return rules.prizes
    .filter((p) => p.kind === 'side' && p.sideFor)
    .map((prize) => {
      const counts = new Map<string, { entryId: string; memberId?: string; nominations: number }>();
      for (const n of nominations.filter((x) => x.kind === prize.sideFor)) {
        const key = prize.sideFor === 'individual' ? `${n.entryId}|${n.memberId ?? ''}` : n.entryId;
        const current = counts.get(key) ?? {
          entryId: n.entryId,
          ...(prize.sideFor === 'individual' && n.memberId ? { memberId: n.memberId } : {}),
          nominations: 0,
        };
        current.nominations++;
        counts.set(key, current);
      }
      const best = Math.max(0, ...[...counts.values()].map((c) => c.nominations));
      const candidates = [...counts.values()]
        .filter((c) => c.nominations === best && best > 0)
        .sort((a, b) => (a.entryId + (a.memberId ?? '') < b.entryId + (b.memberId ?? '') ? -1 : 1));
      return {
        prizeCode: prize.code,
        kind: prize.sideFor!,
        candidates,
        tie: candidates.length > prize.count,
      };
    });
}
