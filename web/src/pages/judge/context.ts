import type { Me } from '../../api';
import type { Contest, ContestRules } from './data';
import type { Outbox } from './outbox';

/** What every judge screen gets from the shell. */
export interface JudgeCtx {
  me: Me;
  contestId: string;
  outbox: Outbox;
  contest: Contest | null;
  rules: ContestRules | null;
}
