import { EngineError } from './errors';
import type { ContestRules } from './rules';
import { compareCodeUnits } from './ids';

/** A judge's nomination for a side prize, made during one part of the final. */
export interface Nomination {
  judgeId: string;
  kind: 'individual' | 'collective';
  partCode: string;
  entryId: string;
  /** the team member, for an individual nomination */
  memberId?: string;
}

export interface SideCandidate {
  entryId: string;
  memberId?: string;
  nominations: number;
}

export interface SideProposal {
  prizeCode: string;
  kind: 'individual' | 'collective';
  /** the most nominated: one, or several when tied (the organisers choose) */
  candidates: SideCandidate[];
  /** more top candidates than the prize has awards */
  tie: boolean;
}

/**
 * Proposes each side prize from the judges' nominations: the most nominated person
 * (individual) or team (collective). The same nomination entered twice counts once. Only a
 * proposal: the organisers confirm it and pass it to allocatePrizes as `sideAwards`.
 */
export function proposeSidePrizes(
  rules: Pick<ContestRules, 'prizes'>,
  nominations: Nomination[],
): SideProposal[] {
  const distinct = new Map<string, Nomination>();
  for (const n of nominations) {
    if (n.kind !== 'individual' && n.kind !== 'collective')
      throw new EngineError('BAD_NOMINATION', `Đề cử của giám khảo ${n.judgeId} không hợp lệ.`, {
        judgeId: n.judgeId,
        entryId: n.entryId,
      });
    const member = n.kind === 'individual' ? (n.memberId ?? '') : '';
    distinct.set(JSON.stringify([n.judgeId, n.kind, n.partCode, n.entryId, member]), n);
  }
  return rules.prizes
    .filter((p) => p.kind === 'side' && (p.sideFor === 'individual' || p.sideFor === 'collective'))
    .map((prize) => {
      const kind = prize.sideFor!;
      const tally = new Map<string, SideCandidate>();
      for (const n of distinct.values()) {
        if (n.kind !== kind) continue;
        const memberId = kind === 'individual' ? n.memberId : undefined;
        const key = JSON.stringify([n.entryId, memberId ?? '']);
        const candidate = tally.get(key) ?? {
          entryId: n.entryId,
          ...(memberId !== undefined ? { memberId } : {}),
          nominations: 0,
        };
        candidate.nominations++;
        tally.set(key, candidate);
      }
      const best = Math.max(0, ...[...tally.values()].map((c) => c.nominations));
      const candidates = [...tally.values()]
        .filter((c) => best > 0 && c.nominations === best)
        .sort(
          (a, b) =>
            compareCodeUnits(a.entryId, b.entryId) ||
            compareCodeUnits(a.memberId ?? '', b.memberId ?? ''),
        );
      return { prizeCode: prize.code, kind, candidates, tie: candidates.length > prize.count };
    });
}
