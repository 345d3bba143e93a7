import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  points,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_STATUSES } from '../contests/contest-status';
import { CeremonyAwardView } from '../final-round/final-round.responses';

/**
 * What the projector and citizens' phones show (BoardSnapshot, board-snapshot.service.ts):
 * public data only. The same object is the `data` of each `board` event of the stream.
 */
export const LiveBoardView = named(
  'LiveBoardView',
  object({
    contest: object({ name: str(), slug: str(), status: enumOf(CONTEST_STATUSES) }),
    final: nullable(
      object(
        {
          order: arrayOf(
            object({ entryId: uuid, teamNumber: int, teamName: str(), entryName: str() }),
          ),
          current: object({
            entryId: nullable(uuid),
            partCode: nullable(str()),
            partName: nullable(str()),
          }),
          timer: object(
            {
              running: bool,
              startedAt: nullable(dateTime),
              elapsedMs: int,
              limitSeconds: nullable(int),
            },
            { description: 'The viewer ticks the clock: elapsed = elapsedMs + (now − startedAt)' },
          ),
          parts: arrayOf(
            object(
              {
                entryId: uuid,
                partCode: str(),
                points: nullable({ ...points, description: 'null: no submitted score yet' }),
                judges: int,
              },
              { description: 'A revealed part result: mean of the judges’ submitted points' },
            ),
          ),
          ranking: nullable(
            arrayOf(
              object({
                rank: int,
                entryId: uuid,
                teamName: str(),
                preliminary: nullable(points),
                final: nullable(points),
                rankingScore: nullable(points),
                needsDecision: bool,
              }),
            ),
          ),
        },
        { description: 'null until the final round is set up' },
      ),
    ),
    results: nullable(
      object(
        { version: int, fingerprint: str(), publishedAt: dateTime },
        { description: 'The published results version, once there is one' },
      ),
    ),
    ceremony: nullable(
      object(
        {
          revealed: int,
          total: int,
          awards: arrayOf(CeremonyAwardView),
        },
        {
          description:
            'The award ceremony while it runs: the prizes revealed so far, last place first (the board clears the stage)',
        },
      ),
    ),
    serverTime: { ...dateTime, description: 'Lets viewers correct their clock for the timer' },
  }),
);
