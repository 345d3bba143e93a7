import type { EntityManager } from 'typeorm';
import { LEGACY_NAMES_SQL, legacyNameMap, shownName } from '../auth/display-name';
import type { ResultsDocument } from './results-document';
import type { ResultsVersion } from './results-version.entity';

/**
 * Versions and tie decisions stored before display names were recorded hold login names.
 * They are never rewritten (frozen documents are fingerprinted): readers show the display
 * name instead, through these helpers.
 */

/** Login → display name of everyone who froze, approved or decided in this contest. */
export async function legacyNames(
  em: EntityManager,
  contestId: string,
): Promise<Map<string, string>> {
  return legacyNameMap(
    await em.query(
      `${LEGACY_NAMES_SQL}
        WHERE u.id IN (SELECT decided_by FROM tie_decisions WHERE contest_id = $1
                       UNION SELECT frozen_by FROM results_versions WHERE contest_id = $1
                       UNION SELECT approved_by FROM results_versions WHERE contest_id = $1)`,
      [contestId],
    ),
  );
}

/** The document with each tie decision's decider shown by display name. */
export function withShownNames(
  document: ResultsDocument,
  legacy: ReadonlyMap<string, string>,
): ResultsDocument {
  if (!legacy.size) return document;
  return {
    ...document,
    tieDecisions: document.tieDecisions.map((d) => ({
      ...d,
      decidedBy: shownName(d.decidedBy, legacy),
    })),
  };
}

/** A version for reading (pages, documents); the stored row and its fingerprint are untouched. */
export async function shownVersion(
  em: EntityManager,
  row: ResultsVersion,
): Promise<ResultsVersion> {
  const legacy = await legacyNames(em, row.contestId);
  if (!legacy.size) return row;
  return Object.assign(Object.create(Object.getPrototypeOf(row) as object) as ResultsVersion, {
    ...row,
    frozenByName: shownName(row.frozenByName, legacy),
    approvedByName: row.approvedByName && shownName(row.approvedByName, legacy),
    document: withShownNames(row.document, legacy),
  });
}
