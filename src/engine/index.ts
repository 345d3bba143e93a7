/**
 * The scoring engine: plain data in, plain data out. No framework, database, file or network
 * access (ESLint enforces it). Points are integers in hundredths; see README.md for rounding.
 */
export * from './decimal';
export * from './default-rules';
export * from './errors';
export * from './finalists';
export * from './interaction-points';
export * from './rounds';
export type { AggregateResult, JudgeTotal } from './mean';
export { aggregateTotals } from './mean';
export * from './preliminary';
export * from './prizes';
export * from './ranking';
export * from './rules';
export type { ScoreItem } from './scorecards';
export type { PanelPerson, PanelPlan } from './panels';
export { assignPanels } from './panels';
export * from './side-prizes';
