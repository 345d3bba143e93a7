import type { SchemaObject } from '@nestjs/swagger';
import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  num,
  object,
  points,
  type Schema,
  sha256Hex,
  str,
  uuid,
} from '../common/api-schema';
import { ANOMALY_KINDS } from './anomalies';
import { PREVIEW_LIST_LIMIT } from './file-analysis';
import { SNAPSHOT_SOURCES } from './interaction-snapshot.entity';

const sha256 = sha256Hex('SHA-256 of the file (or of the canonical form data), hex');
/** A boolean that is always this value in the response it describes. */
const exactly = (value: boolean): SchemaObject => ({ type: 'boolean', enum: [value] });
const counts = { reactions: int, shares: int, comments: int };
/** A list of an import's answer: its first PREVIEW_LIST_LIMIT items (`totals` has the counts). */
const firstOf = (item: Schema): SchemaObject => ({
  ...arrayOf(item),
  maxItems: PREVIEW_LIST_LIMIT,
  description: `The first ${PREVIEW_LIST_LIMIT} in the file's order`,
});

export const InteractionCountsView = named('InteractionCountsView', object(counts));

/** One problem of an imported file, with where it is. */
export const InteractionRowIssueView = named(
  'InteractionRowIssueView',
  object({
    line: int,
    column: nullable(str('Column label; null for a whole-row issue')),
    code: str(),
    message: str(),
  }),
);

const snapshotColumns = {
  id: uuid,
  contestId: uuid,
  takenAt: dateTime,
  source: enumOf(SNAPSHOT_SOURCES),
  fileSha256: sha256,
  fileName: nullable(str()),
  rowCount: int,
  createdBy: nullable(uuid),
  createdAt: dateTime,
};

export const InteractionExclusionView = named(
  'InteractionExclusionView',
  object({
    id: uuid,
    contestId: uuid,
    entryId: uuid,
    ...counts,
    reason: str(),
    createdBy: nullable(uuid),
    createdAt: dateTime,
    withdrawnAt: nullable(dateTime),
  }),
);

const scored = {
  raw: {
    ...num,
    description: 'Weighted interactions after exclusions (decimals when a weight has)',
  },
  points,
  rank: int,
};

/** GET /interactions: the official counts, points, rank and flags of every published entry. */
export const InteractionStandingsView = named(
  'InteractionStandingsView',
  object({
    officialSnapshot: nullable(
      object({ id: uuid, takenAt: dateTime, source: enumOf(SNAPSHOT_SOURCES) }),
    ),
    interactionCutoff: nullable(str('From the rules (ISO 8601); null: the latest snapshot counts')),
    anomalyOptions: object({ burstThreshold: int, burstWindowHours: int, roundAbove: int }),
    snapshots: arrayOf(object({ ...snapshotColumns, official: bool })),
    entries: arrayOf(
      object({
        entryId: uuid,
        teamNumber: int,
        teamName: str(),
        entryName: str('The model’s name (tên gọi)'),
        counts: nullable(InteractionCountsView),
        excluded: nullable(InteractionCountsView),
        ...scored,
        flags: arrayOf(
          object({ entryId: uuid, snapshotId: uuid, kind: enumOf(ANOMALY_KINDS), message: str() }),
        ),
        /** every exclusion, withdrawn ones included */
        exclusions: arrayOf(InteractionExclusionView),
      }),
    ),
  }),
);

/** GET /interactions/history: counts over time per published entry. */
export const InteractionHistoryView = named(
  'InteractionHistoryView',
  object({
    entryId: uuid,
    teamNumber: int,
    series: arrayOf(object({ snapshotId: uuid, takenAt: dateTime, ...counts })),
  }),
);

/** What an imported file would change (nothing written). */
export const InteractionImportPreviewView = named(
  'InteractionImportPreviewView',
  object({
    headerLine: int,
    timeColumn: {
      ...bool,
      description: 'The file has a "Thời điểm" column: each row gives when it was read',
    },
    matched: {
      ...arrayOf(
        object({ line: int, entryId: uuid, teamNumber: int, takenAt: dateTime, ...counts }),
      ),
      description: `The rows that would be written, in the file's order: all of them up to ${PREVIEW_LIST_LIMIT}, otherwise the first ${PREVIEW_LIST_LIMIT} of the reading whose points are shown`,
    },
    unmatched: firstOf(object({ line: int, value: str() })),
    errors: firstOf(InteractionRowIssueView),
    warnings: firstOf(InteractionRowIssueView),
    totals: {
      ...object({ matched: int, unmatched: int, errors: int, warnings: int, points: int }),
      description: `How many of each the whole file has (each list stops at ${PREVIEW_LIST_LIMIT})`,
    },
    fileSha256: sha256,
    source: enumOf(SNAPSHOT_SOURCES),
    takenAt: str(
      'The reading whose points are shown (ISO 8601): the one sent, or in a file of several readings the one that would be official; empty when the file has no header',
    ),
    readings: {
      ...arrayOf(object({ takenAt: dateTime, rows: int })),
      description: 'One snapshot per reading, oldest first',
    },
    canCommit: bool,
    points: firstOf(object({ entryId: uuid, teamNumber: int, ...scored })),
    existingSnapshotId: nullable({
      ...uuid,
      description: 'Set when this file was imported before: its latest snapshot',
    }),
    existingSnapshotIds: {
      ...arrayOf(uuid),
      description: 'Every snapshot this file made before, oldest first',
    },
    previewToken: nullable({
      ...uuid,
      description:
        'Send it to POST …/interactions/imports instead of the file to commit exactly this file (when it can be committed; null otherwise, and in a commit’s answer)',
    }),
    previewExpiresAt: nullable({ ...dateTime, description: 'The token is valid until then' }),
  }),
);

/** POST /interactions/imports, 201: a new snapshot was stored. */
export const InteractionImportCreatedView = named(
  'InteractionImportCreatedView',
  object({
    snapshotId: { ...uuid, description: 'The latest reading’s snapshot' },
    snapshotIds: { ...arrayOf(uuid), description: 'One snapshot per reading, oldest first' },
    created: exactly(true),
    rows: int,
    unmatched: { ...int, description: 'Rows that matched no entry' },
    warnings: firstOf(InteractionRowIssueView),
    source: enumOf(SNAPSHOT_SOURCES),
    fileSha256: sha256,
  }),
);

/** POST /interactions/imports, 200: the same file was imported before; its snapshot. */
export const InteractionImportExistingView = named(
  'InteractionImportExistingView',
  object({
    snapshotId: uuid,
    snapshotIds: arrayOf(uuid),
    created: exactly(false),
    preview: InteractionImportPreviewView,
  }),
);

/** POST /interactions/form: 201 new snapshot, 200 the same counts were entered before. */
export const InteractionFormSnapshotView = named(
  'InteractionFormSnapshotView',
  object({ snapshotId: uuid, created: bool }),
);
