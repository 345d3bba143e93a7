import { defaultRules } from '../engine';
import { validateRules } from './validate-rules';

describe('default rules', () => {
  it("aggregate the judges' totals by the plain mean in both rounds (DESIGN.md: trimmed mean is an option)", () => {
    const rules = defaultRules();
    expect(rules.judging.aggregation).toEqual({ kind: 'mean' });
    expect(rules.final.aggregation).toEqual({ kind: 'mean' });
    expect(validateRules(rules)).toEqual({ ok: true, rules });
  });
});
