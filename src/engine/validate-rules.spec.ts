import fc from 'fast-check';
import { defaultRules } from './default-rules';
import { validateRules } from './validate-rules';

const fields = (input: unknown) => {
  const result = validateRules(input);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe('rules document validation', () => {
  it('accepts the default (seed) rules', () => {
    expect(validateRules(defaultRules())).toEqual({ ok: true, rules: defaultRules() });
  });

  it('refuses criteria that do not add up to the judges maximum', () => {
    const rules = defaultRules();
    rules.judging.criteria[0]!.maxPoints = 20;
    expect(fields(rules)).toEqual(['judging.criteria:RULES_CRITERIA_SUM_MISMATCH']);
  });

  it('refuses final parts that do not add up to the final maximum', () => {
    const rules = defaultRules();
    rules.final.parts[2]!.maxPoints = 25;
    expect(fields(rules)).toEqual(['final.parts:RULES_CRITERIA_SUM_MISMATCH']);
  });

  it('collects every problem at once, each with its path', () => {
    const rules = defaultRules() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    rules.prizes[0].count = -1;
    rules.prizes[1].amountVnd = 4_000_000.5;
    rules.interaction.formula = { kind: 'magic' };
    rules.tieBreak = ['final', 'luck'];
    rules.bonus = 5;
    rules.judging.criteria[1].code = 'novelty';
    rules.judging.step = 0.333;
    rules.dates.interactionCutoff = 'hôm qua';
    rules.prizes[5].sideFor = undefined;
    expect(fields(rules)).toEqual(
      expect.arrayContaining([
        'prizes[0].count:RULES_NEGATIVE_COUNT',
        'prizes[1].amountVnd:RULES_NOT_INTEGER',
        'interaction.formula.kind:RULES_UNKNOWN_FORMULA',
        'tieBreak[1]:RULES_UNKNOWN_TIEBREAK',
        'bonus:RULES_UNKNOWN_FIELD',
        'judging.criteria[1].code:RULES_DUPLICATE_CODE',
        'judging.step:RULES_TOO_MANY_DECIMALS',
        'dates.interactionCutoff:RULES_DATE',
        'prizes[5].sideFor:RULES_REQUIRED',
      ]),
    );
  });

  it('refuses rank tiers that increase or exceed the maximum, and a bad cap', () => {
    const rules = defaultRules();
    rules.interaction.formula = { kind: 'rankTiers', points: [30, 31, 26], otherPoints: 10 };
    rules.prizeCapPercent = 150;
    expect(fields(rules)).toEqual(
      expect.arrayContaining([
        'interaction.formula.points[1]:RULES_RANGE',
        'interaction.formula.points[1]:RULES_NOT_DECREASING',
        'prizeCapPercent:RULES_RANGE',
      ]),
    );
  });

  it('refuses prototype keys without being polluted', () => {
    const input = JSON.parse(
      JSON.stringify(defaultRules()).replace('{', '{"__proto__":{"polluted":true},'),
    );
    expect(validateRules(input).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([null, 42, 'rules', [], {}, { interaction: null }])(
    'refuses %p with errors, never throws',
    (input) => {
      const result = validateRules(input);
      expect(result.ok).toBe(false);
    },
  );

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateRules(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on the default rules with one leaf replaced by random JSON', () => {
    const paths = [
      ['interaction', 'maxPoints'],
      ['judging', 'criteria'],
      ['judging', 'aggregation'],
      ['finalists'],
      ['prizes'],
      ['dates'],
      ['final', 'parts'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const rules = defaultRules() as unknown as Record<string, unknown>;
        let target = rules;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path[path.length - 1]!] = value;
        expect(() => validateRules(rules)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
