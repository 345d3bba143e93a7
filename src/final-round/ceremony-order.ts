import type { ResultsDocument } from '../results/results-document';

/** One prize as the award ceremony announces it. */
export interface CeremonyAward {
  prizeName: string;
  kind: 'ranked' | 'side' | 'sponsor';
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  /** the team's ranking score (preliminary + final); null for a team outside the final */
  rankingScore: string | null;
  /** individual side prize: the person honoured */
  memberName: string | null;
  sponsor: string | null;
}

/**
 * The order a ceremony announces the prizes of a published results document: side and
 * sponsor prizes first (in the document's order), then the ranked prizes from the last place
 * to the first, so the first prize comes last. Certificates (giấy khen) go to many teams at
 * once and are read out from the list, not one by one on the screen: they are left out.
 */
export function ceremonyAwards(doc: ResultsDocument): CeremonyAward[] {
  const teamOf = new Map(doc.teams.map((t) => [t.entryId, t]));
  const lines = doc.prizes.awards.filter(
    (a): a is typeof a & { kind: CeremonyAward['kind'] } => a.kind !== 'certificate',
  );
  const side = lines.filter((a) => a.kind !== 'ranked');
  const rankOf = (entryId: string) => teamOf.get(entryId)?.rank ?? Number.MAX_SAFE_INTEGER;
  const ranked = lines
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.kind === 'ranked')
    // last place first; within one rank, the document's order read backwards
    .sort((x, y) => rankOf(y.a.entryId) - rankOf(x.a.entryId) || y.i - x.i)
    .map(({ a }) => a);
  return [...side, ...ranked].map((a) => {
    const team = teamOf.get(a.entryId);
    return {
      prizeName: a.prizeName,
      kind: a.kind,
      teamNumber: team?.teamNumber ?? 0,
      teamName: team?.teamName ?? a.teamName,
      unitName: team?.unitName ?? '',
      entryName: team?.entryName ?? '',
      rankingScore: team?.rankingScore ?? null,
      memberName: a.memberName,
      sponsor: a.sponsor,
    };
  });
}
