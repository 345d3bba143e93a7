import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's own bundle, read once from the npm package (no network, no CDN). */
let source: string | null = null;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** The WCAG 2.1 A and AA rules (axe's tags), the level a public-sector site must meet. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page and fails with a readable list when any WCAG 2.1 A/AA rule is
 * broken. The script is evaluated through the DevTools protocol, which the page's Content
 * Security Policy does not apply to (an injected <script> tag would be refused by it).
 * `exclude` takes CSS selectors of parts that are not ours to fix (none today).
 */
export async function expectNoAxeViolations(page: Page, exclude: string[] = []): Promise<void> {
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource());
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_21_AA } });
  const context = JSON.stringify({ exclude: exclude.map((s) => [s]) });
  // (a string: this file is type-checked without the DOM library)
  const violations = await page.evaluate<Violation[]>(
    `axe.run(${exclude.length ? context : 'document'}, ${options}).then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))`,
  );
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
        .join('\n'),
  );
  expect({ url: page.url(), violations: report }).toEqual({ url: page.url(), violations: [] });
}
