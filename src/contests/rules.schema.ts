import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, enumOf, int, named, nullable, num, object, str } from '../common/api-schema';

/**
 * The rules document (engine/rules.ts `ContestRules`) as an OpenAPI schema, so a generated
 * client can build and send one. validateRules (validate-rules.ts) stays the authority on values
 * (sums, steps, codes); test/openapi-contract.e2e-spec.ts checks the default rules against it.
 */
const points = { ...num, minimum: 0, description: 'Points, at most two decimals' };
const rubricItem = object({
  code: str('Stable code, e.g. novelty'),
  name: str(),
  maxPoints: points,
});
const aggregation: SchemaObject = {
  description: "How the judges' totals become the points: mean (default) or trimmed mean",
  oneOf: [
    object({ kind: enumOf(['mean']) }),
    object({
      kind: enumOf(['trimmedMean']),
      minJudges: { ...int, description: 'Drop the highest and lowest from this many judges' },
    }),
  ],
};
const money = { ...int, minimum: 0, description: 'Whole đồng' };

export const ContestRulesSchema = named(
  'ContestRules',
  object({
    interaction: object({
      maxPoints: points,
      weights: object({ reactions: points, shares: points, comments: points }),
      formula: {
        oneOf: [
          object({ kind: enumOf(['proportional']) }),
          object({ kind: enumOf(['rankTiers']), points: arrayOf(points), otherPoints: points }),
          object({ kind: enumOf(['perInteractions']), per: int, pointsPer: points }),
        ],
      },
    }),
    judging: object(
      {
        maxPoints: points,
        criteria: arrayOf(rubricItem),
        step: points,
        aggregation,
        minJudges: int,
        normalisation: {
          ...enumOf(['none', 'zScore', 'meanCentering']),
          description: 'Panel judging: per-judge normalisation (absent: none)',
        },
      },
      { optional: ['normalisation'] },
    ),
    finalists: {
      oneOf: [
        object({ kind: enumOf(['topN']), n: int }),
        object({ kind: enumOf(['threshold']), minScore: points }),
        object({ kind: enumOf(['all']) }),
      ],
    },
    final: object({
      parts: arrayOf(
        object(
          { ...rubricItem.properties!, timeLimitSeconds: int },
          { optional: ['timeLimitSeconds'] },
        ),
      ),
      maxPoints: points,
      step: points,
      aggregation,
      minJudges: int,
    }),
    tieBreak: arrayOf(enumOf(['final', 'judges', 'interaction', 'preliminary'])),
    prizes: arrayOf(
      object(
        {
          code: str(),
          name: str(),
          kind: enumOf(['ranked', 'certificate', 'side', 'sponsor']),
          count: { ...int, description: 'For a certificate, 0 means every other finalist' },
          amountVnd: money,
          sideFor: enumOf(['individual', 'collective']),
          sponsor: str(),
        },
        { optional: ['sideFor', 'sponsor'] },
      ),
    ),
    prizeCapPercent: nullable(num),
    dates: object({
      originalityCutoff: str('yyyy-mm-dd'),
      submissionDeadline: nullable(str('ISO 8601 instant')),
      interactionCutoff: nullable(str('ISO 8601 instant; null: the latest reading')),
    }),
    video: object({ minSeconds: nullable(int), maxSeconds: nullable(int) }),
  }),
);

/** For request DTOs: a property holding the rules document. */
export const rulesProperty = (description: string) => ({
  allOf: [ContestRulesSchema],
  description,
});
