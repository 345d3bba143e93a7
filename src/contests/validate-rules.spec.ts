import fc from 'fast-check';
import { defaultRules } from '../engine';
import { validateRules } from './validate-rules';

/** "field:CODE" of every issue, in order. */
const issues = (input: unknown) => {
  const result = validateRules(input);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};
// Tests edit a copy freely, including into shapes the type does not allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const editable = () => defaultRules() as any;

describe('validateRules', () => {
  it('accepts the seed contest rules and returns a copy', () => {
    const input = defaultRules();
    const result = validateRules(input);
    expect(result).toEqual({ ok: true, rules: defaultRules() });
    expect(result.ok && result.rules).not.toBe(input);
  });

  it('refuses criteria that do not add up to the judges maximum, naming the list', () => {
    const rules = defaultRules();
    rules.judging.criteria[2]!.maxPoints = 20;
    expect(issues(rules)).toEqual(['judging.criteria:RULES_CRITERIA_SUM_MISMATCH']);
  });

  it('refuses final parts that do not add up to the final maximum', () => {
    const rules = defaultRules();
    rules.final.parts[2]!.maxPoints = 25;
    expect(issues(rules)).toEqual(['final.parts:RULES_PARTS_SUM_MISMATCH']);
  });

  it('gives Vietnamese messages with diacritics', () => {
    const rules = defaultRules();
    rules.judging.criteria[0]!.maxPoints = 20;
    const result = validateRules(rules);
    expect(!result.ok && result.errors[0]!.message).toBe(
      'Tổng điểm các tiêu chí (75) phải bằng điểm tối đa (70).',
    );
  });

  it('collects every problem at once, each with its JSON path', () => {
    const rules = editable();
    rules.prizes[0].count = -1;
    rules.prizes[1].amountVnd = 4_000_000.5;
    rules.interaction.formula = { kind: 'magic' };
    rules.tieBreak = ['final', 'luck', 'final'];
    rules.bonus = 5;
    rules.judging.criteria[1].code = 'novelty';
    rules.judging.criteria[2].maxPoints = 15.123;
    rules.judging.step = 0.333;
    rules.judging.aggregation = { kind: 'median' };
    rules.finalists = { kind: 'lottery' };
    rules.final.minJudges = 2.5;
    rules.dates.interactionCutoff = 'hôm qua';
    rules.dates.originalityCutoff = '2021-02-30';
    rules.prizes[5].sideFor = undefined;
    rules.prizes[2].kind = 'golden';
    rules.prizeCapPercent = 150;
    rules.video.minSeconds = -1;
    expect(issues(rules)).toEqual(
      expect.arrayContaining([
        'prizes[0].count:RULES_NEGATIVE_COUNT',
        'prizes[1].amountVnd:RULES_NOT_INTEGER',
        'interaction.formula.kind:RULES_UNKNOWN_FORMULA',
        'tieBreak[1]:RULES_UNKNOWN_TIEBREAK',
        'tieBreak[2]:RULES_DUPLICATE_CODE',
        'bonus:RULES_UNKNOWN_FIELD',
        'judging.criteria[1].code:RULES_DUPLICATE_CODE',
        'judging.criteria[2].maxPoints:RULES_TOO_MANY_DECIMALS',
        'judging.step:RULES_TOO_MANY_DECIMALS',
        'judging.aggregation.kind:RULES_UNKNOWN_AGGREGATION',
        'finalists.kind:RULES_UNKNOWN_FINALISTS',
        'final.minJudges:RULES_NOT_INTEGER',
        'dates.interactionCutoff:RULES_DATE',
        'dates.originalityCutoff:RULES_DATE',
        'prizes[5].sideFor:RULES_REQUIRED',
        'prizes[2].kind:RULES_UNKNOWN_PRIZE_KIND',
        'prizeCapPercent:RULES_RANGE',
        'video.minSeconds:RULES_NEGATIVE',
      ]),
    );
  });

  it('refuses a step that does not divide a criterion maximum', () => {
    const rules = defaultRules();
    rules.judging.step = 0.4; // 15 / 0,4 is not whole
    expect(issues(rules)).toContain('judging.criteria[0].maxPoints:RULES_STEP');
  });

  it('refuses empty criteria, a side prize without sideFor and two certificate prizes', () => {
    const rules = editable();
    rules.judging.criteria = [];
    rules.prizes.push({
      code: 'giay_khen_2',
      name: 'Giấy khen',
      kind: 'certificate',
      count: 0,
      amountVnd: 0,
    });
    rules.prizes[0].sideFor = 'individual';
    expect(issues(rules)).toEqual(
      expect.arrayContaining([
        'judging.criteria:RULES_EMPTY',
        'prizes[7].kind:RULES_DUPLICATE_KIND',
        'prizes[0].sideFor:RULES_NOT_APPLICABLE',
      ]),
    );
  });

  it('refuses rank tiers that increase or exceed the maximum', () => {
    const rules = defaultRules();
    rules.interaction.formula = { kind: 'rankTiers', points: [30, 31, 26], otherPoints: 27 };
    expect(issues(rules)).toEqual([
      'interaction.formula.points[1]:RULES_RANGE',
      'interaction.formula.points[1]:RULES_NOT_DECREASING',
      'interaction.formula.otherPoints:RULES_NOT_DECREASING',
    ]);
  });

  it('accepts each formula, aggregation and finalist rule it knows', () => {
    const rules = defaultRules();
    rules.interaction.formula = { kind: 'perInteractions', per: 100, pointsPer: 0.5 };
    rules.judging.aggregation = { kind: 'mean' };
    rules.finalists = { kind: 'threshold', minScore: 70.5 };
    rules.prizeCapPercent = 50;
    rules.dates.submissionDeadline = '2022-08-15T17:00:00+07:00';
    expect(issues(rules)).toEqual([]);
    rules.finalists = { kind: 'all' };
    rules.interaction.formula = { kind: 'rankTiers', points: [30, 28, 26], otherPoints: 20 };
    expect(issues(rules)).toEqual([]);
  });

  it('refuses a __proto__ key without being polluted', () => {
    const input = JSON.parse(
      JSON.stringify(defaultRules()).replace('{', '{"__proto__":{"polluted":true},'),
    );
    expect(issues(input)).toEqual(['__proto__:RULES_UNKNOWN_FIELD']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([null, 42, 'rules', [], {}, { interaction: null }, [defaultRules()]])(
    'refuses %p with issues, never throwing',
    (input) => {
      expect(validateRules(input).ok).toBe(false);
    },
  );

  it('reports missing sections as required, with their names', () => {
    expect(issues({})).toEqual(
      expect.arrayContaining(['interaction:RULES_REQUIRED', 'prizeCapPercent:RULES_REQUIRED']),
    );
  });

  it('survives very deep nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const rules = editable();
    rules.video = deep;
    expect(validateRules(rules).ok).toBe(false);
  });

  it('never throws on any JSON value (1.000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof validateRules(value).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws when one part of the default rules is replaced by random JSON (1.000 runs)', () => {
    const paths = [
      ['interaction', 'maxPoints'],
      ['interaction', 'formula'],
      ['judging', 'criteria'],
      ['judging', 'aggregation'],
      ['finalists'],
      ['prizes'],
      ['tieBreak'],
      ['dates'],
      ['final', 'parts'],
      ['video'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const rules = editable();
        let target = rules;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path[path.length - 1]!] = value;
        expect(() => validateRules(rules)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normalisation in the rules', () => {
  // Moved from src/engine/normalisation.spec.ts with validateRules (the engine part stays there).
  it('is validated: an unknown method is refused with a Vietnamese message', () => {
    const rules = defaultRules() as unknown as { judging: Record<string, unknown> };
    rules.judging.normalisation = 'median';
    const result = validateRules(rules);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'judging.normalisation',
        code: 'RULES_UNKNOWN_NORMALISATION',
        message:
          'Cách chuẩn hoá điểm giám khảo không được hỗ trợ (none, zScore hoặc meanCentering).',
      },
    ]);
    for (const method of ['none', 'zScore', 'meanCentering'])
      expect(
        validateRules({ ...rules, judging: { ...rules.judging, normalisation: method } }).ok,
      ).toBe(true);
  });
});
